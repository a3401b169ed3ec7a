"""Tests of tthc_docs.nlp.agency_patterns: spaCy EntityRuler patterns for agency names."""

from __future__ import annotations

import unicodedata

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_docs.nlp.agencies import canonical_agency
from tthc_docs.nlp.agency_patterns import _OLD_TONE, _contractions, _new_tone_style, _spelled_out, agency_patterns
from tthc_docs.nlp.gazetteer import gazetteer, gazetteer_data, surfaces

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


@pytest.mark.parametrize(("text", "moved"), [
    ("hóa", "hoá"), ("Ủy ban", "Uỷ ban"), ("Sở Văn hóa, Thể thao", "Sở Văn hoá, Thể thao"),
    ("Thủy lợi", "Thuỷ lợi"), ("hòa  bình", "hoà  bình"), ("Khánh Hòa\nHóa", "Khánh Hoà\nHoá"),
    ("quý", "quý"), ("hóa1", "hóa1"), ("hoá", "hoá"), ("tuy", "tuy"),
    (unicodedata.normalize("NFD", "Thanh Hóa"), "Thanh Hoá"),
])
def test_new_tone_style(text, moved):
    assert _new_tone_style(text) == moved


def _tone_style_of_whole_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_TONE.sub(lambda m: m[1] + m[3] + m[2], decomposed))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("oOuUaAeEyYqQhtn ,\n\t\u00a0") + list("óỏòõọủúùũụ")
                                        + ["\u0301", "\u0309", "\u0323", "\u0302"]), max_size=24))
def test_the_tone_mark_moves_word_by_word_as_in_the_whole_text(text):
    assert _new_tone_style(text) == _tone_style_of_whole_text(text)


def _contractions_one_by_one(text: str) -> set[str]:
    forms, contracted = {text}, text
    for spelled, abbreviation in _spelled_out()[1]:
        forms.add(spelled.sub(abbreviation, text))
        contracted = spelled.sub(abbreviation, contracted)
    return forms | {contracted}


def test_contractions_of_every_wording_and_more():
    data = gazetteer_data()
    texts = [s for e in data.entries for s in surfaces(e, tuple(data.raw["provinces"]))]
    texts += ["ỦY BAN NHÂN DÂN tỉnh", "Văn phòng Ủy ban  nhân dân tỉnh và Hội đồng nhân dân", "Sở Y tế", ""]
    assert any(len(_contractions(t)) > 2 for t in texts)
    for text in texts:
        assert _contractions(text) == _contractions_one_by_one(text), text
