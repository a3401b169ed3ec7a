"""The spreadsheet helpers shared by the task-table reader and the late-dossier
reader: the same safety checks, header finding and date rule for both."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tthc_docs.errors import CorruptFileError, DataError, UnsafeFileError
from tthc_docs.models import Deadline, Task, TaskTable
from tthc_docs.readers.sheets import find_header, header_columns, parse_date, read_sheets
from tthc_docs.readers.tasktable import load_task_table
from tthc_docs.render.dossiers import read_dossiers
from tthc_docs.writers import write_table

# Kế hoạch 5755/KH-UBND (seed 001), task I.1.
PLAN = TaskTable(source="ke-hoach-5755.docx", tasks=(
    Task(id="1", content="Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.",
         lead=("Văn phòng UBND tỉnh",), lead_raw="Văn phòng UBND tỉnh",
         deadline=Deadline(text="Tháng 5/2021", kind="period", due=date(2021, 5, 31))),
))
DOSSIER_HEADERS = ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên tổ chức, cá nhân", "Ngày tiếp nhận",
                   "Ngày hẹn trả", "Ngày hẹn trả mới", "Lý do chậm trễ"]


def _task_table(tmp_path: Path, completed_on=None) -> Path:
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(write_table(PLAN, "xlsx"))
    if completed_on is not None:
        book = load_workbook(path)
        sheet = book["Nhiệm vụ"]
        column = next(c.column for c in sheet[1] if c.value == "Ngày hoàn thành")
        sheet.cell(row=2, column=column).value = completed_on
        book.save(path)
    return path


def _dossiers(tmp_path: Path, new_due_on) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH HỒ SƠ TRỄ HẠN"])
    sheet.append(DOSSIER_HEADERS)
    sheet.append([1, "000.00.12.H01-250107-0002", "Đăng ký thành lập hộ kinh doanh", "Nguyễn Văn An",
                  datetime(2025, 1, 7), "10/02/2025", new_due_on, "Hệ thống đăng ký kinh doanh gián đoạn"])
    path = tmp_path / "ho-so.xlsx"
    book.save(path)
    return path


def _with_bomb(path: Path) -> Path:
    """The workbook with an 11 MB member of zeros (about 1000:1): a zip bomb by the safety rules."""
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(11 * 1024 * 1024))
    return path


def test_a_task_table_zip_bomb_is_refused(tmp_path):
    # Before: the task-table reader handed the workbook to openpyxl unchecked.
    with pytest.raises(UnsafeFileError, match="zip bomb") as caught:
        load_task_table(_with_bomb(_task_table(tmp_path)))
    assert "ke-hoach.xlsx" in str(caught.value)


def test_a_dossier_zip_bomb_is_refused(tmp_path):
    with pytest.raises(UnsafeFileError, match="zip bomb"):
        read_dossiers(_with_bomb(_dossiers(tmp_path, datetime(2025, 2, 17))))


def test_read_sheets_in_order_with_their_rows(tmp_path):
    sheets = read_sheets(_task_table(tmp_path).read_bytes(), "ke-hoach.xlsx")
    assert list(sheets)[0] == "Nhiệm vụ"
    header, row = sheets["Nhiệm vụ"][:2]
    assert dict(zip(header, row))["Nội dung"] == "Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án."


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "ke-hoach.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(CorruptFileError, match="ke-hoach.xlsx: the Excel .xlsx workbook is damaged or not readable"):
        read_sheets(path.read_bytes(), str(path))


FIELDS = {"mã hồ sơ": "code", "ngày tiếp nhận": "received_on", "ngày hẹn trả": "due_on"}


def test_header_columns_keep_the_first_column_of_a_field():
    row = ("STT", "Mã hồ sơ", None, "Ngày tiếp nhận", "Mã hồ sơ")
    assert header_columns(row, lambda text: FIELDS.get(text.lower())) == {1: "code", 3: "received_on"}


def test_find_header_skips_a_title_and_stops_at_the_search_limit():
    rows = [("DANH SÁCH HỒ SƠ TRỄ HẠN",), (), ("STT", "Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả")]
    enough = lambda columns: len(columns) >= 3  # noqa: E731
    lookup = lambda text: FIELDS.get(text.lower())  # noqa: E731
    assert find_header(rows, lookup, enough, 5) == (2, {1: "code", 2: "received_on", 3: "due_on"})
    assert find_header(rows, lookup, enough, 2) is None


# One rule for every date cell (readers/sheets.py docstring).
@pytest.mark.parametrize(("value", "expected"), [
    (datetime(2025, 3, 15, 8, 30), date(2025, 3, 15)),
    (date(2025, 3, 15), date(2025, 3, 15)),
    (45731, date(2025, 3, 15)),                     # a date cell that lost its format
    (45731.75, date(2025, 3, 15)),                  # … holding a time
    (18264, date(1950, 1, 1)),
    (73050, date(2099, 12, 31)),
    ("15/03/2025", date(2025, 3, 15)),
    ("5/3/2025", date(2025, 3, 5)),
    ("05.03.2025", date(2025, 3, 5)),
    ("05-03-2025", date(2025, 3, 5)),
    (" 15 / 03 / 2025 ", date(2025, 3, 15)),
    ("15/03/2025 08:30", date(2025, 3, 15)),        # one-stop exports carry the time
    ("2025-03-15", date(2025, 3, 15)),
    ("2025-03-15T08:30:00", date(2025, 3, 15)),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    (5, "not an Excel date of 1950–2099"),
    (15000, "not an Excel date of 1950–2099"),      # 1941: the renderer's old rule (1927–2064) took it
    (18263, "not an Excel date of 1950–2099"),      # 31/12/1949
    (73051, "not an Excel date of 1950–2099"),      # 01/01/2100
    (float("nan"), "not an Excel date"),
    (float("inf"), "not an Excel date"),
    ("31/02/2025", "'31/02/2025' is not a real date"),
    ("15/13/2025", "'15/13/2025' is not a real date"),
    ("Tháng 5/2021", "is not a date"),
    ("24/02", "is not a date"),
    ("12/2025", "is not a date"),
    ("2025/02/05", "is not a date"),
    ("", "is not a date"),
    (None, "is not a date"),
])
def test_parse_date_refuses_with_the_value_named(value, message):
    with pytest.raises(DataError, match=message) as caught:
        parse_date(value, what="Ngày hẹn trả mới")
    assert str(caught.value).startswith("Ngày hẹn trả mới ")


@pytest.mark.parametrize(("cell", "expected"), [
    (20000, date(1954, 10, 3)),          # the dossier reader used to stop at 1927–2064, the task reader at 1950–2100
    (65000, date(2077, 12, 16)),
    ("15/03/2025 08:30", date(2025, 3, 15)),
])
def test_both_readers_read_a_date_cell_alike(tmp_path, cell, expected):
    (task,) = load_task_table(_task_table(tmp_path, completed_on=cell)).tasks
    assert task.completed_on == expected
    sheet = read_dossiers(_dossiers(tmp_path, cell))
    if expected > date(2025, 2, 10):
        assert [d.new_due_on for d in sheet.dossiers] == [expected]
    else:  # read as a date, then refused for being before the original due date 10/02/2025
        assert sheet.errors[0].reason == "Ngày hẹn trả mới 03/10/1954 is not after Ngày hẹn trả 10/02/2025"


@pytest.mark.parametrize("cell", [15000, 80000])
def test_both_readers_refuse_a_number_outside_the_excel_dates(tmp_path, cell):
    with pytest.raises(DataError, match=f"{cell}.*not an Excel date"):
        load_task_table(_task_table(tmp_path, completed_on=cell))
    sheet = read_dossiers(_dossiers(tmp_path, cell))
    assert "not an Excel date" in sheet.errors[0].reason
