"""The comparison laid out for people: numbered rows of old text, new text as a
redline, and one sentence per change, in the wording of ``data/diff.yaml``.

Task and prose comparisons both become a :class:`Report`, so the terminal, HTML
and Word writers have one shape to draw; the KPI rows of a task comparison are a
second set of rows. In every row the new side is the redline *from the old side
to the new*: accepting all insertions and deletions gives the new text,
rejecting them all the old. The redline of a changed field is the one the
comparison made (:attr:`FieldChange.words`); a field the comparison found
unchanged is shown as plain text, so a line is marked exactly when a change in
the notes says why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Callable

from ..models import Indicator, Task, TaskTable
from .compare import FieldChange, IndicatorChange, TableDiff, TaskChange, diff_tables
from .match import Item, agencies
from .normal import canonical
from .prose import ProseDiff
from .settings import ReportSettings, settings
from .words import DELETE, EQUAL, INSERT, WordOp, word_diff


def _agency_text(role: str, item: Item) -> str:
    return "; ".join(agencies(item, role))


# The lines a task is shown as, in this order.
_VALUES: tuple[tuple[str, Callable[[Task], str]], ...] = (
    ("content", lambda t: t.content),
    *((role, partial(_agency_text, role)) for role in ("lead", "coordinating", "implementing", "monitoring")),
    ("deadline", lambda t: t.deadline.text if t.deadline else ""),
    ("targets", lambda t: "; ".join(x.text for x in t.targets)),
    ("product", lambda t: t.product or ""),
    ("notes", lambda t: t.notes or ""),
)
# The lines a KPI row is shown as, in this order.
_INDICATOR_VALUES: tuple[tuple[str, Callable[[Indicator], str]], ...] = (
    ("content", lambda i: i.content),
    ("unit", lambda i: i.unit or ""),
    ("target", lambda i: i.target or ""),
    *((role, partial(_agency_text, role)) for role in ("lead", "coordinating", "evaluator")),
)


@dataclass(frozen=True)
class Line:
    """One line of a cell: ``label`` names the field ("" for the task text)."""

    label: str
    words: tuple[WordOp, ...]

    @property
    def changed(self) -> bool:
        return any(op.kind != EQUAL for op in self.words)


@dataclass(frozen=True)
class Row:
    """One row of the comparison table: its number (STT), the status, the task
    numbers (or paragraph labels) of each side, the old text, the redline and
    the changes in words."""

    number: int
    status: str
    old_label: str
    new_label: str
    old: tuple[Line, ...]
    new: tuple[Line, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """``issuer`` and ``place`` head the Word report ("" when unknown)."""

    title: str
    subtitle: str
    issuer: str
    place: str
    summary: tuple[tuple[str, str, int], ...]  # (status, its label, count)
    rows: tuple[Row, ...]
    # The KPI rows: empty when neither version has any (and for prose).
    indicator_summary: tuple[tuple[str, str, int], ...] = ()
    indicator_rows: tuple[Row, ...] = ()

    @property
    def summary_text(self) -> str:
        return settings().report.summary.format(counts=_counts(self.summary))

    @property
    def indicator_summary_text(self) -> str:
        return settings().report.indicator_summary.format(counts=_counts(self.indicator_summary))


def _counts(summary: tuple[tuple[str, str, int], ...]) -> str:
    return ", ".join(f"{label} {count}" for _, label, count in summary)


def _plain(text: str) -> tuple[WordOp, ...]:
    return (WordOp(EQUAL, canonical(text)),) if canonical(text) else ()


def _joined(tasks: tuple[Any, ...], value: Callable[[Any], str], separator: str) -> str:
    """One field of a group of tasks (a split or a merge), each value once."""
    return separator.join(dict.fromkeys(v for v in (canonical(value(t)) for t in tasks) if v))


def _redline(change: TaskChange | IndicatorChange, name: str, old_text: str, new_text: str) -> tuple[WordOp, ...]:
    """The new side of one line: the comparison's own redline of a changed field."""
    made = next((f.words for f in change.fields if f.field == name), None)
    if made is not None:
        return made
    if not change.old:
        return (WordOp(INSERT, new_text),) if new_text else ()
    if not change.new:
        return (WordOp(DELETE, old_text),) if old_text else ()
    if change.status in ("split", "merged"):
        # A group has no field-level comparison: its lines are compared here, once.
        return word_diff(old_text, new_text)
    return _plain(new_text)


