"""The three plain-text table layouts and prose, on texts built here and on the seeds."""

import pytest

from tthc_docs.readers.txt_reader import clean_inline, parse_text
from tthc_docs.tables.builder import build

TAB_CELLS = "\n".join([
    "KẾ HOẠCH",
    "",
    "\tSTT", "\tNội dung", "\tCơ quan chủ trì", "\tThời hạn",
    "",
    "\tI", "\tNăm 2024", "\t", "\t",
    "",
    "\t1", "\tRà soát thủ tục", "hành chính nội bộ", "\tSở Tư pháp", "\tQuý I/2024",
    "",
    "\t2", "\tCông khai kết quả", "", "Báo cáo UBND tỉnh", "\tVăn phòng UBND tỉnh", "\t",
    "",
    "Nơi nhận:",
])


def test_tab_cells_rows_end_at_blank_line_only_when_complete():
    doc = parse_text(TAB_CELLS, "kh.txt")
    assert doc.layout == "txt-tab-cells"
    table = doc.tables[0]
    assert [r.cells[0] for r in table.rows] == ["STT", "I", "1", "2"]
    assert table.rows[2].cells[1] == "Rà soát thủ tục\nhành chính nội bộ"
    assert table.rows[3].cells == ("2", "Công khai kết quả\nBáo cáo UBND tỉnh", "Văn phòng UBND tỉnh", "")
    assert [p.text for p in doc.paragraphs] == ["KẾ HOẠCH", "Nơi nhận:"]


def test_tab_cells_to_tasks_with_section():
    built = build(parse_text(TAB_CELLS, "kh.txt").tables)
    assert [(t.id, t.section, t.lead_raw) for t in built.tasks] == [
        ("1", "Năm 2024", "Sở Tư pháp"), ("2", "Năm 2024", "Văn phòng UBND tỉnh")]
    assert built.tasks[1].deadline is None


PIPES = "\n".join([
    "Số hiệu | 12/KH-UBND |",
    "Ngày ban hành | 05/01/2025 |",
    "1. Nhiệm vụ chung",
    "Stt |", "Nội dung |", "Cơ quan chủ trì |", "Thời gian hoàn thành |", "Ghi chú |",
    "I |", "Nhóm thứ nhất |", "|||",
    "1 |", "Xây dựng kế hoạch |", "Văn phòng UBND tỉnh |", "Tháng 02 năm 2025 |", "|",
    "2 |", "Rà soát quy trình", "nội bộ |", "Sở, ban, ngành |", "Thường xuyên |", "|",
    "51",
    "2. Nhiệm vụ riêng",
    "STT |", "Nội dung |", "Cơ quan chủ trì |", "Thời gian hoàn thành |", "Ghi chú |",
    "1 |", "Tập huấn |", "Đã được phân công theo Kế hoạch số 243/KH-UBND |", "||",
])


def test_pipe_layout_metadata_cells_groups_and_merged_cells():
    doc = parse_text(PIPES, "qd.txt")
    assert doc.layout == "txt-pipe"
    assert doc.metadata == (("Số hiệu", "12/KH-UBND"), ("Ngày ban hành", "05/01/2025"))
    first, second = doc.tables
    assert first.caption == "1. Nhiệm vụ chung" and second.caption == "2. Nhiệm vụ riêng"
    assert first.rows[1].cells == ("I", "Nhóm thứ nhất", "", "", "")
    assert first.rows[3].cells[1] == "Rà soát quy trình\nnội bộ"
    assert second.rows[1].cells == ("1", "Tập huấn", "Đã được phân công theo Kế hoạch số 243/KH-UBND", "", "")
    assert "51" not in [p.text for p in doc.paragraphs]  # a page number, not text


def test_pipe_layout_ids_carry_the_caption_number():
    built = build(parse_text(PIPES, "qd.txt").tables)
    assert [(t.id, t.section) for t in built.tasks] == [
        ("1.1", "Nhóm thứ nhất"), ("1.2", "Nhóm thứ nhất"), ("2.1", None)]


