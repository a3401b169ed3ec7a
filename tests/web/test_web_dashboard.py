"""The dashboard: counts per category and per lead agency as of a date, the
chart, the overdue list."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from web_helpers import tasks_of

from tthc_docs.render.report import progress

AS_OF = "01/01/2022"


def counts(html: str) -> dict[str, int]:
    return {k: int(n) for k, n in re.findall(r'data-category="(\w+)">\s*<div class="count">(\d+)</div>', html)}


def agency_total(html: str, agency: str) -> int:
    row = re.search(rf'<tr data-agency="{re.escape(agency)}">(.*?)</tr>', html, re.S).group(1)
    return int(re.search(r"<strong>(\d+)</strong>", row).group(1))


def test_counts_are_those_of_the_progress_report(browser: TestClient, plan_001: dict, registry):
    page = browser.get("/dashboard", params={"as_of": AS_OF})
    assert page.status_code == 200
    expected = progress(registry.export_table(plan_001["plan"]), date(2022, 1, 1))
    assert list(counts(page.text).values()) == list(expected.counts) and sum(expected.counts) == 41
    assert "Tình hình thực hiện nhiệm vụ đến ngày 01/01/2022" in page.text
    for agency in expected.agencies:
        assert agency_total(page.text, agency.agency) == agency.total
    assert page.text.count('<div class="bar-row">') == min(len(expected.agencies), 13)
    assert f"Nhiệm vụ quá hạn ({expected.counts[3]})" in page.text


def test_setting_statuses_changes_the_counts(browser: TestClient, api: TestClient, plan_001: dict):
    before = counts(browser.get("/dashboard", params={"as_of": AS_OF}).text)
    overdue = tasks_of(api, plan_001["plan"], overdue="true", as_of="2022-01-01")
    assert len(overdue) >= 3
    for task in overdue[:3]:
        response = api.patch(f"/api/tasks/{task['key']}", json={"version": task["version"], "status": "done"})
        assert response.status_code == 200, response.text
    after = counts(browser.get("/dashboard", params={"as_of": AS_OF}).text)
    assert after["overdue"] == before["overdue"] - 3
    assert after["done_on_time"] + after["done_late"] == before["done_on_time"] + before["done_late"] + 3


def test_one_plan_or_all(browser: TestClient, api: TestClient, plan_001: dict, seed_001_bytes):
    from tests.conftest import SEED_CONG_VAN_004

    other = api.post("/api/documents", files={"file": (SEED_CONG_VAN_004.name, SEED_CONG_VAN_004.read_bytes())})
    assert other.status_code == 201
    everything = sum(counts(browser.get("/dashboard", params={"as_of": AS_OF}).text).values())
    one = sum(counts(browser.get("/dashboard", params={"as_of": AS_OF, "plan": plan_001["plan"]}).text).values())
    assert (everything, one) == (41 + other.json()["tasks"], 41)


def test_default_date_is_today(browser: TestClient, plan_001: dict):
    page = browser.get("/dashboard")
    assert f'value="{date.today().strftime("%d/%m/%Y")}"' in page.text


@pytest.mark.parametrize("text", ["31/02/2025", "hôm qua", "2025-13-01"])
def test_a_bad_date_is_said_on_the_page(browser: TestClient, plan_001: dict, text):
    page = browser.get("/dashboard", params={"as_of": text})
    assert page.status_code == 422 and "Dữ liệu không hợp lệ" in page.text and "Traceback" not in page.text
    assert f'value="{text}"' in page.text


def test_empty_registry(browser: TestClient):
    page = browser.get("/dashboard")
    assert page.status_code == 200 and "Chưa có nhiệm vụ nào" in page.text


def test_task_content_is_escaped(browser: TestClient, api: TestClient, plan_001: dict):
    task = tasks_of(api, plan_001["plan"], overdue="true", as_of="2022-01-01")[0]
    response = api.patch(f"/api/tasks/{task['key']}", json={"version": task["version"],
                                                            "content": "<script>alert(1)</script> Rà soát"})
    assert response.status_code == 200, response.text
    page = browser.get("/dashboard", params={"as_of": AS_OF}).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Rà soát" in page


def test_without_the_token(anonymous: TestClient):
    assert anonymous.get("/dashboard").status_code == 401
