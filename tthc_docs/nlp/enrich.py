"""Understand the cells of a task table: canonical agencies, parsed deadlines,
targets, legal references and, as of a date, the successors of agencies the
2025 reorganisation abolished.

Works on tasks and indicators whose cells are still raw text (from
``tables.builder`` or ``nlp.prose``) and returns new ones; nothing here reads
files or decides what a task is. Every text is read through the spaCy pipeline
(``pipeline.read``): an agency cell's AGENCY spans, a deadline cell's DEADLINE span,
the TARGET and LEGAL_REF spans of the content, product and notes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ..models import AGENCY_ROLES, Deadline, Indicator, LegalRef, Succession, Target, Task
from .agencies import canonical_agency
from .pipeline import READ_CACHE, read, read_all, spans
from .succession import successor_of
from .targets import is_no_target

if TYPE_CHECKING:
    from spacy.tokens import Span


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


def _agencies(raw: str | None, where: str, unknowns: _Unknowns) -> _Cell:
    if not raw:
        return _Cell()
    doc = read(raw, "agencies")
    mentions = [span._.mention for span in spans(doc, "AGENCY")]
    unknowns.add(tuple(dict.fromkeys(m.name for m in mentions if not m.known)), where)
    others = doc._.not_agencies
    refs = tuple(ref for text in others for ref in _refs_without_offsets(text))
    return _Cell(tuple(dict.fromkeys(m.name for m in mentions)), refs, others)


def _legal_refs(text: str) -> tuple[LegalRef, ...]:
    return tuple(span._.legal_ref for span in spans(read(text, "text"), "LEGAL_REF"))


def _refs_without_offsets(text: str | None) -> tuple[LegalRef, ...]:
    """References found outside the content: offsets would point into another text."""
    return _without_offsets(spans(read(text, "text"), "LEGAL_REF")) if text else ()


def _without_offsets(found: tuple[Span, ...]) -> tuple[LegalRef, ...]:
    return tuple(replace(span._.legal_ref, start=None, end=None) for span in found)


def _targets(text: str) -> tuple[Target, ...]:
    return tuple(t for span in spans(read(text, "text"), "TARGET") for t in span._.targets)


def _deadline(text: str, reference: date | None) -> Deadline:
    found = spans(read(text, "deadline", reference), "DEADLINE")
    return found[0]._.deadline if found else Deadline(text="", kind="none")


def _canonical_targets(targets: tuple[Target, ...]) -> tuple[Target, ...]:
    return tuple(replace(t, agency=canonical_agency(t.agency) or t.agency) if t.agency else t for t in targets)


def _task_targets(task: Task) -> tuple[Target, ...]:
    """The target column first (kept as text when it holds no number), then the
    content and the product, which often states the number to reach ("100% hồ sơ …")."""
    column = ()
    if task.target_raw and not is_no_target(task.target_raw):
        column = _targets(task.target_raw) or (Target(text=task.target_raw, value=None),)
    return column + _targets(task.content) + (_targets(task.product) if task.product else ())


def _unique_refs(refs: tuple[LegalRef, ...]) -> tuple[LegalRef, ...]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        if ref.id not in seen:
            seen.add(ref.id)
            out.append(ref)
    return tuple(out)


def successors_of(names: tuple[str, ...], as_of: date | None) -> tuple[Succession, ...]:
    """The successor of each abolished agency of ``names`` by ``as_of``; () without a date."""
    if as_of is None:
        return ()
    found = (successor_of(name, as_of) for name in dict.fromkeys(names))
    return tuple(s for s in found if s is not None)


def enrich_task(task: Task, reference: date | None, as_of: date | None, unknowns: _Unknowns) -> Task:
    where = f"task {task.id}"
    roles: dict[str, tuple[str, ...]] = {}
    refs: list[LegalRef] = list(_legal_refs(task.content))
    notes = [task.notes] if task.notes else []
    for role in AGENCY_ROLES:
        cell = _agencies(getattr(task, f"{role}_raw"), where, unknowns)
        roles[role] = cell.names
        refs.extend(cell.refs)
        # A merged cell saying where the work was assigned is a note, not an agency.
        notes.extend(text for text in cell.references if text not in notes)
    deadline = _deadline(task.deadline.text, reference) if task.deadline else None
    for text in (task.notes, task.product):
        refs.extend(_refs_without_offsets(text))
    if task.deadline:
        refs.extend(_without_offsets(spans(read(task.deadline.text, "deadline", reference), "LEGAL_REF")))
    all_names = tuple(name for role in AGENCY_ROLES for name in roles[role])
    return replace(
        task, **roles, deadline=deadline, notes="\n".join(notes) or None,
        targets=_canonical_targets(_task_targets(task)),
        legal_refs=_unique_refs(tuple(refs)),
        successors=successors_of(all_names, as_of),
    )


def enrich_indicator(indicator: Indicator, unknowns: _Unknowns) -> Indicator:
    where = f"indicator {indicator.id}"
    lead = _agencies(indicator.lead_raw, where, unknowns).names
    coordinating = _agencies(indicator.coordinating_raw, where, unknowns).names
    evaluator = _agencies(indicator.evaluator_raw, where, unknowns).names
    target_text = _target_text(indicator)
    targets = _targets(target_text) if target_text else ()
    return replace(indicator, lead=lead, coordinating=coordinating, evaluator=evaluator,
                   targets=_canonical_targets(targets or _targets(indicator.content)))


def _target_text(indicator: Indicator) -> str:
    return " ".join(filter(None, (indicator.target, indicator.unit)))


# Tasks whose texts are read in one batch: few enough (at most about 7 texts each) that
# their Docs are all still in read's cache when the tasks are enriched.
_CHUNK = READ_CACHE // 8


def _read_cells(tasks: tuple[Task, ...], indicators: tuple[Indicator, ...], reference: date | None) -> None:
    """Build the Docs of every cell and text at once, by kind (``nlp.pipe`` batches)."""
    agency_cells = [getattr(t, f"{role}_raw") for t in tasks for role in AGENCY_ROLES]
    agency_cells += [c for i in indicators for c in (i.lead_raw, i.coordinating_raw, i.evaluator_raw)]
    read_all(filter(None, agency_cells), cell="agencies")
    read_all((t.deadline.text for t in tasks if t.deadline), cell="deadline", reference=reference)
    # A target cell that only marks "no target" ("-", "x") is not read, nor an indicator's
    # name when its target cells give a target: only Docs that are read are built.
    targets = [_target_text(i) for i in indicators]
    read_all(filter(None, [x for t in tasks for x in (t.content, t.product, t.notes)]
                     + [t.target_raw for t in tasks if t.target_raw and not is_no_target(t.target_raw)] + targets),
             cell="text")
    read_all(filter(None, [i.content for i, text in zip(indicators, targets) if not (text and _targets(text))]),
             cell="text")


def enrich(tasks: tuple[Task, ...], indicators: tuple[Indicator, ...], *,
           reference: date | None = None, as_of: date | None = None) -> Enriched:
    """``reference`` is the document's date (for deadlines without a year);
    ``as_of`` asks for the successors of agencies abolished by that date."""
    unknowns = _Unknowns()
    new_tasks: list[Task] = []
    for start in range(0, len(tasks), _CHUNK):
        chunk = tasks[start:start + _CHUNK]
        _read_cells(chunk, (), reference)
        new_tasks.extend(enrich_task(t, reference, as_of, unknowns) for t in chunk)
    _read_cells((), indicators, reference)
    new_indicators = tuple(enrich_indicator(i, unknowns) for i in indicators)
    return Enriched(tuple(new_tasks), new_indicators, tuple(unknowns.warnings()))
