"""From tables as read to tasks and indicators, before any NLP.

Steps, each a function below:
1. ``logical_tables`` — find each table's header row by its text, drop header
   rows repeated after page breaks, and glue a table that continues the one
   before it (same header or no header, same width, no caption between).
2. ``classify`` — each row is a section row (Roman numeral + title, or one title
   repeated across the row), a task row (it has a number), or the rest of the
   task above (empty number: a row broken by a page break).
3. ``build`` — tasks and indicators with the cell text as written; ids from the
   caption number, the section numeral (when numbering restarts per section)
   and the row number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import zip_longest

from ..models import Deadline, Indicator, SourceRef, Task
from ..blocks import RawRow, RawTable
from ..text.normalise import collapse_lines
from .columns import ColumnMap, looks_like_header, map_columns, role_of

_ROMAN = re.compile(r"^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")
_ROW_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*|[a-zđ]|[IVXLC]+)[.)]?$")
_CAPTION_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s")
_SECTION_PREFIX = re.compile(r"^\s*([IVXLC]+|[A-Z])\s*[.\-–:)]\s*(.+)$", re.DOTALL)
_SPACES = re.compile(r"[ \t]+")
_SENTENCE_END = (".", ";", ":", "!", "?")


def collapse(text: str) -> str:
    """Whitespace collapsed within lines, blank lines dropped."""
    return collapse_lines(text, _SPACES, ("\t", "  "))


def is_roman(text: str) -> bool:
    return bool(text) and bool(_ROMAN.match(text.strip().rstrip(".")))


def _is_part(number: str) -> bool:
    """A section label in the number column: "I", "II" … or "A", "B" …."""
    return is_roman(number) or bool(re.fullmatch(r"[A-Z]", number))


@dataclass
class LogicalTable:
    header: tuple[str, ...]
    columns: ColumnMap
    caption: str | None
    rows: list[RawRow] = field(default_factory=list)


def _header_index(table: RawTable) -> int | None:
    for index, row in enumerate(table.rows[:3]):
        if looks_like_header(row.cells):
            return index
    return None


def _key(cells: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(collapse(c).lower() for c in cells)


def logical_tables(tables: tuple[RawTable, ...]) -> tuple[list[LogicalTable], list[str]]:
    result: list[LogicalTable] = []
    warnings: list[str] = []
    for table in tables:
        header_at = _header_index(table)
        previous = result[-1] if result else None
        if header_at is None:
            if previous is not None and table.width == len(previous.header) and not table.caption:
                previous.rows.extend(table.rows)
            elif table.width >= 3 and len(table.rows) >= 2:
                warnings.append(f"table at {_where(table.source)} has no header naming its columns "
                                f"(Nội dung, Cơ quan chủ trì, Thời hạn…); skipped")
            continue
        header, body_at = _header(table, header_at)
        same_as_previous = previous is not None and _key(header) == _key(previous.header)
        if same_as_previous and (not table.caption or table.caption == previous.caption):
            previous.rows.extend(table.rows[body_at:])
            continue
        result.append(LogicalTable(header, map_columns(header), table.caption, list(table.rows[body_at:])))
    for logical in result:
        repeated = {_key(logical.header)} | {_key(r.cells) for r in logical.rows if _is_column_numbers(r.cells)}
        logical.rows = _without_repeats(logical.rows, repeated)
    return result, warnings


def _without_repeats(rows: list[RawRow], repeated: set[tuple[str, ...]]) -> list[RawRow]:
    """``rows`` without those whose key is one of ``repeated`` (the header again after a
    page break, the column numbers again)."""
    firsts = {key[0] for key in repeated if key}

    def repeats(cells: tuple[str, ...]) -> bool:
        # Only a row whose first cell opens a repeated key can repeat one: one cell keyed
        # for most rows, not all of them.
        if cells and _key(cells[:1])[0] not in firsts:
            return False
        return _key(cells) in repeated

    return [row for row in rows if not repeats(row.cells)]


def _header(table: RawTable, header_at: int) -> tuple[tuple[str, ...], int]:
    """The header cells and where the body starts. A second header row under
    merged cells ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp") is folded
    into the first; a row numbering the columns ("(1)", "(2)" …) is skipped."""
    header = list(table.rows[header_at].cells)
    at = header_at + 1
    if at < len(table.rows) and _is_sub_header(header, table.rows[at].cells):
        for i, text in enumerate(table.rows[at].cells[:len(header)]):
            if text.strip() and text.strip() != header[i].strip():
                header[i] = f"{header[i]} {text}".strip()
        at += 1
    while at < len(table.rows) and _is_column_numbers(table.rows[at].cells):
        at += 1
    return tuple(header), at


def _is_sub_header(header: list[str], cells: tuple[str, ...]) -> bool:
    """Short column names under the header, the number column left empty or repeated."""
    if cells and cells[0].strip() and cells[0].strip() != header[0].strip():
        return False
    new = [c.strip() for i, c in enumerate(cells) if c.strip() and (i >= len(header) or c.strip() != header[i].strip())]
    return bool(new) and all(len(c) <= 40 and role_of(c) is not None for c in new)


def _is_column_numbers(cells: tuple[str, ...]) -> bool:
    numbers = []
    for cell in cells:
        if cell.strip():
            number = _COLUMN_NUMBER.match(cell.strip())
            if number is None:
                return False  # a task row: its content is no column number
            numbers.append(number)
    if len(numbers) < max(3, len(cells) - 1):
        return False
    values = [int(m.group(1)) for m in numbers]
    return values == list(range(values[0], values[0] + len(values)))


def _where(source: SourceRef) -> str:
    return ", ".join(f"{k} {v}" for k, v in source.to_dict().items()) or "start"


@dataclass(frozen=True)
class RowKind:
    kind: str  # "section" | "item" | "continuation" | "empty"
    number: str = ""
    title: str = ""


def _cell(row: RawRow, columns: ColumnMap, role: str) -> str:
    index = columns.index(role)
    if index is None or index >= len(row.cells):
        return ""
    return row.cells[index].strip()


def classify(row: RawRow, columns: ColumnMap) -> RowKind:
    number = _cell(row, columns, "stt").rstrip(".").strip()
    # A group row of an Stt/Stt2 table puts its title in the Stt2 column.
    stt = columns.index("stt")
    others = [text for i, c in enumerate(row.cells) if i != stt and (text := c.strip())]
    if not number and not others:
        return RowKind("empty")
    distinct = set(others)
    if number and not _ROW_NUMBER.match(number) and distinct <= {number}:
        return _section(number)  # "I. Năm 2021" merged across the row, or alone in the first cell
    if len(distinct) == 1 and (len(others) >= 2 or _is_part(number)) and (not number or _is_part(number)):
        section = _section(others[0])
        return RowKind("section", number or section.number, section.title)
    if number or stt is None:  # without a number column, every row is a task
        return RowKind("item", number)
    return RowKind("continuation")


def _section(text: str) -> RowKind:
    match = _SECTION_PREFIX.match(text)
    if match:
        return RowKind("section", match.group(1), match.group(2).strip())
    return RowKind("section", "", text)


def _join(before: str, after: str) -> str:
    if not after:
        return before
    if not before:
        return after
    glue = "\n" if before.rstrip().endswith(_SENTENCE_END) else " "
    return f"{before.rstrip()}{glue}{after.lstrip()}"


@dataclass
class _Entry:
    number: str
    section: str | None
    section_number: str
    cells: list[str]
    source: SourceRef


def _entries(table: LogicalTable) -> list[_Entry]:
    entries: list[_Entry] = []
    section: str | None = None
    section_number = ""
    for row in table.rows:
        kind = classify(row, table.columns)
        if kind.kind == "section":
            section, section_number = kind.title, kind.number
        elif kind.kind == "item":
            number = kind.number or str(len(entries) + 1)
            entries.append(_Entry(number, section, section_number, list(row.cells), row.source))
        elif kind.kind == "continuation":
            if entries and entries[-1].section == section:
                last = entries[-1]
                last.cells = [_join(a, b) for a, b in zip_longest(last.cells, row.cells, fillvalue="")]
            else:  # a task without a number: number it by position
                entries.append(_Entry(str(len(entries) + 1), section, section_number, list(row.cells), row.source))
    return _fold_group_rows(entries, table.columns)


def _fold_group_rows(entries: list[_Entry], columns: ColumnMap) -> list[_Entry]:
    """A numbered row that only names a group ("1 | Rà soát, đơn giản hóa … | | |")
    followed by its sub-tasks 1.1, 1.2 … is their section, not a task."""
    content = columns.index("content")
    kept: list[_Entry] = []
    group: _Entry | None = None
    for i, entry in enumerate(entries):
        if group is not None and entry.number.startswith(f"{group.number}."):
            entry.section = collapse(group.cells[content])
        following = entries[i + 1].number if i + 1 < len(entries) else ""
        filled = [j for j, cell in enumerate(entry.cells) if cell.strip() and j != columns.index("stt")]
        if content is not None and filled == [content] and following.startswith(f"{entry.number}."):
            group = entry
            continue
        kept.append(entry)
    return kept


def _ids(table: LogicalTable, entries: list[_Entry]) -> list[str]:
    match = _CAPTION_NUMBER.match(table.caption or "")
    prefix = f"{match.group(1)}." if match else ""
    numbers = [e.number for e in entries]
    restart = len(set(numbers)) < len(numbers)
    return [f"{prefix}{e.section_number + '.' if restart and e.section_number else ''}{e.number}"
            for e in entries]


def _text(cells: list[str], columns: ColumnMap, role: str) -> str | None:
    index = columns.index(role)
    if index is None or index >= len(cells):
        return None
    value = collapse(cells[index])
    return value or None


@dataclass(frozen=True)
class BuiltTables:
    tasks: tuple[Task, ...]
    indicators: tuple[Indicator, ...]
    warnings: tuple[str, ...]


def _task(task_id: str, entry: _Entry, table: LogicalTable) -> Task:
    text = lambda role: _text(entry.cells, table.columns, role)  # noqa: E731
    deadline = text("deadline")
    return Task(
        id=task_id, content=text("content") or "", section=entry.section, part=table.caption,
        lead_raw=text("lead"), coordinating_raw=text("coordinating"),
        implementing_raw=text("implementing"), monitoring_raw=text("monitoring"),
        target_raw=text("target"),
        deadline=Deadline(text=" ".join(deadline.split())) if deadline else None,
        product=text("product"), notes=text("notes"), source=entry.source,
    )


def _indicator(indicator_id: str, entry: _Entry, table: LogicalTable) -> Indicator:
    text = lambda role: _text(entry.cells, table.columns, role)  # noqa: E731
    return Indicator(
        id=indicator_id, content=text("content") or "", unit=text("unit"), target=text("target"),
        section=table.caption or entry.section, lead_raw=text("lead"),
        coordinating_raw=text("coordinating"), evaluator_raw=text("evaluator"), source=entry.source,
    )


def build(tables: tuple[RawTable, ...]) -> BuiltTables:
    logical, warnings = logical_tables(tables)
    tasks: list[Task] = []
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for position, table in enumerate(logical, start=1):
        entries = _entries(table)
        for entry_id, entry in zip(_ids(table, entries), entries):
            if entry_id in seen:
                entry_id = f"B{position}.{entry_id}"
            seen.add(entry_id)
            if table.columns.is_indicator_table:
                indicators.append(_indicator(entry_id, entry, table))
            else:
                tasks.append(_task(entry_id, entry, table))
    return BuiltTables(tuple(tasks), tuple(indicators), tuple(warnings))


def prefix_ids(tasks: tuple[Task, ...], prefix: str) -> tuple[Task, ...]:
    """Ids of appendix tasks in a document that also has tasks in its body."""
    return tuple(replace(t, id=f"{prefix}{t.id}") for t in tasks)
