"""A refused upload says in Vietnamese what is wrong with which file; the
toolkit's English message stays behind "Chi tiết kỹ thuật"."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SEED_PHU_LUC_001
from tthc_docs.web import create_app
from web_helpers import TOKEN, shown


def _docx_without_body() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document xmlns:w='x'><w:body>")  # cut off
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, said", [
    ("bao-cao-hong.docx", b"PK\x03\x04 not a Word file",
     "Tệp bao-cao-hong.docx bị hỏng hoặc không đúng định dạng như tên tệp."),
    ("ke-hoach-cat-do.docx", _docx_without_body(),
     "Tệp ke-hoach-cat-do.docx bị hỏng hoặc không đúng định dạng như tên tệp."),
    ("trong.txt", b"", "Tệp trong.txt không có nội dung."),
    ("ban-ve.dwg", b"AC1032\x00\x00\x00binary", "Tệp ban-ve.dwg không thuộc định dạng được hỗ trợ."),
])
def test_a_broken_upload_is_said_in_vietnamese_with_its_name(browser: TestClient, csrf: str, name: str,
                                                             data: bytes, said: str):
    page = browser.post("/upload", files=[("files", (name, data))], data={"csrf_token": csrf})
    assert page.status_code == 200 and "upload-result is-error" in page.text
    vietnamese, technical = shown(page.text)
    assert vietnamese == said
    assert technical.startswith(f"{name}: ") and "Traceback" not in page.text


def test_a_document_without_tasks_is_not_stored_and_says_so(browser: TestClient, csrf: str):
    letter = "CÔNG VĂN\nV/v mời họp giao ban\n\nKính mời đồng chí dự họp lúc 8 giờ sáng thứ Hai.\n".encode()
    page = browser.post("/upload", files=[("files", ("thu-moi-hop.txt", letter))], data={"csrf_token": csrf})
    vietnamese, technical = shown(page.text)
    assert vietnamese.startswith("Không tìm thấy nhiệm vụ hay chỉ tiêu nào trong tệp thu-moi-hop.txt nên tệp "
                                 "không được lưu")
    assert technical.startswith("thu-moi-hop.txt: no task or indicator found")


def test_a_too_large_upload_names_the_file_and_the_limit(registry):
    app = create_app(registry.url, TOKEN, registry=registry, max_upload_bytes=10_000, user="can-bo-test")
    browser = TestClient(app, raise_server_exceptions=False)
    browser.get(f"/?token={TOKEN}")
    big = (SEED_PHU_LUC_001.read_bytes() * 2)[:25_000]
    page = browser.post("/upload", files=[("files", ("ke-hoach-dai.txt", big))],
                        data={"csrf_token": app.state.settings.secrets.csrf})
    vietnamese, technical = shown(page.text)
    assert vietnamese == ("Tệp ke-hoach-dai.txt có dung lượng 25,000 B, vượt giới hạn "
                          "dung lượng tải lên của không gian làm việc là 10,000 B.")
    assert "10,000-byte limit" in technical
    api = TestClient(app, raise_server_exceptions=False, headers={"Authorization": f"Bearer {TOKEN}"})
    refused = api.post("/api/documents", files={"file": ("ke-hoach-dai.txt", big)}).json()
    assert refused["kind"] == "InputTooLargeError" and refused["detail"] == vietnamese


def test_an_error_without_a_detail_keeps_only_the_technical_one(browser: TestClient):
    page = browser.get("/tasks/P999-1/history")
    assert page.status_code == 404 and "Chi tiết kỹ thuật" in page.text and "Chi tiết: " not in page.text
