"""Writing a task table out: JSON (the contract), CSV and XLSX for Excel, Markdown
for reading.

    data = write_table(table, "xlsx")
    write_bytes_atomic(out_dir / f"plan{suffix_for('xlsx')}", data)

The column layout shared by the writers and the XLSX reader is
``data/task_columns.yaml`` (see :mod:`tthc_docs.sheet_layout`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath

from ..errors import DataError
from ..models import TaskTable

FORMATS = ("json", "csv", "xlsx", "md")

# format -> (suffix, module of this package, its writer); a writer's module (and the
# library it needs, openpyxl for XLSX) is imported only when that format is written.
_WRITERS: dict[str, tuple[str, str, str]] = {
    "json": (".json", "json_writer", "write_json"),
    "csv": (".csv", "csv_writer", "write_csv"),
    "xlsx": (".xlsx", "xlsx_writer", "write_xlsx"),
    "md": (".md", "markdown_writer", "write_markdown"),
}


def _writer(fmt: str) -> tuple[str, str, str]:
    key = fmt.strip().lower().lstrip(".")
    if key not in _WRITERS:
        raise DataError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return _WRITERS[key]


def write_table(table: TaskTable, fmt: str) -> bytes:
    """The table in ``fmt`` (one of FORMATS, case and a leading dot ignored), as bytes."""
    _, module, function = _writer(fmt)
    write: Callable[[TaskTable], bytes] = getattr(importlib.import_module(f".{module}", __name__), function)
    return write(table)


def suffix_for(fmt: str) -> str:
    """The file suffix of a format, with its dot: "xlsx" → ".xlsx"."""
    return _writer(fmt)[0]


def format_for(path: str | PurePath) -> str:
    """The format a file name asks for by its suffix: "ke-hoach.xlsx" → "xlsx"."""
    suffix = PurePath(path).suffix
    if suffix.lower() == ".markdown":
        return "md"
    for fmt, (known, *_) in _WRITERS.items():
        if suffix.lower() == known:
            return fmt
    raise DataError(f"{path}: cannot tell the output format from the suffix {suffix!r}; "
                    f"use one of {', '.join(s for s, *_ in _WRITERS.values())}")


__all__ = ["FORMATS", "format_for", "suffix_for", "write_table"]
