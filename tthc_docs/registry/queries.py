"""Reading from the registry: tasks by plan, agency, status and deadline, plans
with their versions, a task's history, a version as a task table."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from sqlalchemy import Select, Text, cast, func, select
from sqlalchemy.orm import Session

from ..errors import DataError
from ..models import Deadline, DocumentInfo, Indicator, Task, TaskTable
from ..render.report import AgencyProgress, classify
from ..render.settings import CATEGORIES
from ..wording import say
from .agencies import agencies_for_query
from .results import Change, PlanSummary, Status, TaskRecord, VersionSummary, Via
from .schema import Agency, ChangeRow, IndicatorRow, Plan, PlanVersion, Source, TaskAgency, TaskKey, TaskRow
from .store import find_plan, latest_row, search_text, stored_task
from .versions import TaskEvent

ROLES = ("lead", "coordinating", "implementing", "monitoring", "any")


@lru_cache(maxsize=65536)
def _category(status: str, completed_on: date | None, due: date | None, as_of: date) -> tuple[str, int]:
    # classify() needs only these facts (the rest of the task is not read), and
    # thousands of tasks share them: computed once per combination.
    deadline = Deadline(text="", due=due) if due else None
    found = classify(Task(id="", content="", deadline=deadline, status=status, completed_on=completed_on), as_of)
    return found.category, found.days_late


def task_query(session: Session, *, plan: int | str | None, version: int | None, agency: str | None,
               role: str, status: Status | None, overdue: bool, due_within: int | None, as_of: date,
               text: str | None) -> Select:
    query = _base()
    if plan is not None:
        query = query.where(Plan.id == find_plan(session, plan).id)
    if version is None:
        query = query.where(PlanVersion.number == Plan.latest)
    else:
        if plan is None:
            raise DataError(f"version {version} of which plan? Give the plan too")
        query = query.where(PlanVersion.number == version)
    if agency is not None:
        if role not in ROLES:
            raise DataError(f"unknown agency role {role!r}: expected one of {', '.join(ROLES)}")
        linked = (select(TaskAgency.task_id).join(Agency, TaskAgency.agency_id == Agency.id)
                  .where(Agency.name.in_(agencies_for_query(agency))))
        if role != "any":
            linked = linked.where(TaskAgency.role == role)
        query = query.where(TaskRow.id.in_(linked))
    if status is not None:
        query = query.where(TaskRow.status == status.value)
    if overdue or due_within is not None:
        query = query.where(TaskRow.status != Status.DONE.value, TaskRow.due.is_not(None))
    if overdue and due_within is not None:
        query = query.where(TaskRow.due < as_of + timedelta(days=due_within + 1))
    elif overdue:
        query = query.where(TaskRow.due < as_of)
    elif due_within is not None:
        if due_within < 0:
            raise DataError(f"--due-within counts days ahead and cannot be negative: {due_within}")
        query = query.where(TaskRow.due >= as_of, TaskRow.due <= as_of + timedelta(days=due_within))
    if text:
        query = query.where(TaskRow.search.contains(search_text(" ".join(text.split())), autoescape=True))
    return query.order_by(Plan.id, PlanVersion.number, TaskRow.position)


def records(session: Session, query: Select, as_of: date) -> tuple[TaskRecord, ...]:
    out = []
    for (stored, status, completed_on, note, due, row_version, key, version, issued, plan_id, plan_number, title,
         latest) in session.execute(query):
        category, days_late = _category(status, completed_on, due, as_of)
        out.append(TaskRecord(key=key, plan=plan_id, plan_number=plan_number, plan_version=version, plan_date=issued,
                              plan_title=title, status=Status(status), completed_on=completed_on, note=note,
                              category=category, days_late=days_late, version=row_version,
                              latest=version == latest, stored=stored))
    return tuple(out)


def _base() -> Select:
    # Columns, not ORM entities: listing thousands of tasks is the common case.
    return (select(cast(TaskRow.data, Text), TaskRow.status, TaskRow.completed_on, TaskRow.note, TaskRow.due, TaskRow.version,
                   TaskKey.key, PlanVersion.number, PlanVersion.issued, Plan.id, Plan.number, Plan.title,
                   Plan.latest)
            .join(TaskKey, TaskRow.key_id == TaskKey.id)
            .join(PlanVersion, TaskRow.version_id == PlanVersion.id)
            .join(Plan, PlanVersion.plan_id == Plan.id))


def record_of(session: Session, key: str, as_of: date) -> TaskRecord:
    """The newest row of a key, whether or not it is in the plan's latest version."""
    row, _ = latest_row(session, key)
    return records(session, _base().where(TaskRow.id == row.id), as_of)[0]


