"""The Vietnamese wording helpers, on dates and numbers from the seeds
(Quyết định 242/QĐ-UBND of An Giang and its căn cứ) and domain.md."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc_docs.errors import DataError
from tthc_docs.readers.sheets import parse_date
from tthc_docs.render.formatting import (
    arabic,
    date_in_words,
    number_line,
    place_and_date,
    point_letter,
    recipient_lines,
    roman,
    upper_vi,
)


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


@pytest.mark.parametrize(("place", "value", "line"), [
    ("An Giang", date(2025, 2, 24), "An Giang, ngày 24 tháng 02 năm 2025"),
    ("Hải Dương", date(2022, 12, 9), "Hải Dương, ngày 09 tháng 12 năm 2022"),
    ("Quảng Ngãi", date(2024, 5, 13), "Quảng Ngãi, ngày 13 tháng 5 năm 2024"),
    ("  Hải Phòng ", date(2025, 7, 1), "Hải Phòng, ngày 01 tháng 7 năm 2025"),
])
def test_place_and_date(place, value, line):
    assert place_and_date(place, value) == line


def test_place_and_date_needs_a_place():
    with pytest.raises(DataError, match="place"):
        place_and_date("  ", date(2025, 1, 1))


@pytest.mark.parametrize(("number", "line"), [
    ("12/KH-UBND", "Số: 12/KH-UBND"),
    ("242/QĐ-UBND", "Số: 242/QĐ-UBND"),
    ("Số: 2370/UBND-TTHC", "Số: 2370/UBND-TTHC"),
    ("số 5755/KH-UBND", "Số: 5755/KH-UBND"),
    ("11/2024/CT-UBND", "Số: 11/2024/CT-UBND"),
    ("     /KH-UBND", "Số: /KH-UBND"),
])
def test_number_line(number, line):
    assert number_line(number) == line


@pytest.mark.parametrize("number", ["", "Số:", "   "])
def test_number_line_refuses_an_empty_number(number):
    with pytest.raises(DataError, match="number"):
        number_line(number)


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


@pytest.mark.parametrize(("n", "numeral"), [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"),
                                            (13, "XIII"), (14, "XIV"), (40, "XL"), (1990, "MCMXC")])
def test_roman(n, numeral):
    assert roman(n) == numeral


@pytest.mark.parametrize(("n", "letter"), [(1, "a)"), (2, "b)"), (4, "d)"), (5, "đ)"), (6, "e)"), (7, "g)"),
                                           (10, "k)"), (23, "y)")])
def test_point_letters(n, letter):
    assert point_letter(n) == letter


@pytest.mark.parametrize(("helper", "bad"), [(roman, 0), (roman, 4000), (point_letter, 0), (point_letter, 24),
                                             (arabic, 0)])
def test_numbering_out_of_range(helper, bad):
    with pytest.raises(DataError, match=str(bad)):
        helper(bad)


def test_arabic():
    assert [arabic(n) for n in (1, 2, 10)] == ["1.", "2.", "10."]


def test_recipient_lines_punctuation():
    assert recipient_lines(["Như Điều 3", "Văn phòng Chính phủ (Cục KSTTHC);", "- CT, các PCT UBND tỉnh,",
                            "", "Lưu: VT, TTHC."]) == (
        "- Như Điều 3;", "- Văn phòng Chính phủ (Cục KSTTHC);", "- CT, các PCT UBND tỉnh;", "- Lưu: VT, TTHC.")


@pytest.mark.parametrize(("value", "expected"), [
    ("24/02/2025", date(2025, 2, 24)),
    ("5/2/2025", date(2025, 2, 5)),
    ("05-02-2025", date(2025, 2, 5)),
    ("05.02.2025", date(2025, 2, 5)),
    ("05/02/2025 14:30", date(2025, 2, 5)),       # one-stop exports carry the time
    ("2025-02-24", date(2025, 2, 24)),
    ("2025-02-24T08:00:00", date(2025, 2, 24)),
    (datetime(2025, 2, 5, 9, 15), date(2025, 2, 5)),
    (date(2025, 2, 5), date(2025, 2, 5)),
    (45693, date(2025, 2, 5)),                     # an Excel serial left as a number
    (45693.0, date(2025, 2, 5)),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2025", "Tháng 5/2021", "", None, "12/2025", 12, "2025/02/05"])
def test_parse_date_refuses_what_is_not_a_date(value):
    with pytest.raises(DataError, match="date|ngày") as caught:
        parse_date(value, what="ngày hẹn")
    assert "ngày hẹn" in str(caught.value)


def test_one_date_rule_for_metadata_and_sheets():
    with pytest.raises(DataError, match="not an Excel date of 1950–2099"):
        parse_date(15000, what="date")         # 1941: accepted by the renderer's old rule (1927–2064)
    assert parse_date(65000) == date(2077, 12, 16)
