"""Reading the late-dossier sheet a one-stop system exports."""

from __future__ import annotations

from datetime import date

import pytest
from render_helpers import DOSSIER_HEADERS, DOSSIERS, dossier_row, write_sheet

from tthc_docs.errors import DataError, EmptyInputError, InputError
from tthc_docs.render.dossiers import read_dossiers


def test_example_sheet():
    sheet = read_dossiers(DOSSIERS)
    assert len(sheet.dossiers) == 11
    assert [(e.row, e.code) for e in sheet.errors] == [(8, "000.00.12.H01-250110-0005")]
    assert "Ngày hẹn trả mới" in sheet.errors[0].reason
    second = sheet.dossiers[1]
    # A row of text dates ("07/01/2025") reads like a row of real Excel dates.
    assert (second.row, second.applicant) == (5, "Công ty TNHH Thương mại O'Neil & Cộng sự")
    assert (second.received_on, second.due_on, second.new_due_on) == (date(2025, 1, 7), date(2025, 2, 10),
                                                                       date(2025, 2, 17))
    assert second.handling_unit == "Sở Tài chính" and second.address == "Phường Châu Đốc"
    assert sheet.columns["new_due_on"] == "Ngày hẹn trả mới"


@pytest.mark.parametrize("headers", [
    ["Số hồ sơ", "Tên thủ tục", "Người nộp hồ sơ", "Ngày nhận hồ sơ", "Hạn xử lý", "Ngày hẹn lại", "Lý do"],
    ["MÃ HỒ SƠ", "TÊN TTHC", "CHỦ HỒ SƠ", "NGÀY TIẾP NHẬN", "NGÀY HẸN TRẢ", "NGÀY HẸN TRẢ MỚI", "LÝ DO TRỄ HẠN"],
    ["Mã hồ sơ:", "Thủ tục hành chính", "Tổ chức, cá nhân", " Ngày tiếp nhận ", "Hạn giải quyết",
     "Ngày hẹn mới", "Nguyên nhân"],
])
def test_header_spellings(tmp_path, headers):
    row = dossier_row(1)[1:]
    sheet = read_dossiers(write_sheet(tmp_path / "x.xlsx", [row], headers=headers, title="DANH SÁCH HỒ SƠ TRỄ HẠN"))
    assert [d.code for d in sheet.dossiers] == ["000.00.12.H01-250101-0001"]
    assert sheet.dossiers[0].row == 4


@pytest.mark.parametrize(("changes", "reason"), [
    ({"Ngày hẹn trả mới": None}, "missing Ngày hẹn trả mới"),
    ({"Lý do chậm trễ": "  "}, "missing Lý do chậm trễ"),
    ({"Tên tổ chức, cá nhân": None, "Tên thủ tục hành chính": None},
     "missing Tổ chức, cá nhân; missing Tên thủ tục hành chính"),
    ({"Ngày hẹn trả mới": "31/02/2025"}, "'31/02/2025' is not a real date"),
    ({"Ngày tiếp nhận": "tháng 1"}, "Ngày tiếp nhận 'tháng 1' is not a date"),
    ({"Ngày hẹn trả mới": "05/02/2025"}, "Ngày hẹn trả mới 05/02/2025 is not after Ngày hẹn trả 07/02/2025"),
    ({"Ngày hẹn trả mới": "07/02/2025"}, "is not after"),
    ({"Ngày tiếp nhận": "10/02/2025"}, "Ngày tiếp nhận 10/02/2025 is after Ngày hẹn trả 07/02/2025"),
])
def test_row_problems_are_reported_with_the_row_number(tmp_path, changes, reason):
    path = write_sheet(tmp_path / "x.xlsx", [dossier_row(1), dossier_row(2, **changes), dossier_row(3)])
    sheet = read_dossiers(path)
    assert [d.row for d in sheet.dossiers] == [2, 4]
    (error,) = sheet.errors
    assert error.row == 3 and reason in error.reason
    assert str(error).startswith("row 3")


def test_a_repeated_dossier_code_is_an_error(tmp_path):
    sheet = read_dossiers(write_sheet(tmp_path / "x.xlsx", [dossier_row(1), dossier_row(2, **{"Mã hồ sơ":
                                                                                              dossier_row(1)[1]})]))
    assert [str(e) for e in sheet.errors] == [
        "row 3 (000.00.12.H01-250101-0001): Mã hồ sơ 000.00.12.H01-250101-0001 already on row 2"]


def test_blank_rows_are_skipped_and_numeric_codes_kept(tmp_path):
    path = write_sheet(tmp_path / "x.xlsx", [dossier_row(1), [None] * 8, dossier_row(2, **{"Mã hồ sơ": 2501230001})])
    sheet = read_dossiers(path)
    assert [(d.row, d.code) for d in sheet.dossiers] == [(2, "000.00.12.H01-250101-0001"), (4, "2501230001")]
    assert sheet.errors == ()


