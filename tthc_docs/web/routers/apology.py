"""Apology slips (Phiếu xin lỗi và hẹn lại ngày trả kết quả): upload the
late-dossier sheet of the one-stop system with the slip's header fields → a
preview of every row with its problem → a ZIP of the slips, the combined
document for printing and, when LibreOffice is installed, its PDF.

The checks are those of ``tthc render apology``: the sheet read by
:func:`~tthc_docs.render.dossiers.dossiers_from_bytes`, the metadata by
``parse_meta``, the template tried on the first row before anything is written.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from ...errors import DataError, ErrorDetail, ErrorKind, TthcError
from ...render.apology import prepare_batch, write_batch
from ...render.documents import load_template
from ...render.dossiers import DossierSheet, RowError
from ...render.meta import Meta
from ...soffice import find_soffice
from ...wording import Language, say
from ..deps import page, settings_of
from ..messages import ErrorMessage, explain
from ..render_form import COMMON, to_meta
from ..stash import keep, kept
from ..uploads import read_upload

router = APIRouter(include_in_schema=False)

KIND = "apology"
FIELDS = COMMON + ("issuer_name",)
ZIP_NAME = "phieu-xin-loi.zip"
NO_FILE = ErrorMessage(summary="Chưa chọn tệp danh sách hồ sơ trễ hạn (.xlsx) xuất từ hệ thống một cửa.",
                       detail="", kind="missing-file")
@dataclass(frozen=True)
class Prepared:
    """A checked sheet and metadata, waiting for the clerk to ask for the ZIP."""

    sheet: DossierSheet
    meta: Meta
    name: str
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PreviewRow:
    """One row of the sheet as the preview shows it: the dossier, or its problem."""

    row: int
    code: str
    dossier: Any = None
    problem: str = ""


def _defaults(today: date) -> dict[str, str]:
    values = {field: "" for field in FIELDS}
    values.update(number="{seq}/PXL", date=today.strftime("%d/%m/%Y"), recipients="Như trên;\nLưu: VT.")
    return values


def _form(request: Request, values: dict[str, str], *, error: Any = None, prepared: Prepared | None = None,
          key: str = "", status_code: int = 200):
    rows: list[PreviewRow] = []
    if prepared is not None:
        rows = [PreviewRow(d.row, d.code, dossier=d) for d in prepared.sheet.dossiers]
        rows += [PreviewRow(e.row, e.code or "", problem=e.said(Language.VIETNAMESE)) for e in prepared.sheet.errors]
        rows.sort(key=lambda r: r.row)
    return page(request, "apology.html", {
        "values": values, "fields": FIELDS, "error": error, "prepared": prepared, "rows": rows, "key": key,
        "pdf_available": find_soffice() is not None,
    }, status_code=status_code)


@router.get("/apology", response_class=HTMLResponse)
def apology_page(request: Request):
    return _form(request, _defaults(date.today()))


@router.post("/apology", response_class=HTMLResponse)
async def preview(request: Request, sheet: UploadFile | None = File(None)):
    """Read and check the sheet and the header fields; show every row."""
    from ...render.dossiers import dossiers_from_bytes

    form = await request.form()
    values = {f: v for f, v in form.items() if f in FIELDS and isinstance(v, str)}
    if sheet is None or not sheet.filename:
        return _form(request, values, error=NO_FILE, status_code=422)
    try:
        meta = to_meta(KIND, values)
        name, data = read_upload(sheet, settings_of(request).max_upload_bytes)
        read = dossiers_from_bytes(data, name)
        with tempfile.TemporaryDirectory(prefix="tthc-web-") as work:
            prepare_batch(read, meta, load_template(KIND), work, force=False)  # the trial render
    except TthcError as exc:
        return _form(request, values, error=explain(exc), status_code=422)
    prepared = Prepared(read, meta, name, tuple(values.items()))
    return _form(request, values, prepared=prepared, key=keep(request, prepared))


def _zip(prepared: Prepared, with_pdf: bool) -> tuple[bytes, int, list[RowError]]:
    """The slips and the combined document (and its PDF) as one ZIP; how many
    slips, and the rows that gave none."""
    template = load_template(KIND)
    errors = list(prepared.sheet.errors)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="tthc-web-") as work:
        batch = prepare_batch(prepared.sheet, prepared.meta, template, Path(work) / "phieu", force=False)
        written = []
        for outcome in write_batch(batch, prepared.meta, template, force=False):
            if outcome.error is None:
                written.append(outcome.slip.path)
            else:
                errors.append(outcome.error)
        if not written:
            return b"", 0, errors
        extra = [batch.combined]
        if with_pdf:
            from ...render.pdf import docx_to_pdf

            extra += docx_to_pdf([batch.combined], Path(work) / "pdf")
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, f"phieu/{path.name}")
            for path in extra:
                archive.write(path, path.name)
    return buffer.getvalue(), len(written), errors


@router.post("/apology/zip")
def make_zip(request: Request, key: str = Form(...), pdf: str = Form("")):
    prepared = kept(request, key, Prepared)
    values = dict(prepared.values)
    try:
        data, count, errors = _zip(prepared, with_pdf=bool(pdf) and find_soffice() is not None)
    except TthcError as exc:
        return _form(request, values, error=explain(exc), prepared=prepared, key=key, status_code=422)
    if not count:
        detail = ErrorDetail(ErrorKind.NO_SLIP, prepared.name, found=str(len(errors)))
        problem = DataError(say(detail), detail=detail)
        return _form(request, values, error=explain(problem), prepared=prepared, key=key, status_code=422)
    return Response(data, media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{ZIP_NAME}"',
                             "X-Slips": str(count), "X-Failed-Rows": str(len(errors))})
