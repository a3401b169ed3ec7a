"""The column layout of a task table as a spreadsheet or pipe table: written by
every writer (``writers/``), read back by the XLSX reader (``readers/tasktable.py``)
so what is written can be found again, and the status words the renderer reports on.

The layout is data: ``data/task_columns.yaml`` (columns with their Vietnamese
headers, widths and the other headers staff may type; labels for document
kinds, deadline kinds and task statuses). This module loads it once and turns
a task, an indicator or the document header into cell values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from .datafile import load_mapping
from .text.phrases import header_key
from .models import Deadline, DocumentInfo, Indicator, SourceRef, Task, TaskTable

Cell = str | date | None



@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    markdown: bool
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every header this column is recognised by, folded."""
        return tuple(header_key(name) for name in (self.header, *self.aliases))


@dataclass(frozen=True)
class SheetLayout:
    name: str
    columns: tuple[Column, ...]
    required: tuple[str, ...]

    def column_for(self, header: str) -> Column | None:
        """The column a header cell names, or None for a column we do not carry."""
        folded = header_key(header)
        return next((c for c in self.columns if folded in c.names), None)


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    tasks: SheetLayout
    indicators: SheetLayout
    document_sheet: str
    document_header: tuple[str, str]
    document_fields: tuple[tuple[str, str], ...]
    list_separator: str
    header_search_rows: int
    document_kinds: Mapping[str, str]
    deadline_kinds: Mapping[str, str]
    source_labels: Mapping[str, str]
    statuses: tuple[Status, ...]
    markdown_words: Mapping[str, str]

    def label_of_field(self, key: str) -> str:
        return dict(self.document_fields)[key]


def _sheet(name: str, raw: dict) -> SheetLayout:
    columns = tuple(
        Column(key=c["key"], header=c["header"], width=int(c["width"]), markdown=bool(c["markdown"]),
               aliases=tuple(c.get("aliases") or ()))
        for c in raw["columns"]
    )
    return SheetLayout(name=name, columns=columns, required=tuple(raw["required"]))


@cache
def layout() -> Layout:
    """``data/task_columns.yaml``, loaded once."""
    raw = load_mapping("task_columns.yaml")
    sheets = raw["sheets"]
    return Layout(
        tasks=_sheet(sheets["tasks"], raw["tasks"]),
        indicators=_sheet(sheets["indicators"], raw["indicators"]),
        document_sheet=sheets["document"],
        document_header=tuple(raw["document"]["header"]),
        document_fields=tuple((f["key"], f["label"]) for f in raw["document"]["fields"]),
        list_separator=raw["list_separator"],
        header_search_rows=int(raw["header_search_rows"]),
        document_kinds=dict(raw["document_kinds"]),
        deadline_kinds=dict(raw["deadline_kinds"]),
        source_labels=dict(raw["source_labels"]),
        statuses=tuple(Status(key=k, label=v["label"], words=tuple(v["words"]))
                       for k, v in raw["statuses"].items()),
        markdown_words=dict(raw["markdown"]),
    )


def _joined(names: tuple[str, ...], raw: str | None) -> str | None:
    # Before the NLP stage has split a cell, only the raw text exists; show it
    # rather than an empty cell.
    if names:
        return layout().list_separator.join(names)
    return raw or None


def source_text(source: SourceRef) -> str | None:
    """"trang 3, bảng 2, hàng 5" / "dòng 128"; None when nothing is known."""
    labels = layout().source_labels
    parts = [f"{labels[key]} {value}" for key, value in source.to_dict().items()]
    return ", ".join(parts) or None


def status_label(status: str | None) -> str | None:
    """The Vietnamese label of a status key; any other text as it is."""
    labels = {s.key: s.label for s in layout().statuses}
    return labels.get(status, status) if status else None


def _deadline_cells(deadline: Deadline | None) -> dict[str, Cell]:
    if deadline is None:
        return {"deadline": None, "deadline_kind": None, "due": None}
    kind = layout().deadline_kinds.get(deadline.kind, deadline.kind) if deadline.kind else None
    return {"deadline": deadline.text or None, "deadline_kind": kind, "due": deadline.due}


def task_cells(task: Task) -> dict[str, Cell]:
    """The task's value for every column key of the tasks sheet."""
    return {
        "id": task.id,
        "part": task.part,
        "section": task.section,
        "content": task.content or None,
        "lead": _joined(task.lead, task.lead_raw),
        "coordinating": _joined(task.coordinating, task.coordinating_raw),
        "implementing": _joined(task.implementing, task.implementing_raw),
        "monitoring": _joined(task.monitoring, task.monitoring_raw),
        **_deadline_cells(task.deadline),
        "targets": layout().list_separator.join(t.text for t in task.targets) or None,
        "product": task.product,
        "notes": task.notes,
        "status": status_label(task.status),
        "completed_on": task.completed_on,
        "source": source_text(task.source),
    }


def indicator_cells(indicator: Indicator) -> dict[str, Cell]:
    """The indicator's value for every column key of the indicators sheet."""
    return {
        "id": indicator.id,
        "section": indicator.section,
        "content": indicator.content or None,
        "unit": indicator.unit,
        "target": indicator.target,
        "lead": _joined(indicator.lead, indicator.lead_raw),
        "coordinating": _joined(indicator.coordinating, indicator.coordinating_raw),
        "evaluator": _joined(indicator.evaluator, indicator.evaluator_raw),
        "source": source_text(indicator.source),
    }


def document_cells(table: TaskTable) -> tuple[tuple[str, Cell], ...]:
    """(label, value) rows of the "Thông tin" sheet, one per warning at the end."""
    info: DocumentInfo = table.document
    values: dict[str, Cell] = {
        "kind": layout().document_kinds.get(info.kind, info.kind),
        "number": info.number, "date": info.date, "issuer": info.issuer, "title": info.title,
        "signer": info.signer, "place": info.place, "source": table.source or None,
    }
    rows = [(label, values[key]) for key, label in layout().document_fields if key != "warning"]
    warning = layout().label_of_field("warning")
    return (*rows, *((warning, w) for w in table.warnings))


def task_rows(table: TaskTable) -> tuple[tuple[Cell, ...], ...]:
    keys = [c.key for c in layout().tasks.columns]
    return tuple(tuple(cells[k] for k in keys) for cells in map(task_cells, table.tasks))


def indicator_rows(table: TaskTable) -> tuple[tuple[Cell, ...], ...]:
    keys = [c.key for c in layout().indicators.columns]
    return tuple(tuple(cells[k] for k in keys) for cells in map(indicator_cells, table.indicators))
