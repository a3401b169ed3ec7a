"""Reading a task table back from our JSON and from our XLSX after staff edits.

The tables are built by hand from the seeds' wording (seed 001 Kế hoạch 5755
appendix, seed 002 Quyết định 242 with its KPI table 9.1)."""

from __future__ import annotations

import json
import unicodedata
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tthc_docs.errors import DataError
from tthc_docs.models import (Deadline, DeadlineKind, DocumentInfo, DocumentKind, Origin, Indicator, LegalRef, Milestone, SourceRef, Succession,
                              Target, Task, TaskTable)
from tthc_docs.readers.tasktable import load_task_table, status_key
from tthc_docs.writers import write_table

PLAN = TaskTable(
    source="corpus/an-giang-2025-quyet-dinh-242-ke-hoach-kiem-soat-tthc.txt",
    document=DocumentInfo(kind="quyet_dinh", number="242/QĐ-UBND", date=date(2025, 2, 24), issuer="UBND tỉnh An Giang",
                          title="Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2025", signer="Trần Văn B",
                          place="An Giang"),
    tasks=(
        Task(id="1", part="I. Năm 2021", content="Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.",
             lead=("Văn phòng UBND tỉnh",), implementing=("Văn phòng UBND tỉnh",),
             coordinating=("Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"),
             monitoring=("Văn phòng UBND tỉnh",), lead_raw="Văn phòng UBND tỉnh",
             deadline=Deadline(text="Tháng 5/2021", kind="period", due=date(2021, 5, 31),
                               milestones=(Milestone(due=date(2021, 5, 31), text="Tháng 5/2021"),)),
             product="Kế hoạch, các văn bản chỉ đạo | văn bản triển khai được phê duyệt",
             legal_refs=(LegalRef(text="Quyết định số 468/QĐ-TTg", id="468/QĐ-TTg"),),
             source=SourceRef(line=17)),
        Task(id="2", part="I. Năm 2021", section="Nâng cấp hạ tầng",
             content="Đảm bảo tỷ lệ DVC cung cấp biểu mẫu trực tuyến,\nthanh toán trực tuyến đạt chỉ tiêu đề ra.",
             lead=("Sở Thông tin và Truyền thông",), coordinating=("Sở Nội vụ", "Văn phòng UBND tỉnh"),
             deadline=Deadline(text="Sau khi có hướng dẫn của bộ, ngành Trung ương", kind="conditional",
                               condition="có hướng dẫn của bộ, ngành Trung ương"),
             targets=(Target(text="Tối thiểu 80%", value=80.0, unit="%", comparator="≥"),
                      Target(text="100% hồ sơ", value=100.0, unit="%")),
             successors=(Succession(old="Sở Thông tin và Truyền thông", new=("Sở Khoa học và Công nghệ",)),),
             notes="Chưa hoàn thành", status="in_progress",
             source=SourceRef(page=2, table=1, row=4, ocr_confidence=87)),
        Task(id="II.1", part="II. Năm 2022", content="Rà soát TTHC thuộc lĩnh vực TN&MT", status="done",
             completed_on=date(2022, 12, 30), origin="prose"),
    ),
    indicators=(
        Indicator(id="1", section="9.1. Chỉ tiêu giao tại Nghị quyết số 01/NQ-CP",
                  content="Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia", unit="%", target="60",
                  lead=("Sở, ngành, địa phương",), coordinating=("Sở Thông tin và Truyền thông",),
                  evaluator=("Văn phòng UBND tỉnh",), source=SourceRef(line=940)),
        Indicator(id="6", content="Tỷ lệ nhiệm vụ được theo dõi, giám sát dựa trên dữ liệu số", unit="%",
                  target="100", lead=("Văn phòng UBND tỉnh",)),
    ),
    warnings=("dòng 12: văn bản lặp lại hai lần (trích xuất từ cổng pháp luật)",),
)


