"""The compare page: two versions of a plan from the registry, or two uploaded
files, side by side with the word-level redline of ``tthc diff``, filtered by
change kind, and the comparison as HTML, Word (tracked changes) or JSON."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from ...diff.html_out import render_html, row_html
from ...diff.inputs import table_from_bytes
from ...diff.json_out import render_json
from ...diff.report import Report, table_comparison
from ...diff.settings import settings as diff_settings
from ...errors import TthcError
from ...models import TaskTable
from ..deps import get_registry, page, settings_of
from ..messages import explain
from ..stash import keep, kept
from ..uploads import read_upload
from .api import _version_ref
from .plans import checked_version, plan_summary

router = APIRouter(include_in_schema=False)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOWNLOADS = {"html": ("text/html; charset=utf-8", ".html"), "docx": (DOCX, ".docx"),
             "json": ("application/json", ".json")}
# Shown unless the reader asks for unchanged tasks too.
DEFAULT_HIDDEN = ("unchanged",)


@dataclass(frozen=True)
class Sides:
    """The two task tables compared, with the names the report gives them."""

    before: TaskTable
    after: TaskTable
    old_name: str
    new_name: str


@dataclass(frozen=True)
class Shown:
    """A comparison as the page draws it: the whole report's counts, the rows of
    the kinds asked for, and the query string that reproduces it."""

    report: Report
    rows: tuple[Any, ...]
    indicator_rows: tuple[Any, ...]
    kinds: tuple[str, ...]
    query: str


def status_labels() -> dict[str, str]:
    return dict(diff_settings().report.status)


def _registry_side(registry: Any, ref: str, which: str) -> tuple[TaskTable, str]:
    plan, version = _version_ref(ref, which)
    summary = plan_summary(registry, plan)
    version = checked_version(summary, version)
    return registry.export_table(plan, version), f"{summary.number or f'Kế hoạch {plan}'} (phiên bản {version})"


def _sides(request: Request, registry: Any, old: str, new: str, upload: str) -> Sides | None:
    if upload:
        return kept(request, upload, Sides)
    if old and new:
        (before, old_name), (after, new_name) = (_registry_side(registry, old, "old"),
                                                 _registry_side(registry, new, "new"))
        return Sides(before, after, old_name, new_name)
    return None


def _kinds(asked: list[str]) -> tuple[str, ...]:
    known = status_labels()
    chosen = tuple(k for k in known if k in asked)
    return chosen or tuple(k for k in known if k not in DEFAULT_HIDDEN)


def _report(sides: Sides, kinds: tuple[str, ...]) -> tuple[Report, Any]:
    return table_comparison(sides.before, sides.after, sides.old_name, sides.new_name,
                            include_unchanged="unchanged" in kinds)


def _only(rows: tuple[Any, ...], kinds: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(replace(r, number=n) for n, r in enumerate((r for r in rows if r.status in kinds), 1))


def _filtered(report: Report, kinds: tuple[str, ...]) -> Report:
    return replace(report, rows=_only(report.rows, kinds), indicator_rows=_only(report.indicator_rows, kinds))


def _query(old: str, new: str, upload: str, kinds: tuple[str, ...]) -> str:
    pairs = [("upload", upload)] if upload else [("old", old), ("new", new)]
    return urlencode(pairs + [("kind", k) for k in kinds])


def _choices(registry: Any) -> list[tuple[str, str]]:
    """Every stored version as ("plan:version", label), newest plans first."""
    return [(f"{p.id}:{v.number}", f"{p.number or f'Kế hoạch {p.id}'} — phiên bản {v.number} ({v.tasks} nhiệm vụ)")
            for p in reversed(registry.plans()) for v in reversed(p.versions)]


def _defaults(registry: Any, plan: int | None) -> tuple[str, str]:
    """The last two versions of ``plan`` (or of the newest plan that has two)."""
    for summary in reversed(registry.plans()):
        if len(summary.versions) >= 2 and plan in (None, summary.id):
            return f"{summary.id}:{summary.versions[-2].number}", f"{summary.id}:{summary.versions[-1].number}"
    return "", ""


def _page(request: Request, registry: Any, *, old: str, new: str, upload: str, shown: Shown | None,
          error: Any = None, status_code: int = 200):
    return page(request, "compare.html", {
        "choices": _choices(registry), "old": old, "new": new, "upload": upload, "shown": shown,
        "labels": status_labels(), "error": error, "row_html": lambda row: Markup(row_html(row)),
    }, status_code=status_code)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, old: str = "", new: str = "", upload: str = "", plan: int | None = None,
                 kind: list[str] = Query([]), registry: Any = Depends(get_registry)):
    if not (old or new or upload):
        old, new = _defaults(registry, plan)
    sides = _sides(request, registry, old, new, upload)
    if sides is None:
        return _page(request, registry, old=old, new=new, upload=upload, shown=None)
    kinds = _kinds(kind)
    report, _ = _report(sides, kinds)
    shown = Shown(report, _only(report.rows, kinds), _only(report.indicator_rows, kinds), kinds,
                  _query(old, new, upload, kinds))
    return _page(request, registry, old=old, new=new, upload=upload, shown=shown)


@router.post("/compare/upload", response_class=HTMLResponse)
def compare_uploads(request: Request, old_file: UploadFile = File(...), new_file: UploadFile = File(...),
                    registry: Any = Depends(get_registry)):
    limit = settings_of(request).max_upload_bytes
    tables = []
    for which, upload in (("Bản cũ", old_file), ("Bản mới", new_file)):
        try:
            name, data = read_upload(upload, limit)
            tables.append((table_from_bytes(data, name), name))
        except TthcError as exc:
            message = explain(exc)
            error = replace(message, summary=f"{which} ({upload.filename or 'không tên'}): {message.summary}")
            return _page(request, registry, old="", new="", upload="", shown=None, error=error, status_code=422)
    (before, old_name), (after, new_name) = tables
    key = keep(request, Sides(before, after, old_name, new_name))
    return RedirectResponse(f"/compare?upload={key}", status_code=303)


@router.get("/compare/download")
def download(request: Request, format: str = Query("html", pattern="^(html|docx|json)$"), old: str = "",
             new: str = "", upload: str = "", kind: list[str] = Query([]), registry: Any = Depends(get_registry)):
    sides = _sides(request, registry, old, new, upload)
    if sides is None:
        return RedirectResponse("/compare", status_code=303)
    kinds = _kinds(kind)
    report, result = _report(sides, kinds)
    if format == "json":
        body: bytes | str = render_json(result)
    elif format == "docx":
        from ...diff.docx_out import render_docx

        body = render_docx(_filtered(report, kinds))
    else:
        body = render_html(_filtered(report, kinds))
    media_type, suffix = DOWNLOADS[format]
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="bang-so-sanh{suffix}"'})