def agency_progress(session: Session, *, plan: int | str | None, as_of: date) -> tuple[AgencyProgress, ...]:
    """Tasks of the latest versions per lead agency (as the tasks name it) and
    category, the agencies with most tasks first."""
    facts = (Agency.name, TaskRow.status, TaskRow.completed_on, TaskRow.due)
    query = (select(*facts, func.count())
             .join(TaskAgency, TaskAgency.agency_id == Agency.id).join(TaskRow, TaskAgency.task_id == TaskRow.id)
             .join(PlanVersion, TaskRow.version_id == PlanVersion.id).join(Plan, PlanVersion.plan_id == Plan.id)
             .where(TaskAgency.role == "lead", PlanVersion.number == Plan.latest).group_by(*facts))
    if plan is not None:
        query = query.where(Plan.id == find_plan(session, plan).id)
    index = {category: n for n, category in enumerate(CATEGORIES)}
    counts: dict[str, list[int]] = {}
    for name, status, completed_on, due, count in session.execute(query):
        counts.setdefault(name, [0] * len(CATEGORIES))[index[_category(status, completed_on, due, as_of)[0]]] += count
    ranked = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    return tuple(AgencyProgress(name, tuple(found)) for name, found in ranked)


def plan_summaries(session: Session, as_of: date) -> tuple[PlanSummary, ...]:
    counts = dict(session.execute(select(TaskRow.version_id, func.count()).group_by(TaskRow.version_id)).all())
    kpis = dict(session.execute(select(IndicatorRow.version_id, func.count())
                                .group_by(IndicatorRow.version_id)).all())
    latest_rows = session.execute(
        select(PlanVersion.plan_id, TaskRow.status, TaskRow.completed_on, TaskRow.due)
        .join(TaskRow, TaskRow.version_id == PlanVersion.id).join(Plan, PlanVersion.plan_id == Plan.id)
        .where(PlanVersion.number == Plan.latest))
    categories: dict[int, Counter[str]] = {}
    for plan_id, status, completed_on, due in latest_rows:
        categories.setdefault(plan_id, Counter())[_category(status, completed_on, due, as_of)[0]] += 1
    versions: dict[int, list[VersionSummary]] = {}
    for version, source in session.execute(select(PlanVersion, Source.name)
                                           .join(Source, PlanVersion.source_id == Source.id)
                                           .order_by(PlanVersion.plan_id, PlanVersion.number)):
        versions.setdefault(version.plan_id, []).append(VersionSummary(
            number=version.number, source=source, added_at=_utc(version.added_at),
            added_by=version.added_by, tasks=counts.get(version.id, 0), indicators=kpis.get(version.id, 0),
            changes=dict(version.changes)))
    return tuple(
        PlanSummary(id=plan.id, number=plan.number, title=plan.title, issuer=plan.issuer, kind=plan.kind,
                    versions=tuple(versions.get(plan.id, ())),
                    categories={c: categories.get(plan.id, Counter())[c] for c in CATEGORIES}, as_of=as_of)
        for plan in session.scalars(select(Plan).order_by(Plan.id)))


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc)


def changes_of(session: Session, key: str) -> tuple[Change, ...]:
    _, task_key = latest_row(session, key)
    query = (select(ChangeRow, PlanVersion.number).outerjoin(PlanVersion, ChangeRow.version_id == PlanVersion.id)
             .where(ChangeRow.key_id == task_key.id).order_by(ChangeRow.at, ChangeRow.id))
    return tuple(_change_of(c, task_key.key, number) for c, number in session.execute(query))


def _change_of(row: ChangeRow, key: str, plan_version: int | None) -> Change:
    old_event, new_event = (TaskEvent.from_dict(e) if e is not None else None for e in (row.old_event, row.new_event))
    # A task's life is stored as its event only: the text is worded here, in English.
    return Change(key=key, field=row.field, old=say(old_event) if old_event else row.old,
                  new=say(new_event) if new_event else row.new, at=_utc(row.at), user=row.user, via=Via(row.via),
                  plan_version=plan_version, old_event=old_event, new_event=new_event)


def version_table(session: Session, plan: int | str, version: int | None) -> TaskTable:
    found = find_plan(session, plan)
    number = found.latest if version is None else version
    stored = session.scalars(select(PlanVersion).where(PlanVersion.plan_id == found.id,
                                                       PlanVersion.number == number)).first()
    if stored is None:
        raise DataError(f"plan {found.id} has no version {number} (versions 1–{found.latest})")
    rows = session.scalars(select(TaskRow).where(TaskRow.version_id == stored.id).order_by(TaskRow.position))
    indicators = session.scalars(select(IndicatorRow).where(IndicatorRow.version_id == stored.id)
                                 .order_by(IndicatorRow.position))
    return TaskTable(source=stored.source.name, document=DocumentInfo.from_dict(stored.document),
                     tasks=tuple(stored_task(r) for r in rows),
                     indicators=tuple(Indicator.from_dict(i.data) for i in indicators),
                     warnings=tuple(stored.warnings))


def keys_of_version(session: Session, plan: int | str, version: int | None) -> tuple[str, ...]:
    """The task keys of a version, in the order of its tasks."""
    found = find_plan(session, plan)
    number = found.latest if version is None else version
    query = (select(TaskKey.key).join(TaskRow, TaskRow.key_id == TaskKey.id)
             .join(PlanVersion, TaskRow.version_id == PlanVersion.id)
             .where(PlanVersion.plan_id == found.id, PlanVersion.number == number).order_by(TaskRow.position))
    return tuple(session.scalars(query))

