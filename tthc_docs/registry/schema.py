"""The registry's tables as SQLAlchemy 2 typed ORM models.

The schema is created and changed only by the Alembic migrations in
``migrations/versions`` (applied when a database is opened); a test checks that
the migrated database and these models agree.

A task *key* (``task_keys``) is one task followed through the versions of its
plan: the rows of ``tasks`` are its state in each version (content, agencies,
deadline, status), the ``changes`` are its history. ``tasks.version`` is the
optimistic lock: every edit bumps it, and an edit naming an older one is refused.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Agency(Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    known: Mapped[bool] = mapped_column(Boolean, default=False)


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(200))


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(100))
    # number and year folded: how a new document finds the plan it revises
    number_key: Mapped[str | None] = mapped_column(String(120), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))
    latest: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    versions: Mapped[list[PlanVersion]] = relationship(back_populates="plan", order_by="PlanVersion.number")


class PlanVersion(Base):
    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    issued: Mapped[date | None] = mapped_column(Date)
    warnings: Mapped[list[str]] = mapped_column(JSON)
    changes: Mapped[dict[str, int]] = mapped_column(JSON)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(200))
    via: Mapped[str] = mapped_column(String(20))

    plan: Mapped[Plan] = relationship(back_populates="versions")
    source: Mapped[Source] = relationship()


class TaskKey(Base):
    __tablename__ = "task_keys"
    __table_args__ = (UniqueConstraint("plan_id", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    serial: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(40), unique=True)


class TaskRow(Base):
    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("version_id", "key_id"),
                      Index("ix_tasks_version_id_position", "version_id", "position"))

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("task_keys.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    position: Mapped[int] = mapped_column(Integer)
    task_id: Mapped[str] = mapped_column(String(60))
    content: Mapped[str] = mapped_column(Text)
    # content case-folded (NFC), for text search that knows Vietnamese capitals
    search: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date, index=True)
    deadline_kind: Mapped[str | None] = mapped_column(String(20))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), index=True)
    completed_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)

    key: Mapped[TaskKey] = relationship()
    plan_version: Mapped[PlanVersion] = relationship()


class TaskAgency(Base):
    __tablename__ = "task_agencies"
    __table_args__ = (Index("ix_task_agencies_agency_id_role", "agency_id", "role"),)

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class IndicatorRow(Base):
    __tablename__ = "indicators"
    __table_args__ = (Index("ix_indicators_version_id_position", "version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    position: Mapped[int] = mapped_column(Integer)
    indicator_id: Mapped[str] = mapped_column(String(60))
    content: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ChangeRow(Base):
    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("task_keys.id"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_versions.id"))
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    # A task's life event (versions.TaskEvent.to_dict): the one stored truth of
    # field "task", whose old / new stay NULL (the text is worded when read).
    old_event: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    new_event: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(200))
    via: Mapped[str] = mapped_column(String(20))