TAB_ROWS = "\n".join([
    "Phụ lục",
    "STT\tNội dung/chỉ tiêu\tCơ quan chủ trì thực hiện\tCơ quan phối hợp\tThời hạn hoàn thành\tGhi chú",
    "1.\tChuyển giao hệ thống\tSở Thông tin và Truyền thông\tVăn phòng UBND tỉnh\tTrong tháng 01/2024\t",
    "2.\tCông khai <ul style=\"x\"><li>thủ tục</li></ul>\tCác sở, ban, ngành, UBND cấp\tVăn phòng UBND tỉnh\tThường xuyên\t",
    "",
    "STT\tNội dung/chỉ tiêu\tCơ quan chủ trì thực hiện\tCơ quan phối hợp\tThời hạn hoàn thành\tGhi chú",
    "\tvà cơ sở dữ liệu\thuyện, UBND cấp xã\t\t\tghi chú thêm",
    "3.\tBáo cáo\tVăn phòng UBND tỉnh\t\tQuý I/2025\t",
])


def test_tab_rows_repeated_header_continuation_and_html_residue():
    doc = parse_text(TAB_ROWS, "ct.txt")
    assert doc.layout == "txt-tab-rows"
    built = build(doc.tables)
    assert [t.id for t in built.tasks] == ["1", "2", "3"]
    second = built.tasks[1]
    assert "<" not in second.content
    assert second.content == "Công khai\nthủ tục và cơ sở dữ liệu"
    assert second.lead_raw == "Các sở, ban, ngành, UBND cấp huyện, UBND cấp xã"
    assert second.notes == "ghi chú thêm"


def test_markdown_emphasis_and_autolinks_become_plain_text():
    doc = parse_text("**ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI**\n\nSố: **2370**/UBND-TTHC\n\nXem <https://a.vn/x>.",
                     "cv.md")
    assert doc.layout == "markdown"
    texts = [p.text for p in doc.paragraphs]
    assert "Số: 2370/UBND-TTHC" in texts and "Xem https://a.vn/x." in texts


def test_a_repeated_block_is_kept_once_with_a_warning():
    block = [f"Căn cứ văn bản số {n}/QĐ-UBND về việc thực hiện nhiệm vụ cải cách thủ tục hành chính"
             for n in range(1, 8)]
    doc = parse_text("\n".join(["Tiêu đề"] + block + block + ["Kết thúc"]), "dup.txt")
    assert [p.text for p in doc.paragraphs] == ["Tiêu đề"] + block + ["Kết thúc"]
    assert doc.warnings and "repeat" in doc.warnings[0]


def test_short_repetition_is_not_a_duplicate_block():
    doc = parse_text("\n".join(["Thường xuyên", "Báo cáo", "Thường xuyên", "Báo cáo"]), "x.txt")
    assert len(doc.paragraphs) == 4 and not doc.warnings


def test_clean_inline_keeps_comparisons_and_text():
    assert clean_inline("tỷ lệ < 5% và > 2%") == "tỷ lệ < 5% và > 2%"
    assert clean_inline('<ol style="list-style-type: none"> Sở Xây dựng</ol>') == "Sở Xây dựng"


@pytest.mark.parametrize(("cell", "expected"), [
    ("Sở Tư pháp", "Sở Tư pháp"),
    ("  Sở Tư pháp  ", "Sở Tư pháp"),
    ("Sở  Tư   pháp", "Sở Tư pháp"),
    ("Sở\tTư\t\tpháp", "Sở Tư pháp"),
    ("Sở\u00a0Tư pháp", "Sở Tư pháp"),  # a no-break space alone is a space
    ("Quý \u00a0II/2025", "Quý II/2025"),
    ("Sở Tư pháp\n\n  Sở Nội vụ  \n", "Sở Tư pháp\nSở Nội vụ"),
    ("Rà soát  thủ tục;\n \u00a0\t\n- Công khai\u00a0 kết quả", "Rà soát thủ tục;\n- Công khai kết quả"),
    (" \t\u00a0", ""),
    ("\n\n", ""),
])
def test_clean_inline_collapses_spaces_and_drops_blank_lines(cell: str, expected: str) -> None:
    assert clean_inline(cell) == expected


