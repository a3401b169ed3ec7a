"""A new version of a plan against its previous one: which stored task each new
task continues (the diff's matcher, :func:`tthc_docs.diff.compare.diff_tasks`),
what changed in it, and what the diff found overall.

A task that continues an old one keeps its key, status, completion date, note
and history; a split gives the first piece the old key and the other pieces new
keys with the old status; a merge continues the first of the merged tasks and
closes the others' histories with "merged into …".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ..diff.compare import diff_tasks
from ..diff.settings import STATUSES
from ..models import Task


@dataclass(frozen=True)
class FieldEdit:
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Continuation:
    """New task ``new`` (index in the new version) continues old task ``old``
    (index in the previous version; None: a task of its own), with ``edits``
    to record in the history of its key."""

    new: int
    old: int | None
    takes_key: bool
    edits: tuple[FieldEdit, ...]


@dataclass(frozen=True)
class Carry:
    continuations: tuple[Continuation, ...]
    # old index → what became of it, for tasks whose key does not go on
    closed: tuple[tuple[int, FieldEdit], ...]
    summary: dict[str, int]


def _index(tasks: Sequence[Task]) -> dict[int, int]:
    return {id(task): n for n, task in enumerate(tasks)}


def carry_over(old: Sequence[Task], new: Sequence[Task], version: int) -> Carry:
    """How the tasks of version ``version`` (``new``) continue those of the previous one."""
    old_at, new_at = _index(old), _index(new)
    continuations: list[Continuation] = []
    closed: list[tuple[int, FieldEdit]] = []
    changes = diff_tasks(old, new)
    for change in changes:
        olds = [old_at[id(t)] for t in change.old]
        news = [new_at[id(t)] for t in change.new]
        if change.status in ("unchanged", "modified"):
            edits = tuple(FieldEdit(f.field, f.old, f.new) for f in change.fields)
            continuations.append(Continuation(news[0], olds[0], True, edits))
        elif change.status == "added":
            continuations.append(Continuation(news[0], None, False,
                                              (FieldEdit("task", None, f"added in version {version}"),)))
        elif change.status == "removed":
            closed.append((olds[0], FieldEdit("task", f"version {version - 1}", f"removed in version {version}")))
        elif change.status == "split":
            pieces = " | ".join(new[j].id for j in news)
            continuations.append(Continuation(news[0], olds[0], True, (
                FieldEdit("content", old[olds[0]].content, new[news[0]].content),
                FieldEdit("task", None, f"split in version {version} into {pieces}"))))
            continuations += [Continuation(j, olds[0], False,
                                           (FieldEdit("task", None, f"split off in version {version}"),))
                              for j in news[1:]]
        else:  # merged
            continuations.append(Continuation(news[0], olds[0], True, (
                FieldEdit("content", old[olds[0]].content, new[news[0]].content),
                FieldEdit("task", None, f"merged in version {version} with {len(olds) - 1} other task(s)"))))
            closed += [(i, FieldEdit("task", f"version {version - 1}", f"merged in version {version}"))
                       for i in olds[1:]]
    counts = Counter(c.status for c in changes)
    return Carry(tuple(sorted(continuations, key=lambda c: c.new)), tuple(closed),
                 {status: counts[status] for status in STATUSES})
