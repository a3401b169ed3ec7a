"""Tests of tthc_docs.nlp.gazetteer: matching keys, near-miss guards, loading once."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from tthc_docs.nlp.agencies import canonical_agency
from tthc_docs.nlp.gazetteer import FUZZY_MIN_SCORE, agency_key, gazetteer


@pytest.mark.parametrize(("near_miss", "name"), [
    ("Sở Giao giao thông vận tải", "Sở Giao thông vận tải"),
    ("Trung tâm phục hành chính công tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"),
])
def test_accepted_near_misses_score_above_the_threshold(near_miss, name):
    assert agency_key(near_miss) != agency_key(name)
    assert fuzz.ratio(agency_key(near_miss), agency_key(name)) >= FUZZY_MIN_SCORE


def test_near_miss_to_a_different_agency_is_not_taken():
    # "Sở Nội vụ" and "Sở Ngoại vụ" score above the threshold but are short: two agencies.
    assert fuzz.ratio(agency_key("Sở Nội vụ"), agency_key("Sở Ngoại vụ")) >= FUZZY_MIN_SCORE - 2
    assert canonical_agency("Sở Ngoai vụ") is None


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", True),
    ("Uỷ ban nhân dân tỉnh", "UBND tỉnh", True),
    ("Thuỷ lợi", "Thủy lợi", True),
    ("Sở Kế hoạch – Đầu tư", "Sở Kế hoạch và Đầu tư", True),
    ("Các cơ quan có liên quan", "cơ quan liên quan", True),
    ("Sở Nội vụ", "Sở Ngoại vụ", False),
    ("Bộ Tư pháp", "Sở Tư pháp", False),
    ("Sở Y tế", "Sở Ý tế", False),
])
def test_agency_key(a, b, same):
    assert (agency_key(a) == agency_key(b)) is same


def test_gazetteer_is_loaded_once():
    assert gazetteer() is gazetteer()
