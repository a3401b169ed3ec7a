"""Make the example files the README's commands name (``examples/``).

    python scripts/build_examples.py

Everything is made from data written here or shipped in the repository, through
the toolkit itself where it can (a plan is rendered by ``tthc render plan``'s
Python API), so the examples agree with the metadata beside them: the plan's
appendix is dated and numbered like ``examples/plan.meta.yaml``, the report's
table is the 2025 An Giang plan ``examples/report.meta.yaml`` reports on, the
late dossiers fall due after the date of ``examples/apology.meta.yaml``.
Run it after changing a template or the metadata; the PDF needs LibreOffice.
"""

from __future__ import annotations

import io
import sys
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT))

from tthc_docs.extract import extract_bytes  # noqa: E402
from tthc_docs.readers.tasktable import load_task_table  # noqa: E402
from tthc_docs.render.documents import load_template, render_plan  # noqa: E402
from tthc_docs.render.meta import load_meta  # noqa: E402
from tthc_docs.render.pdf import docx_to_pdf  # noqa: E402
from tthc_docs.writers import write_table  # noqa: E402

HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"]
TITLE = "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2025"
# (section, [task rows]) of the plan's appendix, first version. A None lead is the
# agency cell merged down from the task above.
PLAN_V1 = [
    ("I. RÀ SOÁT, ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH", [
        ["1", "Rà soát, đề xuất phương án đơn giản hóa thủ tục hành chính trong lĩnh vực đất đai, xây dựng",
         "Sở Tư pháp", "Sở Nông nghiệp và Môi trường, Sở Xây dựng", datetime(2025, 6, 30),
         "Báo cáo kết quả rà soát"],
        ["2", "Công bố danh mục thủ tục hành chính được chuẩn hóa sau rà soát", None,
         "Văn phòng UBND tỉnh", "30/9/2025", "Quyết định công bố"],
        ["3", "Cắt giảm tối thiểu 20% thời gian giải quyết thủ tục hành chính nội bộ",
         "Văn phòng UBND tỉnh", "Các sở, ban, ngành tỉnh", "Quý IV/2025", "Danh mục thủ tục được cắt giảm"],
    ]),
    ("II. CƠ CHẾ MỘT CỬA VÀ SỐ HÓA", [
        ["1", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
         "Sở Khoa học và Công nghệ", "UBND các xã, phường, đặc khu", "Trước ngày 15/11/2025",
         "Kho dữ liệu hồ sơ điện tử"],
        ["2", "Đánh giá chất lượng giải quyết thủ tục hành chính tại Bộ phận Một cửa các cấp",
         "Văn phòng UBND tỉnh", "Trung tâm Phục vụ hành chính công tỉnh", "Hằng quý", "Báo cáo đánh giá"],
        ["3", "Tuyên truyền về dịch vụ công trực tuyến toàn trình trên các phương tiện thông tin đại chúng",
         "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Thường xuyên",
         "Chuyên trang, chuyên mục"],
    ]),
]


def _plan_rows(version: int) -> list:
    """The appendix of the second draft: one task re-dated, one re-assigned, one
    reworded, one dropped and one added — what reviewers look for."""
    sections = [(title, [list(row) for row in rows]) for title, rows in PLAN_V1]
    if version == 2:
        first, second = sections[0][1], sections[1][1]
        first[0][4] = datetime(2025, 9, 30)
        first[2][2] = "Sở Nội vụ"
        second[0][1] = "Số hóa toàn bộ hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực"
        del second[2]
        second.append(["3", "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức Bộ phận Một cửa cấp xã",
                       "Sở Nội vụ", "Văn phòng UBND tỉnh", "Quý III/2025", "Lớp tập huấn"])
    return sections


def plan_workbook(version: int) -> bytes:
    """The plan's appendix as offices keep it in Excel: the header block above the
    table, section rows merged across, an agency merged down over two tasks."""
    book = Workbook()
    ws = book.active
    ws.title = "Phụ lục"
    for cell, text, span in [("A1", "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", "A1:C1"),
                             ("D1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "D1:F1"),
                             ("A2", "Số: 12/KH-UBND", "A2:C2"), ("D2", "Độc lập - Tự do - Hạnh phúc", "D2:F2"),
                             ("D3", "An Giang, ngày 05 tháng 02 năm 2025", "D3:F3"),
                             ("A5", "PHỤ LỤC", "A5:F5"), ("A6", TITLE, "A6:F6"),
                             ("A7", "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/02/2025 của UBND tỉnh An Giang)",
                              "A7:F7")]:
        ws[cell] = text
        ws.merge_cells(span)
    ws.append([])
    ws.append(HEADER)
    for title, rows in _plan_rows(version):
        ws.append([title])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=6)
        for row in rows:
            ws.append(row)
            if row[2] is None:
                ws.merge_cells(start_row=ws.max_row - 1, start_column=3, end_row=ws.max_row, end_column=3)
    for column, width in zip("ABCDEF", (6, 50, 24, 30, 18, 24)):
        ws.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plans() -> None:
    meta, template = load_meta(EXAMPLES / "plan.meta.yaml", "plan"), load_template("plan")
    (EXAMPLES / "phu-luc-ke-hoach-2025.xlsx").write_bytes(plan_workbook(1))
    for version in (1, 2):
        table = extract_bytes(plan_workbook(version), f"phu-luc-v{version}.xlsx")
        (EXAMPLES / f"ke-hoach-v{version}.docx").write_bytes(render_plan(table, meta, template))
    docx_to_pdf([EXAMPLES / "ke-hoach-v2.docx"], EXAMPLES, force=True)