def test_missing_required_column_names_it(tmp_path):
    headers = [h for h in DOSSIER_HEADERS if h != "Lý do chậm trễ"]
    with pytest.raises(DataError) as caught:
        read_dossiers(write_sheet(tmp_path / "x.xlsx", [dossier_row(1)[:-1]], headers=headers))
    message = str(caught.value)
    assert "sheet 'Sheet1', row 1: no column for Lý do chậm trễ (closest: " in message
    assert "; headers found: 'STT', 'Mã hồ sơ', 'Tên thủ tục hành chính'" in message
    assert message.endswith("Name the column with --columns FIELD=HEADER")


def test_a_sheet_without_dossier_columns(tmp_path):
    with pytest.raises(DataError, match="no sheet has a header row"):
        read_dossiers(write_sheet(tmp_path / "x.xlsx", [["a", "b"]], headers=["Họ tên", "Ghi chú"]))


def test_the_dossier_sheet_may_be_the_second_one(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Báo cáo tổng hợp"])
    other = book.create_sheet("Trễ hạn")
    other.append(DOSSIER_HEADERS)
    other.append(dossier_row(1))
    book.save(tmp_path / "x.xlsx")
    sheet = read_dossiers(tmp_path / "x.xlsx")
    assert sheet.sheet == "Trễ hạn" and len(sheet.dossiers) == 1


@pytest.mark.parametrize(("content", "error"), [(b"", EmptyInputError), (b"STT;Ma ho so\n1;2\n", InputError)])
def test_not_a_workbook(tmp_path, content, error):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(error):
        read_dossiers(path)


@pytest.mark.parametrize("headers", [
    ["STT", "Mã số hồ sơ trên hệ thống", "Tên thủ tục hành chính được yêu cầu", "Họ và tên người nộp hồ sơ",
     "Ngày tiếp nhận hồ sơ", "Ngày hẹn trả kết quả theo phiếu", "Ngày hẹn trả kết quả mới",
     "Lý do chậm trễ trong giải quyết"],
    ["TT", "Hồ sơ số", "Thủ tục hành chính tên", "Cá nhân, tổ chức", "Tiếp nhận ngày", "Hẹn trả ngày",
     "Hẹn trả mới ngày", "Nguyên nhân chậm"],
    ["Stt", "Ma ho so", "Ten thu tuc hanh chinh", "Ten to chuc, ca nhan", "Ngay tiep nhan", "Ngay hen tra",
     "Ngay hen tra moi", "Ly do cham tre"],
    ["STT", "Mã HS", "Tên TTHC", "Tên TC/CN", "Ngày nhận HS", "Ngày hẹn trả KQ", "Ngày hẹn trả KQ mới", "Lý do"],
], ids=["extra-words", "word-order", "no-diacritics", "abbreviations"])
def test_reworded_headers_give_the_same_dossiers(tmp_path, headers):
    rows = [dossier_row(1), dossier_row(2)]
    expected = read_dossiers(write_sheet(tmp_path / "a.xlsx", rows)).dossiers
    sheet = read_dossiers(write_sheet(tmp_path / "b.xlsx", rows, headers=headers, title="DANH SÁCH HỒ SƠ TRỄ HẠN"))
    assert [(d.code, d.applicant, d.procedure, d.received_on, d.due_on, d.new_due_on, d.reason)
            for d in sheet.dossiers] == [(d.code, d.applicant, d.procedure, d.received_on, d.due_on, d.new_due_on,
                                          d.reason) for d in expected]
    assert sheet.columns["new_due_on"] == headers[6]


def test_two_columns_for_one_field_is_an_error_naming_them(tmp_path):
    headers = [*DOSSIER_HEADERS[:5], "Ngày hẹn trả (dự kiến)", "Ngày hẹn trả (theo quy định)", "Ngày hẹn trả mới",
               "Lý do chậm trễ"]
    path = write_sheet(tmp_path / "x.xlsx", [dossier_row(1)], headers=headers)
    with pytest.raises(DataError) as caught:
        read_dossiers(path)
    assert ("two columns fit Ngày hẹn trả (closest: 'Ngày hẹn trả (dự kiến)' (" in str(caught.value))
    assert "'Ngày hẹn trả (theo quy định)' (" in str(caught.value)
    sheet = read_dossiers(path, columns={"due_on": "Ngày hẹn trả (theo quy định)"})
    assert sheet.columns["due_on"] == "Ngày hẹn trả (theo quy định)"


def test_columns_by_hand_take_a_key_or_a_label(tmp_path):
    headers = [*DOSSIER_HEADERS[:-1], "Diễn giải"]
    path = write_sheet(tmp_path / "x.xlsx", [dossier_row(1)], headers=headers)
    for name in ("reason", "Lý do chậm trễ", "ly do cham tre"):
        assert read_dossiers(path, columns={name: "Diễn giải"}).dossiers[0].reason == "Chờ kết quả xác minh"
    with pytest.raises(DataError, match=r"--columns ly do=Diễn giải: 'ly do' is not a dossier field; fields: code"):
        read_dossiers(path, columns={"ly do": "Diễn giải"})
