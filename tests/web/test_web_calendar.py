"""/calendar/{agency}.ics: an agency's deadlines as iCalendar, from the registry."""

from __future__ import annotations

import icalendar
import pytest
from fastapi.testclient import TestClient

from tthc_docs.web.routers.calendar import ascii_file_stem
from web_helpers import tasks_of


def events(data: bytes) -> list:
    return [c for c in icalendar.Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_an_agency_calendar(api: TestClient, plan_001: dict):
    office = "Văn phòng Ủy ban nhân dân tỉnh"
    response = api.get("/calendar/VP UBND tỉnh.ics")  # any wording of the name
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    assert 'filename="vp-ubnd-tinh.ics"' in response.headers["content-disposition"]
    led = [t for t in tasks_of(api, plan_001["plan"], agency=office) if t["deadline"] and t["deadline"]["due"]]
    found = events(response.content)
    assert len(led) == 2 and len(found) >= len(led)  # seed 001: two dated tasks led by the office
    uids = " ".join(str(e["UID"]) for e in found)
    assert all(t["key"] in uids for t in led)
    again = events(api.get(f"/calendar/{office}.ics").content)
    assert sorted(str(e["UID"]) for e in again) == sorted(str(e["UID"]) for e in found)


def test_an_agency_without_tasks_gets_an_empty_calendar(api: TestClient, plan_001: dict):
    response = api.get("/calendar/Sở Ngoại vụ tỉnh Lào Cai.ics")
    assert response.status_code == 200 and events(response.content) == []


def test_the_calendar_needs_the_token(anonymous: TestClient):
    assert anonymous.get("/calendar/Sở Tư pháp.ics").status_code == 401


def test_the_plan_page_links_the_filtered_agency_calendar(browser: TestClient, plan_001: dict):
    page = browser.get(f"/plans/{plan_001['plan']}", params={"agency": "Sở Tư pháp"}).text
    assert f'href="/calendar/S%E1%BB%9F%20T%C6%B0%20ph%C3%A1p.ics?plan={plan_001["plan"]}"' in page


@pytest.mark.parametrize("name, stem", [
    ("Sở Tư pháp", "so-tu-phap"), ("Đài Phát thanh và Truyền hình", "dai-phat-thanh-va-truyen-hinh"),
    ("UBND cấp xã", "ubnd-cap-xa"), ("???", "lich"),
])
def test_calendar_file_names(name: str, stem: str):
    assert ascii_file_stem(name) == stem
