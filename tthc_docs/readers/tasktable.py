"""Reading a task table back: our JSON, or the XLSX the writers produce after staff
have worked in it.

The XLSX is read by header text, never by position: staff may reorder columns,
add their own (ignored), put a title row above the header, type dates as real
Excel dates or as "dd/mm/yyyy" text, and fill "Trạng thái" with the words they
use ("Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện" …), which become the
status keys done | in_progress | not_started (``data/task_columns.yaml``). What
the sheet does not carry is not invented: targets come back as their text
(``value=None``), a deadline as text, kind and due date, the ``*_raw`` fields as
the cell text. Problems that lose nothing become warnings of the table; a value
that cannot be used (a date "31/02/2025") is a DataError naming the file, sheet,
row, column and value.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import CorruptFileError, DataError, ErrorDetail, ErrorKind
from ..models import Deadline, DocumentInfo, Indicator, SourceRef, Target, Task, TaskTable
from ..sheet_layout import Column, SheetLayout, layout
from ..text.phrases import header_key
from ..vietnamese import date_short, strip_accents
from .safety import ZIP_MAGIC
from .sheets import find_header, parse_date, read_sheets, workbook_sheet_names

_LIST_SPLIT = re.compile(r"[;\n]")
_REMARK = re.compile(r"\s*\([^()]*\)\s*$")


def load_task_table(path: str | Path) -> TaskTable:
    """The task table in ``path``: our JSON (schema ``tthc-tasks/1``) or our XLSX
    workbook, told apart by content (a ZIP container is a workbook)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    return task_table_from_bytes(path.read_bytes(), path)


def task_table_from_bytes(data: bytes, name: str | Path) -> TaskTable:
    """The task table held in ``data`` (our JSON or XLSX); ``name`` appears in messages."""
    path = Path(name)
    if not data.strip():
        raise DataError(f"{path}: the file is empty")
    if data.startswith(ZIP_MAGIC) and _reader(data, path) == "xlsx_reader":
        return _load_xlsx(path, data)
    if path.suffix.lower() == ".json" or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _load_json(path, data)
    raise DataError(f"{path}: {_extract_first(path, 'a document')}")


def _reader(data: bytes, path: Path) -> str | None:
    """The reader the extractor would use for ``data``, None for a file it does not read."""
    from . import reader_of
    from ..errors import InputError

    try:
        return reader_of(data, str(path))
    except InputError:
        return None


def _extract_first(path: Path, what: str) -> str:
    return (f"{what}, not a task table: extract it first with `tthc extract {path} -o {path.stem}.json`, "
            "then give the .json")


def is_saved_task_table(data: bytes, source: str) -> bool:
    """Whether ``data`` is a workbook the writers made (its tasks and document
    sheets by their names), which :func:`load_task_table` reads back exactly."""
    if not data.startswith(ZIP_MAGIC) or data.startswith(b"mimetype", 30):  # not OpenDocument either
        return False
    names = workbook_sheet_names(data, source)
    return {layout().tasks.name, layout().document_sheet} <= set(names)


def task_table_from_xlsx(data: bytes, source: str) -> TaskTable:
    """The task table in the bytes of a workbook the writers made (see :func:`load_task_table`)."""
    return _load_xlsx(Path(source), data)


def _load_json(path: Path, data: bytes) -> TaskTable:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
    try:
        return TaskTable.from_dict(parsed)
    except DataError as exc:
        raise DataError(f"{path}: {exc}") from exc


@dataclass
class _Sheet:
    """One worksheet being read: where we are, for messages, and what went wrong."""

    path: Path
    name: str
    warnings: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def where(self, row: int, key: str | None = None) -> str:
        column = f", column {self.headers[key]!r}" if key in self.headers else ""
        return f"{self.path}, sheet {self.name!r}, row {row}{column}"

    def warn(self, row: int, message: str, key: str | None = None) -> None:
        self.warnings.append(f"{self.where(row, key)}: {message}")


def _load_xlsx(path: Path, data: bytes) -> TaskTable:
    try:
        sheets = read_sheets(data, str(path))
    except CorruptFileError as exc:
        # A damaged task table is bad data here, like any other unreadable task table.
        detail = str(exc).removeprefix(f"{exc.source}: ")
        raise DataError(f"{path}: not a readable XLSX workbook ({detail})") from exc
    lay = layout()
    warnings: list[str] = []
    task_sheet, task_rows = _find_sheet(path, sheets, lay.tasks)
    tasks = _read_rows(task_sheet, task_rows, lay.tasks, _task)
    warnings += task_sheet.warnings + _duplicate_ids(task_sheet, tasks)
    indicators: tuple[Indicator, ...] = ()
    if lay.indicators.name in sheets:
        sheet = _Sheet(path, lay.indicators.name)
        indicators = _read_rows(sheet, sheets[lay.indicators.name], lay.indicators, _indicator)
        warnings += sheet.warnings
    else:
        warnings.append(f"{path}: no sheet {lay.indicators.name!r}; no indicators read")
    info_sheet = _Sheet(path, lay.document_sheet)
    document, source, kept = _read_document(info_sheet, sheets.get(lay.document_sheet, []))
    return TaskTable(source=source or str(path), document=document, tasks=tasks, indicators=indicators,
                     warnings=(*kept, *info_sheet.warnings, *warnings))


