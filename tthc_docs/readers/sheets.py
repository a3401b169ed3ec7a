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
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from ..errors import DataError, DateDetail, DateProblem
from ..wording import say
from .boundary import open_workbook, parser_boundary, sheet_names, sheet_rows

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


def workbook_sheet_names(data: bytes, source: str) -> tuple[str, ...]:
    """The names of the sheets of an .xlsx workbook (errors as :func:`read_sheets`)."""
    with open_workbook(data, source) as book:
        return tuple(sheet_names(book, source))


@dataclass(frozen=True)
class Grid:
    """A worksheet laid out as a document table is: ``rows`` of cell values, a
    merged range's value repeated in every cell it covers (a section title merged
    across the row, an agency merged down over its tasks), a number the sheet
    formats as a percentage given as its text ("80%"). ``clipped`` says the sheet
    was larger than :data:`MAX_GRID_ROWS` × :data:`MAX_GRID_COLUMNS` and was cut."""

    name: str
    rows: tuple[tuple[Any, ...], ...]
    clipped: bool = False


# Task tables are a few dozen columns at most; these bound what a hostile sheet
# (a merge over a million rows, a cell at XFD1048576) can make us build.
MAX_GRID_ROWS = 100_000
MAX_GRID_COLUMNS = 64


def read_grids(data: bytes, source: str) -> tuple[Grid, ...]:
    """Every worksheet of an .xlsx workbook as a :class:`Grid`, in sheet order
    (errors as :func:`read_sheets`); chart sheets are left out."""
    with open_workbook(data, source, read_only=False) as book, parser_boundary(source, "the Excel .xlsx workbook"):
        return tuple(_grid(sheet) for sheet in book.worksheets)


def _grid(sheet) -> Grid:
    height, width = min(sheet.max_row, MAX_GRID_ROWS), min(sheet.max_column, MAX_GRID_COLUMNS)
    rows = [[_value(cell) for cell in row] for row in sheet.iter_rows(max_row=height, max_col=width)]
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= height or left >= width:
            continue
        value = rows[top][left]
        for r in range(top, min(merged.max_row, height)):
            for c in range(left, min(merged.max_col, width)):
                rows[r][c] = value
    clipped = sheet.max_row > height or sheet.max_column > width
    return Grid(sheet.title, tuple(map(tuple, rows)), clipped)


def _value(cell) -> Any:
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return f"{value * 100:g}%"
    return value


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
    docstring; ``what`` names the value in the :class:`DataError` otherwise, whose
    :class:`DateDetail` says why."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or int(value) not in _EXCEL_SERIALS:
            raise _not_a_date(DateDetail(DateProblem.NOT_EXCEL_DATE, what, value))
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
        raise _not_a_date(DateDetail(DateProblem.NOT_REAL, what, text, str(exc))) from exc
    raise _not_a_date(DateDetail(DateProblem.NOT_DAY_MONTH_YEAR, what, text))


def _not_a_date(detail: DateDetail) -> DataError:
    return DataError(say(detail), detail=detail)