def _lines(change: TaskChange | IndicatorChange, values: tuple[tuple[str, Callable[[Any], str]], ...],
           words: ReportSettings) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    before, after = [], []
    for name, value in values:
        separator = " " if name == "content" else "; "
        old_text, new_text = _joined(change.old, value, separator), _joined(change.new, value, separator)
        if not old_text and not new_text:
            continue
        label = "" if name == "content" else words.fields[name]
        if old_text:
            before.append(Line(label, _plain(old_text)))
        after.append(Line(label, _redline(change, name, old_text, new_text)))
    return tuple(before), tuple(after)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _field_notes(change: FieldChange, words: ReportSettings) -> list[str]:
    notes, label = words.notes, _lower_first(words.fields[change.field])
    if change.field == "position":
        return [notes["moved"].format(old=change.old, new=change.new)]
    if change.field == "deadline":
        days = change.shift_days
        key = "deadline_later" if days and days > 0 else "deadline_earlier" if days else "deadline_changed"
        return [notes[key].format(days=abs(days or 0), old=change.old or "…", new=change.new or "…")]
    if change.field == "target":
        return [notes["target_changed"].format(old=change.old or "…", new=change.new or "…")]
    if change.field == "targets":
        return ([notes["targets_removed"].format(names="; ".join(change.removed))] if change.removed else []) + \
               ([notes["targets_added"].format(names="; ".join(change.added))] if change.added else [])
    if change.removed or change.added:
        return ([notes["agencies_removed"].format(field=label, names="; ".join(change.removed))]
                if change.removed else []) + \
               ([notes["agencies_added"].format(field=label, names="; ".join(change.added))]
                if change.added else [])
    return [notes["edited"].format(field=label)]


def _notes(change: TaskChange, words: ReportSettings) -> tuple[str, ...]:
    notes = words.notes
    if change.status == "added":
        return (notes["added_task"],)
    if change.status == "removed":
        return (notes["removed_task"],)
    if change.status == "split":
        return (notes["split"].format(count=len(change.new), ids=", ".join(t.id for t in change.new)),)
    if change.status == "merged":
        return (notes["merged"].format(count=len(change.old), ids=", ".join(t.id for t in change.old)),)
    return tuple(note for f in change.fields for note in _field_notes(f, words))


def _indicator_notes(change: IndicatorChange, words: ReportSettings) -> tuple[str, ...]:
    if change.status == "added":
        return (words.notes["added_indicator"],)
    if change.status == "removed":
        return (words.notes["removed_indicator"],)
    return tuple(note for f in change.fields for note in _field_notes(f, words))


def _summary(counts: dict[str, int], words: ReportSettings) -> tuple[tuple[str, str, int], ...]:
    return tuple((status, words.status[status], count) for status, count in counts.items())


def _row(number: int, change: TaskChange | IndicatorChange, values: tuple, notes: tuple[str, ...],
         words: ReportSettings) -> Row:
    old_lines, new_lines = _lines(change, values, words)
    return Row(number, change.status, ", ".join(t.id for t in change.old), ", ".join(t.id for t in change.new),
               old_lines, new_lines, notes)


def table_report(diff: TableDiff, *, issuer: str = "", place: str = "", include_unchanged: bool = False) -> Report:
    """Rows for the task and KPI comparison; unchanged ones only when asked."""
    words = settings().report
    rows: list[Row] = []
    for change in diff.changes:
        if change.status != "unchanged" or include_unchanged:
            rows.append(_row(len(rows) + 1, change, _VALUES, _notes(change, words), words))
    indicator_rows: list[Row] = []
    for kpi in diff.indicators:
        if kpi.status != "unchanged" or include_unchanged:
            indicator_rows.append(_row(len(indicator_rows) + 1, kpi, _INDICATOR_VALUES,
                                       _indicator_notes(kpi, words), words))
    return Report(words.title, words.subtitle.format(old=diff.old_source, new=diff.new_source),
                  issuer, place, _summary(diff.summary, words), tuple(rows),
                  _summary(diff.indicator_summary, words) if diff.indicators else (), tuple(indicator_rows))


def table_comparison(before: TaskTable, after: TaskTable, old_name: str, new_name: str, *,
                     include_unchanged: bool = False) -> tuple[Report, TableDiff]:
    """Two task tables compared and laid out, the sides named ``old_name`` and
    ``new_name``; the report is headed by the issuing body and place of the new
    version (else the old one's)."""
    result = replace(diff_tables(before, after), old_source=old_name, new_source=new_name)
    issuer = after.document.issuer or before.document.issuer or ""
    place = after.document.place or before.document.place or ""
    return table_report(result, issuer=issuer, place=place, include_unchanged=include_unchanged), result


def prose_report(diff: ProseDiff, *, issuer: str = "", place: str = "", include_unchanged: bool = False) -> Report:
    """Rows for the body-text comparison, one per paragraph."""
    words = settings().report
    rows = []
    for change in diff.changes:
        if change.status == "unchanged" and not include_unchanged:
            continue
        old = (Line("", _plain(change.old)),) if change.old else ()
        old_label, new_label = (words.notes["paragraph"].format(number=index + 1) if index is not None else ""
                                for index in (change.old_index, change.new_index))
        rows.append(Row(len(rows) + 1, change.status, old_label, new_label, old, (Line("", change.words),),
                        (words.status[change.status],)))
    return Report(words.prose_title, words.subtitle.format(old=diff.old_source, new=diff.new_source),
                  issuer, place, _summary(diff.summary, words), tuple(rows))
