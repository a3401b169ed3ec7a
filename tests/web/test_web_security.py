"""Access token, cookie, CSRF, size limit and upload names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SEED_PHU_LUC_001
from tthc_docs.web import create_app
from tthc_docs.web.security import COOKIE_NAME, is_loopback, safe_upload_name
from web_helpers import TOKEN


@pytest.mark.parametrize("method, path", [
    ("GET", "/"), ("GET", "/plans/1"), ("GET", "/tasks/P1-1/history"), ("GET", "/static/htmx.min.js"),
    ("GET", "/docs"), ("GET", "/openapi.json"), ("GET", "/api/plans"), ("GET", "/api/plans/1/tasks"),
    ("PATCH", "/api/tasks/P1-1"), ("POST", "/api/documents"), ("GET", "/api/diff?old=1:1&new=1:2"),
    ("GET", "/api/plans/1/export?format=xlsx"), ("POST", "/upload"),
])
def test_every_route_needs_the_token(anonymous: TestClient, method: str, path: str):
    response = anonymous.request(method, path)
    assert response.status_code == 401
    if path.startswith(("/api", "/docs", "/openapi")):
        assert "error" in response.json()
    else:
        assert "mã truy cập" in response.text


def test_a_refused_visitor_gets_no_csrf_value(anonymous: TestClient, csrf: str):
    assert csrf not in anonymous.get("/").text


def test_pages_and_api_docs_load_nothing_from_the_internet(browser: TestClient, plan_001: dict):
    for path in ("/", f"/plans/{plan_001['plan']}", f"/plans/{plan_001['plan']}/render", "/docs"):
        html = browser.get(path).text
        external = re.findall(r'(?:src|href)=["\'](?:https?:)?//[^"\']+', html)
        assert external == [], path
    docs = browser.get("/docs").text
    for asset in re.findall(r'(?:src|href)=["\'](/static/[^"\']+)', docs) + ["/static/htmx.min.js"]:
        assert browser.get(asset).status_code == 200, asset


def test_a_wrong_token_is_refused(anonymous: TestClient):
    assert anonymous.get("/?token=not-the-token").status_code == 401
    assert anonymous.get("/api/plans", headers={"Authorization": "Bearer not-the-token"}).status_code == 401
    anonymous.cookies.set(COOKIE_NAME, TOKEN)  # the token itself is not the session value
    assert anonymous.get("/").status_code == 401


def test_the_start_up_link_trades_the_token_for_an_httponly_cookie(anonymous: TestClient):
    response = anonymous.get(f"/plans/7?version=2&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/plans/7?version=2"  # the token leaves the address bar
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert TOKEN not in response.headers["set-cookie"]
    assert anonymous.get("/").status_code == 200


def test_bearer_token_opens_the_api(api: TestClient):
    response = api.get("/api/plans")
    assert response.status_code == 200 and response.json() == {"plans": []}
    assert api.get("/openapi.json").json()["paths"]["/api/tasks/{key}"]["patch"]


def test_a_form_post_without_the_csrf_value_is_refused(browser: TestClient, csrf: str):
    files = {"files": (SEED_PHU_LUC_001.name, SEED_PHU_LUC_001.read_bytes())}
    refused = browser.post("/upload", files=files)
    assert refused.status_code == 403 and "CSRF" in refused.text
    assert browser.post("/upload", files=files, data={"csrf_token": "forged"}).status_code == 403
    assert browser.get("/api/plans").json() == {"plans": []}  # nothing stored
    accepted = browser.post("/upload", files=files, data={"csrf_token": csrf})
    assert accepted.status_code == 200 and "41" in accepted.text


def test_an_api_call_with_the_cookie_alone_needs_the_csrf_header(browser: TestClient, csrf: str):
    files = {"file": (SEED_PHU_LUC_001.name, SEED_PHU_LUC_001.read_bytes())}
    assert browser.post("/api/documents", files=files).status_code == 403
    assert browser.post("/api/documents", files=files, headers={"X-CSRF-Token": csrf}).status_code == 201


def test_an_htmx_patch_needs_the_csrf_header(browser: TestClient, csrf: str, plan_001: dict):
    assert browser.patch("/tasks/P1-1", data={"version": "1", "status": "done"}).status_code == 403
    ok = browser.patch("/tasks/P1-1", data={"version": "1", "status": "done"}, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200


def test_uploads_over_the_limit_are_refused_and_store_nothing(registry):
    app = create_app(registry.url, TOKEN, registry=registry, max_upload_bytes=10_000)
    api = TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"})
    big = SEED_PHU_LUC_001.read_bytes() * 4
    assert len(big) > 10_000 + 64 * 1024  # over the limit with the multipart envelope too
    response = api.post("/api/documents", files={"file": ("ke-hoach.txt", big)})
    assert response.status_code == 413
    # Under the envelope allowance but over the limit: refused once read.
    response = api.post("/api/documents", files={"file": ("ke-hoach.txt", big[:20_000])})
    assert response.status_code == 422 and response.json()["kind"] == "InputTooLargeError"
    assert api.get("/api/plans").json() == {"plans": []}


@pytest.mark.parametrize("sent, kept", [
    ("../../x.docx", "x.docx"),
    ("..\\..\\Windows\\x.docx", "x.docx"),
    ("C:\\Users\\van thu\\Kế hoạch 12.docx", "Kế hoạch 12.docx"),
    ("/etc/passwd", "passwd"),
    ("..", "tai-lieu"),
    ("", "tai-lieu"),
    (".bashrc", "bashrc"),
    ("quyết định\x00.pdf", "quyết định.pdf"),
    ("a<b>c:d|e?.txt", "abcde.txt"),
])
def test_uploaded_names_are_labels_never_paths(sent: str, kept: str):
    assert safe_upload_name(sent) == kept


def test_a_long_uploaded_name_keeps_its_suffix():
    name = safe_upload_name("k" * 400 + ".docx")
    assert len(name) <= 120 and name.endswith(".docx")


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("::", False), ("example.org", False),
])
def test_loopback_hosts(host: str, loopback: bool):
    assert is_loopback(host) is loopback


def test_a_file_named_with_dots_is_stored_under_its_last_part(api: TestClient, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    response = api.post("/api/documents", files={"file": ("../../x.docx", _docx_with_table())})
    assert response.status_code == 201, response.text
    assert response.json()["source"] == "x.docx"
    assert [v["source"] for v in api.get("/api/plans").json()["plans"][0]["versions"]] == ["x.docx"]
    assert not list(tmp_path.rglob("x.docx"))  # nothing written anywhere under the name


def _docx_with_table() -> bytes:
    """A small Word plan with a task table, built here."""
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH AN GIANG")
    document.add_paragraph("Số: 15/KH-UBND")
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn")):
        cell.text = text
    for row in (("1", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Tháng 6/2025"),
                ("2", "Số hóa hồ sơ", "Sở Nội vụ", "Quý III/2025")):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
