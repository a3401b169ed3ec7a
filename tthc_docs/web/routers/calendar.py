"""An agency's deadlines as an iCalendar file, for Outlook or Google Calendar:
``/calendar/{agency}.ics`` (the registry's calendar, the same UIDs in every
download, so a calendar subscribed to it updates instead of duplicating)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ...registry.calendar import calendar_ics
from ...vietnamese import strip_accents
from ..deps import get_registry

router = APIRouter(tags=["api"])


def ascii_file_stem(name: str) -> str:
    """"Sở Tư pháp" → "so-tu-phap": a download name any system accepts."""
    plain = strip_accents(unicodedata.normalize("NFKC", name)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "lich"


@router.get("/calendar/{agency}.ics", summary="Lịch thời hạn nhiệm vụ của một cơ quan (iCalendar)",
            response_class=Response, responses={200: {"content": {"text/calendar": {}}}})
def agency_calendar(agency: str, plan: int | None = None, as_of: date | None = None,
                    registry: Any = Depends(get_registry)) -> Response:
    """Tasks the agency leads (collectives that include it too), in the latest
    version of every plan or of ``plan``; one all-day event per dated deadline."""
    day = as_of or date.today()
    data = calendar_ics(registry.tasks(plan=plan, agency=agency, as_of=day), as_of=day)
    return Response(data, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{ascii_file_stem(agency)}.ics"'})
