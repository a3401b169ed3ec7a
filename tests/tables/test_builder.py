"""Raw tables → tasks, on tables built here in the shapes Word and portals produce."""

import pytest

from tthc_docs.models import SourceRef
from tthc_docs.blocks import RawRow, RawTable
from tthc_docs.tables.builder import build, collapse


def table(*rows, caption=None):
    return RawTable(tuple(RawRow(tuple(r), SourceRef(row=i + 1)) for i, r in enumerate(rows)), caption)


def test_two_row_header_under_merged_cells_and_a_column_numbering_row():
    built = build((table(
        ("STT", "Nội dung", "Cơ quan thực hiện", "Cơ quan thực hiện", "Thời gian hoàn thành"),
        ("STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian hoàn thành"),
        ("(1)", "(2)", "(3)", "(4)", "(5)"),
        ("1", "Rà soát thủ tục", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Quý I/2025"),
        ("(1)", "(2)", "(3)", "(4)", "(5)"),  # repeated on the next page
        ("2", "Công khai kết quả", "Văn phòng UBND tỉnh", "", "Thường xuyên"),
    ),))
    assert [(t.id, t.lead_raw, t.coordinating_raw, t.deadline.text) for t in built.tasks] == [
        ("1", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Quý I/2025"),
        ("2", "Văn phòng UBND tỉnh", None, "Thường xuyên")]


def test_letter_sections_and_sub_numbered_tasks():
    built = build((table(
        ("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"),
        ("A. NHIỆM VỤ TRỌNG TÂM",) * 4,
        ("1", "Rà soát", "Sở Tư pháp", "Năm 2025"),
        ("1.1", "Rà soát thủ tục cấp tỉnh", "Sở Tư pháp", "Quý I/2025"),
        ("B. NHIỆM VỤ KHÁC",) * 4,
        ("2", "Tập huấn", "Sở Nội vụ", "Quý II/2025"),
    ),))
    assert [(t.id, t.section) for t in built.tasks] == [
        ("1", "NHIỆM VỤ TRỌNG TÂM"), ("1.1", "NHIỆM VỤ TRỌNG TÂM"), ("2", "NHIỆM VỤ KHÁC")]


def test_a_table_without_a_number_column_makes_every_row_a_task():
    built = build((table(
        ("Nội dung công việc", "Cơ quan chủ trì", "Thời hạn"),
        ("Rà soát thủ tục", "Sở Tư pháp", "Quý I/2025"),
        ("Công khai kết quả", "Văn phòng UBND tỉnh", "Thường xuyên"),
    ),))
    assert [(t.id, t.content) for t in built.tasks] == [("1", "Rà soát thủ tục"), ("2", "Công khai kết quả")]


def test_a_row_broken_by_a_page_break_is_joined_to_its_task():
    built = build((
        table(("STT", "Nội dung", "Cơ quan chủ trì", "Ghi chú"),
              ("1", "Chuyển giao hệ thống thông tin", "Các sở, ban, ngành, UBND cấp", "Sở Lao động –")),
        table(("STT", "Nội dung", "Cơ quan chủ trì", "Ghi chú"),
              ("", "giải quyết thủ tục hành chính", "huyện, UBND cấp xã", "Thương binh và Xã hội: 2,3%")),
    ))
    [task] = built.tasks
    assert task.content == "Chuyển giao hệ thống thông tin giải quyết thủ tục hành chính"
    assert task.lead_raw == "Các sở, ban, ngành, UBND cấp huyện, UBND cấp xã"
    assert task.notes == "Sở Lao động – Thương binh và Xã hội: 2,3%"


def test_a_table_without_a_header_after_other_tables_is_reported_not_guessed():
    built = build((table(("Số hiệu", "12/KH", "x"), ("Ngày", "01/01/2025", "y")),))
    assert built.tasks == () and "no header" in built.warnings[0]


def test_kpi_table_gives_indicators():
    built = build((table(
        ("STT", "Chỉ tiêu", "Đơn vị", "Chỉ tiêu năm 2025", "Cơ quan chủ trì đánh giá"),
        ("1", "Tỷ lệ hồ sơ trực tuyến", "%", "Tối thiểu 50", "Văn phòng UBND tỉnh"),
        caption="9.2. Chỉ tiêu giao tại Nghị quyết số 02/NQ-CP"),))
    [kpi] = built.indicators
    assert (kpi.id, kpi.unit, kpi.target, kpi.evaluator_raw) == ("9.2.1", "%", "Tối thiểu 50", "Văn phòng UBND tỉnh")
    assert built.tasks == ()


def test_a_short_continuation_row_keeps_the_cells_it_does_not_reach():
    built = build((table(
        ("STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"),
        ("1.", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Quý I/2025"),
        ("", "và tổ chức thực hiện"),
    ),))
    [task] = built.tasks
    assert task.content == "Rà soát thủ tục hành chính và tổ chức thực hiện"
    assert (task.lead_raw, task.deadline.text) == ("Sở Tư pháp", "Quý I/2025")


def test_letter_in_the_number_column_is_a_section():
    built = build((table(
        ("STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"),
        ("A", "CÔNG TÁC KIỂM SOÁT", "", ""),
        ("1", "Rà soát", "Sở Tư pháp", "Quý III/2024"),
    ),))
    assert [(t.id, t.section) for t in built.tasks] == [("1", "CÔNG TÁC KIỂM SOÁT")]


def test_a_numbered_group_row_with_sub_tasks_is_their_section():
    built = build((table(
        ("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"),
        ("1", "Rà soát, đơn giản hóa thủ tục hành chính", "", ""),
        ("1.1", "Rà soát thủ tục cấp tỉnh", "Sở Tư pháp", "Quý I/2025"),
        ("1.2", "Rà soát thủ tục cấp xã", "UBND cấp xã", "Quý II/2025"),
        ("2", "Công khai kết quả", "Văn phòng UBND tỉnh", "Thường xuyên"),
    ),))
    assert [(t.id, t.section) for t in built.tasks] == [
        ("1.1", "Rà soát, đơn giản hóa thủ tục hành chính"), ("1.2", "Rà soát, đơn giản hóa thủ tục hành chính"),
        ("2", None)]


def test_a_target_column_of_a_task_table_is_kept():
    built = build((table(
        ("STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn", "Chỉ tiêu"),
        ("1", "Giải quyết hồ sơ", "Sở Tư pháp", "Năm 2025", "Trên 98% hồ sơ đúng hạn"),
    ),))
    assert built.tasks[0].target_raw == "Trên 98% hồ sơ đúng hạn"


@pytest.mark.parametrize(("cell", "expected"), [
    ("Sở Tư pháp", "Sở Tư pháp"),
    ("  Sở Tư pháp \t", "Sở Tư pháp"),
    ("Sở  Tư\t\tpháp", "Sở Tư pháp"),
    ("Sở \t Tư pháp", "Sở Tư pháp"),
    ("Quý\u00a0 II", "Quý\u00a0 II"),  # only spaces and TABs are runs here
    ("Rà soát;\n\n  \nCông khai", "Rà soát;\nCông khai"),
    ("Rà soát  ;  \n  Công  khai ", "Rà soát ;\nCông khai"),
    ("Rà soát\n\u00a0\nCông khai", "Rà soát\nCông khai"),
    ("\n \t\n", ""),
    ("", ""),
])
def test_collapse_joins_runs_of_spaces_and_drops_blank_lines(cell: str, expected: str) -> None:
    assert collapse(cell) == expected


@pytest.mark.parametrize(("repeat", "kept"), [
    (("STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"), False),  # the header after a page break
    (("  STT ", "Nội  dung", "Cơ quan\tchủ trì", "Thời hạn "), False),  # as written on the next page
    (("stt", "NỘI DUNG", "CƠ QUAN CHỦ TRÌ", "THỜI HẠN"), False),
    (("(1)", "(2)", "(3)", "(4)"), False),  # the column numbers again
    (("STT", "Nội dung", "Cơ quan chủ trì", "Năm 2025"), True),  # only its first cell is the header's
    (("2", "Nội dung", "Cơ quan chủ trì", "Thời hạn"), True),
    (("(1)", "(2)", "(3)", "Quý II"), True),
])
def test_a_repeated_header_row_is_dropped_and_other_rows_kept(repeat, kept):
    built = build((table(
        ("STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"),
        ("(1)", "(2)", "(3)", "(4)"),
        ("1", "Rà soát thủ tục", "Sở Tư pháp", "Quý I/2025"),
        repeat,
        ("3", "Công khai kết quả", "Văn phòng UBND tỉnh", "Thường xuyên"),
    ),))
    contents = [t.content for t in built.tasks]
    assert (repeat[1] in contents or any(repeat[1] in c for c in contents)) is kept