def _carried(table: TaskTable) -> TaskTable:
    """The table as the XLSX carries it: deadline as text/kind/due, targets as text,
    no raw agency text, legal references, successors or origin."""
    raw = {f"{role}_raw": None for role in ("lead", "coordinating", "implementing", "monitoring")}
    tasks = tuple(
        replace(t, **raw, legal_refs=(), successors=(), origin="table",
                targets=tuple(Target(text=x.text, value=None) for x in t.targets),
                deadline=Deadline(text=t.deadline.text, kind=t.deadline.kind, due=t.deadline.due)
                if t.deadline else None)
        for t in table.tasks)
    indicators = tuple(replace(i, lead_raw=None, coordinating_raw=None, evaluator_raw=None, targets=())
                       for i in table.indicators)
    return replace(table, tasks=tasks, indicators=indicators)


def _xlsx(tmp_path: Path, table: TaskTable = PLAN, name: str = "ke-hoach.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(write_table(table, "xlsx"))
    return path


def _edit(path: Path, change) -> None:
    book = load_workbook(path)
    change(book)
    book.save(path)


def _column(sheet, header: str) -> int:
    return next(c.column for c in sheet[1] if c.value == header)


def _set(sheet, row: int, header: str, value) -> None:
    # sheet.cell(..., value=None) would leave the cell as it was
    sheet.cell(row=row, column=_column(sheet, header)).value = value


# ---- JSON ---------------------------------------------------------------------------------------------

def test_json_round_trip_is_equal(tmp_path):
    path = tmp_path / "ke-hoach.json"
    path.write_bytes(write_table(PLAN, "json"))
    assert load_task_table(path) == PLAN
    assert load_task_table(str(path)) == PLAN


@pytest.mark.parametrize("where, value, message", [
    (("tasks", 0, "deadline", "kind"), "han_chot", "kind 'han_chot' is not one of date, period, recurring"),
    (("tasks", 0, "deadline", "kind"), "Date", "kind 'Date' is not one of"),
    (("document", "kind"), "ke hoach", "kind 'ke hoach' is not one of chi_thi, quyet_dinh, ke_hoach"),
    (("tasks", 2, "origin"), "van_ban", "origin 'van_ban' is not one of table, prose"),
])
def test_json_with_a_kind_that_does_not_exist(tmp_path, where, value, message):
    """A kind mistyped by hand in a JSON table is refused, naming the value and what it may be."""
    data = PLAN.to_dict()
    node = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    path = tmp_path / "sua-tay.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError, match=message) as err:
        load_task_table(path)
    assert str(path) in str(err.value)


def test_kinds_read_back_are_members_of_their_enums(tmp_path):
    path = tmp_path / "ke-hoach.json"
    path.write_bytes(write_table(PLAN, "json"))
    table = load_task_table(path)
    assert table.document.kind is DocumentKind.QUYET_DINH
    assert table.tasks[0].deadline.kind is DeadlineKind.PERIOD
    assert [t.origin for t in table.tasks[:3]] == [Origin.TABLE, Origin.TABLE, Origin.PROSE]


def test_json_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + write_table(PLAN, "json"))
    assert load_task_table(path) == PLAN


# ---- XLSX round trip ----------------------------------------------------------------------------------

def test_xlsx_round_trip_on_the_carried_fields(tmp_path):
    back = load_task_table(_xlsx(tmp_path))
    assert _carried(back) == _carried(PLAN)


def test_xlsx_keeps_the_cell_text_as_raw(tmp_path):
    task = load_task_table(_xlsx(tmp_path)).tasks[0]
    assert task.coordinating_raw == "Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã"
    assert task.implementing_raw == "Văn phòng UBND tỉnh"


def test_xlsx_of_an_empty_table(tmp_path):
    empty = TaskTable(source="x.txt")
    assert load_task_table(_xlsx(tmp_path, empty)) == empty


_TEXT = st.text(alphabet=st.sampled_from("aăâbđeêhoôơuưyÀẢÃẠỦỳếạỗĐ &|,.:()%\"'=-\n0123456789"), min_size=1,
                max_size=40).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=_TEXT, product=_TEXT, agencies=st.lists(_TEXT.filter(lambda s: "\n" not in s), max_size=3))
