"""The four kinds rendered from seed-derived data (extract/*.json of seeds 001
and 002): each opens with python-docx, passes the format check, and holds the
issuer, number, date in words and its content."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from docx.enum.section import WD_ORIENT
from render_helpers import find_table, full_text, open_docx, paragraphs

from tthc_docs.render.check import check_format
from tthc_docs.render.docx_format import read_format
from tthc_docs.render.documents import render_decision, render_plan, render_report

AS_OF = date(2025, 7, 1)


def conforms(data: bytes) -> None:
    assert check_format(read_format(data, "rendered.docx")) == ()


@pytest.fixture(scope="module")
def plan_001(seed_001, metas, templates) -> bytes:
    return render_plan(seed_001, metas["plan"], templates["plan"])


@pytest.fixture(scope="module")
def plan_002(seed_002, metas, templates) -> bytes:
    return render_plan(seed_002, metas["plan"], templates["plan"])


@pytest.fixture(scope="module")
def decision_002(seed_002, metas, templates) -> bytes:
    return render_decision(seed_002, metas["decision"], templates["decision"])


@pytest.fixture(scope="module")
def report_002(seed_002, metas, templates) -> bytes:
    return render_report(seed_002, metas["report"], AS_OF, templates["report"])


def test_seed_tables_are_the_extracted_ones(seed_001, seed_002):
    assert len(seed_001.tasks) == 41
    # 126 appendix rows and the 7 tasks of the plan's "V. TỔ CHỨC THỰC HIỆN"
    assert (len(seed_002.tasks), len(seed_002.indicators)) == (126 + 7, 20)


@pytest.mark.parametrize("fixture", ["plan_001", "plan_002", "decision_002", "report_002"])
def test_documents_conform_to_decree_30(request, fixture):
    conforms(request.getfixturevalue(fixture))


@pytest.mark.parametrize("fixture", ["plan_001", "plan_002"])
def test_plan_header_and_every_task(request, fixture, seed_001, seed_002):
    data = request.getfixturevalue(fixture)
    table = seed_001 if fixture == "plan_001" else seed_002
    text = full_text(data)
    for expected in ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", "Số: 12/KH-UBND", "An Giang, ngày 05 tháng 02 năm 2025",
                     "KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "PHỤ LỤC",
                     "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/02/2025 của Ủy ban nhân dân tỉnh An Giang)",
                     "TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH", "Hồ Văn Mừng", "- Lưu: VT, TTHC."):
        assert expected in text, expected
    cells = paragraphs(data)
    for task in table.tasks:
        assert task.content in cells, task.id
    for indicator in table.indicators:
        assert indicator.content in cells, indicator.id


def test_plan_appendix_layout(plan_001):
    document = open_docx(plan_001)
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT
    assert document.sections[1].orientation == WD_ORIENT.LANDSCAPE
    rows = document.tables[-1].rows
    assert [c.text for c in rows[0].cells] == ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn",
                                               "Sản phẩm"]
    assert rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    # Seed 001: section rows "I Năm 2021", "II Năm 2022", "III Năm 2023 - 2025", merged across the table.
    groups = [r for r in rows if len({c._tc for c in r.cells}) == 1]
    assert [g.cells[0].text for g in groups] == ["I. Năm 2021", "II. Năm 2022", "III. Năm 2023 - 2025"]
    first_task = [c.text for c in rows[2].cells]
    assert first_task[0] == "1" and first_task[1] == "Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án."
    assert first_task[4] == "Tháng 5/2021"
    assert len(rows) == 1 + 3 + 41


def test_decision_issues_the_plan(decision_002, seed_002):
    text = full_text(decision_002)
    for expected in ("QUYẾT ĐỊNH", "Số: 242/QĐ-UBND", "An Giang, ngày 24 tháng 02 năm 2025",
                     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Căn cứ Nghị định số 63/2010/NĐ-CP",
                     "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.", "QUYẾT ĐỊNH:",
                     "Điều 1. Ban hành kèm theo Quyết định này", "Điều 2. Quyết định này có hiệu lực", "Điều 3.",
                     "KT. CHỦ TỊCH", "- Như Điều 3;",
                     "(Ban hành kèm theo Quyết định số 242/QĐ-UBND ngày 24/02/2025 của Chủ tịch Ủy ban nhân dân "
                     "tỉnh An Giang)"):
        assert expected in text, expected
    # The plan follows the decision: its title after the articles, then every task.
    assert text.index("KẾ HOẠCH\nTổ chức hoạt động kiểm soát") > text.index("Điều 3.")
    cells = paragraphs(decision_002)
    assert all(task.content in cells for task in seed_002.tasks)
    assert len(open_docx(decision_002).sections) == 3


def test_report_lists_every_overdue_task(report_002, seed_002):
    text = full_text(report_002)
    for expected in ("BÁO CÁO", "Số: 45/BC-VPUBND", "An Giang, ngày 03 tháng 7 năm 2025", "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH",
                     "tính đến ngày 01 tháng 7 năm 2025", "Tổng cộng"):
        assert expected in text, expected
    overdue = [t for t in seed_002.tasks if t.status != "done" and t.deadline and t.deadline.due
               and t.deadline.due < AS_OF]
    assert overdue, "seed 002 has tasks due in the first half of 2025"
    rows = find_table(report_002, "STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn", "Số ngày quá hạn").rows
    listed = {r.cells[1].text: r.cells[4].text for r in rows[1:]}
    assert len(listed) == len({t.content for t in overdue})
    for task in overdue:
        assert listed[task.content] == str((AS_OF - task.deadline.due).days)
    # Seed 002, task 1.1: "Kế hoạch Tổ chức hoạt động kiểm soát TTHC năm 2025", due "Tháng 02 năm 2025".
    assert listed["Kế hoạch Tổ chức hoạt động kiểm soát thủ tục hành chính năm 2025"] == "123"


def test_report_counts_and_chart(report_002, templates):
    counts = find_table(report_002, "Tình trạng", "Số nhiệm vụ").rows
    assert [c.text for c in counts[-1].cells] == ["Tổng cộng", "133", "100%"]  # 126 appendix rows, 7 body tasks
    assert sum(int(r.cells[1].text) for r in counts[1:-1]) == 133
    slot = templates["report"].pictures["chart"]
    with zipfile.ZipFile(io.BytesIO(report_002)) as archive:
        chart = archive.read(slot.member)
    assert chart.startswith(b"\x89PNG") and len(chart) > 20_000


def test_report_from_a_workbook_staff_edited(tmp_path, seed_001, metas, templates):
    """Round trip: the XLSX `tthc extract` writes, with status and completion
    dates typed by staff, read back for the report."""
    from openpyxl import load_workbook

    from tthc_docs.readers.tasktable import load_task_table
    from tthc_docs.writers import write_table

    path = tmp_path / "5755.xlsx"
    path.write_bytes(write_table(seed_001, "xlsx"))
    book = load_workbook(path)
    sheet = book["Nhiệm vụ"]
    header = [c.value for c in sheet[1]]
    status, done_on = header.index("Trạng thái") + 1, header.index("Ngày hoàn thành") + 1
    sheet.cell(2, status, "Đã hoàn thành")           # task 1, due Tháng 5/2021
    sheet.cell(2, done_on, "20/05/2021")
    sheet.cell(3, status, "Hoàn thành")              # task 2 has no due date
    book.save(path)
    table = load_task_table(path)
    data = render_report(table, metas["report"], date(2022, 1, 1), templates["report"])
    conforms(data)
    rows = find_table(data, "STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn", "Số ngày quá hạn").rows
    listed = [r.cells[1].text for r in rows[1:]]
    assert seed_001.tasks[0].content not in listed and seed_001.tasks[4].content in listed
    counts = {r.cells[0].text: r.cells[1].text for r in find_table(data, "Tình trạng").rows}
    assert counts["Hoàn thành đúng hạn"] == "2"
