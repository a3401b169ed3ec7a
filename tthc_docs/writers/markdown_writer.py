"""The task table as Markdown for reading: a heading naming the document, a pipe
table of tasks and, when the document has any, a table of indicators.

Only the columns that hold something in this table are shown (a plan without
implementing units gets no empty "Đơn vị thực hiện" column); the number and the
content always are. The machine-oriented columns (deadline kind, ISO due date,
source position) are left to the JSON and the XLSX.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import PurePath

from ..models import TaskTable
from ..sheet_layout import Cell, Column, indicator_rows, layout, task_rows
from ..vietnamese import date_short

_ALWAYS = ("id", "content")


def escape_cell(value: Cell) -> str:
    """A cell's text safe inside a pipe table: "|" escaped, line breaks as <br>,
    "<" as an entity so stray HTML in a cell shows as text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return date_short(value)
    text = value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return "<br>".join(line.strip() for line in text.splitlines())


def heading(table: TaskTable) -> str:
    """"Kế hoạch số 5755/KH-UBND ngày 27/05/2021 của UBND tỉnh"; the title or the
    file name when the header is unknown."""
    info, words = table.document, layout().markdown_words
    parts = [layout().document_kinds.get(info.kind, info.kind)] if info.kind not in ("unknown", "") else []
    if info.number:
        parts.append(words["number"].format(info.number))
    if info.date:
        parts.append(words["date"].format(date_short(info.date)))
    if parts and info.issuer:
        parts.append(words["issuer"].format(info.issuer))
    if parts:
        return " ".join(parts)
    return info.title or (PurePath(table.source).name if table.source else words["untitled"])


def _table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> list[str]:
    shown = [i for i, c in enumerate(columns)
             if c.markdown and (c.key in _ALWAYS or any(row[i] not in (None, "") for row in rows))]
    lines = ["| " + " | ".join(columns[i].header for i in shown) + " |",
             "|" + "|".join("---" for _ in shown) + "|"]
    lines += ["| " + " | ".join(escape_cell(row[i]) for i in shown) + " |" for row in rows]
    return lines


def write_markdown(table: TaskTable) -> bytes:
    """UTF-8 Markdown (GitHub pipe tables), ending with a newline."""
    lay, words = layout(), layout().markdown_words
    title = heading(table)
    lines = [f"# {escape_cell(title)}", ""]
    if table.document.title and table.document.title != title:
        lines += [escape_cell(table.document.title), ""]
    if table.source and PurePath(table.source).name != title:
        lines += [f"{words['source']}: {escape_cell(table.source)}", ""]
    lines += [f"## {words['tasks']} ({len(table.tasks)})", ""]
    lines += [*_table(lay.tasks.columns, task_rows(table)), ""]
    if table.indicators:
        lines += [f"## {words['indicators']} ({len(table.indicators)})", ""]
        lines += [*_table(lay.indicators.columns, indicator_rows(table)), ""]
    if table.warnings:
        lines += [f"## {words['warnings']}", ""]
        lines += [f"- {escape_cell(w)}" for w in table.warnings] + [""]
    return "\n".join(lines).encode("utf-8")
