"""Field-level changes between two versions of a task table.

Renumbering is not a change: when a task is inserted, every later task gets a
new number, and reporting those is exactly the noise reviewers complain about.
A task's *position* changes only when it went to another section (sections are
followed through renames: an old section corresponds to the new section of the
same name, or else to where most of its tasks went) or out of order relative to
the other tasks (it is not on the longest run of pairs that kept their order).

KPI rows (``TaskTable.indicators``) are compared too, in
:attr:`TableDiff.indicators`: paired by content (:func:`~tthc_docs.diff.match.pair_rows`),
then compared field by field (content, unit, target, lead, coordinating, evaluator).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from ..models import Indicator, Target, Task, TaskTable, set_kind
from .match import Item, Matching, agencies, match_tasks, pair_rows, section_key
from .normal import canonical, match_key
from .settings import INDICATOR_STATUSES, STATUSES, ChangeStatus, MatchSettings
from .words import WordOp, word_diff

AGENCY_FIELDS = ("lead", "coordinating", "implementing", "monitoring")
INDICATOR_AGENCY_FIELDS = ("lead", "coordinating", "evaluator")


@dataclass(frozen=True)
class FieldChange:
    """One changed field of a task. ``old``/``new`` are the values as text;
    ``words`` the word-level redline of text fields; ``removed``/``added`` the
    agencies or targets that went or came; ``shift_days`` how far the deadline
    moved (positive: later) when both due dates are known."""

    field: str
    old: str
    new: str
    words: tuple[WordOp, ...] = ()
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    shift_days: int | None = None


@dataclass(frozen=True)
class TaskChange:
    """What happened to one task (or, for a split or a merge, to a group).
    ``score`` is the matching score of a pair (1 when nothing but the text
    identity was needed), None when there was no pair."""

    status: ChangeStatus
    old: tuple[Task, ...]
    new: tuple[Task, ...]
    fields: tuple[FieldChange, ...] = ()
    score: float | None = None

    def __post_init__(self) -> None:
        set_kind(self, "status", ChangeStatus)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.field for f in self.fields)

    @property
    def deadline_shift_days(self) -> int | None:
        return next((f.shift_days for f in self.fields if f.field == "deadline"), None)


@dataclass(frozen=True)
class IndicatorChange:
    """What happened to one KPI row: unchanged, modified, added or removed.
    ``old``/``new`` hold the row of each side (empty on the side it is missing
    from), as in :class:`TaskChange`."""

    status: ChangeStatus
    old: tuple[Indicator, ...]
    new: tuple[Indicator, ...]
    fields: tuple[FieldChange, ...] = ()
    score: float | None = None

    def __post_init__(self) -> None:
        set_kind(self, "status", ChangeStatus)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.field for f in self.fields)


@dataclass(frozen=True)
class TableDiff:
    """Two versions of a task table compared; ``changes`` (tasks) and
    ``indicators`` (KPI rows) each in the order of the new version, each removed
    row after the row that preceded it."""

    old_source: str
    new_source: str
    changes: tuple[TaskChange, ...]
    indicators: tuple[IndicatorChange, ...] = ()

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(c.status for c in self.changes)
        return {status: counts[status] for status in STATUSES}

    @property
    def indicator_summary(self) -> dict[str, int]:
        counts = Counter(c.status for c in self.indicators)
        return {status: counts[status] for status in INDICATOR_STATUSES}

    @property
    def edits(self) -> tuple[TaskChange, ...]:
        """The changes without the unchanged tasks."""
        return tuple(c for c in self.changes if c.status != "unchanged")


def position_text(task: Task) -> str:
    return ", ".join(part for part in (task.part, task.section, task.id) if part)


def _text_change(name: str, old: str | None, new: str | None) -> FieldChange | None:
    if canonical(old) == canonical(new):
        return None
    return FieldChange(name, canonical(old), canonical(new), words=word_diff(old, new))


def _agency_change(name: str, old: Item, new: Item) -> FieldChange | None:
    old_names, new_names = agencies(old, name), agencies(new, name)
    old_keys, new_keys = {match_key(n) for n in old_names}, {match_key(n) for n in new_names}
    if old_keys == new_keys:
        return None
    return FieldChange(name, "; ".join(old_names), "; ".join(new_names),
                       words=word_diff("; ".join(old_names), "; ".join(new_names)),
                       removed=tuple(n for n in old_names if match_key(n) not in new_keys),
                       added=tuple(n for n in new_names if match_key(n) not in old_keys))


def _deadline_change(old: Task, new: Task) -> FieldChange | None:
    before, after = old.deadline, new.deadline
    old_text, new_text = canonical(before.text if before else ""), canonical(after.text if after else "")
    if before is not None and after is not None and before.due is not None and after.due is not None:
        if (before.due, before.kind) == (after.due, after.kind):
            return None
        shift = (after.due - before.due).days
    elif match_key(old_text) == match_key(new_text):
        return None
    else:
        shift = None
    return FieldChange("deadline", old_text, new_text, words=word_diff(old_text, new_text), shift_days=shift)


def _target_key(target: Target, by_text: bool) -> tuple:
    if by_text:
        return (match_key(target.text),)
    return (target.comparator, target.value, match_key(target.unit), match_key(target.agency))


def _targets_change(old: Task, new: Task) -> FieldChange | None:
    # A table read back from XLSX carries targets as text only: compare both sides by text then.
    by_text = any(t.value is None for t in old.targets + new.targets)
    old_keys = {_target_key(t, by_text) for t in old.targets}
    new_keys = {_target_key(t, by_text) for t in new.targets}
    if old_keys == new_keys:
        return None
    old_text, new_text = "; ".join(t.text for t in old.targets), "; ".join(t.text for t in new.targets)
    return FieldChange("targets", old_text, new_text, words=word_diff(old_text, new_text),
                       removed=tuple(t.text for t in old.targets if _target_key(t, by_text) not in new_keys),
                       added=tuple(t.text for t in new.targets if _target_key(t, by_text) not in old_keys))


def compare_tasks(old: Task, new: Task, *, moved: bool = False) -> tuple[FieldChange, ...]:
    """The changed fields of a task, in the order of :data:`~tthc_docs.diff.settings.FIELDS`. ``moved`` is
    decided over the whole table (see the module docstring), not from one pair."""
    found = [
        _text_change("content", old.content, new.content),
        *(_agency_change(role, old, new) for role in AGENCY_FIELDS),
        _deadline_change(old, new),
        _targets_change(old, new),
        _text_change("product", old.product, new.product),
        _text_change("notes", old.notes, new.notes),
    ]
    if moved:
        found.append(FieldChange("position", position_text(old), position_text(new),
                                 words=word_diff(position_text(old), position_text(new))))
    return tuple(f for f in found if f is not None)


def _in_order(sequence: list[int]) -> set[int]:
    """Positions (into ``sequence``) of one longest increasing subsequence."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(sequence)
    for position, value in enumerate(sequence):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[k], tail_at[k] = value, position
        parent[position] = tail_at[k - 1] if k else -1
    kept, position = set(), tail_at[-1] if tail_at else -1
    while position != -1:
        kept.add(position)
        position = parent[position]
    return kept


