"""One task in place: its row, its edit form, saving an edit (a stale edit is
shown, never overwritten), its source on demand, the deadline preview and its
history page."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ...errors import DataError, TthcError
from ...nlp.deadlines import parse_deadline
from ..app_state import version_info
from ...registry import TaskEvent
from ...sheet_layout import status_label
from ...wording import Language, say
from ..deps import form_fields, get_registry, page, vn_date, web_actor
from ..messages import error_status, explain

router = APIRouter(include_in_schema=False)

EDITABLE = ("content", "lead", "coordinating", "deadline", "status", "completed_on", "note")
FIELD_LABELS = {"content": "Nội dung", "lead": "Chủ trì", "coordinating": "Phối hợp", "deadline": "Thời hạn",
                "status": "Trạng thái", "completed_on": "Ngày hoàn thành", "note": "Ghi chú",
                "task": "Nhiệm vụ"}
VIA_LABELS = {"extraction": "Trích xuất", "cli": "Dòng lệnh", "web": "Giao diện web"}


def shown_value(field: str, value: str | None, event: TaskEvent | None = None) -> str:
    """A history value as the page shows it: a task's life event in Vietnamese,
    a status by its label, a date dd/mm/yyyy, nothing as "—"."""
    if event is not None:
        return say(event, Language.VIETNAMESE)
    if value is None:
        return "—"
    if field == "status":
        return status_label(value) or value
    if field == "completed_on":
        try:
            return vn_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value


def edit_values(record: Any) -> dict[str, str]:
    """The edit form's fields as the clerk sees them (lists joined, dates dd/mm/yyyy)."""
    task = record.task
    return {
        "content": task.content,
        "lead": "; ".join(task.lead) if task.lead else (task.lead_raw or ""),
        "coordinating": "; ".join(task.coordinating) if task.coordinating else (task.coordinating_raw or ""),
        "deadline": task.deadline.text if task.deadline else "",
        "status": record.status.value,
        "completed_on": record.completed_on.strftime("%d/%m/%Y") if record.completed_on else "",
        "note": record.note or "",
    }


def _row(request: Request, registry: Any, record: Any, *, flash: bool = False, error: Any = None,
         status_code: int = 200):
    info = version_info(request, registry, record.plan, record.plan_version)
    return page(request, "_task_row.html", {"r": record, "warnings_by_task": info.warnings_by_task,
                                            "flash": flash, "error": error}, status_code=status_code)


def _edit(request: Request, registry: Any, record: Any, *, values: dict[str, str] | None = None,
          error: Any = None, status_code: int = 200, focus: str = "content"):
    info = version_info(request, registry, record.plan, record.plan_version)
    values = values or edit_values(record)
    reference = info.document.date
    preview = parse_deadline(values["deadline"], reference) if values["deadline"].strip() else None
    return page(request, "_task_edit.html", {"r": record, "values": values, "error": error, "preview": preview,
                                             "focus": focus,
                                             "reference": reference.isoformat() if reference else ""},
                status_code=status_code)


@router.get("/tasks/{key}/row", response_class=HTMLResponse)
def task_row(request: Request, key: str, registry: Any = Depends(get_registry)):
    return _row(request, registry, registry.task(key))


@router.get("/tasks/{key}/edit", response_class=HTMLResponse)
def task_edit(request: Request, key: str, focus: str = "content", registry: Any = Depends(get_registry)):
    return _edit(request, registry, registry.task(key), focus=focus)


@router.patch("/tasks/{key}", response_class=HTMLResponse)
def task_save(request: Request, key: str, form: dict[str, str] = Depends(form_fields),
              registry: Any = Depends(get_registry)):
    changes = {f: form[f] for f in EDITABLE if f in form}
    try:
        expected = int(form.get("version", ""))
    except ValueError:
        raise DataError(f"task {key}: the form has no valid 'version' ({form.get('version')!r})") from None
    full_form = "content" in changes
    try:
        record = registry.update_task(key, expected_version=expected, changes=changes, actor=web_actor(request))
    except TthcError as exc:
        # Refused (a stale version: someone else saved first; or a bad value): show the
        # stored task with the message; the clerk's own text stays in the full form.
        current, status = registry.task(key), error_status(exc)
        if full_form:
            return _edit(request, registry, current, values={**edit_values(current), **changes},
                         error=explain(exc), status_code=status)
        return _row(request, registry, current, error=explain(exc), status_code=status)
    return _row(request, registry, record, flash=True)


@router.get("/tasks/{key}/source", response_class=HTMLResponse)
def task_source(request: Request, key: str, registry: Any = Depends(get_registry)):
    record = registry.task(key)
    info = version_info(request, registry, record.plan, record.plan_version)
    return page(request, "_source.html", {"t": record.task, "source_name": info.source})


@router.get("/deadline-preview", response_class=HTMLResponse)
def deadline_preview(request: Request, deadline: str = "", reference: str = ""):
    """The due date the toolkit reads from a deadline as typed, shown at once."""
    try:
        ref = date.fromisoformat(reference) if reference else None
    except ValueError:
        ref = None
    preview = parse_deadline(deadline, ref) if deadline.strip() else None
    return page(request, "_deadline_preview.html", {"preview": preview})


@router.get("/tasks/{key}/history", response_class=HTMLResponse)
def task_history(request: Request, key: str, registry: Any = Depends(get_registry)):
    return page(request, "history.html", {"record": registry.task(key), "changes": registry.history(key),
                                          "field_labels": FIELD_LABELS, "via_labels": VIA_LABELS,
                                          "shown": shown_value})
