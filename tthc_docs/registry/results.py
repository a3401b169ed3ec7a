"""What the registry returns: frozen dataclasses, kinds as Enums."""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from functools import cached_property
from typing import Any

from ..models import Task
from .versions import TaskEvent


class Via(Enum):
    """Through what a change was made."""

    EXTRACTION = "extraction"
    CLI = "cli"
    WEB = "web"


class Status(Enum):
    """A task's progress as the office records it."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class Actor:
    """Who makes a change (the OS user, or the web user) and through what."""

    user: str
    via: Via

    @classmethod
    def local(cls, via: Via = Via.CLI) -> Actor:
        """The user running this process."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(user, via)


@dataclass(frozen=True)
class AddResult:
    """One document stored: its plan and version, counts, warnings, and what
    changed against the previous version (``changes``: counts per diff status,
    unchanged | modified | added | removed | split | merged; ``{}`` for a first
    version). ``already_stored``: the same bytes were stored before, nothing was
    added and the version is the one that holds them."""

    plan: int
    number: str | None
    title: str | None
    version: int
    tasks: int
    indicators: int
    warnings: tuple[str, ...]
    changes: dict[str, int]
    source: str
    already_stored: bool = False


@dataclass(frozen=True)
class VersionSummary:
    number: int
    source: str
    added_at: datetime
    added_by: str
    tasks: int
    indicators: int
    changes: dict[str, int]


@dataclass(frozen=True)
class PlanSummary:
    """A plan with its versions and, for its latest version, the number of tasks
    in each progress category (``CATEGORIES`` order of the report) as of ``as_of``."""

    id: int
    number: str | None
    title: str | None
    issuer: str | None
    kind: str
    versions: tuple[VersionSummary, ...]
    categories: dict[str, int]
    as_of: date

    @property
    def latest(self) -> VersionSummary:
        return self.versions[-1]


@dataclass(frozen=True)
class TaskRecord:
    """A task as the registry keeps it.

    ``key`` follows the task through the versions of its plan ("P1-17");
    ``plan`` is the plan id, ``plan_version`` the version this row belongs to and
    ``plan_date`` that version's document date, ``plan_title`` the plan's title;
    ``task`` is the task model with ``status`` and ``completed_on`` filled in
    (read from ``stored``, the task as stored, on first use: a list of thousands
    of tasks costs only what is looked at); ``category`` is the progress-report
    category as of the query's date; ``version`` is the row's edit counter, to
    pass back as ``expected_version``."""

    key: str
    plan: int
    plan_number: str | None
    plan_version: int
    plan_date: date | None
    plan_title: str | None
    status: Status
    completed_on: date | None
    note: str | None
    category: str
    days_late: int
    version: int
    latest: bool
    stored: str = field(default="{}", repr=False)

    @cached_property
    def task(self) -> Task:
        return task_model(json.loads(self.stored), self.status.value, self.completed_on)

    def to_dict(self) -> dict[str, Any]:
        """JSON values: the task model under ``task`` (its ``to_dict``), then the registry's fields."""
        return {"key": self.key, "plan": self.plan, "plan_number": self.plan_number,
                "plan_version": self.plan_version, "plan_date": _iso(self.plan_date), "plan_title": self.plan_title,
                "task": self.task.to_dict(), "status": self.status.value, "completed_on": _iso(self.completed_on),
                "note": self.note, "category": self.category, "days_late": self.days_late, "version": self.version,
                "latest": self.latest}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def task_model(data: dict[str, Any], status: str, completed_on: date | None) -> Task:
    """The task model of stored task data, with a status and completion date."""
    return Task.from_dict({**data, "status": status,
                           "completed_on": completed_on.isoformat() if completed_on else None})


@dataclass(frozen=True)
class Change:
    """One change in a task's history: ``field`` went from ``old`` to ``new``
    (text; None for nothing), at ``at`` (UTC), by ``user`` through ``via``, in
    version ``plan_version`` of the plan; for a task's life, ``old_event`` and
    ``new_event`` are what was stored, and ``old`` / ``new`` their English wording."""

    key: str
    field: str
    old: str | None
    new: str | None
    at: datetime
    user: str
    via: Via
    plan_version: int | None
    old_event: TaskEvent | None = None
    new_event: TaskEvent | None = None


@dataclass(frozen=True)
class ImportResult:
    """What ``import_statuses`` did: the keys it changed, how many rows already
    matched or had no status, and the keys the registry does not have."""

    updated: tuple[str, ...]
    unchanged: int
    blank: int
    unknown: tuple[str, ...]


@dataclass(frozen=True)
class StatusRow:
    """A status read back from an exported sheet: ``row`` is the sheet row (1-based)."""

    key: str
    status: str | None
    completed_on: date | None
    row: int
