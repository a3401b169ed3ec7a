"""The compare page: two stored versions, or two uploaded files, side by side
with the redline of ``tthc diff``; filters by change kind; the downloads."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace

import pytest
from docx import Document
from fastapi.testclient import TestClient
from page_fixtures import DERIVED_NAME, seed_001_derived, table_json  # noqa: F401  (fixture)

from tests.conftest import SEED_PHU_LUC_001

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def statuses(html: str) -> list[str]:
    return re.findall(r'<tr class="(unchanged|modified|added|removed|split|merged)">', html)


@pytest.fixture
def two_versions(api: TestClient, plan_001: dict, seed_001_derived) -> dict:
    response = api.post("/api/documents", files={"file": (DERIVED_NAME, table_json(seed_001_derived))},
                        data={"version_of": str(plan_001["plan"])})
    assert response.status_code == 201, response.text
    assert response.json()["version"] == 2
    return response.json()


def test_two_stored_versions_side_by_side(browser: TestClient, two_versions: dict):
    plan = two_versions["plan"]
    page = browser.get("/compare", params={"old": f"{plan}:1", "new": f"{plan}:2"})
    assert page.status_code == 200
    shown = statuses(page.text)
    assert sorted(shown) == sorted(["modified"] * 8 + ["added"] * 2 + ["removed"] + ["split"])
    assert "Sửa đổi: <strong>8</strong>" in page.text and "Không đổi: <strong>31</strong>" in page.text
    # The word-level redline: the reworded task I.13 and the new lead of I.7.
    assert "<del>Thực hiện</del><ins>Tổ chức</ins>" in page.text
    assert "<ins>Sở Nội vụ</ins>" in page.text


def test_the_page_opens_on_the_last_two_versions_of_a_plan(browser: TestClient, two_versions: dict):
    page = browser.get("/compare")
    assert len(statuses(page.text)) == 12
    assert f'<option value="{two_versions["plan"]}:1" selected>' in page.text


@pytest.mark.parametrize(("kinds", "expected"), [
    (["added"], ["added", "added"]),
    (["removed", "split"], ["removed", "split"]),
    (["unchanged"], ["unchanged"] * 31),
])
def test_filter_by_change_kind(browser: TestClient, two_versions: dict, kinds, expected):
    plan = two_versions["plan"]
    page = browser.get("/compare", params={"old": f"{plan}:1", "new": f"{plan}:2", "kind": kinds})
    assert sorted(statuses(page.text)) == sorted(expected)
    for kind in kinds:
        assert f'value="{kind}" checked' in page.text


def test_downloads(browser: TestClient, two_versions: dict):
    plan = two_versions["plan"]
    query = {"old": f"{plan}:1", "new": f"{plan}:2", "kind": ["modified"]}
    html = browser.get("/compare/download", params={**query, "format": "html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "attachment" in html.headers["content-disposition"]
    assert len(statuses(html.text)) == 8 and "<del>" in html.text
    data = browser.get("/compare/download", params={**query, "format": "json"}).json()
    assert data["summary"] == {"unchanged": 31, "modified": 8, "added": 2, "removed": 1, "split": 1, "merged": 0}
    docx = browser.get("/compare/download", params={**query, "format": "docx"})
    body = Document(io.BytesIO(docx.content)).element.body
    assert body.findall(f".//{W}ins") and body.findall(f".//{W}del")  # tracked changes
    assert browser.get("/compare/download", params={**query, "format": "exe"}).status_code == 422


def test_two_uploaded_files(browser: TestClient, csrf: str, seed_001_derived):
    response = browser.post("/compare/upload", data={"csrf_token": csrf}, files={
        "old_file": (SEED_PHU_LUC_001.name, SEED_PHU_LUC_001.read_bytes()),
        "new_file": ("../../" + DERIVED_NAME, table_json(seed_001_derived))})
    assert response.status_code == 200 and "/compare?upload=" in str(response.url)
    assert len(statuses(response.text)) == 12
    assert f"{SEED_PHU_LUC_001.name} và {DERIVED_NAME}" in response.text  # the name, never the path
    key = re.search(r'name="upload" value="([^"]+)"', response.text).group(1)
    added = browser.get("/compare", params={"upload": key, "kind": "added"})
    assert statuses(added.text) == ["added", "added"]
    download = browser.get("/compare/download", params={"upload": key, "format": "json"})
    assert download.json()["new_source"] == DERIVED_NAME
    # Nothing went into the registry.
    assert browser.get("/api/plans", headers={"X-CSRF-Token": csrf}).json()["plans"] == []


@pytest.mark.parametrize(("name", "content", "said"), [
    ("hong.docx", b"PK\x03\x04 not a Word file", "Tệp bị hỏng hoặc không mở được"),
    ("trong.txt", b"", "Tệp trống"),
    ("anh.png", b"\x89PNG\r\n\x1a\n", "Tệp bị hỏng hoặc không mở được"),
    ("bang.xyz", b"STT\tNoi dung", "Định dạng tệp không được hỗ trợ"),
])
def test_a_bad_upload_is_an_error_on_the_page(browser: TestClient, csrf: str, name, content, said):
    response = browser.post("/compare/upload", data={"csrf_token": csrf}, files={
        "old_file": (SEED_PHU_LUC_001.name, SEED_PHU_LUC_001.read_bytes()), "new_file": (name, content)})
    assert response.status_code == 422
    assert said in response.text and f"Bản mới ({name})" in response.text
    assert "Traceback" not in response.text and '<form class="card" action="/compare/upload"' in response.text


def test_a_forgotten_upload_is_a_clear_404(browser: TestClient):
    response = browser.get("/compare", params={"upload": "khong-co"})
    assert response.status_code == 404 and "Hãy tải lên lại" in response.text


def test_a_version_that_does_not_exist(browser: TestClient, plan_001: dict):
    response = browser.get("/compare", params={"old": f"{plan_001['plan']}:1", "new": f"{plan_001['plan']}:7"})
    assert response.status_code == 404 and "không có phiên bản 7" in response.text


def test_content_is_escaped(browser: TestClient, csrf: str, seed_001_derived):
    table = seed_001_derived.table
    hostile = replace(table, tasks=(replace(table.tasks[0], content="<script>alert(1)</script> Rà soát"),)
                      + table.tasks[1:])
    response = browser.post("/compare/upload", data={"csrf_token": csrf}, files={
        "old_file": ("a.json", table_json(seed_001_derived)),
        "new_file": ("b.json", json.dumps(hostile.to_dict(), ensure_ascii=False).encode())})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_without_the_token(anonymous: TestClient):
    for path in ("/compare", "/compare/download?format=json&old=1:1&new=1:2"):
        assert anonymous.get(path).status_code == 401
    assert anonymous.post("/compare/upload").status_code == 401


def test_an_upload_without_the_csrf_value_is_refused(browser: TestClient):
    response = browser.post("/compare/upload", files={"old_file": ("a.txt", b"x"), "new_file": ("b.txt", b"y")})
    assert response.status_code == 403 and "CSRF" in response.text
