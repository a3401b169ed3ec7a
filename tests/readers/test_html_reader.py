"""The HTML reader on pages saved from legal portals: the document inside menus,
scripts and styles; tables with colspan/rowspan; legacy charsets."""

from __future__ import annotations

import html
import unicodedata

import pytest
from builders import build_html
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_docs.errors import UnsafeFileError
from tthc_docs.models import SourceRef
from tthc_docs.readers import html_reader
from tthc_docs.blocks import RawTable
from tthc_docs.readers.safety import clean_text

# Quyết định 242/QĐ-UBND An Giang (seed 002): a plan's task table with a group row.
HEADER = ["Stt", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
GROUP = "I. Kiểm soát quy định thủ tục hành chính"
ROWS = [
    [GROUP, "", "", "", ""],
    ["1", "Đánh giá tác động quy định thủ tục hành chính trong dự thảo văn bản quy phạm pháp luật",
     "Các sở, ban, ngành tỉnh", "Sở Tư pháp", "Trong quá trình xây dựng dự thảo"],
    ["2", "Thẩm định quy định thủ tục hành chính", "Sở Tư pháp", "Văn phòng UBND tỉnh",
     "Theo quy định"],
    ["3", "Công bố, công khai thủ tục hành chính", "", "Các cơ quan, đơn vị có liên quan",
     "Ngay sau khi có quyết định công bố của Bộ, ngành Trung ương"],
    ["4", "Rà soát, đánh giá thủ tục hành chính", "Các sở, ban, ngành tỉnh\nUBND cấp huyện", "Văn phòng UBND tỉnh",
     "Quý I, Quý II năm 2025 hoặc đột xuất"],
]
BEFORE = [("QUYẾT ĐỊNH", "b"), "Về việc ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2025",
          "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;\nCăn cứ Nghị định số 92/2017/NĐ-CP"]
AFTER = ["Nơi nhận:", "- Như Điều 3;"]
JUNK = ["Trang chủ", "Văn bản mới", "Đăng nhập", "Văn bản liên quan", "Lược đồ", "Văn bản cùng lĩnh vực",
        "Bản quyền", "quảng cáo", "không phải văn bản", "color: red"]


def _read(tmp_path, name="qd-242.html", **options):
    path = build_html(tmp_path / name, HEADER, ROWS, BEFORE, paragraphs_after=AFTER, full_width_rows=[0],
                      vmerge=[(2, 2, 3)], **options)
    return html_reader.read(path.read_bytes(), path.name)


@pytest.fixture
def decision(tmp_path):
    return _read(tmp_path)


def test_document_in_reading_order(decision):
    kinds = ["table" if isinstance(i, RawTable) else i.text for i in decision.items]
    assert decision.layout == "html"
    assert kinds == ["QUYẾT ĐỊNH", BEFORE[1], "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;",
                     "Căn cứ Nghị định số 92/2017/NĐ-CP", "table", *AFTER]


@pytest.mark.parametrize("junk", JUNK)
def test_menus_scripts_styles_and_footer_are_dropped(decision, junk):
    text = "\n".join([decision.text, *("\t".join(r.cells) for t in decision.tables for r in t.rows)])
    assert junk not in text


def test_colspan_row_repeats_in_every_column(decision):
    assert decision.tables[0].rows[1].cells == (GROUP,) * len(HEADER)


@pytest.mark.parametrize("row", [3, 4])
def test_rowspan_repeats_in_every_row(decision, row):
    assert decision.tables[0].rows[row].cells[2] == "Sở Tư pháp"


def test_rows_after_a_rowspan_keep_their_columns(decision):
    assert decision.tables[0].rows[4].cells == ("3", "Công bố, công khai thủ tục hành chính", "Sở Tư pháp",
                                                "Các cơ quan, đơn vị có liên quan",
                                                "Ngay sau khi có quyết định công bố của Bộ, ngành Trung ương")


def test_br_inside_a_cell_is_a_line_break(decision):
    assert decision.tables[0].rows[5].cells[2] == "Các sở, ban, ngành tỉnh\nUBND cấp huyện"


def test_header_and_refs(decision):
    table = decision.tables[0]
    assert table.rows[0].cells == tuple(HEADER)
    assert table.rows[2].source == SourceRef(table=1, row=3)
    assert [p.source.line for p in decision.paragraphs] == list(range(1, 7))
    assert table.caption == "Căn cứ Nghị định số 92/2017/NĐ-CP"


def test_bold_paragraph_is_a_heading(decision):
    assert [p.heading for p in decision.paragraphs[:2]] == [True, False]


@pytest.mark.parametrize("charset", ["utf-8", "windows-1258", "utf-16"])
def test_declared_charsets(tmp_path, charset):
    document = _read(tmp_path, charset=charset)
    assert document.paragraphs[1].text == BEFORE[1]
    assert unicodedata.is_normalized("NFC", document.text)


def test_charset_sniffed_without_a_declaration():
    page = "<html><body><p>Ủy ban nhân dân tỉnh An Giang</p></body></html>".encode("utf-8")
    assert html_reader.read(page, "no-meta.html").text == "Ủy ban nhân dân tỉnh An Giang"


def _page(body: str) -> bytes:
    return f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode()


@pytest.mark.parametrize("body, lines", [
    ("<ol><li>Rà soát TTHC</li><li>Công bố TTHC</li></ol>", ["1. Rà soát TTHC", "2. Công bố TTHC"]),
    ('<ol type="a" start="3"><li>Niêm yết</li></ol>', ["c. Niêm yết"]),
    ('<ol type="I"><li>MỤC ĐÍCH</li><li>NHIỆM VỤ</li></ol>', ["I. MỤC ĐÍCH", "II. NHIỆM VỤ"]),
    ("<ul><li>Sở Tư pháp;</li><li>Sở Nội vụ.</li></ul>", ["- Sở Tư pháp;", "- Sở Nội vụ."]),
    # seed 000's cells carry such lists with their markers switched off
    ('<ol style="list-style-type: none"><li>Sở Kế hoạch và Đầu tư</li><li>Sở Xây dựng</li></ol>',
     ["Sở Kế hoạch và Đầu tư", "Sở Xây dựng"]),
    ("<div>Kính gửi:<div>- Các sở, ban, ngành tỉnh;</div></div>", ["Kính gửi:", "- Các sở, ban, ngành tỉnh;"]),
    ("<p>Thời&nbsp;hạn:&nbsp;&nbsp; <b>Quý&nbsp;IV/2021</b></p>", ["Thời hạn: Quý IV/2021"]),
    ("<h2>Điều 1.</h2><p>Ban hành kèm theo Quyết định này</p>", ["Điều 1.", "Ban hành kèm theo Quyết định này"]),
])
def test_blocks_and_lists(body, lines):
    assert [p.text for p in html_reader.read(_page(body), "p.html").paragraphs] == lines


def test_heading_tags_are_headings():
    document = html_reader.read(_page("<h3>II. NHIỆM VỤ</h3><p>Tiếp tục rà soát</p>"), "h.html")
    assert [p.heading for p in document.paragraphs] == [True, False]


def test_nested_table_is_flattened_into_its_cell():
    body = ("<table><tr><td>1</td><td>Chỉ tiêu<table><tr><td>Tối thiểu 80%</td><td>Năm 2025</td></tr>"
            "<tr><td>100%</td><td>Năm 2026</td></tr></table></td></tr></table>")
    (table,) = html_reader.read(_page(body), "n.html").tables
    assert table.rows == (table.rows[0],)
    assert table.rows[0].cells == ("1", "Chỉ tiêu\nTối thiểu 80%; Năm 2025\n100%; Năm 2026")


def test_document_inside_a_layout_table_is_found():
    menu = "".join(f'<li><a href="/{k}">Mục {k}</a></li>' for k in range(30))
    body = (f"<table><tr><td><ul>{menu}</ul></td><td><p>KẾ HOẠCH</p><p>Kiểm soát thủ tục hành chính năm 2025</p>"
            "<table><tr><th>STT</th><th>Nội dung</th></tr><tr><td>1</td><td>Rà soát</td></tr></table>"
            "</td></tr></table>")
    document = html_reader.read(_page(body), "layout.html")
    assert [p.text for p in document.paragraphs] == ["KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2025"]
    assert [r.cells for r in document.tables[0].rows] == [("STT", "Nội dung"), ("1", "Rà soát")]


def test_table_taking_most_of_the_page_keeps_its_title():
    rows = "".join(f"<tr><td>{k}</td><td>Nhiệm vụ rà soát, đơn giản hóa thủ tục hành chính số {k}</td></tr>"
                   for k in range(1, 40))
    document = html_reader.read(_page(f"<div><p>PHỤ LỤC</p><table>{rows}</table></div>"), "pl.html")
    assert document.paragraphs[0].text == "PHỤ LỤC"
    assert len(document.tables[0].rows) == 39


@pytest.mark.parametrize("cell, width", [('<td colspan="100000">x</td>', 64), ('<td colspan="abc">x</td>', 1),
                                         ('<td colspan="-3">x</td>', 1)])
def test_hostile_spans_are_bounded(cell, width):
    (table,) = html_reader.read(_page(f"<table><tr>{cell}</tr></table>"), "span.html").tables
    assert table.width == width


def test_rowspan_past_the_last_row_stops_there():
    body = '<table><tr><td rowspan="9999">Sở Tư pháp</td><td>1</td></tr><tr><td>2</td></tr></table>'
    (table,) = html_reader.read(_page(body), "rs.html").tables
    assert [r.cells for r in table.rows] == [("Sở Tư pháp", "1"), ("Sở Tư pháp", "2")]


def test_hidden_elements_are_dropped():
    body = '<p>Hiển thị</p><div style="display:none">Bản ẩn</div><p hidden>Ẩn</p>'
    assert html_reader.read(_page(body), "hidden.html").text == "Hiển thị"


@settings(deadline=None, max_examples=30)
@given(lines=st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30), min_size=1, max_size=3))
def test_cell_text_survives_the_round_trip(lines):
    cell = "<br>".join(html.escape(line) for line in lines)
    document = html_reader.read(_page(f"<table><tr><td>{cell}</td><td>x</td></tr></table>"), "rt.html")
    assert document.tables[0].rows[0].cells[0] == clean_text("\n".join(lines))


def test_spans_that_would_fill_a_huge_grid_are_refused(monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_TABLE_CELLS", 1000)
    rows = "".join(f'<tr><td rowspan="999">{k}</td></tr>' for k in range(60))
    with pytest.raises(UnsafeFileError, match="spans") as caught:
        html_reader.read(_page(f"<table>{rows}</table>"), "bomb.html")
    assert "bomb.html" in str(caught.value)
