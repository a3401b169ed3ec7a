"""Tests of tthc_docs.nlp.gazetteer: matching keys, near-miss guards, loading once."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from tthc_docs.nlp.agencies import canonical_agency
from tthc_docs.nlp.gazetteer import (
    FUZZY_MIN_SCORE,
    agency_key,
    folded_phrase,
    gazetteer,
    gazetteer_data,
    may_end_a_name,
    near_miss,
    starts_with_setting,
    surfaces,
)


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


@pytest.mark.parametrize(("text", "setting", "starts"), [
    ("Sở Y tế", "proper_heads", True),
    ("Chi cục Thuế", "proper_heads", True),
    ("Trung tâm Công nghệ thông tin", "proper_heads", True),
    ("Trung", "proper_heads", False),  # half of "Trung tâm"
    ("Sởi", "proper_heads", False),  # a word, not a head, however it begins
    ("Các cơ quan liên quan", "common_heads", True),  # "các" is a filler: "cơ quan" heads the key
    ("cơ", "common_heads", False),
    ("Các", "common_heads", True),  # "các" alone: a head the list after it shares
])
def test_starts_with_setting_on_agency_keys(text, setting, starts):
    assert starts_with_setting(agency_key(text), setting) is starts


@pytest.mark.parametrize(("text", "starts"), [
    ("Theo Kế hoạch số 12/KH-UBND", True),
    ("Đã được phân công tại Quyết định 403", True),
    ("ĐÃ ĐƯỢC PHÂN CÔNG", True),
    ("Theodore", False),
    ("Sở Tư pháp theo dõi", False),
])
def test_starts_with_setting_on_folded_phrases(text, starts):
    assert starts_with_setting(folded_phrase(text), "reference_markers") is starts


@pytest.mark.parametrize(("text", "phrase"), [
    ("Sở TT&TT", "sở tt và tt"),
    ("(Ðà Nẵng)", "đà nẵng"),  # Icelandic eth read as Vietnamese đ
    ("NẾU  CÓ", "nếu có"),
    ("để b/c", "để b c"),
    ("", ""),
])
def test_folded_phrase(text, phrase):
    assert folded_phrase(text) == phrase


def test_the_last_words_of_every_wording_may_end_a_name():
    data = gazetteer_data()
    for entry in data.entries:
        for wording in surfaces(entry, tuple(data.raw["provinces"])):
            words = agency_key(wording).split()
            assert all(may_end_a_name(" ".join(words[n:])) for n in range(len(words))), wording


def test_may_end_a_name_is_the_last_words_of_every_accepted_key():
    # Every key resolve_agency accepts, its last words listed one by one; the gazetteer keeps
    # those of provincial keys followed by a suffix implicitly (there are thousands).
    data = gazetteer_data()
    accepted = [*data.index, *(f"{k} {suffix}" for k, entry in data.index.items() if entry.level == "tinh"
                               for suffix in data.keyed["province_suffixes"])]
    endings = {" ".join(words[n:]) for k in accepted for words in [k.split(" ")] for n in range(len(words))}
    spans = {" ".join(words[i:j]) for k in accepted for words in [k.split(" ")]
             for i in range(len(words)) for j in range(i + 1, len(words))}  # not at the end
    assert all(may_end_a_name(e) for e in endings)
    assert spans - endings and not any(may_end_a_name(s) for s in spans - endings)
    assert not any(may_end_a_name(f"{e} {e}") for e in endings if f"{e} {e}" not in endings)


@pytest.mark.parametrize(("text", "ends"), [
    ("xã", True), ("Y tế", True), ("Du lịch tỉnh", True),  # "Sở … Du lịch" with a province suffix
    ("Công nghệ thông tin", False), ("Ngoại vụ tỉnh Lào Cai", False), ("Trung tâm Y", False),
])
def test_may_end_a_name(text, ends):
    assert may_end_a_name(agency_key(text)) is ends


@pytest.mark.parametrize(("written", "wording"), [
    ("Sở Giao giao thông vận tải", "Sở Giao thông vận tải"),
    ("Trung tâm phục hành chính công tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("Sở Nông nghiệp và Phát triển nông thông", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở Thông tin và Truyền hình", None),  # a different word
    ("Bộ Giao thông vận tảii", "Bộ Giao thông vận tải"),
    ("Xở Giao thông vận tải", None),  # near enough, but a near miss keeps the first word
    ("Sở Ngoại vụ tỉnh Lào Cai", None),
])
def test_near_miss(written, wording):
    miss = near_miss(written)
    assert (miss.wording if miss else None) == wording
