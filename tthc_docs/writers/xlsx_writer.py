"""The task table as an Excel workbook staff can work in and hand back.

Three sheets: "Nhiệm vụ" (one row per task, with the "Trạng thái" and "Ngày hoàn
thành" columns staff fill in), "Chỉ tiêu" (indicators; present even when there
are none, so the workbook always has the same shape) and "Thông tin" (the
document header). ``readers.tasktable.load_task_table`` reads it back.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..models import TaskTable
from ..package import reproducible
from ..sheet_layout import Cell, Column, document_cells, indicator_rows, layout, task_rows

DATE_FORMAT = "dd/mm/yyyy"
_MIN_WIDTH = 6
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _clean(text: str) -> str:
    # Control characters (from PDF text layers) make the file unreadable to
    # Excel; they carry no meaning in a task table.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _put(sheet: Worksheet, row: int, col: int, value: Cell) -> None:
    if isinstance(value, str):
        value = _clean(value)
    cell = sheet.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    cell.alignment = _WRAP


def _width(header: str, values: Iterable[Cell], cap: int) -> int:
    def longest_line(value: Cell) -> int:
        if value is None:
            return 0
        if isinstance(value, date):
            return len(DATE_FORMAT)
        return max(len(line) for line in str(value).split("\n"))

    widest = max([len(header), *(longest_line(v) for v in values)])
    return max(_MIN_WIDTH, min(cap, widest + 2))


def fill_sheet(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> None:
    """Header row (bold, frozen, filtered), data rows, widths that fit the content."""
    for col, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col, value=column.header)
        cell.font = _BOLD
        cell.alignment = _HEADER
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            _put(sheet, r, col, value)
    for col, column in enumerate(columns, start=1):
        values = (row[col - 1] for row in rows)
        sheet.column_dimensions[get_column_letter(col)].width = _width(column.header, values, column.width)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _fill_document(sheet: Worksheet, table: TaskTable) -> None:
    header = layout().document_header
    rows = document_cells(table)
    for col, text in enumerate(header, start=1):
        sheet.cell(row=1, column=col, value=text).font = _BOLD
    for r, (label, value) in enumerate(rows, start=2):
        sheet.cell(row=r, column=1, value=label).font = _BOLD
        _put(sheet, r, 2, value)
    sheet.column_dimensions["A"].width = _width(header[0], (label for label, _ in rows), 24)
    sheet.column_dimensions["B"].width = _width(header[1], (value for _, value in rows), 80)
    sheet.freeze_panes = "A2"


def write_xlsx(table: TaskTable) -> bytes:
    """The workbook as bytes. Dates are real Excel dates shown dd/mm/yyyy; list
    cells are joined with "; "; text that starts with "=" is stored as text."""
    lay = layout()
    book = Workbook()
    tasks = book.active
    tasks.title = lay.tasks.name
    fill_sheet(tasks, lay.tasks.columns, task_rows(table))
    fill_sheet(book.create_sheet(lay.indicators.name), lay.indicators.columns, indicator_rows(table))
    _fill_document(book.create_sheet(lay.document_sheet), table)
    book.properties.creator = "tthc_docs"
    book.properties.title = _clean(table.document.title) if table.document.title else None
    out = io.BytesIO()
    book.save(out)
    return reproducible(out.getvalue())
