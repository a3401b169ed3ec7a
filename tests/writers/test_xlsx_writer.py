"""XLSX: sheets, header style, widths, real dates, text that looks like a formula."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tthc_docs.models import Task, TaskTable
from tthc_docs.writers import write_table


def _book(table: TaskTable):
    return load_workbook(io.BytesIO(write_table(table, "xlsx")))


def _column(sheet, header: str) -> int:
    return next(c.column for c in sheet[1] if c.value == header)


def test_three_sheets(plan):
    assert _book(plan).sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "Thông tin"]


def test_indicator_sheet_is_there_with_its_header_even_when_empty(no_indicators):
    sheet = _book(no_indicators)["Chỉ tiêu"]
    assert sheet.max_row == 1
    assert [c.value for c in sheet[1]][:5] == ["STT/Mã", "Mục", "Chỉ tiêu", "Đơn vị tính", "Giá trị chỉ tiêu"]


def test_task_sheet_header_and_rows(plan, task_headers):
    sheet = _book(plan)["Nhiệm vụ"]
    assert tuple(c.value for c in sheet[1]) == task_headers
    assert sheet.max_row == 1 + len(plan.tasks)
    assert [sheet.cell(row=r, column=1).value for r in range(2, 6)] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("name", ["Nhiệm vụ", "Chỉ tiêu"])
def test_header_is_bold_frozen_and_filtered(plan, name):
    sheet = _book(plan)[name]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=sheet.max_column).column_letter}{sheet.max_row}"


def test_cells_wrap(plan):
    sheet = _book(plan)["Nhiệm vụ"]
    assert all(c.alignment.wrap_text for row in sheet.iter_rows(min_row=1) for c in row)


def test_widths_fit_the_content_within_the_cap(plan):
    sheet = _book(plan)["Nhiệm vụ"]
    width = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
    assert width["Nội dung"] == 60  # the long contents are capped
    assert width["STT/Mã"] < 12  # "STT/Mã" and one-digit numbers
    assert width["Hạn cuối"] < width["Cơ quan phối hợp"] <= 36
    assert width["Đơn vị thực hiện"] < 30  # only "Văn phòng UBND tỉnh"


def test_dates_are_real_excel_dates_shown_day_first(plan):
    sheet = _book(plan)["Nhiệm vụ"]
    due = sheet.cell(row=2, column=_column(sheet, "Hạn cuối"))
    done = sheet.cell(row=4, column=_column(sheet, "Ngày hoàn thành"))
    assert due.value == datetime(2021, 5, 31) and due.number_format == "dd/mm/yyyy"
    assert done.value == datetime(2024, 11, 5) and done.number_format == "dd/mm/yyyy"
    assert done.is_date


def test_text_starting_with_equals_is_not_a_formula(plan):
    sheet = _book(plan)["Nhiệm vụ"]
    cell = sheet.cell(row=4, column=_column(sheet, "Nội dung"))
    assert cell.data_type == "s" and cell.value.startswith("=100%")


def test_lists_statuses_and_kinds_are_readable(plan):
    sheet = _book(plan)["Nhiệm vụ"]
    row = {c.value: sheet.cell(row=3, column=c.column).value for c in sheet[1]}
    assert row["Cơ quan phối hợp"] == "- Các cơ quan, đơn vị.; Văn phòng UBND tỉnh"
    assert row["Trạng thái"] == "Đang thực hiện"
    assert row["Loại thời hạn"] == "Hạn ngày"
    assert row["Ghi chú"].count("\n") == 1


def test_indicators_sheet(plan):
    sheet = _book(plan)["Chỉ tiêu"]
    row = {c.value: sheet.cell(row=2, column=c.column).value for c in sheet[1]}
    assert row["Đơn vị tính"] == "%" and row["Giá trị chỉ tiêu"] == "80"
    assert row["Cơ quan đánh giá"] == "Văn phòng UBND tỉnh"
    assert sheet.max_row == 3


def test_document_sheet(plan):
    sheet = _book(plan)["Thông tin"]
    rows = [(a.value, b.value) for a, b in sheet.iter_rows(min_row=2, max_col=2)]
    assert ("Loại văn bản", "Kế hoạch") in rows
    assert ("Số hiệu", "5755/KH-UBND") in rows
    assert ("Ngày ban hành", datetime(2021, 5, 27)) in rows
    assert ("Người ký", "Nguyễn Văn A") in rows
    assert ("Tệp nguồn", "corpus/ke-hoach-5755.txt") in rows
    assert ("Cảnh báo", "dòng 40: bảng bị ngắt trang") in rows
    assert sheet["B4"].number_format == "dd/mm/yyyy"


def test_control_characters_are_dropped_not_fatal():
    table = TaskTable(source="", tasks=(Task(id="1", content="Rà soát\x0b thủ tục\x00"),))
    sheet = _book(table)["Nhiệm vụ"]
    assert sheet["D2"].value == "Rà soát thủ tục"


def test_empty_table(empty):
    book = _book(empty)
    assert book["Nhiệm vụ"].max_row == 1 and book["Chỉ tiêu"].max_row == 1


def test_the_same_table_gives_the_same_bytes(plan):
    """No save time in the package: member timestamps are fixed and docProps/core.xml
    carries no created/modified stamp, so a batch run twice (or in parallel) compares equal."""
    import zipfile

    data = write_table(plan, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml")
    assert b"dcterms:modified" not in core and b"dcterms:created" not in core
    assert b"tthc_docs" in core  # the other properties are kept
    assert load_workbook(io.BytesIO(data)).properties.creator == "tthc_docs"
