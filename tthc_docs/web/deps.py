"""What every route may ask for: the registry, the templates, the acting user,
and the CSRF check that guards every request that changes something."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from ..render.settings import vocabulary
from ..sheet_layout import layout, source_text, status_label
from .security import CSRF_FIELD, CSRF_HEADER, Secrets

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class WebSettings:
    """How one app was created (``create_app``); kept on ``app.state.settings``."""

    secrets: Secrets
    registry_url: str | None
    max_upload_bytes: int
    user: str


def vn_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy (and hh:mm for a moment), "" for nothing."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def category_labels() -> dict[str, str]:
    return {c.key: c.label for c in vocabulary().categories}


def category_colors() -> dict[str, str]:
    return {c.key: c.color for c in vocabulary().categories}


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["vn_date"] = vn_date
    env.filters["status_label"] = lambda key: status_label(key) or ""
    env.filters["source_text"] = lambda source: source_text(source) or ""
    env.globals["statuses"] = tuple((s.key, s.label) for s in layout().statuses)
    env.globals["category_labels"] = category_labels()
    env.globals["category_colors"] = category_colors()
    env.globals["count"] = lambda items: len(items) if hasattr(items, "__len__") else (items or 0)
    return env


templates = Jinja2Templates(env=_environment())


def settings_of(request: Request) -> WebSettings:
    return request.app.state.settings


def get_registry(request: Request) -> Any:
    """The app's one :class:`~tthc_docs.registry.Registry`, opened on first use."""
    state = request.app.state
    if getattr(state, "registry", None) is None:
        from ..registry import Registry

        state.registry = Registry(url=settings_of(request).registry_url)
    return state.registry


def web_actor(request: Request) -> Any:
    from ..registry import Actor, Via

    return Actor(user=settings_of(request).user, via=Via.WEB)


def page(request: Request, name: str, context: dict[str, Any], status_code: int = 200):
    """A template rendered with what every page needs (CSRF value, nav)."""
    base = {"csrf": settings_of(request).secrets.csrf, "nav": request.app.state.nav}
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


async def check_csrf(request: Request) -> None:
    """Refuse a request that changes something unless it carries the CSRF value
    (header ``X-CSRF-Token`` or form field ``csrf_token``). An API call that
    authenticated with ``Authorization: Bearer`` needs none: no browser sends that
    header on its own."""
    if request.method in SAFE_METHODS or request.state.auth == "bearer":
        return
    secrets = settings_of(request).secrets
    if secrets.is_csrf(request.headers.get(CSRF_HEADER)):
        return
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        if isinstance(value, str) and secrets.is_csrf(value):
            return
    raise HTTPException(status_code=403, detail="Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang rồi thử lại.")


async def form_fields(request: Request) -> dict[str, str]:
    """The text fields of a submitted form (read in the event loop, so that the
    route itself can be a plain function run in the thread pool)."""
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "web"
