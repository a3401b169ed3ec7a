"""Each agency's calendar and reminder letter, from the dashboard."""

from __future__ import annotations

import io
import re

from docx import Document
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.render.render_helpers import full_text

AS_OF = "01/01/2022"
AGENCY = "Sở Thông tin và Truyền thông"
HEADER = {"issuing_body": "Văn phòng Ủy ban nhân dân tỉnh", "issuer_name": "Văn phòng Ủy ban nhân dân tỉnh",
          "number": "{seq}/VPUBND-TTHC", "place": "An Giang", "date": "05/01/2022",
          "signature_title": "Chánh Văn phòng", "signature_name": "Nguyễn Văn A", "recipients": "Như trên;\nLưu: VT."}


def test_the_dashboard_links_each_agency(browser: TestClient, plan_001: dict):
    page = browser.get("/dashboard", params={"as_of": AS_OF}).text
    row = re.search(rf'<tr data-agency="{AGENCY}">(.*?)</tr>', page, re.S).group(1)
    assert 'href="/calendar/S%E1%BB%9F%20Th%C3%B4ng%20tin%20v%C3%A0%20Truy%E1%BB%81n%20th%C3%B4ng.ics"' in row
    assert "/dashboard/remind?agency=" in row


def test_calendar_of_an_agency(browser: TestClient, api: TestClient, plan_001: dict):
    response = browser.get(f"/calendar/{AGENCY}.ics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    led = [t for t in api.get(f"/api/plans/{plan_001['plan']}/tasks", params={"agency": AGENCY}).json()["tasks"]
           if (t.get("deadline") or {}).get("due")]
    assert events and len(events) >= len(led)
    again = Calendar.from_ical(browser.get(f"/calendar/{AGENCY}.ics").content).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [str(e["uid"]) for e in again]


def test_reminder_letter_of_an_agency(browser: TestClient, csrf: str, plan_001: dict):
    form = browser.get("/dashboard/remind", params={"agency": AGENCY, "as_of": AS_OF})
    assert form.status_code == 200 and "nhiệm vụ quá hạn tính đến ngày 01/01/2022" in form.text
    overdue = form.text.count("ngày</td></tr>")
    letter = browser.post("/dashboard/remind", data={"csrf_token": csrf, "agency": AGENCY, "as_of": AS_OF, **HEADER})
    assert letter.status_code == 200, letter.text
    text = full_text(letter.content)  # table cells too: the number sits in the header table
    assert "01/VPUBND-TTHC" in text and f"Kính gửi: {AGENCY}" in text
    rows = sum(len(t.rows) for t in Document(io.BytesIO(letter.content)).tables)
    assert rows >= overdue


def test_a_missing_header_field_is_said(browser: TestClient, csrf: str, plan_001: dict):
    letter = browser.post("/dashboard/remind", data={"csrf_token": csrf, "agency": AGENCY, "as_of": AS_OF,
                                                     **HEADER, "place": ""})
    assert letter.status_code == 422 and "place" in letter.text and "Traceback" not in letter.text


def test_an_agency_with_nothing_overdue(browser: TestClient, plan_001: dict):
    response = browser.get("/dashboard/remind", params={"agency": "Sở Y tế", "as_of": AS_OF})
    assert response.status_code == 404 and "không có nhiệm vụ quá hạn" in response.text


def test_without_token_or_csrf(anonymous: TestClient, browser: TestClient):
    assert anonymous.get(f"/calendar/{AGENCY}.ics").status_code == 401
    assert anonymous.get("/dashboard/remind", params={"agency": AGENCY}).status_code == 401
    assert browser.post("/dashboard/remind", data={"agency": AGENCY, **HEADER}).status_code == 403
