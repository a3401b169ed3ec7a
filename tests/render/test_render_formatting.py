"""The renderer's own wording helpers, on places, numbers and recipients from the
seeds (Quyết định 242/QĐ-UBND of An Giang and its căn cứ) and domain.md."""

from __future__ import annotations

from datetime import date

import pytest

from tthc_docs.errors import DataError
from tthc_docs.render.formatting import arabic, number_line, place_and_date, point_letter, recipient_lines


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


@pytest.mark.parametrize(("n", "letter"), [(1, "a)"), (2, "b)"), (4, "d)"), (5, "đ)"), (6, "e)"), (7, "g)"),
                                           (10, "k)"), (23, "y)")])
def test_point_letters(n, letter):
    assert point_letter(n) == letter


@pytest.mark.parametrize(("helper", "bad"), [(point_letter, 0), (point_letter, 24), (arabic, 0)])
def test_numbering_out_of_range(helper, bad):
    with pytest.raises(DataError, match=str(bad)):
        helper(bad)


def test_arabic():
    assert [arabic(n) for n in (1, 2, 10)] == ["1.", "2.", "10."]


def test_recipient_lines_punctuation():
    assert recipient_lines(["Như Điều 3", "Văn phòng Chính phủ (Cục KSTTHC);", "- CT, các PCT UBND tỉnh,",
                            "", "Lưu: VT, TTHC."]) == (
        "- Như Điều 3;", "- Văn phòng Chính phủ (Cục KSTTHC);", "- CT, các PCT UBND tỉnh;", "- Lưu: VT, TTHC.")
