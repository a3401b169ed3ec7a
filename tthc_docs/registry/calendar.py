"""Deadlines as an iCalendar file (RFC 5545, written with ``icalendar``).

One all-day event per dated deadline; a recurring deadline is one event with an
RRULE ("Ngày 05 hàng tháng" → FREQ=MONTHLY;BYMONTHDAY=5, "Hàng quý" → every 3
months on the last day of the quarter, "15/7 và 15/11 hàng năm" → one yearly
event per date); each milestone of a deadline is an event of its own. Every
event's UID is made of the task key, so a second export of the same tasks has
the same UIDs and a calendar that imports it updates its events instead of
adding copies (SEQUENCE is the task's edit counter).

A recurrence starts at the plan's date (the document date, else ``as_of``):
monthly deadlines without a day fall on the last day of the month, quarterly
ones on the last day of the quarter, yearly ones without a date on 31 December.
"""

from __future__ import annotations

import calendar as months
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ..models import Deadline, Recurrence
from ..sheet_layout import status_label
from .results import TaskRecord
from .wording import wording

UID_DOMAIN = "tthc-docs"
_FREQ = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "quarterly": "MONTHLY", "yearly": "YEARLY"}


def _last_day(year: int, month: int) -> date:
    return date(year, month, months.monthrange(year, month)[1])


def _add_months(day: date, count: int, day_of_month: int | None) -> date:
    month = day.month - 1 + count
    year, month = day.year + month // 12, month % 12 + 1
    last = months.monthrange(year, month)[1]
    return date(year, month, min(day_of_month, last) if day_of_month else last)


def _first_on_or_after(anchor: date, step_months: int, day: int | None, start_month: int) -> date:
    """The first date on or after ``anchor`` in a month ``start_month + k·step_months``,
    on ``day`` (None: the month's last day)."""
    candidate = _add_months(date(anchor.year, start_month, 1), 0, day)
    while candidate < anchor:
        candidate = _add_months(candidate, step_months, day)
    return candidate


def recurrences(recurrence: Recurrence, anchor: date) -> tuple[tuple[date, dict[str, Any]], ...]:
    """The (first occurrence, RRULE) pairs of a recurring deadline."""
    interval = max(recurrence.interval, 1)
    freq = recurrence.freq
    if freq == "yearly" and recurrence.dates:
        out = []
        for text in recurrence.dates:
            month, day = (int(part) for part in text.split("-"))
            first = date(anchor.year, month, min(day, months.monthrange(anchor.year, month)[1]))
            if first < anchor:
                first = first.replace(year=first.year + 1)
            out.append((first, {"freq": "YEARLY", "interval": interval, "bymonth": month, "bymonthday": day}))
        return tuple(out)
    if freq == "yearly":
        first = date(anchor.year, 12, 31)
        return ((first, {"freq": "YEARLY", "interval": interval, "bymonth": 12, "bymonthday": 31}),)
    if freq in ("monthly", "quarterly"):
        step = interval * (3 if freq == "quarterly" else 1)
        start_month = 3 if freq == "quarterly" else anchor.month
        first = _first_on_or_after(anchor, step, recurrence.day, start_month)
        return ((first, {"freq": "MONTHLY", "interval": step, "bymonthday": recurrence.day or -1}),)
    return ((anchor, {"freq": _FREQ.get(freq, "DAILY"), "interval": interval}),)


def _summary(content: str) -> str:
    words = content.split()
    count = int(wording().calendar["summary_words"])
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _description(record: TaskRecord, deadline: Deadline) -> str:
    labels = wording().calendar["labels"]
    task = record.task
    lines = [task.content, ""]
    if task.lead or task.lead_raw:
        lines.append(f"{labels['lead']}: {'; '.join(task.lead) or task.lead_raw}")
    if task.coordinating or task.coordinating_raw:
        lines.append(f"{labels['coordinating']}: {'; '.join(task.coordinating) or task.coordinating_raw}")
    lines.append(f"{labels['deadline']}: {deadline.text}")
    lines.append(f"{labels['plan']}: {record.plan_number or record.plan} ({task.id})")
    lines.append(f"{labels['key']}: {record.key} · {status_label(record.status.value)}")
    return "\n".join(lines)


def _events(record: TaskRecord, anchor: date) -> Iterator[tuple[str, date, str, dict[str, Any] | None]]:
    """(uid suffix, date, summary, rrule) of every event of one task."""
    deadline = record.task.deadline
    if deadline is None:
        return
    summary = _summary(record.task.content)
    recurring_days: set[str] = set()
    if deadline.recurrence is not None:
        found = recurrences(deadline.recurrence, record.plan_date or anchor)
        for n, (first, rule) in enumerate(found):
            yield ("r" if len(found) == 1 else f"r{n + 1}"), first, summary, rule
        recurring_days = {f"{m:02d}-{d:02d}" for m, d in
                          ((r["bymonth"], r["bymonthday"]) for _, r in found if "bymonth" in r)}
    elif deadline.due is not None:
        yield "", deadline.due, summary, None
    prefix = wording().calendar["milestone_prefix"]
    for n, milestone in enumerate(deadline.milestones, start=1):
        if milestone.due == deadline.due or milestone.due.strftime("%m-%d") in recurring_days:
            continue
        yield f"m{n}", milestone.due, f"{prefix}: {milestone.text} — {summary}", None


def event_uid(key: str, suffix: str) -> str:
    return f"{key}{'-' + suffix if suffix else ''}@{UID_DOMAIN}"


def calendar_ics(records: Sequence[TaskRecord], *, as_of: date) -> bytes:
    """The calendar of ``records``' deadlines as .ics bytes."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//tthc-docs//task registry//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", wording().calendar["name"])
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    for record in records:
        for suffix, day, summary, rule in _events(record, as_of):
            event = Event()
            event.add("uid", event_uid(record.key, suffix))
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("summary", summary)
            event.add("description", _description(record, record.task.deadline))  # type: ignore[arg-type]
            event.add("sequence", record.version)
            event.add("transp", "TRANSPARENT")
            if rule is not None:
                event.add("rrule", rule)
            cal.add_component(event)
    return cal.to_ical()