def test_xlsx_round_trip_of_any_text(tmp_path, content, product, agencies):
    agencies = tuple(a for a in agencies if ";" not in a)
    table = TaskTable(source="a.docx", tasks=(Task(id="1", content=content, product=product, lead=agencies),))
    back = load_task_table(_xlsx(tmp_path, table))
    assert back.tasks[0].content == unicodedata.normalize("NFC", content)
    assert back.tasks[0].product == unicodedata.normalize("NFC", product)
    assert back.tasks[0].lead == tuple(unicodedata.normalize("NFC", a) for a in agencies)


# ---- XLSX edited by staff ---------------------------------------------------------------------------

def _staff_edits(book) -> None:
    """Swap "Cơ quan chủ trì" and "Thời hạn", fill status and completion dates, add a column."""
    sheet = book["Nhiệm vụ"]
    lead, deadline = _column(sheet, "Cơ quan chủ trì"), _column(sheet, "Thời hạn")
    for row in range(1, sheet.max_row + 1):
        a, b = sheet.cell(row=row, column=lead), sheet.cell(row=row, column=deadline)
        a.value, b.value = b.value, a.value
    status, done = _column(sheet, "Trạng thái"), _column(sheet, "Ngày hoàn thành")
    sheet.cell(row=2, column=status, value="Đã hoàn thành")
    sheet.cell(row=2, column=done, value=datetime(2025, 3, 10))
    sheet.cell(row=3, column=status, value="Hoàn thành")
    sheet.cell(row=3, column=done, value="15/03/2025")
    sheet.cell(row=4, column=status, value="Chưa thực hiện")
    sheet.cell(row=4, column=done).value = None
    extra = sheet.max_column + 1
    sheet.cell(row=1, column=extra, value="Người phụ trách")
    sheet.cell(row=2, column=extra, value="Chị Lan (pháp chế)")


def test_edited_xlsx_is_read_by_header_text(tmp_path):
    path = _xlsx(tmp_path)
    _edit(path, _staff_edits)
    back = load_task_table(path)
    assert [t.status for t in back.tasks] == ["done", "done", "not_started"]
    assert [t.completed_on for t in back.tasks] == [date(2025, 3, 10), date(2025, 3, 15), None]
    assert back.tasks[0].lead == ("Văn phòng UBND tỉnh",)
    assert back.tasks[0].deadline == Deadline(text="Tháng 5/2021", kind="period", due=date(2021, 5, 31))
    assert back.tasks[1].lead == ("Sở Thông tin và Truyền thông",)
    assert back.warnings == PLAN.warnings
    untouched = ("content", "coordinating", "product", "notes", "source")
    for old, new in zip(PLAN.tasks, back.tasks):
        assert [getattr(new, f) for f in untouched] == [getattr(old, f) for f in untouched]


def test_a_title_row_above_the_header_and_other_header_words(tmp_path):
    def edit(book):
        sheet = book["Nhiệm vụ"]
        sheet.cell(row=1, column=_column(sheet, "Nội dung"), value="Nội dung công việc")
        sheet.cell(row=1, column=_column(sheet, "Cơ quan chủ trì"), value="ĐƠN VỊ CHỦ TRÌ")
        sheet.insert_rows(1)
        sheet["A1"] = "THEO DÕI TIẾN ĐỘ KẾ HOẠCH 242/QĐ-UBND"
    path = _xlsx(tmp_path)
    _edit(path, edit)
    back = load_task_table(path)
    assert [t.content for t in back.tasks] == [t.content for t in PLAN.tasks]
    assert back.tasks[1].lead == ("Sở Thông tin và Truyền thông",)


def test_a_renamed_task_sheet_is_found_by_its_columns(tmp_path):
    path = _xlsx(tmp_path)
    _edit(path, lambda book: setattr(book["Nhiệm vụ"], "title", "KH 2025 (bản sửa)"))
    assert [t.id for t in load_task_table(path).tasks] == ["1", "2", "II.1"]


