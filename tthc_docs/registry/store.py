"""Writing to the registry: a document becomes a plan version with its tasks
(:func:`add_table`), and a task's fields are edited under its version counter
(:func:`edit_task`). Both run inside a writing session the caller opened."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ..errors import DataError, StaleEditError, UnknownKeyError
from ..models import AGENCY_ROLES, Deadline, Task, TaskTable
from ..nlp.gazetteer import gazetteer
from .results import Actor, AddResult, ImportResult, Status, StatusRow, Via, task_model
from .schema import Agency, ChangeRow, IndicatorRow, Plan, PlanVersion, Source, TaskAgency, TaskKey, TaskRow
from .versions import Carry, EventKind, FieldEdit, TaskEvent, carry_over, life

EDITABLE = ("content", "lead", "coordinating", "deadline", "status", "completed_on", "note")


def now() -> datetime:
    """UTC, without tzinfo: what both backends store the same way."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def search_text(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def number_key(number: str | None, issued: date | None) -> str | None:
    """How a document finds the plan it revises: its number (case and spaces
    ignored) and year, since numbering restarts every year."""
    if not number:
        return None
    folded = "".join(unicodedata.normalize("NFC", number).casefold().split())
    return f"{folded}|{issued.year if issued else ''}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_plan(session: Session, plan: int | str) -> Plan:
    """A plan by its id ("3", 3) or its document number ("5755/KH-UBND")."""
    text = str(plan).strip()
    if text.isdigit():
        found = session.get(Plan, int(text))
        if found is None:
            raise UnknownKeyError(f"no plan with id {text} in the registry (see 'tthc registry plans')")
        return found
    folded = "".join(unicodedata.normalize("NFC", text).casefold().split())
    matches = session.scalars(select(Plan).where(Plan.number_key.like(f"{folded}|%"))).all()
    if not matches:
        raise UnknownKeyError(f"no plan numbered {text!r} in the registry (see 'tthc registry plans')")
    if len(matches) > 1:
        raise UnknownKeyError(f"several plans are numbered {text!r} (ids {', '.join(str(p.id) for p in matches)}); "
                              "name one by its id")
    return matches[0]


def _stored_task(task: Task) -> dict[str, Any]:
    return {**task.to_dict(), "status": None, "completed_on": None}


