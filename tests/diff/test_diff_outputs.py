"""The four outputs: JSON shape, terminal text, self-contained HTML, and the Word
comparison table with real tracked changes (opened by LibreOffice, checked
against Decree 30/2020)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timezone

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tthc_docs.diff.compare import diff_tables
from tthc_docs.diff.docx_out import render_docx
from tthc_docs.diff.html_out import render_html
from tthc_docs.diff.json_out import render_json
from tthc_docs.diff.prose import diff_paragraphs
from tthc_docs.diff.report import prose_report, table_report
from tthc_docs.diff.text import render_text
from tthc_docs.models import Deadline, Task, TaskTable
from tthc_docs.render.check import check_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
WHEN = datetime(2025, 3, 4, 9, 30, tzinfo=timezone.utc)

SPLIT_WHOLE = ("Triển khai rà soát, nâng cấp, hoàn thiện cơ sở hạ tầng CNTT; nâng cấp, hoàn thiện hệ thống thông "
               "tin giải quyết TTHC trên cơ sở hợp nhất Cổng dịch vụ công, hệ thống một cửa điện tử tỉnh; Đảm bảo "
               "tỷ lệ DVC cung cấp biểu mẫu trực tuyến, thanh toán trực tuyến đạt chỉ tiêu đề ra.")
SPLIT_A, SPLIT_B = SPLIT_WHOLE.split("; Đảm bảo")
SPLIT_B = "Đảm bảo" + SPLIT_B


def _task(task_id: str, content: str, *, lead: str = "Văn phòng UBND tỉnh", deadline: str = "Thường xuyên",
          due: date | None = None, section: str = "Năm 2021") -> Task:
    return Task(id=task_id, content=content, section=section, lead=(lead,), lead_raw=lead,
                coordinating=("Các sở, ban, ngành",), coordinating_raw="Các sở, ban, ngành",
                deadline=Deadline(text=deadline, kind="period" if due else None, due=due))


OLD = TaskTable(source="ke-hoach-v1.json", tasks=(
    _task("I.1", "Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.",
          deadline="Tháng 5/2021", due=date(2021, 5, 31)),
    _task("I.2", "Tổ chức đánh giá hoạt động của Bộ phận một cửa <ol> thuộc phạm vi quản lý & địa phương",
          deadline="Quý IV/2021", due=date(2021, 12, 31)),
    _task("I.3", SPLIT_WHOLE),
    _task("I.4", "Rà soát, tái cấu trúc quy trình, điện tử hóa mẫu đơn, tờ khai, kết quả giải quyết TTHC"),
    _task("I.5", "Thực hiện kiểm tra việc triển khai thực hiện Kế hoạch này"),
))
NEW = TaskTable(source="ke-hoach-v2.json", tasks=(
    _task("I.1", "Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.",
          deadline="Tháng 5/2021", due=date(2021, 5, 31)),
    _task("I.2", "Tổ chức đánh giá hoạt động của Bộ phận một cửa <ol> thuộc phạm vi quản lý & địa phương",
          lead="Sở Nội vụ", deadline="Quý I/2022", due=date(2022, 3, 31)),
    _task("I.3", SPLIT_A + "."),
    _task("I.4", SPLIT_B),
    _task("I.5", "Thực hiện kiểm tra việc triển khai thực hiện Kế hoạch này"),
    _task("I.6", "Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ, công chức"),
))


@pytest.fixture(scope="module")
def result():
    return diff_tables(OLD, NEW)


def test_fixture_covers_every_kind_of_row(result):
    assert result.summary == {"unchanged": 2, "modified": 1, "added": 1, "removed": 1, "split": 1, "merged": 0}


# ------------------------------------------------------------------ JSON


def test_json_shape(result):
    data = json.loads(render_json(result))
    assert data["summary"] == result.summary
    assert set(data["summary"]) == {"unchanged", "modified", "added", "removed", "split", "merged"}
    for change in data["changes"]:
        assert {"status", "old", "new", "fields", "deadline_shift_days"} <= set(change)
        assert change["status"] in data["summary"]
        assert set(change["fields"]) <= {"content", "lead", "coordinating", "implementing", "monitoring",
                                         "deadline", "targets", "product", "notes", "position"}
        for task in change["old"] + change["new"]:
            assert Task.from_dict(task).content == task["content"]
    modified = next(c for c in data["changes"] if c["status"] == "modified")
    assert modified["fields"] == ["lead", "deadline"] and modified["deadline_shift_days"] == 90
    lead = next(d for d in modified["details"] if d["field"] == "lead")
    assert (lead["removed"], lead["added"]) == (["Văn phòng UBND tỉnh"], ["Sở Nội vụ"])
    split = next(c for c in data["changes"] if c["status"] == "split")
    assert [t["id"] for t in split["old"]] == ["I.3"] and [t["id"] for t in split["new"]] == ["I.3", "I.4"]
    assert sum(c["status"] == "unchanged" for c in data["changes"]) == 2


def test_json_of_prose():
    data = json.loads(render_json(diff_paragraphs(["Kính gửi: Các sở, ban, ngành"], ["Kính gửi: Các sở, ngành"])))
    assert data["kind"] == "prose" and data["summary"]["modified"] == 1
    assert {"op": "delete", "text": "ban, "} in data["changes"][0]["words"]


# ------------------------------------------------------------------ text


def test_text_without_colour_marks_the_words(result):
    text = render_text(table_report(result), color=False)
    assert "\x1b[" not in text
    assert "[-Văn phòng UBND tỉnh-]{+Sở Nội vụ+}" in text
    assert "Lùi thời hạn 90 ngày: Quý IV/2021 → Quý I/2022" in text
    assert "Tách thành 2 nhiệm vụ: I.3, I.4" in text
    assert "Xây dựng Kế hoạch" not in text  # unchanged tasks are left out …
    assert "Xây dựng Kế hoạch" in render_text(table_report(result, include_unchanged=True))  # … unless asked


def test_text_with_colour(result):
    text = render_text(table_report(result), color=True)
    assert "\x1b[" in text and "[-" not in text


# ------------------------------------------------------------------ HTML


def test_html_is_self_contained_and_marks_words(result):
    page = render_html(table_report(result))
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all(["script", "link", "img", "iframe"])
    assert "http" not in page.replace('lang="vi"', "")
    rows = soup.select("table.diff tbody tr")
    assert [r["class"][0] for r in rows] == ["modified", "split", "removed", "added"]
    assert [d.get_text() for d in rows[0].find_all("del")] == ["Văn phòng UBND tỉnh", "IV", "2021"]
    assert [i.get_text() for i in rows[0].find_all("ins")] == ["Sở Nội vụ", "I", "2022"]
    # Cell text is escaped, never markup: the "<ol>" residue of a web page stays text.
    assert "&lt;ol&gt;" in page and "<ol>" not in page
    assert [td.get_text() for td in soup.select("table.summary td")] == ["2", "1", "1", "1", "1", "0"]


# ------------------------------------------------------------------ Word


def _document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _cell_text(cell: etree._Element, *, accept: bool) -> str:
    """The text of a cell after Accept All (``accept``) or Reject All."""
    out = []
    for node in cell.iter(f"{{{W}}}t", f"{{{W}}}delText"):
        in_ins = any(a.tag == f"{{{W}}}ins" for a in node.iterancestors())
        in_del = any(a.tag == f"{{{W}}}del" for a in node.iterancestors())
        if (accept and not in_del) or (not accept and not in_ins):
            out.append(node.text or "")
    return "".join(out)


@pytest.fixture(scope="module")
def docx_bytes(result) -> bytes:
    return render_docx(table_report(result, issuer="Ủy ban nhân dân tỉnh Hải Dương", place="Hải Dương"), when=WHEN)


def test_docx_holds_tracked_changes(docx_bytes):
    root = _document_xml(docx_bytes)
    insertions, deletions = root.findall(".//w:ins", NS), root.findall(".//w:del", NS)
    assert insertions and deletions
    ids = [e.get(f"{{{W}}}id") for e in insertions + deletions]
    assert len(ids) == len(set(ids))
    for element in insertions + deletions:
        assert element.get(f"{{{W}}}author") == "tthc diff"
        assert element.get(f"{{{W}}}date") == "2025-03-04T09:30:00Z"
    assert all(d.findall(".//w:delText", NS) and not d.findall(".//w:t", NS) for d in deletions)
    assert not root.xpath("//w:delText[not(ancestor::w:del)]", namespaces=NS)


def test_accept_all_gives_the_new_text_and_reject_all_the_old(docx_bytes):
    root = _document_xml(docx_bytes)
    table = root.findall(".//w:tbl", NS)[-1]
    modified_row = table.findall("w:tr", NS)[1]
    old_cell, new_cell = modified_row.findall("w:tc", NS)[1:3]
    old_text = _cell_text(old_cell, accept=True)
    assert _cell_text(new_cell, accept=False) == old_text
    accepted = _cell_text(new_cell, accept=True)
    assert "Sở Nội vụ" in accepted and "Quý I/2022" in accepted
    assert "Văn phòng UBND tỉnh" not in accepted.split("Phối hợp")[0]
    assert "Quý IV/2021" in old_text


def test_docx_layout_follows_decree_30(docx_bytes):
    import docx

    document = docx.Document(io.BytesIO(docx_bytes))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    header = document.tables[0]
    assert header.cell(0, 0).paragraphs[0].text == "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"
    assert [p.text for p in header.cell(0, 1).paragraphs[:2]] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                                   "Độc lập - Tự do - Hạnh phúc"]
    assert "Hải Dương, ngày 04 tháng 3 năm 2025" in [p.text for p in header.cell(0, 1).paragraphs]
    comparison = document.tables[1]
    assert [c.text for c in comparison.rows[0].cells] == ["STT", "Nội dung cũ", "Nội dung mới", "Thay đổi"]
    assert len(comparison.rows) == 1 + 4


def test_docx_passes_the_format_checker(docx_bytes, tmp_path):
    path = tmp_path / "so-sanh.docx"
    path.write_bytes(docx_bytes)
    assert [str(d) for d in check_docx(path)] == []


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_docx_and_makes_a_pdf(docx_bytes, tmp_path):
    source = tmp_path / "so-sanh.docx"
    source.write_bytes(docx_bytes)
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "so-sanh.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert "BẢNG SO SÁNH" in text and "Sở Nội vụ" in text


def test_prose_report_in_word_and_html():
    result = diff_paragraphs(["Kính gửi: Các sở, ban, ngành", "Thời hạn: Quý IV/2024"],
                             ["Kính gửi: Các sở, ngành", "Thời hạn: Quý IV/2024"])
    report = prose_report(result)
    assert len(report.rows) == 1 and report.rows[0].old_label == "Đoạn 1"
    root = _document_xml(render_docx(report, when=WHEN))
    assert [d.findtext(".//w:delText", namespaces=NS) for d in root.findall(".//w:del", NS)] == ["ban, "]
    assert "<del>ban, </del>" in render_html(report)
