"""The JSON API under ``/api`` (OpenAPI at ``/docs``): the same registry calls as
the pages. Errors: ``{"error": …}`` with 401 (no token), 404 (no such plan or
task), 409 (stale edit), 422 (bad file or value)."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date, datetime
from enum import Enum
from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from pydantic import BaseModel, ConfigDict

from ...diff.compare import diff_tables
from ...diff.json_out import diff_to_dict
from ...writers import FORMATS
from ..deps import get_registry, settings_of, web_actor
from ..uploads import add_upload
from .plans import checked_version, export_response, plan_summary

router = APIRouter(prefix="/api", tags=["api"])


class TaskPatch(BaseModel):
    """An edit: the task's ``version`` as last read, and the fields to change."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"version": 1, "status": "done", "completed_on": "2025-07-01"}]})

    version: int
    content: str | None = None
    lead: str | list[str] | None = None
    coordinating: str | list[str] | None = None
    deadline: str | None = None
    status: str | None = None
    completed_on: str | None = None
    note: str | None = None


def jsonable(value: Any) -> Any:
    """A registry result as JSON values: dataclasses field by field (the task model
    by its own ``to_dict``), Enums by value, dates in ISO form."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def record_to_dict(record: Any) -> dict[str, Any]:
    """A task record for JSON: the task model's fields, then the registry's
    (``key``, ``version`` — the edit counter —, ``status``, ``category`` …)."""
    fields = jsonable(record)
    return {**fields.pop("task"), **fields}


@router.post("/documents", status_code=201, summary="Tải một văn bản lên và lưu bảng nhiệm vụ của nó")
def post_document(request: Request, file: UploadFile = File(...), version_of: str = Form(""),
                  registry: Any = Depends(get_registry)) -> dict[str, Any]:
    added = add_upload(registry, file, limit=settings_of(request).max_upload_bytes,
                       version_of=version_of.strip() or None, actor=web_actor(request))
    return jsonable(added)


@router.get("/plans", summary="Các kế hoạch, phiên bản và số nhiệm vụ theo tình trạng")
def get_plans(as_of: date | None = None, registry: Any = Depends(get_registry)) -> dict[str, Any]:
    return {"plans": jsonable(registry.plans(as_of=as_of))}


@router.get("/plans/{plan}/tasks", summary="Nhiệm vụ của một kế hoạch, có lọc")
def get_tasks(plan: int, agency: str | None = None, status: str | None = None, overdue: bool = False,
              as_of: date | None = None, version: int | None = None, q: str | None = None,
              registry: Any = Depends(get_registry)) -> dict[str, Any]:
    checked_version(plan_summary(registry, plan), version)
    records = registry.tasks(plan=plan, version=version, agency=agency or None, status=status or None,
                             overdue=overdue, as_of=as_of, text=q or None)
    return {"tasks": [record_to_dict(r) for r in records]}


@router.get("/plans/{plan}/export", summary="Bảng nhiệm vụ (xlsx, json, csv, md)")
def get_export(plan: int, format: str = Query("json", pattern="^(" + "|".join(FORMATS) + ")$"),
               version: int | None = None, registry: Any = Depends(get_registry)):
    return export_response(registry, plan, version, format)


@router.get("/tasks/{key}", summary="Một nhiệm vụ (bản mới nhất)")
def get_task(key: str, registry: Any = Depends(get_registry)) -> dict[str, Any]:
    return record_to_dict(registry.task(key))


@router.patch("/tasks/{key}", summary="Sửa một nhiệm vụ; 409 khi 'version' đã cũ")
def patch_task(request: Request, key: str, patch: TaskPatch, registry: Any = Depends(get_registry)
               ) -> dict[str, Any]:
    changes = patch.model_dump(exclude={"version"}, exclude_unset=True)
    record = registry.update_task(key, expected_version=patch.version, changes=changes, actor=web_actor(request))
    return record_to_dict(record)


@router.get("/tasks/{key}/history", summary="Lịch sử thay đổi của một nhiệm vụ")
def get_history(key: str, registry: Any = Depends(get_registry)) -> dict[str, Any]:
    return {"key": key, "changes": jsonable(registry.history(key))}


def _version_ref(text: str, name: str) -> tuple[int, int | None]:
    plan, _, version = text.partition(":")
    try:
        return int(plan), (int(version) if version else None)
    except ValueError:
        raise HTTPException(status_code=422, detail=f"{name}={text!r}: expected PLAN:VERSION, e.g. 1:2") from None


@router.get("/diff", summary="So sánh hai phiên bản: JSON như 'tthc diff --format json'")
def get_diff(old: str, new: str, registry: Any = Depends(get_registry)) -> dict[str, Any]:
    (old_plan, old_version), (new_plan, new_version) = _version_ref(old, "old"), _version_ref(new, "new")
    before = registry.export_table(old_plan, checked_version(plan_summary(registry, old_plan), old_version))
    after = registry.export_table(new_plan, checked_version(plan_summary(registry, new_plan), new_version))
    result = replace(diff_tables(before, after), old_source=old, new_source=new)
    return diff_to_dict(result)
