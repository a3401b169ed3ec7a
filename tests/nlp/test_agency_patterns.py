"""Tests of tthc_docs.nlp.agency_patterns: spaCy EntityRuler patterns for agency names."""

from __future__ import annotations

import pytest
import spacy

from tthc_docs.nlp.agencies import canonical_agency
from tthc_docs.nlp.agency_patterns import agency_patterns
from tthc_docs.nlp.gazetteer import gazetteer

VP = "Văn phòng Ủy ban nhân dân tỉnh"


def test_patterns_are_well_formed():
    patterns = agency_patterns()
    names = {e.name for e in gazetteer()}
    assert all(p["label"] == "AGENCY" and set(p) <= {"label", "pattern", "id"} for p in patterns)
    phrase = [p for p in patterns if isinstance(p["pattern"], str)]
    tokens = [p for p in patterns if isinstance(p["pattern"], list)]
    assert len(phrase) + len(tokens) == len(patterns) and tokens
    assert all(p["pattern"].strip() and p["id"] in names for p in phrase)
    assert {p["id"] for p in phrase} == names
    assert all(p["pattern"] and all(isinstance(t, dict) and t for t in p["pattern"]) and "id" not in p
               for p in tokens)


@pytest.fixture(scope="module")
def ruler_nlp():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True}).add_patterns(
        agency_patterns())
    return nlp


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Giao Sở Kế hoạch và Đầu tư chủ trì thực hiện", [("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư")]),
    ("Văn phòng Uỷ ban nhân dân tỉnh theo dõi", [("Văn phòng Uỷ ban nhân dân tỉnh", VP)]),
    ("Báo Hải Dương đưa tin", [("Báo Hải Dương", "Báo tỉnh")]),
    ("Giao Sở Ngoại vụ tỉnh Lào Cai thực hiện", [("Sở Ngoại vụ tỉnh Lào Cai", None)]),
    ("UBND huyện Châu Thành báo cáo", [("UBND huyện Châu Thành", None)]),
])
def test_patterns_find_agencies_in_running_text(ruler_nlp, sentence, expected):
    found = [(e.text, e.ent_id_ or canonical_agency(e.text)) for e in ruler_nlp(sentence).ents]
    assert found == expected
