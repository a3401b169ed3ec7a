"""Vietnamese wording of formal documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

    >>> date_in_words(date(2025, 2, 5))
    'ngày 05 tháng 02 năm 2025'
    >>> place_and_date("An Giang", date(2025, 2, 24))
    'An Giang, ngày 24 tháng 02 năm 2025'
    >>> number_line("12/KH-UBND")
    'Số: 12/KH-UBND'

Days below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02"),
other months do not ("tháng 3"): the decree's rule, so that nobody can add a digit
to the date by hand.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..errors import DataError
# Re-exported for the command line's --as-of: every date is read by the one rule of readers/sheets.py.
from .settings import format_rules

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_NUMBER_PREFIX = re.compile(r"^\s*số\s*:?\s*", re.IGNORECASE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def date_in_words(value: date) -> str:
    """``ngày 05 tháng 02 năm 2025``: zero before days 1–9 and months 1–2."""
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def date_short(value: date) -> str:
    """``05/02/2025``, the form used inside tables and citations."""
    return value.strftime("%d/%m/%Y")


def place_and_date(place: str, value: date) -> str:
    """``An Giang, ngày 24 tháng 02 năm 2025`` (the địa danh line, italic in the document)."""
    place = nfc(place).strip()
    if not place:
        raise DataError("the place of issue (địa danh) is empty")
    return f"{place}, {date_in_words(value)}"


def number_line(number: str) -> str:
    """``Số: 12/KH-UBND``; a number already written with "Số:" is not doubled."""
    body = _NUMBER_PREFIX.sub("", nfc(number)).strip()
    if not body:
        raise DataError(f"the document number is empty: {number!r}")
    return f"Số: {body}"


def upper_vi(text: str) -> str:
    """Upper case for titles, keeping every diacritic as one code point (NFC), so
    "kế hoạch cải cách" gives "KẾ HOẠCH CẢI CÁCH" whatever form the input used."""
    return nfc(nfc(text).upper())


def roman(number: int) -> str:
    """``I``, ``II``, … ``XIV``: numbering of parts (phần, mục)."""
    if not 1 <= number <= 3999:
        raise DataError(f"no Roman numeral for {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def arabic(number: int) -> str:
    """``1.``, ``2.``: numbering of khoản."""
    if number < 1:
        raise DataError(f"no item number for {number}")
    return f"{number}."


def point_letter(number: int) -> str:
    """``a)``, ``b)``, … ``đ)``: numbering of điểm in Vietnamese alphabet order."""
    letters = format_rules().point_letters
    if not 1 <= number <= len(letters):
        raise DataError(f"no point letter for item {number}: the alphabet has {len(letters)} letters")
    return f"{letters[number - 1]})"


def recipient_lines(recipients: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The Nơi nhận list: each line "- …;", the last one "- …." (usually "Lưu: VT, …")."""
    items = [nfc(str(r)).strip().lstrip("-–•+ ").rstrip(" ;,.") for r in recipients]
    items = [i for i in items if i]
    return tuple(f"- {item}{'.' if n == len(items) - 1 else ';'}" for n, item in enumerate(items))
