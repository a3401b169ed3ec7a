"""The tasks as CSV for Excel: one row per task, Vietnamese headers.

Only tasks: the indicators (KPI rows) of a table have other columns and are in
the XLSX "Chỉ tiêu" sheet, the JSON and the Markdown, not here.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from ..models import TaskTable
from ..sheet_layout import Cell, layout, task_rows

# Excel runs a cell that starts with one of these as a formula ("- Các cơ quan,
# đơn vị." shows as #NAME?); a leading apostrophe makes it text (OWASP advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_csv(table: TaskTable) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the Vietnamese right), CRLF rows,
    list cells joined with "; ", dates as ISO ``yyyy-mm-dd``; cells starting like a
    formula are prefixed with "'"."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(c.header for c in layout().tasks.columns)
    writer.writerows([csv_cell(v) for v in row] for row in task_rows(table))
    return out.getvalue().encode("utf-8-sig")