class _Agencies:
    """Agency rows by name, created on first use within one session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[str, Agency] = {}
        self.kinds = {e.name: e.kind for e in gazetteer()}

    def ids(self, names: Iterable[str]) -> dict[str, int]:
        names = list(dict.fromkeys(names))
        wanted = [n for n in names if n not in self.rows]
        if wanted:
            for row in self.session.scalars(select(Agency).where(Agency.name.in_(wanted))):
                self.rows[row.name] = row
            for name in wanted:
                if name not in self.rows:
                    row = Agency(name=name, kind=self.kinds.get(name), known=name in self.kinds)
                    self.session.add(row)
                    self.rows[name] = row
            self.session.flush()
        return {name: self.rows[name].id for name in names}


def _task_row(task: Task, key_id: int, version_id: int, position: int, *, status: str, completed_on: date | None,
              note: str | None) -> TaskRow:
    deadline = task.deadline
    return TaskRow(key_id=key_id, version_id=version_id, position=position, task_id=task.id, content=task.content,
                   search=search_text(task.content), due=deadline.due if deadline else None,
                   deadline_kind=deadline.kind if deadline else None, data=_stored_task(task), status=status,
                   completed_on=completed_on, note=note, version=1)


def _agency_links(task: Task) -> list[tuple[str, str]]:
    return list(dict.fromkeys((role, name) for role in AGENCY_ROLES for name in getattr(task, role)))


def _status_of(task: Task) -> tuple[str, date | None]:
    status = task.status if task.status in {s.value for s in Status} else Status.NOT_STARTED.value
    return status, task.completed_on if status == Status.DONE.value else None


def _change(key_id: int, version_id: int | None, edit: FieldEdit, actor: Actor, at: datetime) -> ChangeRow:
    return ChangeRow(key_id=key_id, version_id=version_id, field=edit.field, old=edit.old, new=edit.new,
                     old_event=edit.old_event.to_dict() if edit.old_event else None,
                     new_event=edit.new_event.to_dict() if edit.new_event else None,
                     at=at, user=actor.user, via=actor.via.value)


def _latest_rows(session: Session, plan: Plan) -> list[tuple[TaskRow, TaskKey]]:
    query = (select(TaskRow, TaskKey).join(TaskKey, TaskRow.key_id == TaskKey.id)
             .join(PlanVersion, TaskRow.version_id == PlanVersion.id)
             .where(PlanVersion.plan_id == plan.id, PlanVersion.number == plan.latest).order_by(TaskRow.position))
    return [(row, key) for row, key in session.execute(query)]


def stored_task(row: TaskRow) -> Task:
    return task_model(row.data, row.status, row.completed_on)


def _existing(session: Session, digest: str) -> AddResult | None:
    source = session.scalars(select(Source).where(Source.sha256 == digest)).first()
    if source is None:
        return None
    version = session.scalars(select(PlanVersion).where(PlanVersion.source_id == source.id)).one()
    plan = version.plan
    tasks = session.scalar(select(func.count()).select_from(TaskRow).where(TaskRow.version_id == version.id))
    indicators = session.scalar(select(func.count()).select_from(IndicatorRow)
                                .where(IndicatorRow.version_id == version.id))
    return AddResult(plan=plan.id, number=plan.number, title=plan.title, version=version.number, tasks=tasks or 0,
                     indicators=indicators or 0, warnings=tuple(version.warnings), changes=dict(version.changes),
                     source=source.name, already_stored=True)


def add_table(session: Session, table: TaskTable, data: bytes, name: str, *, version_of: int | str | None,
              actor: Actor) -> AddResult:
    """Store one extracted document as a new plan or as the next version of one."""
    digest = sha256(data)
    existing = _existing(session, digest)
    if existing is not None:
        return existing
    info = table.document
    at = now()
    key_of_number = number_key(info.number, info.date)
    if version_of is not None:
        plan = find_plan(session, version_of)
    else:
        plan = session.scalars(select(Plan).where(Plan.number_key == key_of_number).order_by(Plan.id)).first() \
            if key_of_number else None
    if plan is None:
        plan = Plan(number=info.number, number_key=key_of_number, title=info.title, issuer=info.issuer,
                    kind=info.kind, latest=0, created_at=at)
        session.add(plan)
        session.flush()
    previous = _latest_rows(session, plan) if plan.latest else []
    number = plan.latest + 1
    carry = carry_over([stored_task(row) for row, _ in previous], table.tasks, number) if previous else None
    source = Source(name=name, sha256=digest, size=len(data), content=data,
                    meta={"document": info.to_dict(), "source": table.source}, added_at=at, added_by=actor.user)
    session.add(source)
    session.flush()
    version = PlanVersion(plan_id=plan.id, number=number, source_id=source.id, document=info.to_dict(),
                          issued=info.date, warnings=list(table.warnings), changes=carry.summary if carry else {}, added_at=at,
                          added_by=actor.user, via=actor.via.value)
    session.add(version)
    if info.title:
        plan.title = info.title
    plan.latest = number
    session.flush()
    _store_tasks(session, plan, version, table.tasks, previous, carry, Actor(actor.user, Via.EXTRACTION), at)
    session.add_all(IndicatorRow(version_id=version.id, position=n, indicator_id=i.id, content=i.content,
                                 data=i.to_dict()) for n, i in enumerate(table.indicators))
    session.flush()
    return AddResult(plan=plan.id, number=plan.number, title=plan.title, version=number, tasks=len(table.tasks),
                     indicators=len(table.indicators), warnings=table.warnings,
                     changes=carry.summary if carry else {}, source=name)


def _store_tasks(session: Session, plan: Plan, version: PlanVersion, tasks: tuple[Task, ...],
                 previous: list[tuple[TaskRow, TaskKey]], carry: Carry | None, actor: Actor, at: datetime) -> None:
    serial = session.scalar(select(func.max(TaskKey.serial)).where(TaskKey.plan_id == plan.id)) or 0
    continuations = carry.continuations if carry else ()
    by_new = {c.new: c for c in continuations}
    keys: list[TaskKey] = []
    for n in range(len(tasks)):
        c = by_new.get(n)
        if c is not None and c.takes_key and c.old is not None:
            keys.append(previous[c.old][1])
            continue
        serial += 1
        key = TaskKey(plan_id=plan.id, serial=serial, key=f"P{plan.id}-{serial}")
        session.add(key)
        keys.append(key)
    session.flush()
    rows = []
    for n, task in enumerate(tasks):
        c = by_new.get(n)
        if c is not None and c.old is not None:
            old = previous[c.old][0]
            status, completed_on, note = old.status, old.completed_on, old.note
        else:
            (status, completed_on), note = _status_of(task), None
        rows.append(_task_row(task, keys[n].id, version.id, n, status=status, completed_on=completed_on, note=note))
    session.add_all(rows)
    session.flush()
    agencies = _Agencies(session)
    links = [_agency_links(t) for t in tasks]
    ids = agencies.ids(name for found in links for _, name in found)
    link_rows = [{"task_id": row.id, "agency_id": ids[name], "role": role}
                 for row, found in zip(rows, links) for role, name in found]
    if link_rows:
        session.execute(insert(TaskAgency), link_rows)
    history: list[ChangeRow] = []
    for n in range(len(tasks)):
        c = by_new.get(n)
        edits = c.edits if c is not None else (life(TaskEvent(EventKind.ADDED, version.number)),)
        if c is not None and c.old is not None and not c.takes_key:
            edits = (life(TaskEvent(EventKind.SPLIT_OFF_FROM, version.number, source=previous[c.old][1].key)),)
        history += [_change(keys[n].id, version.id, e, actor, at) for e in edits]
    if carry is not None:
        history += [_change(previous[i][1].id, version.id, e, actor, at) for i, e in carry.closed]
    session.add_all(history)


# ------------------------------------------------------------------ editing

def _names(value: object, field: str) -> tuple[tuple[str, ...], str]:
    from ..nlp.agencies import split_agencies

    if isinstance(value, str):
        return split_agencies(value).names, " ".join(value.split())
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        names = tuple(n for v in value for n in split_agencies(v).names)
        return names, "; ".join(value)
    raise DataError(f"{field} must be text or a list of agency names, not {value!r}")


def parse_status(value: object) -> Status:
    from ..readers.tasktable import status_key

    if isinstance(value, Status):
        return value
    key = status_key(str(value)) if isinstance(value, str) else None
    if key is None:
        known = ", ".join(s.value for s in Status)
        raise DataError(f"unknown status {value!r}: expected one of {known} (or the words of the XLSX sheet)")
    return Status(key)


def parse_day(value: object, what: str) -> date | None:
    from ..readers.sheets import parse_date

    if value in (None, ""):
        return None
    return parse_date(value, what=what)


def _text(value: date | tuple[str, ...] | str | None) -> str | None:
    if value is None or value == ():
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(value)
    return value


def latest_row(session: Session, key: str) -> tuple[TaskRow, TaskKey]:
    """The newest stored row of a task key: the version it was last seen in."""
    found = session.execute(
        select(TaskRow, TaskKey).join(TaskKey, TaskRow.key_id == TaskKey.id)
        .join(PlanVersion, TaskRow.version_id == PlanVersion.id)
        .where(TaskKey.key == key.strip()).order_by(PlanVersion.number.desc()).limit(1)).first()
    if found is None:
        raise UnknownKeyError(f"no task with key {key!r} in the registry (keys look like P1-17; "
                              "see 'tthc registry list')")
    return found


def edit_task(session: Session, key: str, expected_version: int, changes: Mapping[str, object],
              actor: Actor) -> TaskRow:
    """Apply ``changes`` to the newest row of ``key`` if it is still at ``expected_version``."""
    unknown = [f for f in changes if f not in EDITABLE]
    if unknown:
        raise UnknownKeyError(f"task {key}: cannot edit {', '.join(map(repr, unknown))}; "
                              f"editable fields: {', '.join(EDITABLE)}")
    row, task_key = latest_row(session, key)
    if row.version != expected_version:
        raise StaleEditError(task_key.key, expected_version, row.version)
    data = dict(row.data)
    values: dict[str, Any] = {}
    edits: list[FieldEdit] = []

    def record(field: str, old: Any, new: Any) -> None:
        if _text(old) != _text(new):
            edits.append(FieldEdit(field, _text(old), _text(new)))

    status = parse_status(changes["status"]).value if "status" in changes else row.status
    completed_on = parse_day(changes["completed_on"], f"completion date of {key}") \
        if "completed_on" in changes else row.completed_on
    if status != Status.DONE.value:
        completed_on = None
    record("status", row.status, status)
    record("completed_on", row.completed_on, completed_on)
    values.update(status=status, completed_on=completed_on)
    if "note" in changes:
        note = changes["note"]
        if note is not None and not isinstance(note, str):
            raise DataError(f"task {key}: a note must be text, not {note!r}")
        note = " ".join(note.split()) or None if note else None
        record("note", row.note, note)
        values["note"] = note
    if "content" in changes:
        content = changes["content"]
        if not isinstance(content, str) or not content.strip():
            raise DataError(f"task {key}: the content must be non-empty text, not {content!r}")
        content = " ".join(content.split())
        record("content", row.content, content)
        data["content"] = content
        values.update(content=content, search=search_text(content))
    roles_changed = False
    for role in ("lead", "coordinating"):
        if role in changes:
            names, raw = _names(changes[role], role)
            record(role, tuple(data.get(role) or ()), names)
            data[role], data[f"{role}_raw"] = list(names), raw or None
            roles_changed = True
    if "deadline" in changes:
        text = changes["deadline"]
        if not isinstance(text, str):
            raise DataError(f"task {key}: a deadline must be text, not {text!r}")
        deadline = _parse_deadline(text, row.plan_version.document.get("date"))
        record("deadline", (data.get("deadline") or {}).get("text"), deadline.text if deadline else None)
        data["deadline"] = deadline.to_dict() if deadline else None
        values.update(due=deadline.due if deadline else None, deadline_kind=deadline.kind if deadline else None)
    if not edits:
        return row
    values["data"] = data
    done = session.execute(update(TaskRow).where(TaskRow.id == row.id, TaskRow.version == expected_version)
                           .values(version=TaskRow.version + 1, **values))
    if done.rowcount != 1:
        current = session.scalar(select(TaskRow.version).where(TaskRow.id == row.id))
        raise StaleEditError(task_key.key, expected_version, current or -1)
    if roles_changed:
        _relink(session, row.id, Task.from_dict(data))
    at = now()
    session.add_all(_change(task_key.id, row.version_id, e, actor, at) for e in edits)
    session.flush()
    session.expire(row)
    return row


def apply_statuses(session: Session, rows: Sequence[StatusRow], actor: Actor) -> ImportResult:
    updated: list[str] = []
    unknown: list[str] = []
    unchanged = blank = 0
    for item in rows:
        if item.status is None:
            blank += 1
            continue
        try:
            row, _ = latest_row(session, item.key)
        except UnknownKeyError:
            unknown.append(item.key)
            continue
        completed_on = item.completed_on if item.status == Status.DONE.value else None
        if (row.status, row.completed_on) == (item.status, completed_on):
            unchanged += 1
            continue
        edit_task(session, item.key, row.version, {"status": item.status, "completed_on": completed_on}, actor)
        updated.append(item.key)
    return ImportResult(tuple(updated), unchanged, blank, tuple(unknown))


def _parse_deadline(text: str, issued: str | None) -> Deadline | None:
    from ..nlp.deadlines import parse_deadline

    if not text.strip():
        return None
    return parse_deadline(text, date.fromisoformat(issued) if issued else None)


def _relink(session: Session, row_id: int, task: Task) -> None:
    session.query(TaskAgency).filter(TaskAgency.task_id == row_id).delete()
    links = _agency_links(task)
    ids = _Agencies(session).ids(name for _, name in links)
    session.add_all(TaskAgency(task_id=row_id, agency_id=ids[name], role=role) for role, name in links)
