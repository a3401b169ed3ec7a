"""Tests of tthc_docs.readers.assemble: what the .docx, .html and .pdf readers share
after finding paragraphs and tables (rows from Kế hoạch 5755/KH-UBND, seed 001)."""

from __future__ import annotations

import pytest

from tthc_docs.models import SourceRef
from tthc_docs.readers.assemble import ItemList, nested_table_lines
from tthc_docs.blocks import Paragraph, RawTable

HEADER = ("STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian thực hiện")
ROW = ("1", "Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.", "Văn phòng UBND tỉnh",
       "Tháng 5/2021")


@pytest.mark.parametrize(("rows", "lines"), [
    ([("Sở Tư pháp", "Sở Nội vụ")], ["Sở Tư pháp; Sở Nội vụ"]),
    # a merged cell repeats its text in each column it covers: said once
    ([("I. Năm 2021", "I. Năm 2021", "I. Năm 2021")], ["I. Năm 2021"]),
    ([("Quý IV/\n2021", "", "Sở Thông tin và Truyền thông")], ["Quý IV/ 2021; Sở Thông tin và Truyền thông"]),
    ([("", ""), ("Tháng 5/2021", "")], ["", "Tháng 5/2021"]),
    ([], []),
])
def test_nested_table_lines(rows, lines):
    assert nested_table_lines(rows) == lines


def test_items_are_numbered_and_a_table_takes_the_paragraph_before_as_caption():
    items = ItemList()
    items.add_text("PHỤ LỤC\nNHIỆM VỤ TRIỂN KHAI", heading=True)
    items.add_table([HEADER, ROW])
    items.add_table([HEADER])
    items.add_text("Nơi nhận:", heading=False)
    paragraph_1, paragraph_2, table_1, table_2, paragraph_3 = items.items
    assert paragraph_1 == Paragraph("PHỤ LỤC", SourceRef(line=1), heading=True)
    assert paragraph_2 == Paragraph("NHIỆM VỤ TRIỂN KHAI", SourceRef(line=2), heading=True)
    assert table_1.caption == "NHIỆM VỤ TRIỂN KHAI" and table_1.source == SourceRef(table=1)
    assert [(r.cells, r.source) for r in table_1.rows] == [(HEADER, SourceRef(table=1, row=1)),
                                                          (ROW, SourceRef(table=1, row=2))]
    assert table_2.caption is None and table_2.source == SourceRef(table=2)
    assert paragraph_3 == Paragraph("Nơi nhận:", SourceRef(line=3))


@pytest.mark.parametrize("rows", [[], [()], [(), ()]])
def test_a_table_without_cells_is_dropped_and_not_counted(rows):
    items = ItemList()
    items.add_text("", heading=False)
    items.add_table(rows)
    items.add_table([HEADER])
    assert [type(i) for i in items.items] == [RawTable]
    assert items.items[0].source == SourceRef(table=1)


def test_a_table_over_two_pages_keeps_the_page_of_each_row():
    items = ItemList()
    items.add_text("3. Tiếp tục triển khai", heading=True, page=2)
    items.add_table([HEADER, ROW, HEADER], pages=[2, 2, 3])
    paragraph, table = items.items
    assert paragraph.source == SourceRef(line=1, page=2)
    assert table.caption == "3. Tiếp tục triển khai" and table.source == SourceRef(page=2, table=1)
    assert [r.source.page for r in table.rows] == [2, 2, 3]
