"""The task registry: every plan, its versions, its tasks' statuses and their
history in one database (SQLite by default, PostgreSQL for a shared office).

Contract (the web workspace and ``tthc registry`` build on exactly this)::

    from tthc_docs.registry import Registry, Actor, Via

    with Registry(url=None) as reg:        # None: $TTHC_DATABASE_URL, else SQLite in the user data dir
        added = reg.add(Path("plan.docx"), actor=Actor("lan", Via.CLI))   # -> AddResult
        reg.plans()                        # -> tuple[PlanSummary, ...]
        rows = reg.tasks(agency="Sở Y tế", overdue=True, as_of=date(2025, 6, 30))  # -> tuple[TaskRecord, ...]
        reg.update_task(rows[0].key, expected_version=rows[0].version,
                        changes={"status": "done", "completed_on": date(2025, 7, 1)},
                        actor=Actor("lan", Via.WEB))                     # -> TaskRecord
        reg.history(rows[0].key)           # -> tuple[Change, ...], oldest first
        reg.export_table(added.plan)       # -> TaskTable with statuses

* A *plan* has an integer id and versions 1, 2, …; a document whose number (and
  year) matches a stored plan, or that names it with ``version_of``, is its next
  version. A *task key* ("P1-17") follows one task through the versions: a new
  version's task matched by the diff's matcher keeps the key, status, completion
  date, note and history of the task it continues. Removed tasks keep their rows
  and history.
* ``TaskRecord.version`` is the row's edit counter; ``update_task`` refuses an edit
  whose ``expected_version`` is not the stored one (:class:`StaleEditError`).
* Errors are the toolkit's (:mod:`tthc_docs.errors`): UnknownKeyError (key, plan,
  field), StaleEditError, DatabaseBusyError ("database is busy, try again"),
  DataError (bad values), RegistryError (bad URL, newer schema, database failure).
* Results are frozen dataclasses; statuses and origins are Enums (:class:`Status`,
  :class:`Via`); "nothing found" is ``()``. A task's life across versions is a
  :class:`TaskEvent` (``Change.old_event`` / ``new_event``, kind :class:`EventKind`),
  stored as such and worded by :func:`tthc_docs.wording.say` when read; the
  change's text is its English wording.
* The schema is applied and upgraded by the Alembic migrations shipped in
  ``registry/migrations`` whenever a database is opened.
"""

from __future__ import annotations

from .api import Registry
from .results import Actor, AddResult, Change, PlanSummary, Status, TaskRecord, VersionSummary, Via
from .versions import EventKind, TaskEvent

__all__ = ["Registry", "Actor", "AddResult", "Change", "EventKind", "PlanSummary", "Status", "TaskEvent",
           "TaskRecord", "VersionSummary", "Via"]
