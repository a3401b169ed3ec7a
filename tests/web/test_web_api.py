"""The JSON API: every endpoint, with the token, on seed 001 and documents built here."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from fastapi.testclient import TestClient

from tests.conftest import SEED_PHU_LUC_001, SEED_QUYET_DINH_002
from web_helpers import tasks_of


def second_version_of_001() -> bytes:
    """Seed 001 with two known edits: task I.1 re-dated (Tháng 5 → Tháng 7/2021) and
    task I.2 reworded."""
    text = SEED_PHU_LUC_001.read_text("utf-8")
    assert text.count("\tTháng 5/2021\n") == 1 and text.count("Triển khai rà soát, nâng cấp,") == 1
    text = text.replace("\tTháng 5/2021\n", "\tTháng 7/2021\n")
    text = text.replace("Triển khai rà soát, nâng cấp,", "Triển khai rà soát, đánh giá, nâng cấp,")
    return text.encode("utf-8")


def test_post_document_stores_the_plan(api: TestClient, plan_001: dict):
    assert plan_001["tasks"] == 41 and plan_001["version"] == 1 and plan_001["number"] == "5755/KH-UBND"
    assert any("I.15" in w for w in plan_001["warnings"])
    plans = api.get("/api/plans").json()["plans"]
    assert [(p["id"], p["number"], len(p["versions"])) for p in plans] == [(plan_001["plan"], "5755/KH-UBND", 1)]
    assert sum(plans[0]["categories"].values()) == 41


@pytest.mark.parametrize("name, data", [
    ("hong.docx", b"PK\x03\x04 this is no Word file"),
    ("trong.txt", b""),
    ("anh.png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
    ("khong-co-bang.pdf", b"%PDF-1.4\n%%EOF\n"),
])
def test_a_bad_file_is_422_and_stores_nothing(api: TestClient, name: str, data: bytes):
    response = api.post("/api/documents", files={"file": (name, data)})
    assert response.status_code == 422
    body = response.json()
    assert name in body["error"] and body["message"]  # the detail names the file, the message is Vietnamese
    assert api.get("/api/plans").json() == {"plans": []}


def test_post_document_without_a_file_is_422(api: TestClient):
    response = api.post("/api/documents", data={"version_of": "1"})
    assert response.status_code == 422 and "file" in response.json()["error"]


def test_tasks_with_keys_versions_and_filters(api: TestClient, plan_001: dict):
    plan = plan_001["plan"]
    tasks = tasks_of(api, plan)
    assert len(tasks) == 41
    assert all(t["key"] and t["version"] >= 1 and t["status"] == "not_started" for t in tasks)
    first = tasks[0]
    assert first["id"] == "I.1" and first["content"].startswith("Xây dựng Kế hoạch")
    # Filters: an agency (any wording), overdue as of a date, a status, the version.
    by_justice = tasks_of(api, plan, agency="Sở Tư pháp")
    assert "I.21" in [t["id"] for t in by_justice]  # lead cell "Sở Tư pháp"
    assert all("Sở Tư pháp" in t["lead"] or any(n.startswith("Các") for n in t["lead"]) for t in by_justice)
    overdue = tasks_of(api, plan, overdue="true", as_of="2021-06-15")
    assert "I.1" in [t["id"] for t in overdue]  # due Tháng 5/2021
    assert all(t["deadline"] and t["deadline"]["due"] < "2021-06-15" for t in overdue)
    assert tasks_of(api, plan, overdue="true", as_of="2021-01-01") == []
    assert tasks_of(api, plan, status="done") == []
    assert len(tasks_of(api, plan, version=1)) == 41


def test_tasks_of_a_missing_plan_or_version_are_404(api: TestClient, plan_001: dict):
    assert api.get("/api/plans/999/tasks").status_code == 404
    response = api.get(f"/api/plans/{plan_001['plan']}/tasks", params={"version": 7})
    assert response.status_code == 404 and "7" in response.json()["error"]


def test_patch_then_a_stale_patch_is_409(api: TestClient, plan_001: dict):
    task = tasks_of(api, plan_001["plan"])[5]
    key, version = task["key"], task["version"]
    done = api.patch(f"/api/tasks/{key}", json={"version": version, "status": "done", "completed_on": "2021-06-30"})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "done" and done.json()["completed_on"] == "2021-06-30"
    assert done.json()["version"] == version + 1
    stale = api.patch(f"/api/tasks/{key}", json={"version": version, "note": "sửa đè"})
    assert stale.status_code == 409
    assert key in stale.json()["error"]
    assert api.get(f"/api/tasks/{key}").json()["note"] is None  # nothing overwritten


@pytest.mark.parametrize("body, word", [
    ({"version": 1, "status": "xong chưa biết"}, "status"),
    ({"version": 1, "completed_on": "31/02/2025"}, "31/02/2025"),
    ({"version": 1, "content": "   "}, "content"),
    ({"version": 1, "owner": "Sở Tư pháp"}, "owner"),
    ({"status": "done"}, "version"),
    ({"version": "một", "status": "done"}, "version"),
])
def test_patch_with_a_bad_value_is_422(api: TestClient, plan_001: dict, body: dict, word: str):
    key = tasks_of(api, plan_001["plan"])[0]["key"]
    response = api.patch(f"/api/tasks/{key}", json=body)
    assert response.status_code == 422
    assert word in response.json()["error"]
    assert api.get(f"/api/tasks/{key}").json()["version"] == 1


def test_patch_of_an_unknown_task_is_404(api: TestClient, plan_001: dict):
    assert api.patch("/api/tasks/P999-1", json={"version": 1, "status": "done"}).status_code == 404


def test_patch_lead_and_deadline_reparses(api: TestClient, plan_001: dict):
    task = tasks_of(api, plan_001["plan"])[1]
    response = api.patch(f"/api/tasks/{task['key']}", json={
        "version": task["version"], "lead": "Sở Tư pháp", "coordinating": "Sở Nội vụ; Công an tỉnh",
        "deadline": "Trước ngày 15/12/2024"})
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed["lead"] == ["Sở Tư pháp"]
    assert changed["coordinating"] == ["Sở Nội vụ", "Công an tỉnh"]
    assert changed["deadline"]["due"] == "2024-12-15"
    history = api.get(f"/api/tasks/{task['key']}/history").json()["changes"]
    edited = {c["field"]: c for c in history if c["via"] == "web"}
    assert set(edited) == {"lead", "coordinating", "deadline"}
    assert edited["deadline"]["new"] == "Trước ngày 15/12/2024" and edited["lead"]["user"] == "can-bo-test"


def test_script_in_content_comes_back_as_text(api: TestClient, browser: TestClient, plan_001: dict):
    task = tasks_of(api, plan_001["plan"])[0]
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    response = api.patch(f"/api/tasks/{task['key']}", json={"version": task["version"], "content": attack,
                                                            "note": "<b>đậm</b>"})
    assert response.status_code == 200 and response.json()["content"] == attack  # JSON keeps the text
    page = browser.get(f"/plans/{plan_001['plan']}").text
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page and "<b>đậm" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;đậm&lt;/b&gt;" in page
    history = browser.get(f"/tasks/{task['key']}/history").text
    assert "<script>alert(1)" not in history and "&lt;script&gt;alert(1)" in history


@pytest.mark.parametrize("fmt", ["xlsx", "json", "csv", "md"])
def test_export_formats(api: TestClient, plan_001: dict, fmt: str):
    plan = plan_001["plan"]
    key = tasks_of(api, plan)[0]["key"]
    api.patch(f"/api/tasks/{key}", json={"version": 1, "status": "in_progress", "lead": "Sở Tư pháp"})
    response = api.get(f"/api/plans/{plan}/export", params={"format": fmt})
    assert response.status_code == 200
    assert f'.{fmt}"' in response.headers["content-disposition"]
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Nhiệm vụ"]
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        first = dict(zip(header, rows[1]))
        assert len(rows) == 42 and first["Cơ quan chủ trì"] == "Sở Tư pháp"
        assert first["Trạng thái"] == "Đang thực hiện"
    elif fmt == "json":
        table = json.loads(response.content)
        assert table["schema"] == "tthc-tasks/1" and len(table["tasks"]) == 41
        assert table["tasks"][0]["lead"] == ["Sở Tư pháp"] and table["tasks"][0]["status"] == "in_progress"
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) == 41 and rows[0]["Cơ quan chủ trì"] == "Sở Tư pháp"
    else:
        assert response.text.count("\n| ") >= 41 and "Sở Tư pháp" in response.text


def test_export_of_an_unknown_format_is_422(api: TestClient, plan_001: dict):
    response = api.get(f"/api/plans/{plan_001['plan']}/export", params={"format": "exe"})
    assert response.status_code == 422 and "format" in response.json()["error"]


def test_second_version_and_diff(api: TestClient, plan_001: dict):
    plan = plan_001["plan"]
    carried = tasks_of(api, plan)[10]
    api.patch(f"/api/tasks/{carried['key']}", json={"version": carried["version"], "status": "in_progress"})
    response = api.post("/api/documents", files={"file": ("ke-hoach-5755-v2.txt", second_version_of_001())},
                        data={"version_of": str(plan)})
    assert response.status_code == 201, response.text
    assert response.json()["plan"] == plan and response.json()["version"] == 2
    diff = api.get("/api/diff", params={"old": f"{plan}:1", "new": f"{plan}:2"})
    assert diff.status_code == 200, diff.text
    body = diff.json()
    assert body["kind"] == "tasks" and body["summary"]["modified"] == 2 and body["summary"]["unchanged"] == 39
    modified = [c for c in body["changes"] if c["status"] == "modified"]
    assert [[t["id"] for t in c["new"]] for c in modified] == [["I.1"], ["I.2"]]
    assert modified[0]["fields"] == ["deadline"] and modified[0]["deadline_shift_days"] == 61
    # The status set on version 1 carried over to version 2.
    assert next(t for t in tasks_of(api, plan) if t["key"] == carried["key"])["status"] == "in_progress"


@pytest.mark.parametrize("query", [
    {"old": "1", "new": "x:2"}, {"old": "abc", "new": "1:1"}, {"old": "1:1"},
])
def test_diff_with_bad_references_is_422(api: TestClient, plan_001: dict, query: dict):
    assert api.get("/api/diff", params=query).status_code == 422


def test_diff_across_plans(api: TestClient, plan_001: dict):
    other = api.post("/api/documents", files={"file": (SEED_QUYET_DINH_002.name, SEED_QUYET_DINH_002.read_bytes())})
    assert other.status_code == 201
    body = api.get("/api/diff", params={"old": f"{plan_001['plan']}:1", "new": f"{other.json()['plan']}:1"}).json()
    assert body["summary"]["added"] > 0 and body["summary"]["removed"] > 0
