"""Understand the cells of a task table: canonical agencies, parsed deadlines,
targets, legal references and, as of a date, the successors of agencies the
2025 reorganisation abolished.

Works on tasks and indicators whose cells are still raw text (from
``tables.builder`` or ``nlp.prose``) and returns new ones; nothing here reads
files or decides what a task is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from ..models import AGENCY_ROLES, Indicator, LegalRef, Succession, Target, Task
from .agencies import canonical_agency, split_agencies
from .deadlines import parse_deadline
from .refs import find_legal_refs
from .succession import successor_of
from .targets import find_targets, is_no_target


@dataclass(frozen=True)
class Enriched:
    tasks: tuple[Task, ...]
    indicators: tuple[Indicator, ...]
    warnings: tuple[str, ...]


class _Unknowns:
    """Agency names not in the gazetteer, with where they were seen: reported once each."""

    def __init__(self) -> None:
        self.seen: dict[str, dict[str, None]] = defaultdict(dict)  # ordered sets

    def add(self, names: tuple[str, ...], where: str) -> None:
        for name in names:
            self.seen[name][where] = None

    def warnings(self) -> list[str]:
        out = []
        for name, found_in in self.seen.items():
            places = list(found_in)
            shown = ", ".join(places[:5]) + (f" and {len(places) - 5} more" if len(places) > 5 else "")
            out.append(f"agency not in the gazetteer, kept as written: {name!r} ({shown})")
        return out


@dataclass(frozen=True)
class _Cell:
    names: tuple[str, ...] = ()
    refs: tuple[LegalRef, ...] = ()
    references: tuple[str, ...] = ()  # text that names no agency ("Đã được phân công theo …")


# Plans repeat the same agency and deadline cells row after row.
_split = lru_cache(maxsize=4096)(split_agencies)
_deadline = lru_cache(maxsize=4096)(parse_deadline)


def _agencies(raw: str | None, where: str, unknowns: _Unknowns) -> _Cell:
    if not raw:
        return _Cell()
    split = _split(raw)
    unknowns.add(split.unknown, where)
    refs = tuple(ref for text in split.references for ref in _refs_without_offsets(text))
    return _Cell(split.names, refs, split.references)


def _refs_without_offsets(text: str | None) -> tuple[LegalRef, ...]:
    """References found outside the content: offsets would point into another text."""
    if not text:
        return ()
    return tuple(replace(r, start=None, end=None) for r in find_legal_refs(text))


def _canonical_targets(targets: tuple[Target, ...]) -> tuple[Target, ...]:
    return tuple(replace(t, agency=canonical_agency(t.agency) or t.agency) if t.agency else t for t in targets)


def _task_targets(task: Task) -> tuple[Target, ...]:
    """The target column first (kept as text when it holds no number), then the
    content and the product, which often states the number to reach ("100% hồ sơ …")."""
    column = ()
    if task.target_raw and not is_no_target(task.target_raw):
        column = find_targets(task.target_raw) or (Target(text=task.target_raw, value=None),)
    return column + find_targets(task.content) + find_targets(task.product or "")


def _unique_refs(refs: tuple[LegalRef, ...]) -> tuple[LegalRef, ...]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        if ref.id not in seen:
            seen.add(ref.id)
            out.append(ref)
    return tuple(out)


def _successors(names: tuple[str, ...], as_of: date | None) -> tuple[Succession, ...]:
    if as_of is None:
        return ()
    found = (successor_of(name, as_of) for name in dict.fromkeys(names))
    return tuple(s for s in found if s is not None)


def enrich_task(task: Task, reference: date | None, as_of: date | None, unknowns: _Unknowns) -> Task:
    where = f"task {task.id}"
    roles: dict[str, tuple[str, ...]] = {}
    refs: list[LegalRef] = list(find_legal_refs(task.content))
    notes = [task.notes] if task.notes else []
    for role in AGENCY_ROLES:
        cell = _agencies(getattr(task, f"{role}_raw"), where, unknowns)
        roles[role] = cell.names
        refs.extend(cell.refs)
        # A merged cell saying where the work was assigned is a note, not an agency.
        notes.extend(text for text in cell.references if text not in notes)
    deadline = _deadline(task.deadline.text, reference) if task.deadline else None
    for text in (task.notes, task.product, task.deadline.text if task.deadline else None):
        refs.extend(_refs_without_offsets(text))
    all_names = tuple(name for role in AGENCY_ROLES for name in roles[role])
    return replace(
        task, **roles, deadline=deadline, notes="\n".join(notes) or None,
        targets=_canonical_targets(_task_targets(task)),
        legal_refs=_unique_refs(tuple(refs)),
        successors=_successors(all_names, as_of),
    )


def enrich_indicator(indicator: Indicator, unknowns: _Unknowns) -> Indicator:
    where = f"indicator {indicator.id}"
    lead = _agencies(indicator.lead_raw, where, unknowns).names
    coordinating = _agencies(indicator.coordinating_raw, where, unknowns).names
    evaluator = _agencies(indicator.evaluator_raw, where, unknowns).names
    target_text = " ".join(filter(None, (indicator.target, indicator.unit)))
    targets = find_targets(target_text) if target_text else ()
    return replace(indicator, lead=lead, coordinating=coordinating, evaluator=evaluator,
                   targets=_canonical_targets(targets or find_targets(indicator.content)))


def enrich(tasks: tuple[Task, ...], indicators: tuple[Indicator, ...], *,
           reference: date | None = None, as_of: date | None = None) -> Enriched:
    """``reference`` is the document's date (for deadlines without a year);
    ``as_of`` asks for the successors of agencies abolished by that date."""
    unknowns = _Unknowns()
    new_tasks = tuple(enrich_task(t, reference, as_of, unknowns) for t in tasks)
    new_indicators = tuple(enrich_indicator(i, unknowns) for i in indicators)
    return Enriched(new_tasks, new_indicators, tuple(unknowns.warnings()))
