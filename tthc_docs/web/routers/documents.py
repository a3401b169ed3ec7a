"""Rendering a plan, decision or progress report (.docx, and PDF when LibreOffice
is installed) from a stored plan and a metadata form, through the render API."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ...errors import TthcError
from ...render.documents import load_template, render_decision, render_plan, render_report
from ...soffice import find_soffice
from ..app_state import version_info
from ..deps import form_fields, get_registry, page
from ..messages import explain
from ..render_form import COMMON, KIND_FIELDS, KINDS, prefill, to_meta
from .plans import checked_version, plan_summary

router = APIRouter(include_in_schema=False)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise HTTPException(status_code=404, detail=f"Không có loại văn bản {kind!r}; chọn một trong: "
                                                    f"{', '.join(KINDS)}.")
    return kind


def _form_page(request: Request, summary: Any, version: int, kind: str, values: dict[str, str],
               error: Any = None, status_code: int = 200):
    return page(request, "render.html", {"plan": summary, "version": version, "kind": kind, "kinds": KINDS,
                                         "values": values, "fields": COMMON + KIND_FIELDS[kind], "error": error,
                                         "pdf_available": find_soffice() is not None}, status_code=status_code)


@router.get("/plans/{plan}/render", response_class=HTMLResponse)
def render_form(request: Request, plan: int, version: int | None = None, kind: str = "plan",
                registry: Any = Depends(get_registry)):
    summary = plan_summary(registry, plan)
    version = checked_version(summary, version)
    document = version_info(request, registry, plan, version).document
    return _form_page(request, summary, version, _kind(kind), prefill(kind, document, date.today()))


def _render(kind: str, table: Any, meta: Any) -> bytes:
    template = load_template(kind)
    if kind == "plan":
        return render_plan(table, meta, template)
    if kind == "decision":
        return render_decision(table, meta, template)
    return render_report(table, meta, meta.as_of or date.today(), template)


def _to_pdf(docx: bytes, stem: str) -> bytes:
    from ...render.pdf import docx_to_pdf

    with tempfile.TemporaryDirectory(prefix="tthc-web-") as work:
        source = Path(work) / f"{stem}.docx"
        source.write_bytes(docx)
        (pdf,) = docx_to_pdf([source], Path(work) / "pdf")
        return pdf.read_bytes()


@router.post("/plans/{plan}/render")
def render_document(request: Request, plan: int, values: dict[str, str] = Depends(form_fields),
                    registry: Any = Depends(get_registry)):
    kind = _kind(values.get("kind", "plan"))
    summary = plan_summary(registry, plan)
    try:
        version = checked_version(summary, int(values.get("version") or summary.versions[-1].number))
    except ValueError:
        raise HTTPException(status_code=422, detail="Phiên bản không hợp lệ.") from None
    try:
        meta = to_meta(kind, values)
        data = _render(kind, registry.export_table(plan, version), meta)
        stem = f"{kind}-ke-hoach-{plan}-phien-ban-{version}"
        if values.get("output") == "pdf":
            return Response(_to_pdf(data, stem), media_type="application/pdf",
                            headers={"Content-Disposition": f'attachment; filename="{stem}.pdf"'})
    except TthcError as exc:
        return _form_page(request, summary, version, kind, values, error=explain(exc), status_code=422)
    return Response(data, media_type=DOCX, headers={"Content-Disposition": f'attachment; filename="{stem}.docx"'})
