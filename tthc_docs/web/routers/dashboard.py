"""The dashboard: as of a date, the tasks of the latest version of every plan
(or of one plan) counted per progress-report category and per lead agency,
the same numbers ``tthc render report`` prints (:func:`render.report.progress`),
drawn as CSS bars; the overdue list, the longest overdue first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ...errors import TthcError
from ...models import TaskTable
from ...readers.sheets import parse_date
from ...render.report import Progress, chart_rows, progress
from ...render.settings import vocabulary
from ..deps import get_registry, page
from ..messages import explain

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Overdue:
    """An overdue task with the registry row it comes from."""

    record: Any  # registry.TaskRecord
    days_late: int


def _state(registry: Any, plan: int | None, as_of: date) -> tuple[Progress, tuple[Overdue, ...]]:
    records = registry.tasks(plan=plan, as_of=as_of)
    state = progress(TaskTable(source="registry", tasks=tuple(r.task for r in records)), as_of)
    by_task = {id(r.task): r for r in records}
    return state, tuple(Overdue(by_task[id(t.task)], t.days_late) for t in state.overdue)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, as_of: str = "", plan: str = "", registry: Any = Depends(get_registry)):
    error, status = None, 200
    day = date.today()
    if as_of.strip():
        try:
            day = parse_date(as_of, what="Ngày")
        except TthcError as exc:
            error, status = explain(exc), 422
    chosen = int(plan) if plan.isdigit() else None
    plans = registry.plans(as_of=day)
    if chosen is not None and all(p.id != chosen for p in plans):
        chosen = None
    state, overdue = _state(registry, chosen, day)
    total = len(state.tasks)
    bars = chart_rows(state)
    return page(request, "dashboard.html", {
        "as_of": day, "as_of_text": as_of if error else day.strftime("%d/%m/%Y"), "error": error,
        "plans": plans, "chosen": chosen, "state": state, "total": total, "overdue": overdue, "bars": bars,
        "widest": max((b.total for b in bars), default=0), "no_lead": vocabulary().no_lead_label,
    }, status_code=status)
