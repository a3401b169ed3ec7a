"""The plan page: the task table with filters and sorting, warnings beside the
tasks, and the exports."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from ...nlp.gazetteer import gazetteer
from ...writers import FORMATS, suffix_for, write_table
from ..app_state import version_info
from ..deps import get_registry, page
from ..task_view import SORTS, Filters, select

router = APIRouter(include_in_schema=False)

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
}
FORMAT_LABELS = {"xlsx": "Excel (.xlsx)", "csv": "CSV", "json": "JSON", "md": "Markdown"}


def plan_summary(registry: Any, plan: int) -> Any:
    """The plan's summary, or 404 when the registry has no such plan."""
    found = next((p for p in registry.plans() if p.id == plan), None)
    if found is None:
        raise HTTPException(status_code=404, detail=f"Không có kế hoạch số {plan} trong cơ sở dữ liệu.")
    return found


def checked_version(summary: Any, version: int | None) -> int:
    numbers = [v.number for v in summary.versions]
    if version is None:
        return numbers[-1]
    if version not in numbers:
        raise HTTPException(status_code=404, detail=f"Kế hoạch {summary.number or summary.id} không có phiên bản "
                                                    f"{version} (có: {', '.join(map(str, numbers))}).")
    return version


def export_response(registry: Any, plan: int, version: int | None, fmt: str) -> Response:
    """The plan's task table in ``fmt`` as a download, written by the toolkit's writers."""
    summary = plan_summary(registry, plan)
    version = checked_version(summary, version)
    data = write_table(registry.export_table(plan, version), fmt)
    name = f"ke-hoach-{plan}-phien-ban-{version}{suffix_for(fmt)}"
    return Response(data, media_type=MEDIA_TYPES[fmt.lower().lstrip(".")],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def agency_names() -> tuple[str, ...]:
    """Canonical agency names of the gazetteer, for the suggestions of agency inputs."""
    return tuple(sorted({entry.name for entry in gazetteer()}))


@router.get("/plans/{plan}", response_class=HTMLResponse)
def plan_page(request: Request, plan: int, version: int | None = None, section: str = "", agency: str = "",
              category: str = "", q: str = "", sort: str = Query("position"), dir: str = "asc",
              registry: Any = Depends(get_registry)):
    summary = plan_summary(registry, plan)
    version = checked_version(summary, version)
    filters = Filters(section=section, agency=agency.strip(), category=category, text=q.strip(),
                      sort=sort if sort in SORTS else "position", descending=dir == "desc")
    records = registry.tasks(plan=plan, version=version, agency=filters.agency or None, text=filters.text or None)
    info = version_info(request, registry, plan, version)
    context = {
        "plan": summary, "version": version, "document": info.document, "filters": filters,
        "records": select(records, filters), "total": info.task_count, "sections": info.sections,
        "warnings_by_task": info.warnings_by_task, "general_warnings": info.general_warnings,
        "formats": FORMAT_LABELS,
    }
    if request.headers.get("hx-target") == "task-table":
        return page(request, "_task_table.html", context)
    return page(request, "plan.html", {**context, "agencies": agency_names()})


@router.get("/plans/{plan}/export")
def export(plan: int, format: str = Query("xlsx", pattern="^(" + "|".join(FORMATS) + ")$"),
           version: int | None = None, registry: Any = Depends(get_registry)):
    return export_response(registry, plan, version, format)
