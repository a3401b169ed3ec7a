"""Wording of formal documents that only the renderer writes (Nghị định 30/2020/NĐ-CP,
Phụ lục I): the địa danh line, the number line, item numbering, the Nơi nhận list.
Dates, upper case and Roman numerals are in :mod:`tthc_docs.vietnamese`.

    >>> place_and_date("An Giang", date(2025, 2, 24))
    'An Giang, ngày 24 tháng 02 năm 2025'
    >>> number_line("12/KH-UBND")
    'Số: 12/KH-UBND'
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import DataError
from ..vietnamese import date_in_words, nfc
from .settings import format_rules

_NUMBER_PREFIX = re.compile(r"^\s*số\s*:?\s*", re.IGNORECASE)


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
