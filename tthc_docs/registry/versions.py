"""A new version of a plan against its previous one: which stored task each new
task continues (the diff's matcher, :func:`tthc_docs.diff.compare.diff_tasks`),
what changed in it, and what the diff found overall.

A task that continues an old one keeps its key, status, completion date, note
and history; a split gives the first piece the old key and the other pieces new
keys with the old status; a merge continues the first of the merged tasks and
closes the others' histories with "merged into …". A task's life (added,
removed, split, merged) is recorded as a :class:`TaskEvent`, stored as itself
(not as text) and worded when read by :func:`tthc_docs.wording.say`: in English
for the command line and the API, in Vietnamese for the web.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, Sequence

from ..diff.compare import diff_tasks
from ..diff.settings import STATUSES
from ..errors import RegistryError
from ..models import Task

LIFE = "task"  # the history field of a task's life events


class EventKind(StrEnum):
    """What happened to a task between versions of its plan; ``IN_VERSION`` is
    the task as it stood in a version, the old value of a closing event."""

    ADDED = "added"
    REMOVED = "removed"
    SPLIT = "split"
    SPLIT_OFF = "split_off"
    SPLIT_OFF_FROM = "split_off_from"
    MERGED = "merged"
    MERGED_AWAY = "merged_away"
    IN_VERSION = "in_version"


@dataclass(frozen=True)
class TaskEvent:
    """An event of a task's life in plan version ``version``: ``pieces`` the ids
    a split made, ``others`` how many tasks a merge took in, ``source`` the key
    a piece was split off from."""

    kind: EventKind
    version: int
    pieces: str = ""
    others: int = 0
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> TaskEvent:
        """An event read back from the database; a kind or value this version
        does not know is a :class:`RegistryError`."""
        try:
            return cls(kind=EventKind(data["kind"]), version=int(data["version"]), pieces=str(data.get("pieces", "")),
                       others=int(data.get("others", 0)), source=str(data.get("source", "")))
        except (TypeError, KeyError, ValueError) as exc:
            raise RegistryError(f"a stored task event is not one this version knows: {data!r} ({exc}); "
                                "upgrade tthc-docs") from exc


@dataclass(frozen=True)
class FieldEdit:
    """``field`` went from ``old`` to ``new`` (text); a task's life goes from
    ``old_event`` to ``new_event``, without text."""

    field: str
    old: str | None
    new: str | None
    old_event: TaskEvent | None = None
    new_event: TaskEvent | None = None


def life(new: TaskEvent, old: TaskEvent | None = None) -> FieldEdit:
    """The history entry of a life event (and of the state it ends)."""
    return FieldEdit(LIFE, None, None, old, new)


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
    before = TaskEvent(EventKind.IN_VERSION, version - 1)
    for change in changes:
        olds = [old_at[id(t)] for t in change.old]
        news = [new_at[id(t)] for t in change.new]
        if change.status in ("unchanged", "modified"):
            edits = tuple(FieldEdit(f.field, f.old, f.new) for f in change.fields)
            continuations.append(Continuation(news[0], olds[0], True, edits))
        elif change.status == "added":
            continuations.append(Continuation(news[0], None, False,
                                              (life(TaskEvent(EventKind.ADDED, version)),)))
        elif change.status == "removed":
            closed.append((olds[0], life(TaskEvent(EventKind.REMOVED, version), before)))
        elif change.status == "split":
            pieces = " | ".join(new[j].id for j in news)
            continuations.append(Continuation(news[0], olds[0], True, (
                FieldEdit("content", old[olds[0]].content, new[news[0]].content),
                life(TaskEvent(EventKind.SPLIT, version, pieces=pieces)))))
            continuations += [Continuation(j, olds[0], False,
                                           (life(TaskEvent(EventKind.SPLIT_OFF, version)),))
                              for j in news[1:]]
        else:  # merged
            continuations.append(Continuation(news[0], olds[0], True, (
                FieldEdit("content", old[olds[0]].content, new[news[0]].content),
                life(TaskEvent(EventKind.MERGED, version, others=len(olds) - 1)))))
            closed += [(i, life(TaskEvent(EventKind.MERGED_AWAY, version), before))
                       for i in olds[1:]]
    counts = Counter(c.status for c in changes)
    return Carry(tuple(sorted(continuations, key=lambda c: c.new)), tuple(closed),
                 {status: counts[status] for status in STATUSES})
