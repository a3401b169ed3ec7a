"""The .docx reader on documents built like the seeds' Word originals."""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

import pytest
from builders import build_docx, docx_bytes_with_body
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_docs.models import SourceRef
from tthc_docs.readers import docx_reader
from tthc_docs.blocks import Paragraph, RawTable
from tthc_docs.readers.safety import clean_text

# Kế hoạch 3327/KH-UBND (seed 003): header, a section row, tasks with cells of several lines.
HEADER = ["Stt", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"]
SECTION = "I. Về cải cách thủ tục hành chính, cắt giảm quy định liên quan đến hoạt động kinh doanh"
ROWS = [
    [SECTION, "", "", "", "", ""],
    ["1.", "Rà soát, đề xuất phương án đơn giản hóa thủ tục hành chính và tổ chức thực thi phương án "
     "đơn giản hóa thủ tục hành chính.", "Các sở, ban, ngành, UBND cấp huyện", "Văn phòng UBND tỉnh",
     "- 30/9 hằng năm\n- Theo Quyết định của Chủ tịch UBND tỉnh", "Quyết định phê duyệt phương án đơn giản hóa TTHC."],
    ["2.", "Nâng cao chất lượng thẩm định quy định về thủ tục hành chính.", "- Văn phòng UBND tỉnh.\n- Sở Tư pháp",
     "Các cơ quan liên quan", "Thường xuyên", "Quy định được ban hành bảo đảm sự cần thiết, hợp lý, hợp pháp."],
    ["3.", "Quản lý, vận hành và phát triển Cổng tham vấn và tra cứu quy định kinh doanh.", "Văn phòng UBND tỉnh",
     "Các sở, ban, ngành và các cơ quan liên quan.", "Sau khi có hướng dẫn của Văn phòng Chính phủ.",
     "Cổng tham vấn và tra cứu quy định kinh doanh được vận hành hiệu quả."],
    ["4.", "Theo dõi, hướng dẫn và đôn đốc các cơ quan, đơn vị, địa phương thực hiện Chương trình cắt giảm.",
     "", "Các sở, ban, ngành;\nUBND cấp huyện.", "Thường xuyên theo hướng dẫn của cơ quan Trung ương",
     "Các văn bản được ban hành."],
]
BEFORE = [("KẾ HOẠCH", "Title"), "Triển khai đẩy mạnh cải cách thủ tục hành chính trên địa bàn tỉnh Hải Dương",
          ("II. NHIỆM VỤ CỤ THỂ", "Heading 1")]
AFTER = ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, NC-KSTTHC (01b)."]


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = build_docx(tmp_path_factory.mktemp("docx") / "ke-hoach-3327.docx", HEADER, ROWS,
                      paragraphs_before=BEFORE, paragraphs_after=AFTER, full_width_rows=[0], vmerge=[(2, 3, 4)])
    return docx_reader.read(path.read_bytes(), path.name)


def test_layout_and_name(plan):
    assert (plan.layout, plan.name) == ("docx", "ke-hoach-3327.docx")


def test_items_in_reading_order(plan):
    kinds = ["table" if isinstance(i, RawTable) else i.text for i in plan.items]
    assert kinds == ["KẾ HOẠCH", BEFORE[1], "II. NHIỆM VỤ CỤ THỂ", "table", *AFTER]


def test_one_row_per_word_row_header_first(plan):
    (table,) = plan.tables
    assert len(table.rows) == 1 + len(ROWS)
    assert table.rows[0].cells == tuple(HEADER)
    assert table.width == len(HEADER)


def test_section_row_merged_across_the_row_repeats_in_every_column(plan):
    assert plan.tables[0].rows[1].cells == (SECTION,) * len(HEADER)


@pytest.mark.parametrize("row", [3, 4])
def test_vertical_merge_repeats_the_first_cell_in_every_row_it_covers(plan, row):
    # rows 3 and 4 of ROWS share one "Cơ quan chủ trì" cell (ROWS index → table row + 1 for the header)
    assert plan.tables[0].rows[row + 1].cells[2] == "Văn phòng UBND tỉnh"


@pytest.mark.parametrize("row, column, text", [
    (2, 4, "- 30/9 hằng năm\n- Theo Quyết định của Chủ tịch UBND tỉnh"),
    (3, 2, "- Văn phòng UBND tỉnh.\n- Sở Tư pháp"),
    (5, 3, "Các sở, ban, ngành;\nUBND cấp huyện."),
])
def test_paragraphs_inside_a_cell_are_lines(plan, row, column, text):
    assert plan.tables[0].rows[row].cells[column] == text


def test_source_refs_count_from_one(plan):
    table = plan.tables[0]
    assert table.source == SourceRef(table=1)
    assert [r.source for r in table.rows[:3]] == [SourceRef(table=1, row=j) for j in (1, 2, 3)]
    assert [p.source.line for p in plan.paragraphs] == list(range(1, 7))


def test_caption_is_the_paragraph_right_before_the_table(plan):
    assert plan.tables[0].caption == "II. NHIỆM VỤ CỤ THỂ"


@pytest.mark.parametrize("text, heading", [
    ("KẾ HOẠCH", True),  # Title style
    ("II. NHIỆM VỤ CỤ THỂ", True),  # Heading 1
    ("Triển khai đẩy mạnh cải cách thủ tục hành chính trên địa bàn tỉnh Hải Dương", False),
    ("Nơi nhận:", False),
])
def test_heading_styles(plan, text, heading):
    (paragraph,) = [p for p in plan.paragraphs if p.text == text]
    assert paragraph.heading is heading


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize("runs, heading", [
    ([("I. MỤC ĐÍCH, YÊU CẦU", True)], True),
    ([("QUYẾT ĐỊNH:", True)], True),
    ([("Điều 1. ", True), ("Ban hành kèm theo Quyết định này Kế hoạch kiểm soát thủ tục hành chính.", False)], False),
    ([("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", False)], False),
    ([("Văn phòng UBND tỉnh chủ trì theo dõi, hướng dẫn, đôn đốc, kiểm tra, giám sát việc triển khai thực hiện "
       "Kế hoạch này; tổng hợp báo cáo định kỳ hoặc đột xuất về tình hình, kết quả thực hiện theo quy định "
       "của Ủy ban nhân dân tỉnh và Văn phòng Chính phủ.", True)], False),  # bold, but a long sentence
])
def test_fully_bold_short_paragraph_is_a_heading(runs, heading):
    body = "<w:p>" + "".join(_run(t, b) for t, b in runs) + "</w:p>"
    (paragraph,) = docx_reader.read(docx_bytes_with_body(body), "bold.docx").items
    assert paragraph.heading is heading


def test_line_break_in_a_body_paragraph_gives_two_paragraphs():
    body = '<w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t><w:br/><w:t>TỈNH AN GIANG</w:t></w:r></w:p>'
    document = docx_reader.read(docx_bytes_with_body(body), "header.docx")
    assert [(p.text, p.source.line) for p in document.paragraphs] == [("ỦY BAN NHÂN DÂN", 1), ("TỈNH AN GIANG", 2)]


def _tc(inner: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _table(*rows: str, grid: int = 3) -> str:
    cols = '<w:gridCol w:w="2000"/>' * grid
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def test_line_break_and_tab_inside_a_cell():
    cell = _tc('<w:p><w:r><w:t>Sở Tư pháp;</w:t><w:br/><w:t>Sở</w:t><w:tab/><w:t>Nội   vụ</w:t></w:r></w:p>')
    body = _table(f"<w:tr>{cell}</w:tr>", grid=1)
    (table,) = docx_reader.read(docx_bytes_with_body(body), "br.docx").tables
    assert table.rows[0].cells == ("Sở Tư pháp;\nSở Nội vụ",)


def test_nested_table_is_flattened_into_its_cell():
    nested = _table(f"<w:tr>{_tc(_p('Sở Tư pháp'))}{_tc(_p('Quý I/2025'))}</w:tr>",
                    f"<w:tr>{_tc(_p('Sở Nội vụ'))}{_tc(_p('Quý II/2025'))}</w:tr>", grid=2)
    cells = _tc(_p("1.")) + _tc(_p("Rà soát TTHC nội bộ")) + _tc(_p("Đơn vị:") + nested + "<w:p/>")
    outer = _table(f"<w:tr>{cells}</w:tr>")
    document = docx_reader.read(docx_bytes_with_body(outer), "nested.docx")
    assert len(document.tables) == 1
    assert document.tables[0].rows[0].cells == (
        "1.", "Rà soát TTHC nội bộ", "Đơn vị:\nSở Tư pháp; Quý I/2025\nSở Nội vụ; Quý II/2025")


def test_grid_before_and_after_leave_empty_cells():
    row = ('<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>'
           f"{_tc(_p('Văn phòng UBND tỉnh'))}</w:tr>")
    full = f"<w:tr>{_tc(_p('a'))}{_tc(_p('b'))}{_tc(_p('c'))}</w:tr>"
    (table,) = docx_reader.read(docx_bytes_with_body(_table(full, row)), "grid.docx").tables
    assert table.rows[1].cells == ("", "Văn phòng UBND tỉnh", "")


def test_vmerge_with_gridspan_and_a_later_new_cell():
    span, restart, cont = '<w:gridSpan w:val="2"/>', '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    first = f"<w:tr>{_tc(_p('Sở Tư pháp'), span + restart)}{_tc(_p('x'))}</w:tr>"
    covered = f"<w:tr>{_tc('<w:p/>', span + cont)}{_tc(_p('y'))}</w:tr>"
    fresh = f"<w:tr>{_tc(_p('Sở Y tế'))}{_tc(_p('Sở Xây dựng'))}{_tc(_p('z'))}</w:tr>"
    (table,) = docx_reader.read(docx_bytes_with_body(_table(first, covered, fresh)), "v.docx").tables
    assert [r.cells for r in table.rows] == [
        ("Sở Tư pháp", "Sở Tư pháp", "x"), ("Sở Tư pháp", "Sở Tư pháp", "y"), ("Sở Y tế", "Sở Xây dựng", "z")]


def test_header_rows_marked_to_repeat_are_kept_once_each():
    header = f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{_tc(_p("STT"))}{_tc(_p("Nội dung"))}{_tc(_p("Ghi chú"))}</w:tr>'
    rows = [f"<w:tr>{_tc(_p(f'{i}.'))}{_tc(_p('Rà soát'))}{_tc(_p(''))}</w:tr>" for i in (1, 2)]
    (table,) = docx_reader.read(docx_bytes_with_body(_table(header, *rows, header)), "h.docx").tables
    assert [r.cells[0] for r in table.rows] == ["STT", "1.", "2.", "STT"]


NUMBERING = """
<w:abstractNum w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>
<w:num w:numId="92"><w:abstractNumId w:val="91"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
"""


def _numbered(text: str, num_id: int, level: int = 0) -> str:
    props = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_automatic_numbering_is_rendered_as_word_shows_it():
    body = "".join([
        _numbered("MỤC ĐÍCH, YÊU CẦU", 90), _numbered("Mục đích", 90, 1), _numbered("Yêu cầu", 90, 1),
        _numbered("cụ thể", 90, 2), _numbered("kịp thời", 90, 2), _numbered("NHIỆM VỤ", 90),
        _numbered("Nhiệm vụ", 90, 1), _numbered("Tiếp tục", 92),
    ])
    document = docx_reader.read(docx_bytes_with_body(body, numbering_xml=NUMBERING), "num.docx")
    assert [p.text for p in document.paragraphs] == [
        "I. MỤC ĐÍCH, YÊU CẦU", "I.1. Mục đích", "I.2. Yêu cầu", "a) cụ thể", "b) kịp thời", "II. NHIỆM VỤ",
        "II.1. Nhiệm vụ", "5. Tiếp tục"]


def test_numbered_stt_column_is_not_empty():
    rows = "".join(f"<w:tr>{_tc(_numbered('', 91))}{_tc(_p(task))}{_tc(_p('Sở Tư pháp'))}</w:tr>"
                   for task in ("Rà soát TTHC", "Công bố TTHC", "Niêm yết TTHC"))
    (table,) = docx_reader.read(docx_bytes_with_body(_table(rows), numbering_xml=NUMBERING), "stt.docx").tables
    assert [r.cells[0] for r in table.rows] == ["1.", "2.", "3."]


TEXTBOX = """<w:p><w:r><w:t>Số: 12/KH-UBND</w:t></w:r><w:r><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>
</w:txbxContent></wps:txbx></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent>
</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>
<w:r><w:t xml:space="preserve"> ngày 24/02/2025</w:t></w:r></w:p>"""


def test_text_box_is_read_once_after_its_anchor_paragraph():
    document = docx_reader.read(docx_bytes_with_body(TEXTBOX), "box.docx")
    assert [p.text for p in document.paragraphs] == ["Số: 12/KH-UBND ngày 24/02/2025", "DỰ THẢO"]


def test_content_control_around_a_paragraph_is_read_through():
    body = f"<w:sdt><w:sdtPr/><w:sdtContent>{_p('Kính gửi: Các sở, ban, ngành')}</w:sdtContent></w:sdt>"
    assert docx_reader.read(docx_bytes_with_body(body), "sdt.docx").text == "Kính gửi: Các sở, ban, ngành"


def test_deleted_revision_and_field_code_are_not_text():
    body = ('<w:p><w:r><w:t xml:space="preserve">Thời hạn: </w:t></w:r>'
            '<w:del w:id="1" w:author="a"><w:r><w:delText>Quý I/2025</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="a"><w:r><w:t>Quý II/2025</w:t></w:r></w:ins>'
            '<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>')
    assert docx_reader.read(docx_bytes_with_body(body), "rev.docx").text == "Thời hạn: Quý II/2025"


def test_decomposed_vietnamese_comes_out_composed():
    decomposed = unicodedata.normalize("NFD", "Sở Tư pháp; Ủy ban nhân dân tỉnh")
    document = docx_reader.read(docx_bytes_with_body(_p(decomposed)), "nfd.docx")
    assert document.text == "Sở Tư pháp; Ủy ban nhân dân tỉnh"
    assert unicodedata.is_normalized("NFC", document.text)


def test_empty_document_has_no_items():
    assert docx_reader.read(docx_bytes_with_body("<w:p/>"), "blank.docx").items == ()


def test_a_thousand_row_table_is_read_whole(tmp_path):
    rows = [[f"{i}.", f"Rà soát thủ tục hành chính nhóm {i}", "Sở Tư pháp", f"Quý {i % 4 + 1}/2025"]
            for i in range(1, 1001)]
    path = build_docx(tmp_path / "big.docx", ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"], rows)
    (table,) = docx_reader.read(path.read_bytes(), path.name).tables
    assert len(table.rows) == 1001
    assert table.rows[1000].cells == ("1000.", "Rà soát thủ tục hành chính nhóm 1000", "Sở Tư pháp", "Quý 1/2025")
    assert table.rows[1000].source == SourceRef(table=1, row=1001)


def test_items_are_paragraphs_or_tables(plan):
    assert all(isinstance(i, (Paragraph, RawTable)) for i in plan.items)


# Any text Word can hold: XML characters without surrogates and controls.
CELL_TEXT = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
                             max_size=30), min_size=1, max_size=3)


@settings(deadline=None, max_examples=30)
@given(lines=CELL_TEXT)
def test_cell_text_survives_the_round_trip(lines):
    data = docx_bytes_with_body(_table(f"<w:tr>{_tc(''.join(_p(escape(line)) for line in lines))}</w:tr>", grid=1))
    ((cell,),) = [row.cells for table in docx_reader.read(data, "rt.docx").tables for row in table.rows]
    assert cell == clean_text("\n".join(lines))