def _header_row(rows: list[tuple], sheet_layout: SheetLayout) -> tuple[int, dict[int, Column]] | None:
    """The index of the first row naming every required column, with its columns."""
    return find_header(rows, sheet_layout.column_for,
                       lambda columns: set(sheet_layout.required) <= {c.key for c in columns.values()},
                       layout().header_search_rows)


def _find_sheet(path: Path, sheets: dict[str, list[tuple]], sheet_layout: SheetLayout) -> tuple[_Sheet, list]:
    """The tasks sheet: by its name, or else (renamed by staff) the first sheet with its columns."""
    if sheet_layout.name in sheets:
        return _Sheet(path, sheet_layout.name), sheets[sheet_layout.name]
    for name, rows in sheets.items():
        if _header_row(rows, sheet_layout) is not None:
            return _Sheet(path, name), rows
    raise DataError(f"{path}: no sheet {sheet_layout.name!r} and no sheet with the columns "
                    f"{_required_headers(sheet_layout)}; sheets: {', '.join(sheets)}. If it is "
                    f"{_extract_first(path, 'a task table in another layout')}",
                    detail=ErrorDetail(ErrorKind.NO_HEADER_ROW, str(path), names=_required_headers(sheet_layout)))


def _required_headers(sheet_layout: SheetLayout) -> str:
    return ", ".join(repr(c.header) for c in sheet_layout.columns if c.key in sheet_layout.required)


def _read_rows(sheet: _Sheet, rows: list[tuple], sheet_layout: SheetLayout,
               build: Callable[[_Sheet, int, dict[str, Any]], Any]) -> tuple:
    found = _header_row(rows, sheet_layout)
    if found is None:
        first = [str(v) for v in (rows[0] if rows else ()) if v is not None]
        raise DataError(f"{sheet.path}, sheet {sheet.name!r}: no header row with the columns "
                        f"{_required_headers(sheet_layout)} in the first {layout().header_search_rows} "
                        f"rows; first row: {first}",
                        detail=ErrorDetail(ErrorKind.MISSING_COLUMNS, str(sheet.path),
                                           names=_required_headers(sheet_layout), sheet=sheet.name))
    header_index, columns = found
    sheet.headers = {c.key: str(rows[header_index][i]) for i, c in columns.items()}
    items = []
    for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        cells = {c.key: row[i] for i, c in columns.items() if i < len(row)}
        if all(_text(v) is None for v in cells.values()):
            continue
        item = build(sheet, offset, cells)
        if item is not None:
            items.append(item)
    return tuple(items)


