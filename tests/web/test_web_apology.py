"""Apology slips in the browser: the dossier sheet → a preview of every row with
its problem → a ZIP of the slips and the combined document."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import pytest
from docx import Document
from fastapi.testclient import TestClient
from page_fixtures import zip_names
from web_helpers import shown

from tests.render.render_helpers import DOSSIERS, dossier_row, write_sheet

HEADER = {"issuing_body": "Trung tâm Phục vụ\nhành chính công", "parent_body": "Ủy ban nhân dân\ntỉnh An Giang",
          "issuer_name": "Trung tâm Phục vụ hành chính công tỉnh An Giang", "number": "{seq}/PXL-TTPVHCC",
          "place": "An Giang", "date": "05/02/2025", "signature_title": "Giám đốc",
          "signature_name": "Trần Thị B", "recipients": "Như trên;\nLưu: VT."}


def preview(browser: TestClient, csrf: str, name: str, data: bytes, **changes: str):
    return browser.post("/apology", data={"csrf_token": csrf, **HEADER, **changes},
                        files={"sheet": (name, data)})


def zip_of(browser: TestClient, csrf: str, page: str, **extra: str):
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    return browser.post("/apology/zip", data={"csrf_token": csrf, "key": key, **extra})


def test_form_has_the_header_fields(browser: TestClient):
    page = browser.get("/apology")
    assert page.status_code == 200
    for label in ("Cơ quan ban hành", "Số, ký hiệu", "Họ tên người ký", "Danh sách hồ sơ trễ hạn"):
        assert label in page.text
    assert re.search(r'name="date" value="\d\d/\d\d/\d{4}"', page.text)


def test_example_sheet_preview_then_zip(browser: TestClient, csrf: str):
    page = preview(browser, csrf, DOSSIERS.name, DOSSIERS.read_bytes())
    assert page.status_code == 200
    assert page.text.count('<tr class="ok">') == 11 and page.text.count('<tr class="problem">') == 1
    bad = re.search(r'<tr class="problem"><td class="num">(\d+)</td><td>([^<]*)</td>.*?</tr>', page.text, re.S)
    assert bad.group(1, 2) == ("8", "000.00.12.H01-250110-0005") and "Ngày hẹn trả mới" in bad.group(0)
    assert "Nguyễn Văn Hùng" in page.text and "14/02/2025" in page.text
    archive = zip_of(browser, csrf, page.text)
    assert archive.status_code == 200 and archive.headers["content-type"] == "application/zip"
    names = zip_names(archive.content)
    slips = [n for n in names if n.startswith("phieu/")]
    assert len(slips) == 11 and "phieu-xin-loi-tat-ca.docx" in names
    assert "phieu/000.00.12.H01-250106-0001.docx" in slips


@pytest.mark.parametrize(("changes", "said"), [
    ({"Ngày hẹn trả mới": None}, "thiếu Ngày hẹn trả mới"),
    ({"Tên tổ chức, cá nhân": None, "Lý do chậm trễ": " "}, "thiếu Tổ chức, cá nhân; thiếu Lý do chậm trễ"),
    ({"Ngày hẹn trả mới": "31/02/2025"}, "Ngày hẹn trả mới '31/02/2025' không phải là ngày có thật"),
    ({"Ngày tiếp nhận": "tháng 1"}, "Ngày tiếp nhận 'tháng 1' không phải là ngày (cần dạng dd/mm/yyyy)"),
    ({"Ngày hẹn trả mới": 3}, "Ngày hẹn trả mới 3 không phải là ngày (số không ứng với ngày nào trong Excel)"),
    ({"Ngày tiếp nhận": "10/02/2025"}, "Ngày tiếp nhận 10/02/2025 lại sau Ngày hẹn trả 07/02/2025"),
    ({"Mã hồ sơ": "000.00.12.H01-250101-0001"}, "Mã hồ sơ 000.00.12.H01-250101-0001 trùng với dòng 2"),
])
def test_each_row_problem_in_vietnamese(browser: TestClient, csrf: str, tmp_path, changes, said):
    path = write_sheet(tmp_path / "ds.xlsx", [dossier_row(1), dossier_row(2, **changes)])
    page = preview(browser, csrf, "ds.xlsx", path.read_bytes())
    problem = re.search(r'<td class="problem">(.*?)</td>', page.text, re.S).group(1)
    assert problem == "✗ Không làm được phiếu: " + said.replace("'", "&#39;")


def test_a_built_sheet_gives_one_slip_per_good_row(browser: TestClient, csrf: str, tmp_path):
    rows = [dossier_row(n) for n in range(1, 6)]
    rows[2] = dossier_row(3, **{"Ngày hẹn trả mới": datetime(2025, 2, 1)})  # before the due date
    path = write_sheet(tmp_path / "ds.xlsx", rows)
    page = preview(browser, csrf, "ds.xlsx", path.read_bytes())
    assert page.text.count('<tr class="ok">') == 4
    assert "Không làm được phiếu: Ngày hẹn trả mới 01/02/2025 không sau Ngày hẹn trả 07/02/2025" in page.text
    archive = zip_of(browser, csrf, page.text)
    names = zip_names(archive.content)
    assert len([n for n in names if n.startswith("phieu/")]) == 4
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        combined = Document(io.BytesIO(z.read("phieu-xin-loi-tat-ca.docx")))
    text = "\n".join(p.text for p in combined.paragraphs)
    assert all(f"Công dân {n}" in text for n in (1, 2, 4, 5)) and "Công dân 3" not in text


def test_the_combined_document_as_pdf_too(browser: TestClient, csrf: str, tmp_path):
    path = write_sheet(tmp_path / "ds.xlsx", [dossier_row(1), dossier_row(2)])
    page = preview(browser, csrf, "ds.xlsx", path.read_bytes())
    assert "Kèm tệp PDF của bản gộp" in page.text  # LibreOffice is installed by scripts/test.sh
    archive = zip_of(browser, csrf, page.text, pdf="1")
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        assert z.read("phieu-xin-loi-tat-ca.pdf").startswith(b"%PDF")
        assert len([n for n in z.namelist() if n.startswith("phieu/")]) == 2


@pytest.mark.parametrize(("name", "content", "said"), [
    ("ds.xlsx", b"", "Tệp trống"),
    ("ds.xlsx", b"PK\x03\x04 broken", "Tệp bị hỏng hoặc không mở được"),
    ("ds.xlsx", DOSSIERS.read_bytes()[:4000], "Tệp bị hỏng hoặc không mở được"),
])
def test_a_bad_sheet_is_an_error_on_the_page(browser: TestClient, csrf: str, name, content, said):
    page = preview(browser, csrf, name, content)
    assert page.status_code == 422 and said in page.text and "Traceback" not in page.text
    assert 'name="key"' not in page.text


def test_a_sheet_without_the_dossier_columns(browser: TestClient, csrf: str, tmp_path):
    path = write_sheet(tmp_path / "x.xlsx", [["a", "b"]], headers=["Họ tên", "Quê quán"])
    page = preview(browser, csrf, "x.xlsx", path.read_bytes())
    assert page.status_code == 422 and "Dữ liệu không hợp lệ" in page.text and "Mã hồ sơ" in page.text


def test_no_file_chosen(browser: TestClient, csrf: str):
    page = browser.post("/apology", data={"csrf_token": csrf, **HEADER})
    assert page.status_code == 422 and "Chưa chọn tệp" in page.text


def test_a_sheet_without_the_dossier_columns_names_them_in_vietnamese(browser: TestClient, csrf: str, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["STT", "Họ tên", "Ghi chú"])
    book.active.append([1, "Nguyễn Văn A", ""])
    book.save(tmp_path / "danh-sach.xlsx")
    page = preview(browser, csrf, "danh-sach.xlsx", (tmp_path / "danh-sach.xlsx").read_bytes())
    assert page.status_code == 422
    said, technical = shown(page.text)
    assert said.startswith("Tệp danh-sach.xlsx: không trang tính nào có dòng tiêu đề với các cột 'Mã hồ sơ', ")
    assert technical.startswith("danh-sach.xlsx: no sheet has a header row with the dossier columns")


def test_a_missing_header_field_is_named(browser: TestClient, csrf: str):
    page = preview(browser, csrf, DOSSIERS.name, DOSSIERS.read_bytes(), signature_name="", place="")
    assert page.status_code == 422 and "place" in page.text
    assert 'value="Trung tâm Phục vụ hành chính công tỉnh An Giang"' in page.text  # what was typed is kept


def test_no_good_row_means_no_zip(browser: TestClient, csrf: str, tmp_path):
    path = write_sheet(tmp_path / "x.xlsx", [dossier_row(1, **{"Lý do chậm trễ": None})])
    page = preview(browser, csrf, "x.xlsx", path.read_bytes())
    assert page.status_code == 200 and "Không dòng nào làm được phiếu" in page.text
    assert 'name="key"' not in page.text


def test_sheet_content_is_escaped(browser: TestClient, csrf: str, tmp_path):
    path = write_sheet(tmp_path / "x.xlsx", [dossier_row(1, **{"Tên tổ chức, cá nhân": "<script>alert(1)</script>"})])
    page = preview(browser, csrf, "x.xlsx", path.read_bytes())
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_forgotten_preview(browser: TestClient, csrf: str):
    response = browser.post("/apology/zip", data={"csrf_token": csrf, "key": "khong-co"})
    assert response.status_code == 404 and "Hãy tải lên lại" in response.text


def test_without_token_or_csrf(anonymous: TestClient, browser: TestClient):
    assert anonymous.get("/apology").status_code == 401
    assert anonymous.post("/apology").status_code == 401
    refused = browser.post("/apology", data=HEADER, files={"sheet": (DOSSIERS.name, DOSSIERS.read_bytes())})
    assert refused.status_code == 403
    assert browser.post("/apology/zip", data={"key": "x"}).status_code == 403
