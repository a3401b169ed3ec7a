"""Read a task table kept in a spreadsheet (.xlsx, .xlsm; .ods and .xls converted
to .xlsx by LibreOffice) into a :class:`RawDocument`, as the .docx reader reads
a Word table, so the same table builder makes the tasks.

Every worksheet is laid out by :func:`~tthc_docs.readers.sheets.read_grids`
(merged ranges repeated in every cell they cover, as a .docx merge is). In each
sheet:

* a row whose cells name the columns (``columns.yaml``: the content and at least
  one other role) starts a table; the rows under it, down to the next header or
  to a blank row after which no numbered or section row follows, are its rows;
* rows outside tables (the title block above the header: issuing body, "Số: …",
  place and date, PHỤ LỤC and its title, "(Kèm theo …)") are paragraphs, each
  distinct cell one paragraph, left to right, so the metadata reader finds the
  number, date, issuer and title as in a Word document;
* a real date cell reads as ``dd/mm/yyyy``, a whole number stored as a number
  (1.0) as "1", a number formatted as a percentage as "80%", text as written.

``SourceRef``: ``page`` is the sheet's position in the workbook (from 1) and
``row`` the row number Excel shows. A workbook where no sheet holds a task table
is an :class:`InputError` naming each sheet and the header-like row found in it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ..errors import EncryptedFileError, InputError
from ..soffice import CALC_PACKAGE, convert_bytes, find_soffice
from ..vietnamese import date_short
from .assemble import ItemList
from ..blocks import RawDocument
from ..tables.columns import looks_like_header, map_columns
from .safety import check_size, clean_text, is_encrypted_ooxml, is_ole
from .sheets import Grid, read_grids

CONVERT_TIMEOUT_SECONDS = 120
# Where the "headers found" of the error are looked for.
HEADER_SEARCH_ROWS = 15
_ROW_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*|[IVXLC]+|[A-Za-zđĐ])[.)]?$")
_OPEN_DOCUMENT = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"


def read(data: bytes, name: str) -> RawDocument:
    """Read .xlsx/.xlsm/.ods/.xls bytes; ``name`` is used in messages and in the result."""
    check_size(data, name, "xlsx")
    if is_encrypted_ooxml(data):
        raise EncryptedFileError("the Excel file is password protected; save an unprotected copy first", name)
    layout = "xlsx"
    if is_ole(data) or data.startswith(_OPEN_DOCUMENT, 30):
        layout = "xls" if is_ole(data) else "ods"
        data = convert_bytes(data, name, suffix=f".{layout}", to="xlsx", purpose=f"reading a .{layout} workbook",
                             timeout=CONVERT_TIMEOUT_SECONDS, program=find_soffice(), package=CALC_PACKAGE)
    grids = read_grids(data, name)
    items = ItemList()
    warnings: list[str] = []
    found = False
    for number, grid in enumerate(grids, 1):
        rows = [tuple(_text(v) for v in row) for row in grid.rows]
        found = _read_sheet(items, rows, number) or found
        if grid.clipped:
            warnings.append(f"{name}: sheet {grid.name!r} is larger than a task table can be; "
                            f"only its first {len(grid.rows)} rows and {len(rows[0]) if rows else 0} columns are read")
    if not found:
        raise InputError(f"no sheet holds a task table (a header row naming Nội dung and Cơ quan chủ trì, "
                         f"Thời hạn …); {_headers_found(grids)}", name)
    return RawDocument(name=name, layout=layout, items=items.items, warnings=tuple(warnings))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return date_short(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


def _read_sheet(items: ItemList, rows: list[tuple[str, ...]], sheet: int) -> bool:
    """Add the sheet's paragraphs and tables to ``items``; whether it had a table."""
    table: list[tuple[str, ...]] = []
    numbers: list[int] = []
    number_column: int | None = None
    blank_before = False
    found = False

    def close() -> None:
        if table:
            items.add_table(table, pages=[sheet] * len(table), numbers=numbers)
        table.clear()
        numbers.clear()

    for excel_row, cells in enumerate(rows, 1):
        if not any(cells):
            blank_before = True
            continue
        header = looks_like_header(cells)
        if header:
            close()
            number_column = map_columns(cells).index("stt")
            found = True
        elif table and blank_before and not _goes_on(cells, number_column):
            close()
        if table or header:
            table.append(cells)
            numbers.append(excel_row)
        else:
            for text in dict.fromkeys(c for c in cells if c):
                items.add_text(text, heading=False, page=sheet)
        blank_before = False
    close()
    return found


def _goes_on(cells: tuple[str, ...], number_column: int | None) -> bool:
    """After a blank row, the table goes on with a numbered row or a section row
    merged across it; anything else (Nơi nhận, a signature, a note) is below it."""
    if number_column is not None and number_column < len(cells) and _ROW_NUMBER.match(cells[number_column]):
        return True
    filled = [c for c in cells if c]
    return len(filled) >= 2 and len(set(filled)) == 1


def _headers_found(grids: tuple[Grid, ...]) -> str:
    """Each sheet with its fullest row among the top ones, the nearest thing to a header."""
    parts = []
    for grid in grids:
        top = [[_text(v) for v in row if _text(v)] for row in grid.rows[:HEADER_SEARCH_ROWS]]
        fullest = max(top, key=len, default=[])
        parts.append(f"sheet {grid.name!r}: " + (", ".join(repr(c) for c in fullest) if fullest else "empty"))
    return "sheets and the headers found: " + "; ".join(parts)
