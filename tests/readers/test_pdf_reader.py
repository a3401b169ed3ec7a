"""The PDF reader on ruled tables like Word's PDF export: multi-page tables with a
repeated header, a row broken by the page break, text outside tables."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from builders import build_docx, build_pdf

from tthc_docs.models import SourceRef
from tthc_docs.readers import pdf_reader
from tthc_docs.blocks import Paragraph, RawTable
from tthc_docs.readers.pages import Page, PageParagraph, PageTable, assemble_pages

# Chỉ thị Hải Dương 2024 (seed 000), appendix columns and tasks.
HEADER = ["STT", "Nội dung/chỉ tiêu", "Cơ quan chủ trì thực hiện", "Cơ quan phối hợp", "Thời hạn hoàn thành"]
TASKS = [
    ["1.", "Chuyển giao việc quản lý, vận hành và hướng dẫn khai thác Hệ thống thông tin giải quyết thủ tục hành "
     "chính tỉnh từ Sở Thông tin và Truyền thông sang Văn phòng UBND tỉnh.", "Sở Thông tin và Truyền thông",
     "Văn phòng UBND tỉnh; các cơ quan có liên quan", "Trong tháng 01/2024"],
    ["2.", "Tối thiểu 80% thủ tục hành chính đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình.",
     "Sở Thông tin và Truyền thông.", "- Các cơ quan, đơn vị.\n- Văn phòng UBND tỉnh.", "Trước ngày 15/02/2024"],
    ["3.", "Hoàn thành đưa Kho quản lý dữ liệu điện tử cá nhân, tổ chức hoạt động phục vụ giải quyết thủ tục "
     "hành chính.", "Sở Thông tin và Truyền thông.", "Văn phòng UBND tỉnh.", "Chậm nhất trong tháng 2/2024."],
    ["4.", "100% dự thảo văn bản quy phạm pháp luật có quy định TTHC phải được đánh giá tác động của thủ tục "
     "hành chính.", "Các cơ quan, đơn vị.", "Văn phòng UBND tỉnh; Sở Tư pháp.", "Thường xuyên trong năm 2024"],
]
# A task long enough that the page break falls inside its row.
LONG_TASK = " ".join(f"Rà soát, đơn giản hóa thủ tục hành chính nội bộ nhóm {k} đảm bảo tỷ lệ ít nhất 50%."
                     for k in range(1, 36))
SECTION = "I. NHIỆM VỤ TRỌNG TÂM NĂM 2024"


def _rows() -> list[list[str]]:
    rows = [[SECTION, "", "", "", ""]]
    for k in range(14):
        base = TASKS[k % len(TASKS)]
        rows.append([f"{k + 1}.", *base[1:]])
    rows.append(["15.", LONG_TASK, "Các cơ quan, đơn vị, địa phương.", "Văn phòng UBND tỉnh.",
                 "Trước 15/9/2024 có báo cáo"])
    rows.extend([f"{16 + k}.", *TASKS[k][1:]] for k in range(4))
    return rows


ROWS = _rows()
BEFORE = [("CHỈ THỊ", "Heading 1"),
          "Về việc tăng cường công tác cải cách thủ tục hành chính, nâng cao chất lượng phục vụ người dân, doanh "
          "nghiệp trên địa bàn tỉnh Hải Dương năm 2024, trong đó có việc triển khai các nhiệm vụ tại phụ lục kèm theo."]
AFTER = ["Nơi nhận:", "- Như trên;", "- Lưu: VT, NC."]
WIDTHS = [32, 180, 85, 85, 73]


@pytest.fixture(scope="module")
def directive(tmp_path_factory):
    path = build_pdf(tmp_path_factory.mktemp("pdf") / "chi-thi.pdf", HEADER, ROWS, paragraphs_before=BEFORE,
                     paragraphs_after=AFTER, full_width_rows=[0], col_widths=WIDTHS)
    return pdf_reader.read(path.read_bytes(), path.name)


def test_layout_and_order(directive):
    kinds = ["table" if isinstance(i, RawTable) else i.text for i in directive.items]
    assert directive.layout == "pdf"
    assert kinds == ["CHỈ THỊ", BEFORE[1], "table", *AFTER]


def test_table_over_several_pages_is_one_table(directive):
    (table,) = directive.tables
    pages = sorted({r.source.page for r in table.rows})
    assert len(pages) >= 2
    assert pages == list(range(1, pages[-1] + 1))


def test_repeated_header_is_kept_once_per_page(directive):
    table = directive.tables[0]
    header_rows = [r for r in table.rows if r.cells == tuple(HEADER)]
    assert [r.source.page for r in header_rows] == sorted({r.source.page for r in table.rows})


def test_every_task_is_read(directive):
    numbers = [r.cells[0] for r in directive.tables[0].rows if r.cells[0].endswith(".") and r.cells[0][0].isdigit()]
    assert numbers == [f"{k}." for k in range(1, 20)]


def test_row_broken_by_the_page_break_continues_with_an_empty_first_cell(directive):
    rows = directive.tables[0].rows
    start = next(i for i, r in enumerate(rows) if r.cells[0] == "15.")
    rest = next(i for i in range(start + 1, len(rows)) if rows[i].cells[0] == "")
    assert rows[rest].source.page == rows[start].source.page + 1
    assert rows[start + 1:rest] == tuple(r for r in rows[start + 1:rest] if r.cells == tuple(HEADER))
    assert f"{rows[start].cells[1]} {rows[rest].cells[1]}" == LONG_TASK


def test_cells_keep_real_line_breaks_and_join_wrapped_lines(directive):
    row = next(r for r in directive.tables[0].rows if r.cells[0] == "2.")
    assert row.cells == ("2.", TASKS[1][1], "Sở Thông tin và Truyền thông.",
                         "- Các cơ quan, đơn vị.\n- Văn phòng UBND tỉnh.", "Trước ngày 15/02/2024")


def test_section_row_spanning_the_table_repeats_in_every_column(directive):
    assert directive.tables[0].rows[1].cells == (SECTION,) * len(HEADER)


def test_source_refs(directive):
    table = directive.tables[0]
    assert table.source == SourceRef(page=1, table=1)
    assert [r.source.row for r in table.rows] == list(range(1, len(table.rows) + 1))
    assert directive.paragraphs[0].source == SourceRef(line=1, page=1)
    assert table.caption == BEFORE[1]


def test_wrapped_paragraph_is_one_paragraph_and_bold_title_a_heading(directive):
    title, body = directive.paragraphs[:2]
    assert (title.text, title.heading) == ("CHỈ THỊ", True)
    assert (body.text, body.heading) == (BEFORE[1], False)


def _page(number: int, *items) -> Page:
    return Page(number, tuple(items), has_text=True)


def _table(top: float, *rows: tuple[str, ...], x0: float = 85.0, x1: float = 540.0) -> PageTable:
    return PageTable(top=top, x0=x0, x1=x1, rows=rows)


H = ("STT", "Nhiệm vụ", "Chủ trì")
R1, R2 = ("1.", "Rà soát TTHC", "Sở Tư pháp"), ("2.", "Công bố TTHC", "Sở Nội vụ")


@pytest.mark.parametrize("pages, tables", [
    # the next page starts with the table: one table, whether or not the header repeats
    ([_page(1, _table(50, H, R1)), _page(2, _table(40, H, R2))], 1),
    ([_page(1, _table(50, H, R1)), _page(2, _table(40, R2))], 1),
    # a running head in the page's top margin does not count
    ([_page(1, _table(50, H, R1)),
      _page(2, PageParagraph(20, "Phụ lục I", False, margin=True), _table(40, H, R2))], 1),
    # a title above the table: a new table, even with the same header (the next appendix)
    ([_page(1, _table(50, H, R1)), _page(2, PageParagraph(90, "PHỤ LỤC II", True), _table(120, H, R2))], 2),
    # text after the table on its page: the table ended there
    ([_page(1, _table(50, H, R1), PageParagraph(700, "Nơi nhận:", False)), _page(2, _table(40, H, R2))], 2),
    # other columns or another width: another table
    ([_page(1, _table(50, H, R1)), _page(2, _table(40, ("STT", "Chỉ tiêu"), ("1", "90%")))], 2),
    ([_page(1, _table(50, H, R1)), _page(2, _table(40, H, R2, x1=400.0))], 2),
    # two tables on one page never join
    ([_page(1, _table(50, H, R1), _table(300, H, R2))], 2),
])
def test_when_a_table_continues_on_the_next_page(pages, tables):
    assert len([i for i in assemble_pages(pages) if isinstance(i, RawTable)]) == tables


def test_continued_table_rows_keep_their_pages():
    (table,) = assemble_pages([_page(1, _table(50, H, R1)), _page(2, _table(40, H, R2))])
    assert [(r.source.page, r.source.row, r.cells[0]) for r in table.rows] == [
        (1, 1, "STT"), (1, 2, "1."), (2, 3, "STT"), (2, 4, "2.")]


def test_page_numbers_in_the_margin_are_dropped(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from builders import _register_fonts

    regular, _ = _register_fonts()
    path = tmp_path / "numbered.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page, text in ((1, "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;"),
                       (2, "Theo đề nghị của Chánh Văn phòng UBND tỉnh.")):
        pdf.setFont(regular, 13)
        if page > 1:
            pdf.drawCentredString(A4[0] / 2, A4[1] - 30, str(page))
        pdf.drawString(85, A4[1] - 120, text)
        pdf.showPage()
    pdf.save()
    document = pdf_reader.read(path.read_bytes(), path.name)
    assert [(p.text, p.source.page) for p in document.paragraphs] == [
        ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;", 1),
        ("Theo đề nghị của Chánh Văn phòng UBND tỉnh.", 2)]


def test_overprinted_text_is_read_once(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from builders import _register_fonts

    regular, _ = _register_fonts()
    path = tmp_path / "fake-bold.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(regular, 13)
    for offset in (0.0, 0.3):  # a producer's "fake bold": the line drawn twice, a hair apart
        pdf.drawString(85 + offset, A4[1] - 120, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH")
    pdf.showPage()
    pdf.save()
    assert pdf_reader.read(path.read_bytes(), path.name).text == "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH"


def test_all_items_typed(directive):
    assert all(isinstance(i, (Paragraph, RawTable)) for i in directive.items)


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_pdf_exported_by_an_office_suite(tmp_path):
    rows = [[f"{k}.", f"Rà soát, đơn giản hóa thủ tục hành chính nhóm {k} và công bố danh mục",
             "Sở Tư pháp\nVăn phòng UBND tỉnh", "Các sở, ban, ngành", f"Quý {k % 4 + 1}/2025"] for k in range(1, 26)]
    source = build_docx(tmp_path / "ke-hoach.docx", ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"], rows,
                        paragraphs_before=["KẾ HOẠCH"])
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    document = pdf_reader.read((tmp_path / "ke-hoach.pdf").read_bytes(), "ke-hoach.pdf")
    (table,) = document.tables
    tasks = [r for r in table.rows if r.cells[0][:1].isdigit()]
    assert [r.cells[0] for r in tasks] == [f"{k}." for k in range(1, 26)]
    assert len({r.source.page for r in table.rows}) >= 2
    assert tasks[0].cells[2] == "Sở Tư pháp\nVăn phòng UBND tỉnh"
    assert document.paragraphs[0].text == "KẾ HOẠCH"


# A deadline column too narrow for a date: Word (and reportlab, splitting long words) cuts the
# token where the line is full, so the PDF holds "Trước ngày 15/12/20" and "25" on two lines
# (tester's genre run: Cà Mau KH 210 exported by Word, "Trước ngày 15/12/20 25").
# builders.build_pdf keeps tokens whole (splitLongWords=0), so the table is built here the way
# /tmp/genre/make_d09.py builds its document: reportlab platypus with default word splitting.
NARROW_CELLS = [
    "Trước ngày 30/6/2025",  # "30/6/" | "2025": cut after a separator
    "Trước ngày 15/12/2025",  # "15/12" | "/2025": the next line opens with the separator
    "Số 210/KH-UBND ngày 15/12/2025",  # "21" | "0/KH-" | "UBND": digits, then a code after "-"
    "Quý I/2025 và Quý II/2025",  # "Quý I/" | "2025" and "Quý II" | "/2025"
    "Năm 2025 và năm 2026",  # "2025" | "và": wrapped at a space, the space kept
    "Sở Tư pháp; Sở Y tế",  # ordinary wrapping at spaces
]


def _narrow_pdf(path, cells, *, width: float) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from builders import _register_fonts

    regular, _ = _register_fonts()
    style = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11)
    rows = [["STT", "Nhiệm vụ", "Thời hạn"]] + [[f"{k}.", "Rà soát thủ tục hành chính", c] for k, c in
                                                 enumerate(cells, 1)]
    table = Table([[Para(c, style) for c in row] for row in rows], colWidths=[30, 200, width],
                  style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(path), pagesize=A4).build([table])


@pytest.fixture(scope="module")
def narrow(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "narrow.pdf"
    _narrow_pdf(path, NARROW_CELLS, width=40)
    return path


def test_the_narrow_column_does_cut_the_tokens(narrow):
    import pdfplumber

    with pdfplumber.open(narrow) as pdf:
        words = {w["text"] for w in pdf.pages[0].extract_words()}
    assert {"30/6/", "2025", "15/12", "/2025", "21", "0/KH-", "UBND", "I/", "II"} <= words
    assert not {"30/6/2025", "15/12/2025", "210/KH-UBND", "I/2025", "II/2025"} & words


@pytest.mark.parametrize("cell", NARROW_CELLS)
def test_a_token_cut_by_a_narrow_column_is_joined_again(narrow, cell):
    document = pdf_reader.read(narrow.read_bytes(), narrow.name)
    cells = [r.cells[2] for r in document.tables[0].rows[1:]]
    assert cells[NARROW_CELLS.index(cell)] == cell


# The paragraph joiner follows the same rule: a body text set in a narrow frame.
NARROW_PARAGRAPH = "Văn phòng UBND tỉnh báo cáo trước ngày 15/12/2024 theo mẫu số 01/2024/TT-BNV ngày 30/6/2025."


def test_a_token_cut_in_a_narrow_paragraph_is_joined_again(tmp_path):
    import pdfplumber
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate

    from builders import _register_fonts

    regular, _ = _register_fonts()
    path = tmp_path / "narrow-text.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=85, rightMargin=A4[0] - 85 - 62).build(
        [Para(NARROW_PARAGRAPH, ParagraphStyle("body", fontName=regular, fontSize=12, leading=15))])
    with pdfplumber.open(path) as pdf:  # the frame does cut the dates: "15" | "/12/202" | "4"
        assert {"15", "/12/202", "4", "/6/2025"} <= {w["text"] for w in pdf.pages[0].extract_words()}
    assert [p.text for p in pdf_reader.read(path.read_bytes(), path.name).paragraphs] == [NARROW_PARAGRAPH]
