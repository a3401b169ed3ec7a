"""Home: drop documents in (one result per file), and the plans kept so far."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from ..deps import get_registry, page, settings_of, web_actor
from ..uploads import add_uploads

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, registry: Any = Depends(get_registry)):
    return page(request, "home.html", {"plans": registry.plans()})


@router.get("/plans-table", response_class=HTMLResponse)
def plans_table(request: Request, registry: Any = Depends(get_registry)):
    """The plans list alone, refreshed after an upload."""
    return page(request, "_plans_table.html", {"plans": registry.plans()})


@router.post("/upload", response_class=HTMLResponse)
def upload(request: Request, files: list[UploadFile] = File(...), version_of: str = Form(""),
           registry: Any = Depends(get_registry)):
    outcomes = add_uploads(registry, files, limit=settings_of(request).max_upload_bytes,
                           version_of=version_of.strip() or None, actor=web_actor(request))
    fragment = request.headers.get("hx-request") == "true" or request.headers.get("x-requested-with")
    if fragment:
        return page(request, "_upload_results.html", {"outcomes": outcomes})
    return page(request, "home.html", {"plans": registry.plans(), "outcomes": outcomes})