def _text(value: Any) -> str | None:
    """A cell as text; a date staff typed into a text column (Excel converts
    "15/03/2025" on entry) comes back as they typed it."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return date_short(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def _date(sheet: _Sheet, row: int, key: str, value: Any) -> date | None:
    if value is None or isinstance(value, str) and not value.strip():
        return None
    return parse_date(value, what=f"{sheet.where(row, key)}: value")


def _names(value: Any) -> tuple[str, ...]:
    text = _text(value)
    return tuple(p.strip() for p in _LIST_SPLIT.split(text) if p.strip()) if text else ()


def _lookup(text: str, choices: dict[str, str]) -> str | None:
    """The key whose label or key ``text`` is (folded), or None."""
    folded = header_key(text)
    return next((k for k, label in choices.items() if folded in (header_key(label), header_key(k))), None)


def status_key(text: str) -> str | None:
    """done | in_progress | not_started for a status staff typed, or None when the
    words are not known. Matching ignores case, surrounding punctuation and a
    closing remark in brackets ("Đã hoàn thành (trễ hạn)"), then accents."""
    statuses = layout().statuses
    for candidate in dict.fromkeys((header_key(text), header_key(_REMARK.sub("", text)))):
        for status in statuses:
            if candidate in (header_key(w) for w in status.words):
                return status.key
        bare = strip_accents(candidate)
        for status in statuses:
            if bare in (strip_accents(header_key(w)) for w in status.words):
                return status.key
    return None


def _status(sheet: _Sheet, row: int, value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    key = status_key(text)
    if key is None:
        known = ", ".join(repr(s.label) for s in layout().statuses)
        sheet.warn(row, f"status {text!r} is not one of {known}; kept as written", "status")
        return text
    return key


def _deadline(sheet: _Sheet, row: int, cells: dict[str, Any]) -> Deadline | None:
    text, kind_text = _text(cells.get("deadline")), _text(cells.get("deadline_kind"))
    due = _date(sheet, row, "due", cells.get("due"))
    if text is None and kind_text is None and due is None:
        return None
    kind = _lookup(kind_text, layout().deadline_kinds) if kind_text else None
    if kind_text and kind is None:
        sheet.warn(row, f"deadline kind {kind_text!r} is not known; left unset", "deadline_kind")
    return Deadline(text=text or "", kind=kind, due=due)


def _source(sheet: _Sheet, row: int, value: Any) -> SourceRef:
    text = _text(value)
    if text is None:
        return SourceRef()
    labels = {header_key(label): key for key, label in layout().source_labels.items()}
    found: dict[str, int] = {}
    for part in text.split(","):
        label, _, number = part.strip().rpartition(" ")
        if header_key(label) not in labels or not number.isdigit():
            sheet.warn(row, f"source {text!r} is not a position like 'trang 3, bảng 2, hàng 5'; dropped",
                       "source")
            return SourceRef()
        found[labels[header_key(label)]] = int(number)
    return SourceRef(**found)


def _agencies(cells: dict[str, Any], role: str) -> dict[str, Any]:
    return {role: _names(cells.get(role)), f"{role}_raw": _text(cells.get(role))}


def _task(sheet: _Sheet, row: int, cells: dict[str, Any]) -> Task | None:
    task_id, content = _text(cells.get("id")), _text(cells.get("content"))
    if content is None:
        sheet.warn(row, f"row numbered {task_id!r} has no content; skipped", "content")
        return None
    if task_id is None:
        task_id = f"#{row}"
        sheet.warn(row, f"no number; the task is given the id {task_id!r}", "id")
    return Task(
        id=task_id, content=content, part=_text(cells.get("part")), section=_text(cells.get("section")),
        **_agencies(cells, "lead"), **_agencies(cells, "coordinating"),
        **_agencies(cells, "implementing"), **_agencies(cells, "monitoring"),
        deadline=_deadline(sheet, row, cells),
        targets=tuple(Target(text=t, value=None) for t in _names(cells.get("targets"))),
        product=_text(cells.get("product")), notes=_text(cells.get("notes")),
        status=_status(sheet, row, cells.get("status")),
        completed_on=_date(sheet, row, "completed_on", cells.get("completed_on")),
        source=_source(sheet, row, cells.get("source")),
    )


def _indicator(sheet: _Sheet, row: int, cells: dict[str, Any]) -> Indicator | None:
    indicator_id, content = _text(cells.get("id")), _text(cells.get("content"))
    if content is None:
        sheet.warn(row, f"row numbered {indicator_id!r} has no content; skipped", "content")
        return None
    return Indicator(
        id=indicator_id or f"#{row}", content=content, section=_text(cells.get("section")),
        unit=_text(cells.get("unit")), target=_text(cells.get("target")),
        **_agencies(cells, "lead"), **_agencies(cells, "coordinating"), **_agencies(cells, "evaluator"),
        source=_source(sheet, row, cells.get("source")),
    )


def _duplicate_ids(sheet: _Sheet, tasks: tuple[Task, ...]) -> list[str]:
    seen: dict[str, int] = {}
    for task in tasks:
        seen[task.id] = seen.get(task.id, 0) + 1
    return [f"{sheet.path}, sheet {sheet.name!r}: the number {task_id!r} is used by {count} tasks"
            for task_id, count in seen.items() if count > 1]


def _read_document(sheet: _Sheet, rows: list[tuple]) -> tuple[DocumentInfo, str | None, list[str]]:
    """The "Thông tin" sheet: (document header, source file, warnings kept from extraction)."""
    keys = {header_key(label): key for key, label in layout().document_fields}
    sheet.headers = {key: label for key, label in layout().document_fields}
    values: dict[str, Any] = {}
    kept: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        label, value = (list(row) + [None, None])[:2]
        key = keys.get(header_key(str(label))) if label is not None else None
        if key == "warning":
            kept += [text] if (text := _text(value)) else []
        elif key is not None:
            values[key] = (number, value)
    info = DocumentInfo()
    if "kind" in values and (kind_text := _text(values["kind"][1])):
        kind = _lookup(kind_text, layout().document_kinds)
        if kind is None:
            sheet.warn(values["kind"][0], f"document kind {kind_text!r} is not known; set to 'unknown'")
        info = replace(info, kind=kind or "unknown")
    if "date" in values:
        info = replace(info, date=_date(sheet, values["date"][0], "date", values["date"][1]))
    texts = {k: _text(v) for k, (_, v) in values.items() if k in ("number", "issuer", "title", "signer", "place")}
    source = _text(values["source"][1]) if "source" in values else None
    return replace(info, **texts), source, kept