@pytest.mark.parametrize("column, typed, field, expected", [
    ("Ngày hoàn thành", 45731, "completed_on", date(2025, 3, 15)),  # a date cell that lost its format
    ("Ngày hoàn thành", "2025-03-15", "completed_on", date(2025, 3, 15)),
    ("Ngày hoàn thành", "5/3/2025", "completed_on", date(2025, 3, 5)),
    ("Ngày hoàn thành", "05.03.2025", "completed_on", date(2025, 3, 5)),
    ("STT/Mã", 7, "id", "7"),
    ("STT/Mã", 7.0, "id", "7"),
    ("Cơ quan phối hợp", "Sở Tư pháp\nSở Nội vụ; Công an tỉnh", "coordinating",
     ("Sở Tư pháp", "Sở Nội vụ", "Công an tỉnh")),
    ("Cơ quan chủ trì", "", "lead", ()),
    ("Nội dung", "Ra\u0300 soa\u0301t thu\u0309 tu\u0323c", "content", "Rà soát thủ tục"),
    ("Trạng thái", "  hoàn thành. ", "status", "done"),
    ("Nguồn", "bảng 3, hàng 12", "source", SourceRef(table=3, row=12)),
    ("Nguồn", "trang 4, bảng 1, hàng 9, độ tin cậy OCR 91", "source",
     SourceRef(page=4, table=1, row=9, ocr_confidence=91)),
])
def test_values_staff_type(tmp_path, column, typed, field, expected):
    path = _xlsx(tmp_path)
    _edit(path, lambda book: _set(book["Nhiệm vụ"], 2, column, typed))
    assert getattr(load_task_table(path).tasks[0], field) == expected


@pytest.mark.parametrize("typed, kind", [("Hạn theo kỳ", "period"), ("period", "period"), ("thường xuyên", "ongoing"),
                                         ("Định kỳ", "recurring"), (None, None)])
def test_deadline_kind_typed_as_label_or_key(tmp_path, typed, kind):
    path = _xlsx(tmp_path)
    _edit(path, lambda book: _set(book["Nhiệm vụ"], 2, "Loại thời hạn", typed))
    assert load_task_table(path).tasks[0].deadline.kind == kind


@pytest.mark.parametrize("text, key", [
    ("Đã hoàn thành", "done"), ("Hoàn thành", "done"), ("HOÀN THÀNH", "done"), ("Đã xong.", "done"),
    ("Đang thực hiện", "in_progress"), ("Đang triển khai", "in_progress"), ("Chưa hoàn thành", "in_progress"),
    ("Chưa thực hiện", "not_started"), ("chưa triển khai", "not_started"),
    ("Da hoan thanh", "done"), ("dang thuc hien", "in_progress"), ("Chua thuc hien", "not_started"),
    ("done", "done"), ("Đã hoàn thành (trễ hạn 05 ngày)", "done"), ("Chưa thực hiện (chờ hướng dẫn)", "not_started"),
    ("Hoãn thực hiện", None), ("Hoàn thành 80%", None), ("(Hoàn thành)", "done"), ("", None),
])
def test_status_words(text, key):
    assert status_key(text) == key


def test_unknown_words_are_kept_with_a_warning(tmp_path):
    def edit(book):
        sheet = book["Nhiệm vụ"]
        sheet.cell(row=3, column=_column(sheet, "Trạng thái"), value="Hoãn theo chỉ đạo")
        sheet.cell(row=4, column=_column(sheet, "Loại thời hạn"), value="gấp")
    path = _xlsx(tmp_path)
    _edit(path, edit)
    back = load_task_table(path)
    assert back.tasks[1].status == "Hoãn theo chỉ đạo"
    assert back.tasks[2].deadline == Deadline(text="", kind=None, due=None)
    status_warning, kind_warning = back.warnings[1:]
    assert "'Nhiệm vụ', row 3" in status_warning and "'Hoãn theo chỉ đạo'" in status_warning
    assert "row 4" in kind_warning and "'gấp'" in kind_warning


def test_rows_without_number_or_content(tmp_path):
    def edit(book):
        sheet = book["Nhiệm vụ"]
        _set(sheet, 3, "STT/Mã", None)
        _set(sheet, 4, "Nội dung", None)
        _set(sheet, 6, "STT/Mã", "1")
        _set(sheet, 6, "Nội dung", "Nhiệm vụ bổ sung")
    path = _xlsx(tmp_path)
    _edit(path, edit)
    back = load_task_table(path)
    assert [t.id for t in back.tasks] == ["1", "#3", "1"]
    text = "\n".join(back.warnings)
    assert "row 3" in text and "'#3'" in text
    assert "row 4" in text and "skipped" in text
    assert "'1' is used by 2 tasks" in text


