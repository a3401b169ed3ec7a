"""The Vietnamese wording every stage shares, on dates and names from the seeds
(Quyết định 242/QĐ-UBND of An Giang and its căn cứ, Kế hoạch 5755/KH-UBND) and domain.md."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc_docs.errors import DataError
from tthc_docs.vietnamese import date_in_words, date_short, roman, strip_accents, upper_vi

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


@pytest.mark.parametrize(("value", "words"), [
    (date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),     # the example
    (date(2025, 2, 24), "ngày 24 tháng 02 năm 2025"),    # QĐ 242/QĐ-UBND, An Giang
    (date(2025, 1, 8), "ngày 08 tháng 01 năm 2025"),     # Nghị quyết 01/NQ-CP
    (date(2015, 6, 19), "ngày 19 tháng 6 năm 2015"),     # Luật Tổ chức chính quyền địa phương
    (date(2010, 6, 8), "ngày 08 tháng 6 năm 2010"),      # Nghị định 63/2010/NĐ-CP
    (date(2019, 11, 22), "ngày 22 tháng 11 năm 2019"),
    (date(2021, 12, 6), "ngày 06 tháng 12 năm 2021"),    # Nghị định 107/2021/NĐ-CP
    (date(2024, 10, 1), "ngày 01 tháng 10 năm 2024"),
])
def test_date_in_words(value, words):
    assert date_in_words(value) == words


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_date_in_words_zero_rule_and_round_trip(value):
    words = date_in_words(value)
    day, month, year = re.fullmatch(r"ngày (\d+) tháng (\d+) năm (\d+)", words).groups()
    assert len(day) == 2
    assert len(month) == (2 if value.month <= 2 or value.month >= 10 else 1)
    assert date(int(year), int(month), int(day)) == value


@pytest.mark.parametrize(("value", "text"), [
    (date(2021, 5, 27), "27/05/2021"),     # Kế hoạch 5755/KH-UBND (written "27/5/2021" there)
    (date(2024, 2, 15), "15/02/2024"),     # "Trước ngày 15/02/2024"
    (date(2025, 1, 8), "08/01/2025"),      # Nghị quyết 01/NQ-CP ngày 08/01/2025
])
def test_date_short(value, text):
    assert date_short(value) == text


@pytest.mark.parametrize(("text", "upper"), [
    ("Kế hoạch cải cách thủ tục hành chính", "KẾ HOẠCH CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    ("Ủy ban nhân dân tỉnh An Giang", "ỦY BAN NHÂN DÂN TỈNH AN GIANG"),
    ("Độc lập - Tự do - Hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
    # decomposed input (base letter + combining marks) comes out composed
    (unicodedata.normalize("NFD", "phó chủ tịch"), "PHÓ CHỦ TỊCH"),
])
def test_upper_vi(text, upper):
    result = upper_vi(text)
    assert result == upper
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(("n", "numeral"), [
    (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (6, "VI"), (9, "IX"), (13, "XIII"), (14, "XIV"),
    (19, "XIX"), (40, "XL"), (49, "XLIX"), (90, "XC"), (400, "CD"), (900, "CM"), (1990, "MCMXC"),
    (1994, "MCMXCIV"), (2025, "MMXXV"), (3999, "MMMCMXCIX"),
])
def test_roman(n, numeral):
    assert roman(n) == numeral


def test_every_roman_numeral_reads_back():
    for n in range(1, 4000):
        digits = [ROMAN_VALUES[c] for c in roman(n)]
        # a smaller numeral before a larger one is subtracted ("IV", "XC")
        assert sum(-d if d < after else d for d, after in zip(digits, [*digits[1:], 0])) == n
        assert "IIII" not in roman(n) and "XXXX" not in roman(n) and "CCCC" not in roman(n)


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_roman_out_of_range(n):
    with pytest.raises(DataError, match=str(n)):
        roman(n)


@pytest.mark.parametrize(("text", "expected"), [
    ("Đã hoàn thành", "Da hoan thanh"),
    ("Chưa thực hiện", "Chua thuc hien"),
    ("Sở Tư pháp", "So Tu phap"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CONG HOA XA HOI CHU NGHIA VIET NAM"),
    (unicodedata.normalize("NFD", "Ủy ban"), "Uy ban"),
])
def test_strip_accents(text, expected):
    assert strip_accents(text) == expected
