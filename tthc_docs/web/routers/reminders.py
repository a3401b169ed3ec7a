"""Each agency's reminder letter, reached from the dashboard (beside its
calendar, ``/calendar/{agency}.ics``): the Công văn đôn đốc of the registry's
remind API for that agency, with a header form."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ...errors import TthcError
from ...readers.sheets import parse_date
from ...registry.remind import letter_context, load_reminder_template, reminders
from ...render.apology import SEQUENCE_FIELD, safe_file_name
from ..deps import get_registry, page
from ..messages import explain
from ..render_form import COMMON, to_meta

router = APIRouter(include_in_schema=False)

KIND = "reminder"
FIELDS = COMMON + ("issuer_name", "reply_by")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _day(text: str) -> date:
    return parse_date(text, what="Ngày") if text.strip() else date.today()


def _reminder(registry: Any, agency: str, day: date) -> Any:
    """The agency's overdue tasks as one reminder; 404 when it has none."""
    records = registry.tasks(agency=agency, overdue=True, as_of=day)
    found = [r for r in reminders(records, day) if r.agency == agency]
    if not found:
        raise HTTPException(status_code=404, detail=f"{agency} không có nhiệm vụ quá hạn tính đến ngày "
                                                    f"{day:%d/%m/%Y}, nên không cần công văn đôn đốc.")
    return found[0]


def _form(request: Request, agency: str, as_of: str, reminder: Any, values: dict[str, str], *,
          error: Any = None, status_code: int = 200):
    return page(request, "remind.html", {"agency": agency, "as_of": as_of, "reminder": reminder,
                                         "values": values, "fields": FIELDS, "error": error},
                status_code=status_code)


@router.get("/dashboard/remind", response_class=HTMLResponse)
def remind_form(request: Request, agency: str, as_of: str = "", registry: Any = Depends(get_registry)):
    day = _day(as_of)
    values = {field: "" for field in FIELDS}
    values.update(number=f"{SEQUENCE_FIELD}/CV", date=date.today().strftime("%d/%m/%Y"),
                  recipients="Như trên;\nLưu: VT.")
    return _form(request, agency, day.strftime("%d/%m/%Y"), _reminder(registry, agency, day), values)


@router.post("/dashboard/remind")
async def remind_letter(request: Request, registry: Any = Depends(get_registry)):
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    agency, as_of = values.get("agency", ""), values.get("as_of", "")
    day = _day(as_of)
    reminder = _reminder(registry, agency, day)
    try:
        meta = to_meta(KIND, {k: v for k, v in values.items() if k in FIELDS})
        number = meta.number.replace(SEQUENCE_FIELD, "01")
        data = load_reminder_template().render(letter_context(reminder, meta, number))
    except TthcError as exc:
        return _form(request, agency, as_of, reminder, values, error=explain(exc), status_code=422)
    name = safe_file_name(agency, "co-quan")
    return Response(data, media_type=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="cong-van-don-doc-{name}.docx"'})
