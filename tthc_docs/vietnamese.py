"""Vietnamese wording shared by every stage: dates as documents write them,
upper case that keeps the diacritics, Roman numerals, text without accents.

    >>> date_in_words(date(2025, 2, 5))
    'ngày 05 tháng 02 năm 2025'
    >>> date_short(date(2025, 2, 5))
    '05/02/2025'
    >>> roman(14)
    'XIV'

Days below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02"),
other months do not ("tháng 3"): the rule of Nghị định 30/2020/NĐ-CP, so that
nobody can add a digit to the date by hand.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from .errors import DataError

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
ROMAN_RANGE = range(1, 4000)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def date_in_words(value: date) -> str:
    """``ngày 05 tháng 02 năm 2025``: zero before days 1–9 and months 1–2."""
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def date_short(value: date) -> str:
    """``05/02/2025``, the form used inside tables, cells and citations."""
    return value.strftime("%d/%m/%Y")


def upper_vi(text: str) -> str:
    """Upper case for titles, keeping every diacritic as one code point (NFC), so
    "kế hoạch cải cách" gives "KẾ HOẠCH CẢI CÁCH" whatever form the input used."""
    return nfc(nfc(text).upper())


def roman(number: int) -> str:
    """``I``, ``II``, … ``XIV``, ``MCMXC``: numbering of parts (phần, mục) and of
    Roman-numbered lists; a DataError outside 1–3999, which Roman numerals cannot write."""
    if number not in ROMAN_RANGE:
        raise DataError(f"no Roman numeral for {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def strip_accents(text: str) -> str:
    """Vietnamese without diacritics ("Đã hoàn thành" → "Da hoan thanh"), for words
    typed on a keyboard without a Vietnamese input method."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
