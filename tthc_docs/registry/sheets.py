"""Spreadsheets of the registry: task lists as CSV/XLSX, an exported version with
its task keys, and reading statuses back from such an export."""

from __future__ import annotations

import csv
import io
from copy import copy
from collections.abc import Sequence

from ..errors import DataError, ErrorDetail, ErrorKind
from ..models import TaskTable
from ..readers.sheets import find_header, parse_date, read_sheets
from ..readers.tasktable import status_key
from ..render.settings import vocabulary
from ..sheet_layout import Cell, Column, layout, status_label
from ..writers.csv_writer import csv_cell
from ..writers.xlsx_writer import fill_sheet, write_xlsx
from .results import StatusRow, TaskRecord
from .wording import wording


def record_cells(record: TaskRecord) -> dict[str, Cell]:
    task = record.task
    labels = {c.key: c.label for c in vocabulary().categories}
    return {
        "key": record.key, "plan": str(record.plan), "plan_number": record.plan_number,
        "plan_version": str(record.plan_version), "id": task.id, "content": task.content,
        "lead": "; ".join(task.lead) or task.lead_raw, "coordinating": "; ".join(task.coordinating) or None,
        "deadline": task.deadline.text if task.deadline else None,
        "due": task.deadline.due if task.deadline else None, "status": status_label(record.status.value),
        "completed_on": record.completed_on, "category": labels[record.category],
        "days_late": str(record.days_late) if record.days_late else None, "note": record.note,
    }


def _rows(records: Sequence[TaskRecord], columns: Sequence[Column]) -> list[list[Cell]]:
    return [[cells[c.key] for c in columns] for cells in map(record_cells, records)]


def records_csv(records: Sequence[TaskRecord]) -> bytes:
    """UTF-8 with a BOM, like ``tthc extract``'s CSV."""
    columns = wording().list_columns
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(c.header for c in columns)
    writer.writerows([csv_cell(v) for v in row] for row in _rows(records, columns))
    return out.getvalue().encode("utf-8-sig")


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[Column], Sequence[Sequence[Cell]]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, columns, rows in sheets:
        fill_sheet(book.create_sheet(name), columns, rows)
    book.properties.creator = "tthc_docs"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def records_xlsx(records: Sequence[TaskRecord]) -> bytes:
    return workbook_bytes([(layout().tasks.name, wording().list_columns, _rows(records, wording().list_columns))])


def export_xlsx(table: TaskTable, keys: Sequence[str]) -> bytes:
    """The task table's workbook (as ``tthc extract`` writes it) with the task keys
    in one more column of the task sheet, so statuses typed into it can be read back."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(write_xlsx(table)))
    sheet = book[layout().tasks.name]
    column = sheet.max_column + 1
    sheet.cell(row=1, column=column, value=wording().key_column.header).font = copy(sheet.cell(row=1, column=1).font)
    for row, key in enumerate(keys, start=2):
        sheet.cell(row=row, column=column, value=key)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_statuses(data: bytes, source: str) -> tuple[StatusRow, ...]:
    """The key, status and completion date of every row of the task sheet of an
    exported workbook; DataError naming the file, row and value that cannot be read."""
    sheets = read_sheets(data, source)
    words = wording()
    tasks = layout().tasks

    def lookup(header: str) -> str | None:
        if words.is_key_header(header):
            return "key"
        column = tasks.column_for(header)
        return column.key if column is not None and column.key in ("status", "completed_on") else None

    for name, rows in sheets.items():
        found = find_header(rows, lookup, lambda cols: {"key", "status"} <= set(cols.values()),
                            layout().header_search_rows)
        if found is not None:
            break
    else:
        raise DataError(f"{source}: no sheet has the columns {words.key_column.header!r} and 'Trạng thái': "
                        "export the plan with 'tthc registry export PLAN -o FILE.xlsx' and fill that file",
                        detail=ErrorDetail(ErrorKind.NO_HEADER_ROW, str(source),
                                           names=f"{words.key_column.header!r}, 'Trạng thái'"))
    start, columns = found
    out = []
    for number, values in enumerate(rows[start + 1:], start=start + 2):
        cells = {field: values[i] if i < len(values) else None for i, field in columns.items()}
        key = str(cells.get("key") or "").strip()
        if not key:
            continue
        where = f"{source}, sheet {name!r}, row {number}"
        raw_status = str(cells.get("status") or "").strip()
        status = status_key(raw_status) if raw_status else None
        if raw_status and status is None:
            raise DataError(f"{where}: unknown status {raw_status!r}; expected one of "
                            f"{', '.join(repr(s.label) for s in layout().statuses)}")
        completed = cells.get("completed_on")
        completed_on = parse_date(completed, what=f"{where}: completion date") if completed not in (None, "") \
            else None
        out.append(StatusRow(key, status, completed_on, number))
    return tuple(out)
