"""The plan page's table: filtering, sorting and placing warnings beside the
tasks they name. Pure functions over the registry's task records."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..nlp.gazetteer import folded_words

SORTS = ("position", "id", "content", "lead", "due", "status", "category")
# A warning names its task at the end: "… kept as written: 'X' (task I.15)".
_TASK_REF = re.compile(r"\(task ([^()]+)\)\s*$")
_NUMBER = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Filters:
    """What the clerk asked for in the filter bar (empty: no filter)."""

    section: str = ""
    agency: str = ""
    category: str = ""
    text: str = ""
    sort: str = "position"
    descending: bool = False

    def query(self, **override: Any) -> dict[str, str]:
        """The query string of these filters, with ``override`` applied (sort links)."""
        values = {"section": self.section, "agency": self.agency, "category": self.category,
                  "q": self.text, "sort": self.sort, "dir": "desc" if self.descending else "asc"}
        values.update({k: v for k, v in override.items()})
        return {k: v for k, v in values.items() if v}


def warnings_by_task(warnings: Iterable[str]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Warnings that name a task, by task id; and those about the whole document."""
    by_task: dict[str, list[str]] = {}
    general: list[str] = []
    for warning in warnings:
        match = _TASK_REF.search(warning)
        if match:
            by_task.setdefault(match.group(1).strip(), []).append(warning)
        else:
            general.append(warning)
    return {k: tuple(v) for k, v in by_task.items()}, tuple(general)


def _natural(text: str | None) -> tuple:
    return tuple(int(p) if p.isdigit() else p.lower() for p in _NUMBER.split(text or ""))


def _sort_key(sort: str):
    if sort == "id":
        return lambda r: _natural(r.task.id)
    if sort == "content":
        return lambda r: folded_words(r.task.content)
    if sort == "lead":
        return lambda r: folded_words(" ".join(r.task.lead) or r.task.lead_raw or "~")
    if sort == "due":
        return lambda r: (r.task.deadline is None or r.task.deadline.due is None,
                          r.task.deadline.due if r.task.deadline and r.task.deadline.due else date.max)
    if sort == "status":
        return lambda r: r.status.value
    if sort == "category":
        return lambda r: r.category
    return None


def _matches(record: Any, filters: Filters) -> bool:
    if filters.section and (record.task.section or "") != filters.section:
        return False
    return not (filters.category and record.category != filters.category)


def select(records: Sequence[Any], filters: Filters) -> tuple[Any, ...]:
    """The records the filters keep, in the order asked (document order by default).
    Agency and text are filtered by the registry; section and category here."""
    kept = [r for r in records if _matches(r, filters)]
    key = _sort_key(filters.sort)
    if key is not None:
        kept.sort(key=key, reverse=filters.descending)
    elif filters.descending:
        kept.reverse()
    return tuple(kept)