def moved_pairs(old: Sequence[Task], new: Sequence[Task], matching: Matching) -> set[int]:
    """Old indices of the pairs whose position changed."""
    pairs = sorted(matching.pairs, key=lambda p: p.old)
    new_sections = {section_key(t) for t in new}
    votes: dict[str, Counter] = defaultdict(Counter)
    for p in pairs:
        votes[section_key(old[p.old])][section_key(new[p.new])] += 1
    follows = {key: key if key in new_sections else counts.most_common(1)[0][0] for key, counts in votes.items()}
    ordered = _in_order([p.new for p in pairs])
    return {p.old for k, p in enumerate(pairs)
            if k not in ordered or follows[section_key(old[p.old])] != section_key(new[p.new])}


def _order(old_count: int, matching: Matching) -> dict[int, float]:
    """Where each old task sits among the new ones: the new index of its
    counterpart, or just after the counterpart of the old task before it."""
    counterpart: dict[int, float] = {p.old: p.new for p in matching.pairs}
    for group in (*matching.splits, *matching.merges):
        counterpart.update({i: min(group.new) for i in group.old})
    where, last = {}, -1.0
    for i in range(old_count):
        last = counterpart.get(i, last)
        where[i] = counterpart.get(i, last + 0.5)
    return where


def diff_tasks(old: Sequence[Task], new: Sequence[Task], config: MatchSettings | None = None) -> tuple[TaskChange, ...]:
    """Every task of both versions in exactly one change, in the new version's order."""
    matching = match_tasks(old, new, config)
    moved = moved_pairs(old, new, matching)
    where = _order(len(old), matching)
    keyed: list[tuple[tuple[float, int], TaskChange]] = []
    for p in matching.pairs:
        fields = compare_tasks(old[p.old], new[p.new], moved=p.old in moved)
        status = "modified" if fields else "unchanged"
        keyed.append(((p.new, p.old), TaskChange(status, (old[p.old],), (new[p.new],), fields, p.score)))
    for status, groups in (("split", matching.splits), ("merged", matching.merges)):
        for g in groups:
            change = TaskChange(status, tuple(old[i] for i in g.old), tuple(new[j] for j in g.new))
            keyed.append(((min(g.new), min(g.old)), change))
    keyed += [((j, -1), TaskChange("added", (), (new[j],))) for j in matching.added]
    keyed += [((where[i], i), TaskChange("removed", (old[i],), ())) for i in matching.removed]
    return tuple(change for _, change in sorted(keyed, key=lambda item: item[0]))


def compare_indicators(old: Indicator, new: Indicator) -> tuple[FieldChange, ...]:
    """The changed fields of a KPI row, in the order of its columns: content,
    unit, target, lead, coordinating, evaluator."""
    found = [
        _text_change("content", old.content, new.content),
        _text_change("unit", old.unit, new.unit),
        _text_change("target", old.target, new.target),
        *(_agency_change(role, old, new) for role in INDICATOR_AGENCY_FIELDS),
    ]
    return tuple(f for f in found if f is not None)


def diff_indicators(old: Sequence[Indicator], new: Sequence[Indicator],
                    config: MatchSettings | None = None) -> tuple[IndicatorChange, ...]:
    """Every KPI row of both versions in exactly one change, in the new version's order."""
    matching = pair_rows(old, new, config)
    where = _order(len(old), matching)
    keyed: list[tuple[tuple[float, int], IndicatorChange]] = []
    for p in matching.pairs:
        fields = compare_indicators(old[p.old], new[p.new])
        change = IndicatorChange("modified" if fields else "unchanged", (old[p.old],), (new[p.new],), fields, p.score)
        keyed.append(((p.new, p.old), change))
    keyed += [((j, -1), IndicatorChange("added", (), (new[j],))) for j in matching.added]
    keyed += [((where[i], i), IndicatorChange("removed", (old[i],), ())) for i in matching.removed]
    return tuple(change for _, change in sorted(keyed, key=lambda item: item[0]))


def diff_tables(old: TaskTable, new: TaskTable, config: MatchSettings | None = None) -> TableDiff:
    """Compare two versions of a task table task by task, and KPI row by KPI row."""
    return TableDiff(old.source, new.source, diff_tasks(old.tasks, new.tasks, config),
                     diff_indicators(old.indicators, new.indicators, config))
