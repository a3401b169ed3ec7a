"""Normalised text: two spellings of the same Vietnamese compare equal, and
nothing else does."""

from __future__ import annotations

import unicodedata

import pytest

from tthc_docs.diff.normal import canonical, match_key


@pytest.mark.parametrize("written, expected", [
    ("Chuẩn hoá danh mục", "Chuẩn hóa danh mục"),          # old tone placement
    ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    ("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
    ("sức khoẻ", "sức khỏe"),
    ("Văn hoá, Thể thao", "Văn hóa, Thể thao"),
    ("hoàn thành", "hoàn thành"),                           # mark before a consonant: same in both styles
    ("thuyền", "thuyền"),
    ("Quý IV/2021", "Quý IV/2021"),                          # "qu": the u is no vowel
    ("quỹ đất", "quỹ đất"),
    ("Sở  Tư pháp\n(Phòng  KSTTHC)", "Sở Tư pháp (Phòng KSTTHC)"),
    (unicodedata.normalize("NFD", "Thủ tục hành chính"), "Thủ tục hành chính"),
    (None, ""),
])
def test_canonical(written, expected):
    assert canonical(written) == expected


@pytest.mark.parametrize("a, b", [
    ("1. Xây dựng Kế hoạch, các văn bản chỉ đạo.", "Xây dựng kế hoạch các văn bản chỉ đạo"),
    ("a) Rà soát thủ tục hành chính;", "rà soát thủ tục hành chính"),
    ("- Tiếp tục cập nhật, chuẩn hoá danh mục", "Tiếp tục cập nhật chuẩn hóa danh mục"),
    ("II. Năm 2022", "Năm 2022"),
])
def test_match_key_ignores_numbering_case_and_punctuation(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize("a, b", [
    ("Sở Tư pháp", "Sở Tư Pháp Tỉnh"),
    ("Quý IV/2021", "Quý I/2021"),
    ("30 phút", "15 phút"),
])
def test_match_key_keeps_words_and_numbers(a, b):
    assert match_key(a) != match_key(b)