def test_pipe_header_names_may_wrap_over_lines():
    text = "\n".join(["1. Nhiệm vụ", "Stt |", "Nội dung |", "Cơ quan chủ trì", "thực hiện |", "Thời gian",
                      "hoàn thành |", "1 |", "Rà soát |", "Sở Tư pháp |", "Quý I/2025 |"])
    [table] = parse_text(text, "p.txt").tables
    assert table.caption == "1. Nhiệm vụ"
    assert table.rows[0].cells == ("Stt", "Nội dung", "Cơ quan chủ trì thực hiện", "Thời gian hoàn thành")
    assert table.rows[1].cells == ("1", "Rà soát", "Sở Tư pháp", "Quý I/2025")


MARKDOWN_TABLE = "\n".join([
    "# KẾ HOẠCH", "", "| STT | Nội dung | Cơ quan chủ trì | Thời hạn |", "|:---:|---|---|---|",
    "| **I** | **Năm 2025** | | |", "| 1 | Rà soát thủ tục \\| nội bộ | Sở Tư pháp | Quý I/2025 |",
    "| 2 | Công khai<br>kết quả | Văn phòng UBND tỉnh | Thường xuyên |", "", "Nơi nhận:",
])


def test_markdown_pipe_table():
    doc = parse_text(MARKDOWN_TABLE, "kh.md")
    assert doc.layout == "markdown-table"
    built = build(doc.tables)
    assert [(t.id, t.section, t.content, t.lead_raw) for t in built.tasks] == [
        ("1", "Năm 2025", "Rà soát thủ tục | nội bộ", "Sở Tư pháp"),
        ("2", "Năm 2025", "Công khai\nkết quả", "Văn phòng UBND tỉnh")]
    assert [p.text for p in doc.paragraphs] == ["KẾ HOẠCH", "Nơi nhận:"]


def test_tab_cells_header_merged_over_two_columns():
    text = ("\tTT\n\tNội dung\n\tCơ quan thực hiện\n\tThời hạn\n\n\t\n\t\n\tChủ trì\n\tPhối hợp\n\t\n\n"
            "\t1\n\tRà soát\n\tSở Tư pháp\n\tSở Nội vụ\n\tQuý III/2024\n\n"
            "\t2\n\tCông khai\n\tVăn phòng UBND tỉnh\n\t\n\tThường xuyên\n")
    built = build(parse_text(text, "kh.txt").tables)
    assert [(t.id, t.lead_raw, t.coordinating_raw, t.deadline.text) for t in built.tasks] == [
        ("1", "Sở Tư pháp", "Sở Nội vụ", "Quý III/2024"), ("2", "Văn phòng UBND tỉnh", None, "Thường xuyên")]


def test_markdown_rule_with_short_dashes():
    text = "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |\n|:--:|-|---|:-:|\n| 1 | Rà soát | Sở Tư pháp | Tháng 5/2024 |"
    assert [t.id for t in build(parse_text(text, "kh.md").tables).tasks] == ["1"]


def test_tab_rows_stop_at_the_text_after_the_table():
    text = "\n".join(["STT\tNội dung\tCơ quan chủ trì\tThời hạn", "1.\tRà soát\tSở Tư pháp\tQuý III/2024",
                      "III. TỔ CHỨC THỰC HIỆN", "Văn phòng UBND tỉnh theo dõi trước ngày 15/12/2024./.", "Nơi nhận:"])
    doc = parse_text(text, "kh.txt")
    [task] = build(doc.tables).tasks
    assert task.deadline.text == "Quý III/2024"
    assert [p.text for p in doc.paragraphs][0] == "III. TỔ CHỨC THỰC HIỆN"
