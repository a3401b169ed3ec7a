"""Tests of tthc_docs.text.phrases: vocabulary keys and the longest-first alternation."""

from __future__ import annotations

import re

import pytest

from tthc_docs.text.phrases import header_key, longest_first, phrase_key


@pytest.mark.parametrize("text, expected", [
    ("  Trạng  thái ", "trạng thái"),
    ("Hoàn thành.", "hoàn thành"),
    ("STT/Mã", "stt mã"),
    ("Cơ quan chủ trì/phối hợp", "cơ quan chủ trì phối hợp"),
    ("Thời hạn (hoàn thành)", "thời hạn hoàn thành"),
    ("Ho\u0300n tha\u0300nh", "hòn thành"),  # decomposed marks compare equal to composed
    ("ĐÃ HOÀN THÀNH;", "đã hoàn thành"),
])
def test_header_key(text, expected):
    assert header_key(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Quý  I", "quý i"),
    ("HÀNG\tTHÁNG", "hàng tháng"),
    (" tối thiểu\n", "tối thiểu"),
])
def test_phrase_key(text, expected):
    assert phrase_key(text) == expected


@pytest.mark.parametrize("phrases, text, found", [
    (["quý", "quý I"], "Quý I/2025", "Quý I"),            # the longer phrase wins where both start
    (["trước", "trước ngày"], "trước  ngày 15/3", "trước  ngày"),  # any run of spaces between words
    (["6 tháng", "6 tháng đầu năm"], "6 tháng\nđầu năm", "6 tháng\nđầu năm"),
])
def test_longest_first_with_any_space_between_words(phrases, text, found):
    assert re.search(longest_first(phrases), text, re.IGNORECASE).group() == found


@pytest.mark.parametrize("gap, text, found", [
    (None, "trước  ngày", "trước"),        # exactly as written: two spaces are not one
    (r"[^\S\n]+", "trước\nngày", "trước"),  # a gap that never crosses a line
    (r"[^\S\n]+", "trước \t ngày", "trước \t ngày"),
])
def test_longest_first_gap(gap, text, found):
    assert re.search(longest_first(["trước", "trước ngày"], gap=gap), text).group() == found


def test_longest_first_escapes_and_is_one_group():
    pattern = longest_first(["(a)", "1.5%"])
    assert re.fullmatch(pattern, "1.5%") and not re.fullmatch(pattern, "1x5%")
    assert re.compile(pattern).groups == 0