def test_without_the_indicator_and_document_sheets(tmp_path):
    def edit(book):
        del book["Chỉ tiêu"]
        del book["Thông tin"]
    path = _xlsx(tmp_path)
    _edit(path, edit)
    back = load_task_table(path)
    assert back.indicators == () and back.document == DocumentInfo() and back.source == str(path)
    assert any("'Chỉ tiêu'" in w for w in back.warnings)


# ---- bad inputs -------------------------------------------------------------------------------------

def test_bad_date_names_file_sheet_row_column_and_value(tmp_path):
    path = _xlsx(tmp_path)
    _edit(path, lambda book: book["Nhiệm vụ"].cell(row=3, column=_column(book["Nhiệm vụ"], "Ngày hoàn thành"),
                                                   value="31/02/2025"))
    with pytest.raises(DataError) as err:
        load_task_table(path)
    message = str(err.value)
    for part in (str(path), "'Nhiệm vụ'", "row 3", "'Ngày hoàn thành'", "'31/02/2025'"):
        assert part in message


@pytest.mark.parametrize("sheet_name, label_or_header, value", [
    ("Nhiệm vụ", "Hạn cuối", "sắp xong"),
    ("Nhiệm vụ", "Hạn cuối", "15/13/2025"),
    ("Nhiệm vụ", "Ngày hoàn thành", 5),
    ("Thông tin", "Ngày ban hành", "24/02"),
])
def test_text_that_is_not_a_date(tmp_path, sheet_name, label_or_header, value):
    def edit(book):
        sheet = book[sheet_name]
        if sheet_name == "Thông tin":
            row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == label_or_header)
            sheet.cell(row=row, column=2, value=value)
        else:
            sheet.cell(row=2, column=_column(sheet, label_or_header), value=value)
    path = _xlsx(tmp_path)
    _edit(path, edit)
    with pytest.raises(DataError, match=f"{sheet_name}.*{value}"):
        load_task_table(path)


def test_a_sheet_without_the_needed_columns(tmp_path):
    path = _xlsx(tmp_path)
    _edit(path, lambda book: book["Nhiệm vụ"].cell(row=1, column=_column(book["Nhiệm vụ"], "Nội dung"), value="Mô tả"))
    with pytest.raises(DataError) as err:
        load_task_table(path)
    assert str(path) in str(err.value) and "'Nhiệm vụ'" in str(err.value) and "'Nội dung'" in str(err.value)


def test_a_workbook_with_no_task_sheet(tmp_path):
    path = _xlsx(tmp_path)

    def edit(book):
        sheet = book["Nhiệm vụ"]
        sheet.title = "Danh sách"
        sheet.cell(row=1, column=_column(sheet, "Nội dung"), value="Mô tả")
    _edit(path, edit)
    with pytest.raises(DataError, match="Danh sách"):
        load_task_table(path)


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="khong-co.json"):
        load_task_table(tmp_path / "khong-co.json")


@pytest.mark.parametrize("name, content, message", [
    ("ke-hoach.txt", "KẾ HOẠCH\nKiểm soát thủ tục hành chính năm 2025".encode(), "not a task table"),
    ("ke-hoach.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "not a task table"),
    ("trong.json", b"", "empty"),
    ("hong.json", b'{"schema": "tthc-tasks/1", "tasks": [', "not valid JSON.*line 1"),
    ("cu.json", b'{"schema": "tthc-tasks/0", "tasks": []}', "tthc-tasks/0"),
    ("danh-sach.json", b'[{"id": "1"}]', "schema"),
    ("thieu-id.json", '{"schema": "tthc-tasks/1", "tasks": [{"content": "Rà soát"}]}'.encode(), "bad value"),
    ("latin1.json", '{"source": "Sơn La"}'.encode("cp1258"), "UTF-8"),
    ("hong.xlsx", b"PK\x03\x04" + b"\0" * 64, "not a readable XLSX"),
])
def test_files_that_are_not_task_tables(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=message) as err:
        load_task_table(path)
    assert str(path) in str(err.value)


def test_a_docx_is_not_a_workbook(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(DataError, match="not a readable XLSX"):
        load_task_table(path)
