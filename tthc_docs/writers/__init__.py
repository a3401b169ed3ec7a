"""Writing a task table out: JSON (the contract), CSV and XLSX for Excel, Markdown
for reading.

    data = write_table(table, "xlsx")
    write_bytes_atomic(out_dir / f"plan{suffix_for('xlsx')}", data)

The column layout shared by the writers and the XLSX reader is
``data/task_columns.yaml`` (see :mod:`tthc_docs.sheet_layout`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from ..errors import DataError
from ..models import TaskTable
from .csv_writer import write_csv
from .json_writer import write_json
from .markdown_writer import write_markdown
from .xlsx_writer import write_xlsx

FORMATS = ("json", "csv", "xlsx", "md")

_WRITERS: dict[str, tuple[str, Callable[[TaskTable], bytes]]] = {
    "json": (".json", write_json),
    "csv": (".csv", write_csv),
    "xlsx": (".xlsx", write_xlsx),
    "md": (".md", write_markdown),
}


def _writer(fmt: str) -> tuple[str, Callable[[TaskTable], bytes]]:
    key = fmt.strip().lower().lstrip(".")
    if key not in _WRITERS:
        raise DataError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return _WRITERS[key]


def write_table(table: TaskTable, fmt: str) -> bytes:
    """The table in ``fmt`` (one of FORMATS, case and a leading dot ignored), as bytes."""
    return _writer(fmt)[1](table)


def suffix_for(fmt: str) -> str:
    """The file suffix of a format, with its dot: "xlsx" → ".xlsx"."""
    return _writer(fmt)[0]


def format_for(path: str | PurePath) -> str:
    """The format a file name asks for by its suffix: "ke-hoach.xlsx" → "xlsx"."""
    suffix = PurePath(path).suffix
    if suffix.lower() == ".markdown":
        return "md"
    for fmt, (known, _) in _WRITERS.items():
        if suffix.lower() == known:
            return fmt
    raise DataError(f"{path}: cannot tell the output format from the suffix {suffix!r}; "
                    f"use one of {', '.join(s for s, _ in _WRITERS.values())}")


__all__ = ["FORMATS", "format_for", "suffix_for", "write_table"]
