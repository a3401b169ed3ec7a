"""The typed task table: what every reader produces and every writer, renderer and
diff consumes.

All classes are frozen dataclasses. Collections are tuples; "nothing found" is an
empty tuple, never ``None``. ``to_dict`` gives the JSON contract (schema
``tthc-tasks/1``) and ``TaskTable.from_dict`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from typing import Any

SCHEMA = "tthc-tasks/1"


class DocumentKind(StrEnum):
    """What the document is (its JSON value is the member's value)."""

    CHI_THI = "chi_thi"
    QUYET_DINH = "quyet_dinh"
    KE_HOACH = "ke_hoach"
    CONG_VAN = "cong_van"
    PHU_LUC = "phu_luc"
    BAO_CAO = "bao_cao"
    UNKNOWN = "unknown"


class DeadlineKind(StrEnum):
    """How a deadline cell reads (see :mod:`tthc_docs.nlp.deadlines`)."""

    DATE = "date"
    PERIOD = "period"
    RECURRING = "recurring"
    ONGOING = "ongoing"
    CONDITIONAL = "conditional"
    RELATIVE = "relative"
    NONE = "none"


class Origin(StrEnum):
    """Where a task was found: a row of a task table or an item of the prose."""

    TABLE = "table"
    PROSE = "prose"


DOCUMENT_KINDS = tuple(DocumentKind)
DEADLINE_KINDS = tuple(DeadlineKind)
COMPARATORS = ("≥", ">", "≤", "<", "=")
AGENCY_ROLES = ("lead", "coordinating", "implementing", "monitoring")


def set_kind(instance: object, name: str, kind: type[StrEnum]) -> None:
    """Store field ``name`` as a member of ``kind``: a value that is none of its
    members (a typo in a JSON table) raises ValueError naming the value."""
    value = getattr(instance, name)
    if value is not None and not isinstance(value, kind):
        try:
            member = kind(value)
        except ValueError:
            raise ValueError(f"{name} {value!r} is not one of {', '.join(kind)}") from None
        object.__setattr__(instance, name, member)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass(frozen=True)
class SourceRef:
    """Where a task came from: a line of a text file, or page/table/row of a
    .docx/.pdf/.html table. Only the fields that apply are set. ``ocr_confidence``
    is Tesseract's mean word confidence (0–100) of a row read from a scan."""

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    ocr_confidence: int | None = None

    def to_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> SourceRef:
        data = data or {}
        return cls(**{f.name: data.get(f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Recurrence:
    """A repeating deadline. ``freq`` is daily|weekly|monthly|quarterly|yearly;
    ``interval`` counts freq units ("Định kỳ 06 tháng/01 lần" → monthly, 6);
    ``day`` is the day of the month; ``dates`` are yearly "MM-DD" dates."""

    freq: str
    interval: int = 1
    day: int | None = None
    dates: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"freq": self.freq, "interval": self.interval, "day": self.day, "dates": list(self.dates)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recurrence:
        return cls(freq=data["freq"], interval=data.get("interval", 1), day=data.get("day"),
                   dates=tuple(data.get("dates") or ()))


@dataclass(frozen=True)
class Milestone:
    due: date
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"due": self.due.isoformat(), "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Milestone:
        return cls(due=date.fromisoformat(data["due"]), text=data.get("text", ""))


@dataclass(frozen=True)
class Deadline:
    """A deadline cell. ``text`` is the cell exactly (whitespace collapsed);
    ``due`` is the last day allowed; ``kind`` is a DeadlineKind (None
    only before the deadline parser has run)."""

    text: str
    kind: DeadlineKind | None = None
    due: date | None = None
    recurrence: Recurrence | None = None
    milestones: tuple[Milestone, ...] = ()
    condition: str | None = None

    def __post_init__(self) -> None:
        set_kind(self, "kind", DeadlineKind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "due": _iso(self.due),
            "recurrence": self.recurrence.to_dict() if self.recurrence else None,
            "milestones": [m.to_dict() for m in self.milestones],
            "condition": self.condition,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Deadline | None:
        if not data:
            return None
        return cls(
            text=data.get("text", ""),
            kind=data.get("kind"),
            due=_date(data.get("due")),
            recurrence=Recurrence.from_dict(data["recurrence"]) if data.get("recurrence") else None,
            milestones=tuple(Milestone.from_dict(m) for m in data.get("milestones") or ()),
            condition=data.get("condition"),
        )


@dataclass(frozen=True)
class Target:
    """A number a task must reach: "tối thiểu 85%" → value 85, unit "%", comparator "≥"."""

    text: str
    value: float | None
    unit: str | None = None
    comparator: str | None = None
    agency: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "unit": self.unit,
                "comparator": self.comparator, "agency": self.agency}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        return cls(text=data.get("text", ""), value=data.get("value"), unit=data.get("unit"),
                   comparator=data.get("comparator"), agency=data.get("agency"))


@dataclass(frozen=True)
class LegalRef:
    """A reference to a legal document: "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018"."""

    text: str
    id: str
    type: str | None = None
    number: str | None = None
    year: int | None = None
    code: str | None = None
    issuer: str | None = None
    date: date | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "id": self.id, "type": self.type, "number": self.number,
                "year": self.year, "code": self.code, "issuer": self.issuer, "date": _iso(self.date),
                "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LegalRef:
        return cls(text=data.get("text", ""), id=data["id"], type=data.get("type"),
                   number=data.get("number"), year=data.get("year"), code=data.get("code"),
                   issuer=data.get("issuer"), date=_date(data.get("date")),
                   start=data.get("start"), end=data.get("end"))


@dataclass(frozen=True)
class Succession:
    """An agency that no longer exists, and what replaced it as of a date.

    ``needs_review`` is set when there is no single successor (e.g. the abolished
    district level): a human must decide, the toolkit never guesses."""

    old: str
    new: tuple[str, ...]
    effective: date | None = None
    basis: str | None = None
    needs_review: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": list(self.new), "effective": _iso(self.effective),
                "basis": self.basis, "needs_review": self.needs_review}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Succession:
        return cls(old=data["old"], new=tuple(data.get("new") or ()), effective=_date(data.get("effective")),
                   basis=data.get("basis"), needs_review=bool(data.get("needs_review")))


@dataclass(frozen=True)
class Task:
    """One row of a task table, or one task found in prose.

    Agency lists hold canonical names once the NLP stage has run; ``*_raw`` keep
    the cell text as written (``target_raw``: a "Chỉ tiêu" column of a task table).
    ``origin`` says whether a table row or the prose gave it."""

    id: str
    content: str
    section: str | None = None
    part: str | None = None
    lead: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()
    implementing: tuple[str, ...] = ()
    monitoring: tuple[str, ...] = ()
    lead_raw: str | None = None
    coordinating_raw: str | None = None
    implementing_raw: str | None = None
    monitoring_raw: str | None = None
    target_raw: str | None = None
    deadline: Deadline | None = None
    targets: tuple[Target, ...] = ()
    product: str | None = None
    notes: str | None = None
    legal_refs: tuple[LegalRef, ...] = ()
    successors: tuple[Succession, ...] = ()
    status: str | None = None
    completed_on: date | None = None
    origin: Origin = Origin.TABLE
    source: SourceRef = field(default_factory=SourceRef)

    def __post_init__(self) -> None:
        set_kind(self, "origin", Origin)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "part": self.part,
            "content": self.content,
            "lead": list(self.lead),
            "coordinating": list(self.coordinating),
            "implementing": list(self.implementing),
            "monitoring": list(self.monitoring),
            "lead_raw": self.lead_raw,
            "coordinating_raw": self.coordinating_raw,
            "implementing_raw": self.implementing_raw,
            "monitoring_raw": self.monitoring_raw,
            "target_raw": self.target_raw,
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "targets": [t.to_dict() for t in self.targets],
            "product": self.product,
            "notes": self.notes,
            "legal_refs": [r.to_dict() for r in self.legal_refs],
            "successors": [s.to_dict() for s in self.successors],
            "status": self.status,
            "completed_on": _iso(self.completed_on),
            "origin": self.origin,
            "source": self.source.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        return cls(
            id=str(data["id"]),
            content=data.get("content", ""),
            section=data.get("section"),
            part=data.get("part"),
            **{role: tuple(data.get(role) or ()) for role in AGENCY_ROLES},
            **{f"{role}_raw": data.get(f"{role}_raw") for role in AGENCY_ROLES},
            target_raw=data.get("target_raw"),
            deadline=Deadline.from_dict(data.get("deadline")),
            targets=tuple(Target.from_dict(t) for t in data.get("targets") or ()),
            product=data.get("product"),
            notes=data.get("notes"),
            legal_refs=tuple(LegalRef.from_dict(r) for r in data.get("legal_refs") or ()),
            successors=tuple(Succession.from_dict(s) for s in data.get("successors") or ()),
            status=data.get("status"),
            completed_on=_date(data.get("completed_on")),
            origin=data.get("origin") or Origin.TABLE,
            source=SourceRef.from_dict(data.get("source")),
        )


@dataclass(frozen=True)
class Indicator:
    """A row of a KPI table (Chỉ tiêu | Đơn vị | Chỉ tiêu năm … | …)."""

    id: str
    content: str
    unit: str | None = None
    target: str | None = None
    section: str | None = None
    lead: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()
    evaluator: tuple[str, ...] = ()
    lead_raw: str | None = None
    coordinating_raw: str | None = None
    evaluator_raw: str | None = None
    targets: tuple[Target, ...] = ()
    source: SourceRef = field(default_factory=SourceRef)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "section": self.section, "content": self.content, "unit": self.unit,
            "target": self.target, "lead": list(self.lead), "coordinating": list(self.coordinating),
            "evaluator": list(self.evaluator), "lead_raw": self.lead_raw,
            "coordinating_raw": self.coordinating_raw, "evaluator_raw": self.evaluator_raw,
            "targets": [t.to_dict() for t in self.targets], "source": self.source.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Indicator:
        return cls(
            id=str(data["id"]), content=data.get("content", ""), unit=data.get("unit"),
            target=data.get("target"), section=data.get("section"),
            lead=tuple(data.get("lead") or ()), coordinating=tuple(data.get("coordinating") or ()),
            evaluator=tuple(data.get("evaluator") or ()), lead_raw=data.get("lead_raw"),
            coordinating_raw=data.get("coordinating_raw"), evaluator_raw=data.get("evaluator_raw"),
            targets=tuple(Target.from_dict(t) for t in data.get("targets") or ()),
            source=SourceRef.from_dict(data.get("source")),
        )


@dataclass(frozen=True)
class DocumentInfo:
    """Who issued what, when: the header of the document."""

    kind: DocumentKind = DocumentKind.UNKNOWN
    number: str | None = None
    date: date | None = None
    issuer: str | None = None
    title: str | None = None
    signer: str | None = None
    place: str | None = None

    def __post_init__(self) -> None:
        set_kind(self, "kind", DocumentKind)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "date": _iso(self.date), "issuer": self.issuer,
                "title": self.title, "signer": self.signer, "place": self.place}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> DocumentInfo:
        data = data or {}
        return cls(kind=data.get("kind") or DocumentKind.UNKNOWN, number=data.get("number"), date=_date(data.get("date")),
                   issuer=data.get("issuer"), title=data.get("title"), signer=data.get("signer"),
                   place=data.get("place"))


@dataclass(frozen=True)
class TaskTable:
    """Everything extracted from one document."""

    source: str
    document: DocumentInfo = field(default_factory=DocumentInfo)
    tasks: tuple[Task, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "document": self.document.to_dict(),
            "tasks": [t.to_dict() for t in self.tasks],
            "indicators": [i.to_dict() for i in self.indicators],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TaskTable:
        from .errors import DataError

        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            found = data.get("schema") if isinstance(data, dict) else type(data).__name__
            raise DataError(f"not a task table: expected schema {SCHEMA!r}, found {found!r}")
        try:
            return cls(
                source=data.get("source", ""),
                document=DocumentInfo.from_dict(data.get("document")),
                tasks=tuple(Task.from_dict(t) for t in data.get("tasks") or ()),
                indicators=tuple(Indicator.from_dict(i) for i in data.get("indicators") or ()),
                warnings=tuple(data.get("warnings") or ()),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"task table has a bad value: {exc}") from exc

    def with_warnings(self, *more: str) -> TaskTable:
        return replace(self, warnings=self.warnings + tuple(more))
