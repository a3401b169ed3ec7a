"""Reading each side of a comparison: a document, or a task table saved earlier."""

from __future__ import annotations

from pathlib import Path

from ..models import TaskTable

# A task table saved by ``tthc extract`` is read back as it is; anything else is a
# document and goes through the extractor, which reads a workbook ``tthc extract``
# wrote (perhaps edited by staff) back as it is, and any other workbook as a task
# table kept in Excel.
TABLE_SUFFIXES = (".json",)


def load_table(path: str | Path) -> TaskTable:
    """The task table of ``path``: a task-table JSON or XLSX, or any document the extractor reads."""
    path = Path(path)
    if path.suffix.lower() in TABLE_SUFFIXES:
        from ..readers.tasktable import load_task_table

        return load_task_table(path)
    from ..extract import extract_path

    return extract_path(path)


def table_from_bytes(data: bytes, name: str) -> TaskTable:
    """Like :func:`load_table` for bytes in memory (an upload); ``name`` gives the
    suffix and appears in messages, it is never opened."""
    if Path(name).suffix.lower() in TABLE_SUFFIXES:
        from ..readers.tasktable import task_table_from_bytes

        return task_table_from_bytes(data, name)
    from ..extract import extract_bytes

    return extract_bytes(data, name)


def load_paragraphs(path: str | Path) -> tuple[str, ...]:
    """The body text of a document, one string per paragraph (tables left out)."""
    from ..readers import read_path

    return tuple(p.text for p in read_path(path).paragraphs)
