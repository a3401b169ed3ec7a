"""Reminder letters (Công văn đôn đốc): for each lead agency with overdue tasks
(or tasks due within some days), a letter in the Decree 30 format from
``templates/cong_van_don_doc.docx``, and one XLSX summary of the batch.

An agency is addressed by its canonical name as the tasks name it; a task led
by a collective ("Các sở, ban, ngành") is reminded to that collective, the way
such letters are addressed. Tasks without a lead agency are left out and
counted, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import OutputExistsError
from ..files import write_bytes_atomic
from ..render.apology import SEQUENCE_FIELD, safe_file_name
from ..render.context import header_context
from ..render.engine import CompiledTemplate, shipped_template
from ..render.formatting import number_line
from ..render.meta import Meta
from ..vietnamese import date_in_words, date_short
from .results import TaskRecord
from .sheets import workbook_bytes
from .wording import wording

TEMPLATE_FILE = "cong_van_don_doc.docx"
SUMMARY_NAME = "tong-hop-don-doc.xlsx"


@dataclass(frozen=True)
class Reminder:
    """The tasks one agency leads that are overdue or due soon as of ``as_of``,
    the overdue ones (longest overdue first) before those due soon."""

    agency: str
    tasks: tuple[TaskRecord, ...]
    as_of: date

    @property
    def overdue(self) -> tuple[TaskRecord, ...]:
        return tuple(t for t in self.tasks if t.category == "overdue")

    @property
    def due_soon(self) -> tuple[TaskRecord, ...]:
        return tuple(t for t in self.tasks if t.category != "overdue")


@dataclass(frozen=True)
class Letter:
    reminder: Reminder
    number: str
    path: Path


def reminders(records: Sequence[TaskRecord], as_of: date) -> tuple[Reminder, ...]:
    """One reminder per lead agency of ``records`` (tasks already filtered to the
    overdue and soon-due ones), agencies with most overdue tasks first."""
    by_agency: dict[str, list[TaskRecord]] = {}
    for record in records:
        for agency in record.task.lead:
            by_agency.setdefault(agency, []).append(record)

    def order(record: TaskRecord) -> tuple:
        due = record.task.deadline.due if record.task.deadline else None
        return (record.category != "overdue", -record.days_late, due or date.max, record.key)

    found = [Reminder(agency, tuple(sorted(tasks, key=order)), as_of) for agency, tasks in by_agency.items()]
    return tuple(sorted(found, key=lambda r: (-len(r.overdue), -len(r.tasks), r.agency)))


def _plans(reminder: Reminder) -> str:
    names = list(dict.fromkeys(f"văn bản số {t.plan_number}" if t.plan_number else
                               f"văn bản “{_short(t.plan_title)}”" if t.plan_title else f"kế hoạch mã {t.plan}"
                               for t in reminder.tasks))
    return "; ".join(names)


def _short(title: str | None, words: int = 16) -> str:
    parts = " ".join((title or "").split()).split(" ")
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _state(record: TaskRecord, as_of: date) -> str:
    if record.category == "overdue":
        return f"Quá hạn {record.days_late} ngày"
    due = record.task.deadline.due if record.task.deadline else None
    return f"Còn {(due - as_of).days} ngày" if due else ""


def _deadline(record: TaskRecord) -> str:
    """The deadline as written, with its last day when the text does not show it."""
    deadline = record.task.deadline
    if deadline is None:
        return ""
    due = date_short(deadline.due) if deadline.due else ""
    return f"{deadline.text} ({due})" if due and due not in deadline.text else deadline.text


def letter_context(reminder: Reminder, meta: Meta, number: str) -> dict[str, Any]:
    context = header_context(meta)
    overdue, soon = len(reminder.overdue), len(reminder.due_soon)
    parts = ([f"{overdue} nhiệm vụ đã quá hạn nhưng chưa hoàn thành"] if overdue else []) + \
        ([f"{soon} nhiệm vụ sắp đến hạn"] if soon else [])
    context.update(
        number=number,
        number_line=number_line(number),
        subject=wording().reminder["subject"].format(plans=_plans(reminder)),
        addressee=reminder.agency,
        plans=_plans(reminder),
        as_of_words=date_in_words(reminder.as_of),
        summary=" và ".join(parts),
        reply_by=f"trước {date_in_words(meta.reply_by)}" if meta.reply_by else "trong thời gian sớm nhất",
        paragraphs=list(meta.paragraphs),
        recipients=context["recipients"],
        tasks=[{"no": str(n), "content": " ".join(t.task.content.split()),
                "plan": t.plan_number or f"mã {t.plan}",
                "deadline": _deadline(t),
                "state": _state(t, reminder.as_of)}
               for n, t in enumerate(reminder.tasks, 1)],
    )
    return context


def plan_letters(found: Sequence[Reminder], meta: Meta, out_dir: Path, *, force: bool) -> tuple[Letter, ...]:
    """Where each letter goes and its number; OutputExistsError before anything is
    written when a file exists and ``force`` is off."""
    letters, used = [], set()
    for sequence, reminder in enumerate(found, 1):
        stem = "cong-van-don-doc-" + safe_file_name(reminder.agency, f"co-quan-{sequence}")
        name, n = stem, 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name.lower())
        letters.append(Letter(reminder, meta.number.replace(SEQUENCE_FIELD, f"{sequence:02d}"),
                              out_dir / f"{name}.docx"))
    if not force:
        existing = [str(p) for p in [x.path for x in letters] + [out_dir / SUMMARY_NAME] if p.exists()]
        if existing:
            raise OutputExistsError(f"{', '.join(existing[:5])}: already exist(s); pass --force to overwrite")
    return tuple(letters)


def load_reminder_template(path: str | Path | None = None) -> CompiledTemplate:
    return CompiledTemplate.load(path if path is not None else shipped_template(TEMPLATE_FILE))


def write_letters(letters: Sequence[Letter], meta: Meta, template: CompiledTemplate, out_dir: Path, *,
                  force: bool) -> Path:
    """Render and write every letter (each atomically), then the summary workbook; its path."""
    for letter in letters:
        write_bytes_atomic(letter.path, template.render(letter_context(letter.reminder, meta, letter.number)),
                           force=force)
    columns = wording().summary_columns
    rows = [[{"agency": x.reminder.agency, "overdue": len(x.reminder.overdue), "due_soon": len(x.reminder.due_soon),
              "file": x.path.name, "keys": ", ".join(t.key for t in x.reminder.tasks)}[c.key] for c in columns]
            for x in letters]
    summary = out_dir / SUMMARY_NAME
    write_bytes_atomic(summary, workbook_bytes([(wording().reminder["summary_sheet"], columns, rows)]), force=force)
    return summary
