"""Reading spreadsheets staff filled in: the workbook, its header row, its dates.

Shared by the task-table reader (``readers/tasktable.py``) and the late-dossier
reader (``render/dossiers.py``), so both refuse the same unsafe files, find a
header the same way and read a date cell by one rule:

* a real date (or date-time) cell;
* an Excel serial number left without its date format, when it falls between
  01/01/1950 and 31/12/2099 (a smaller or larger number in a date column is a
  typing slip such as "5", not a date);
* ``dd/mm/yyyy`` (``/``, ``.`` or ``-``; a time after it, as one-stop exports
  write, is ignored) or ISO ``yyyy-mm-dd`` (with or without a time).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from ..errors import DataError
from .boundary import open_workbook, sheet_names, sheet_rows

T = TypeVar("T")

# Excel stores dates as days since 1899-12-30; these serials are 1950-01-01 … 2099-12-31.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = range(18264, 73051)
_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?:[\sT,]+\d{1,2}[:h]\d{2}(?::\d{2})?)?\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$")


def read_sheets(data: bytes, source: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet of an .xlsx workbook as its rows of cell values, in sheet order.

    Through the parser boundary (:mod:`~tthc_docs.readers.boundary`): the zip
    container is checked first (damaged, password protected, zip bomb), then
    anything a damaged workbook raises while opening or while reading rows is a
    :class:`~tthc_docs.errors.CorruptFileError` naming ``source``, and sheets are
    bounded by the limits table."""
    with open_workbook(data, source) as book:
        return {name: sheet_rows(book, name, source) for name in sheet_names(book, source)}


def header_columns(row: Sequence[Any], lookup: Callable[[str], T | None]) -> dict[int, T]:
    """Which column of ``row`` is which field: ``lookup`` names the field a header
    text is, or None; a field named twice keeps its first column."""
    found: dict[int, T] = {}
    for index, value in enumerate(row):
        field = lookup(str(value)) if value is not None else None
        if field is not None and field not in found.values():
            found[index] = field
    return found


def find_header(rows: Sequence[Sequence[Any]], lookup: Callable[[str], T | None],
                enough: Callable[[dict[int, T]], bool], search_rows: int) -> tuple[int, dict[int, T]] | None:
    """The first of the first ``search_rows`` rows whose columns are ``enough``
    (a title above the table is skipped), with its columns; None when none is."""
    for index, row in enumerate(rows[:search_rows]):
        columns = header_columns(row, lookup)
        if enough(columns):
            return index, columns
    return None


def parse_date(value: object, *, what: str = "date") -> date:
    """A date from a spreadsheet cell or a metadata file, by the rule in the module
    docstring; ``what`` names the value in the :class:`DataError` otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or int(value) not in _EXCEL_SERIALS:
            raise DataError(f"{what} {value!r} is not a date: a number that is not an Excel date of 1950–2099")
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = unicodedata.normalize("NFC", str(value)).strip() if value is not None else ""
    try:
        if match := _DMY.match(text):
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        if match := _ISO.match(text):
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
    except ValueError as exc:
        raise DataError(f"{what} {text!r} is not a real date: {exc}") from exc
    raise DataError(f"{what} {text!r} is not a date (expected dd/mm/yyyy)")