def progress_table() -> None:
    """The 2025 An Giang table after agencies reported (statuses and dates filled in
    by hand, as staff do), for ``tthc render report``."""
    table = load_task_table(ROOT / "extract" / "an-giang-2025-quyet-dinh-242-ke-hoach-kiem-soat-tthc.json")
    book = load_workbook(io.BytesIO(write_table(table, "xlsx")))
    sheet = book["Nhiệm vụ"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    words = ["Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Đã hoàn thành", "Đang thực hiện"]
    for row in range(2, sheet.max_row + 1):
        status = words[row % len(words)]
        sheet.cell(row, columns["Trạng thái"], status)
        if status == "Đã hoàn thành":
            sheet.cell(row, columns["Ngày hoàn thành"], date(2025, 3 + row % 4, 1 + row % 27))
    book.save(EXAMPLES / "nhiem-vu-da-cap-nhat.xlsx")


def other_system_dossiers() -> None:
    """Late dossiers as another one-stop system exports them: its own wording, and
    two original-date columns, so the batch asks which one to use."""
    book = Workbook()
    ws = book.active
    ws.append(["DANH SÁCH HỒ SƠ TRỄ HẠN THÁNG 02/2025"])
    ws.append([])
    ws.append(["STT", "Số hồ sơ", "Tên TTHC", "Chủ hồ sơ", "Ngày nhận HS", "Ngày hẹn trả (dự kiến)",
               "Ngày hẹn trả (theo quy định)", "Ngày hẹn trả KQ mới", "Lý do trễ hạn"])
    ws.append([1, "H01.25-0211-0031", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Lê Văn C", "10/01/2025",
               "12/02/2025", "14/02/2025", "21/02/2025", "Chờ ý kiến thẩm định của cơ quan chuyên môn"])
    ws.append([2, "H01.25-0213-0044", "Đăng ký biến động quyền sử dụng đất", "Phạm Thị D", "13/01/2025",
               "17/02/2025", "18/02/2025", "25/02/2025", "Hồ sơ phải xác minh nguồn gốc đất"])
    book.save(EXAMPLES / "ho-so-tre-han-he-thong-khac.xlsx")


def letter_drafts() -> None:
    """Two drafts of one official letter (Công văn), for ``tthc diff --prose``."""
    import docx

    paragraphs = [
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        "Số: /UBND-KSTT",
        "V/v đẩy mạnh giải quyết thủ tục hành chính trên môi trường điện tử",
        "Kính gửi: Các sở, ban, ngành tỉnh; UBND các xã, phường, đặc khu.",
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/02/2025 của Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân "
        "tỉnh yêu cầu các cơ quan, đơn vị thực hiện các nội dung sau:",
        "1. Tiếp nhận, giải quyết hồ sơ trực tuyến đạt tối thiểu 50% tổng số hồ sơ.",
        "2. Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định.",
        "3. Báo cáo kết quả thực hiện về Văn phòng Ủy ban nhân dân tỉnh trước ngày 15/6/2025.",
    ]
    second = list(paragraphs)
    second[5] = "1. Tiếp nhận, giải quyết hồ sơ trực tuyến toàn trình đạt tối thiểu 60% tổng số hồ sơ."
    second.insert(7, "3. Công khai kết quả giải quyết hồ sơ trên Cổng Dịch vụ công của tỉnh.")
    second[8] = "4. Báo cáo kết quả thực hiện về Văn phòng Ủy ban nhân dân tỉnh trước ngày 30/6/2025."
    for number, texts in ((1, paragraphs), (2, second)):
        document = docx.Document()
        for text in texts:
            document.add_paragraph(text)
        document.save(EXAMPLES / f"cong-van-du-thao-{number}.docx")


def letter_off_format() -> None:
    """An official letter typed without the Decree 30/2020 rules at hand, for
    ``tthc check``: a narrow left margin, a small motto, a day without its
    leading zero, body text in Arial."""
    import docx
    from docx.shared import Mm, Pt

    document = docx.Document()
    document.sections[0].page_width, document.sections[0].page_height = Mm(210), Mm(297)
    margins = {"top_margin": 20, "bottom_margin": 20, "left_margin": 25, "right_margin": 15}
    for name, mm in margins.items():
        setattr(document.sections[0], name, Mm(mm))
    lines = [("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", 13, True, False, "Times New Roman"),
             ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False, "Times New Roman"),
             ("Độc lập – Tự do – Hạnh phúc", 12, True, False, "Times New Roman"),
             ("Số: 2370/UBND-TTHC", 13, False, False, "Times New Roman"),
             ("Quảng Ngãi, ngày 5 tháng 3 năm 2024", 14, False, True, "Times New Roman"),
             ("Thực hiện Chỉ thị số 27/CT-TTg ngày 27/10/2023 của Thủ tướng Chính phủ về tăng cường cải cách "
              "thủ tục hành chính, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:", 14, False, False, "Arial"),
             ("1. Các sở, ban, ngành rà soát thủ tục hành chính thuộc phạm vi quản lý.", 14, False, False, "Arial"),
             ("2. Báo cáo kết quả trước ngày 30/4/2024.", 14, False, False, "Arial")]
    for text, size, bold, italic, font in lines:
        run = document.add_paragraph().add_run(text)
        run.font.size, run.font.bold, run.font.italic, run.font.name = Pt(size), bold, italic, font
    document.save(EXAMPLES / "cong-van.docx")


def main() -> None:
    plans()
    progress_table()
    other_system_dossiers()
    letter_drafts()
    letter_off_format()
    for path in sorted(EXAMPLES.iterdir()):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
