"""The :class:`Registry`: one database of plans, versions, tasks and their history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import TracebackType

from ..errors import DataError, ErrorDetail, ErrorKind, InputError
from ..models import TaskTable
from ..render.report import AgencyProgress
from . import engine as db
from .queries import (agency_progress, changes_of, keys_of_version, plan_summaries, record_of, records, task_query,
                      version_table)
from .results import Actor, AddResult, Change, ImportResult, PlanSummary, Status, TaskRecord
from .store import add_table, apply_statuses, edit_task, parse_status

# task tables saved by 'tthc extract' or 'tthc registry export', stored without extracting
TABLE_SUFFIXES = (".json", ".xlsx")


class Registry:
    """A task registry opened on ``url`` (None: ``TTHC_DATABASE_URL``, else the
    SQLite file in the user's data folder). Opening applies the shipped schema
    migrations. A writer waits up to ``busy_timeout`` seconds for another one,
    then gets DatabaseBusyError. Use as a context manager, or call :meth:`close`."""

    def __init__(self, url: str | None = None, *, busy_timeout: float = db.BUSY_TIMEOUT_S) -> None:
        self.url = url or db.default_url()
        self.engine = db.create(self.url, busy_timeout)
        try:
            db.migrate(self.engine)
        except BaseException:
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    @property
    def backend(self) -> str:
        """"sqlite" or "postgresql"; for messages only, nothing depends on it."""
        return self.engine.dialect.name

    def add(self, path: Path, *, data: bytes | None = None, name: str | None = None,
            version_of: int | str | None = None, actor: Actor) -> AddResult:
        """Extract one document and store it in one transaction: a new plan, or the
        next version of the plan with the same number and year (or of ``version_of``,
        a plan id or number). The same bytes added again change nothing
        (``already_stored``). A task table saved by ``tthc extract`` (.json, .xlsx)
        is stored as it is. A bad document raises and stores nothing."""
        from ..extract import extract_bytes
        from ..readers.tasktable import task_table_from_bytes

        path = Path(path)
        if data is None:
            if not path.is_file():
                raise InputError("no such file", path)
            data = path.read_bytes()
        name = name or path.name
        if Path(name).suffix.lower() in TABLE_SUFFIXES:
            table = task_table_from_bytes(data, name)
        else:
            table = extract_bytes(data, name)
        if not (table.tasks or table.indicators):
            raise DataError(f"{name}: no task or indicator found in it, so it is not stored "
                            "(is it a plan, decision, directive or letter with tasks?)",
                            detail=ErrorDetail(ErrorKind.NO_TASKS, name))
        with db.writing(self.engine) as session:
            return add_table(session, table, data, name, version_of=version_of, actor=actor)

    def plans(self, *, as_of: date | None = None) -> tuple[PlanSummary, ...]:
        """Every plan with its versions and its latest version's tasks per category."""
        with db.reading(self.engine) as session:
            return plan_summaries(session, as_of or date.today())

    def tasks(self, *, plan: int | str | None = None, version: int | None = None, agency: str | None = None,
              role: str = "lead", status: Status | str | None = None, overdue: bool = False,
              due_within: int | None = None, as_of: date | None = None, text: str | None = None
              ) -> tuple[TaskRecord, ...]:
        """Tasks of the latest version of every plan (or of ``plan``, at ``version``),
        filtered: ``agency`` (any wording of the name; a collective that includes
        the agency counts) in ``role`` (lead, coordinating, implementing,
        monitoring or any); ``status``; ``overdue`` (not done, due before
        ``as_of``); ``due_within`` days of ``as_of`` (not done); ``text`` in the
        content (case-insensitive). ``as_of`` (default today) also sets each
        record's category. Both ``overdue`` and ``due_within``: overdue or due soon."""
        wanted = parse_status(status) if status is not None else None
        as_of = as_of or date.today()
        with db.reading(self.engine) as session:
            query = task_query(session, plan=plan, version=version, agency=agency, role=role, status=wanted,
                               overdue=overdue, due_within=due_within, as_of=as_of, text=text)
            return records(session, query, as_of)

    def agency_progress(self, *, plan: int | str | None = None, as_of: date | None = None
                        ) -> tuple[AgencyProgress, ...]:
        """Tasks of the latest versions counted per lead agency and category (the
        progress report's ``AgencyProgress``, categories in ``CATEGORIES`` order)."""
        with db.reading(self.engine) as session:
            return agency_progress(session, plan=plan, as_of=as_of or date.today())

    def task(self, key: str, *, as_of: date | None = None) -> TaskRecord:
        """The newest row of one task key."""
        with db.reading(self.engine) as session:
            return record_of(session, key, as_of or date.today())

    def update_task(self, key: str, *, expected_version: int, changes: Mapping[str, object],
                    actor: Actor) -> TaskRecord:
        """Edit a task's ``content``, ``lead``, ``coordinating``, ``deadline`` (text,
        parsed again), ``status``, ``completed_on`` or ``note``, if it is still at
        ``expected_version`` (else StaleEditError naming the task). Each changed field
        goes into the history. A status other than done clears the completion date."""
        with db.writing(self.engine) as session:
            edit_task(session, key, expected_version, changes, actor)
        return self.task(key)

    def history(self, key: str) -> tuple[Change, ...]:
        """Every change of a task, oldest first, through all versions of its plan."""
        with db.reading(self.engine) as session:
            return changes_of(session, key)

    def export_table(self, plan: int | str, version: int | None = None) -> TaskTable:
        """A version (default: the latest) as a task table with statuses, for the
        writers, ``tthc render report`` and ``tthc diff``."""
        with db.reading(self.engine) as session:
            return version_table(session, plan, version)

    def import_statuses(self, path: Path, *, data: bytes | None = None, actor: Actor) -> ImportResult:
        """Statuses and completion dates typed into a workbook from ``export``, matched
        by task key, applied in one transaction. Rows with an empty status are left
        alone; keys the registry does not have are reported, not guessed."""
        from .sheets import read_statuses

        path = Path(path)
        if data is None:
            if not path.is_file():
                raise InputError("no such file", path)
            data = path.read_bytes()
        rows = read_statuses(data, path.name)
        with db.writing(self.engine) as session:
            return apply_statuses(session, rows, actor)

    def keys(self, plan: int | str, version: int | None = None) -> tuple[str, ...]:
        """The task keys of a version, in the order of :meth:`export_table`'s tasks."""
        with db.reading(self.engine) as session:
            return keys_of_version(session, plan, version)
