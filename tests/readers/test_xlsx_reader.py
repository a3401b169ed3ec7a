"""Task tables kept in Excel: workbooks built with openpyxl the way offices lay
them out (title block above the header, merged section rows, agency cells merged
down, dates as real dates and as text, numbers stored as text, several sheets)."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from fake_soffice import fake_soffice
from tthc_docs.errors import CorruptFileError, EncryptedFileError, InputError, MissingDependencyError
from tthc_docs.extract import extract_bytes, extract_path
from tthc_docs.readers import read_bytes
from tthc_docs.readers import xlsx_reader
from tthc_docs.readers.tasktable import load_task_table
from tthc_docs.writers import write_table

HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"]


def _title_block(ws, *, number: str = "45/KH-UBND", day: str = "ngày 10 tháng 3 năm 2025") -> None:
    """The header block of an appendix, as offices type it above the table."""
    ws["A1"] = "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG"
    ws.merge_cells("A1:C1")
    ws["D1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws.merge_cells("D1:F1")
    ws["A2"] = f"Số: {number}"
    ws.merge_cells("A2:C2")
    ws["D2"] = "Độc lập - Tự do - Hạnh phúc"
    ws.merge_cells("D2:F2")
    ws["D3"] = f"An Giang, {day}"
    ws.merge_cells("D3:F3")
    ws["A5"] = "PHỤ LỤC"
    ws.merge_cells("A5:F5")
    ws["A6"] = "DANH MỤC NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2025"
    ws.merge_cells("A6:F6")


def _appendix_workbook() -> bytes:
    book = Workbook()
    first = book.active
    first.title = "Năm 2025"
    _title_block(first)
    first.append(HEADER)                                                      # row 7
    first.append(["I", "RÀ SOÁT, ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH"])        # row 8
    first.merge_cells("B8:F8")
    first.append(["1", "Rà soát quy định, thủ tục hành chính lĩnh vực đất đai", "Sở Tư pháp",
                  "Các sở, ban, ngành", datetime(2025, 6, 30), "Báo cáo kết quả rà soát"])   # row 9
    first.append([2.0, "Công bố danh mục thủ tục hành chính được đơn giản hóa", None,
                  "Văn phòng UBND tỉnh", "30/9/2025", "Quyết định công bố"])                # row 10
    first.merge_cells("C9:C10")                                              # lead merged down
    first.append(["II. SỐ HÓA HỒ SƠ"] * 6)                                  # row 11: a title typed across
    first.append(["1", "Số hóa kết quả giải quyết thủ tục hành chính", "Sở Khoa học và Công nghệ",
                  "UBND cấp huyện", "Quý IV/2025", None])                    # row 12: numbers restart
    first.append([])                                                          # row 13
    first.append(["Nơi nhận:", None, None, "KT. CHỦ TỊCH"])                  # row 14: below the table
    second = book.create_sheet("Năm 2026")
    second.append(["Nhiệm vụ năm 2026"])
    second.append(HEADER)
    second.append(["1", "Duy trì Bộ phận Một cửa", "Văn phòng UBND tỉnh", None, date(2026, 12, 31), None])
    book.create_sheet("Ghi chú").append(["Bảng này do Sở Tư pháp tổng hợp."])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _summary(table) -> list[tuple]:
    return [(t.id, t.section, t.content, t.lead, t.coordinating, t.deadline.text if t.deadline else None,
             t.deadline.due if t.deadline else None, t.product, t.source.page, t.source.row) for t in table.tasks]


def test_an_excel_appendix_extracts_to_its_exact_tasks():
    table = extract_bytes(_appendix_workbook(), "phu-luc.xlsx")
    assert _summary(table) == [
        ("I.1", "RÀ SOÁT, ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH", "Rà soát quy định, thủ tục hành chính lĩnh vực đất đai",
         ("Sở Tư pháp",), ("Các sở, ban, ngành",), "30/06/2025", date(2025, 6, 30), "Báo cáo kết quả rà soát", 1, 9),
        ("I.2", "RÀ SOÁT, ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH", "Công bố danh mục thủ tục hành chính được đơn giản hóa",
         ("Sở Tư pháp",), ("Văn phòng Ủy ban nhân dân tỉnh",), "30/9/2025", date(2025, 9, 30),
         "Quyết định công bố", 1, 10),
        ("II.1", "SỐ HÓA HỒ SƠ", "Số hóa kết quả giải quyết thủ tục hành chính", ("Sở Khoa học và Công nghệ",),
         ("Ủy ban nhân dân cấp huyện",), "Quý IV/2025", date(2025, 12, 31), None, 1, 12),
        ("1", None, "Duy trì Bộ phận Một cửa", ("Văn phòng Ủy ban nhân dân tỉnh",), (), "31/12/2026",
         date(2026, 12, 31), None, 2, 3),
    ]
    document = table.document
    assert (document.kind, document.number, document.date, document.place, document.issuer) == (
        "phu_luc", "45/KH-UBND", date(2025, 3, 10), "An Giang", "Ủy ban nhân dân tỉnh An Giang")
    assert document.title == "DANH MỤC NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2025"


def test_rows_below_the_table_and_sheets_without_one_are_paragraphs():
    document = read_bytes(_appendix_workbook(), "phu-luc.xlsx")
    assert [len(t.rows) for t in document.tables] == [6, 2]
    texts = [p.text for p in document.paragraphs]
    assert texts[-4:] == ["Nơi nhận:", "KT. CHỦ TỊCH", "Nhiệm vụ năm 2026", "Bảng này do Sở Tư pháp tổng hợp."]


@pytest.mark.parametrize("cells, expected", [
    # (STT, content, lead, deadline) as typed → (id, lead_raw, deadline text)
    (("1", "Nhập liệu", "Sở Nội vụ", "15/03/2025"), ("1", "Sở Nội vụ", "15/03/2025")),
    ((1, "Nhập liệu", "Sở Nội vụ", datetime(2025, 3, 15, 0, 0)), ("1", "Sở Nội vụ", "15/03/2025")),
    ((1.0, "Nhập liệu", "Sở Nội vụ", "Tháng 3/2025"), ("1", "Sở Nội vụ", "Tháng 3/2025")),
    (("1.", "Nhập liệu", "  Sở   Nội vụ ", " Trước ngày 15/3/2025 "), ("1", "Sở Nội vụ", "Trước ngày 15/3/2025")),
    (("1.1", "Nhập liệu", "Sở Nội vụ", date(2025, 3, 15)), ("1.1", "Sở Nội vụ", "15/03/2025")),
])
def test_numbers_and_dates_read_as_written(cells, expected):
    book = Workbook()
    book.active.append(["TT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian thực hiện"])
    book.active.append(list(cells))
    buffer = io.BytesIO()
    book.save(buffer)
    task = extract_bytes(buffer.getvalue(), "bang.xlsx").tasks[0]
    assert (task.id, task.lead_raw, task.deadline.text) == expected
    assert task.deadline.due == date(2025, 3, 15) or task.deadline.due == date(2025, 3, 31)


def test_a_two_row_header_under_merged_cells_and_a_percentage_target():
    book = Workbook()
    ws = book.active
    ws.append(["STT", "Nhiệm vụ", "Cơ quan thực hiện", None, "Chỉ tiêu", "Thời hạn"])
    ws.merge_cells("C1:D1")
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("E1:E2")
    ws.merge_cells("F1:F2")
    ws.append([None, None, "Chủ trì", "Phối hợp"])
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    ws.append(["1", "Tiếp nhận hồ sơ trực tuyến", "Sở Y tế", "Sở Tài chính", 0.8, "Năm 2025"])
    ws["E4"].number_format = "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    [task] = extract_bytes(buffer.getvalue(), "chi-tieu.xlsx").tasks
    assert (task.lead, task.coordinating, task.target_raw, task.deadline.due) == (
        ("Sở Y tế",), ("Sở Tài chính",), "80%", date(2025, 12, 31))
    assert [(t.value, t.unit) for t in task.targets] == [(80.0, "%")]


def test_a_workbook_without_a_task_table_names_its_sheets_and_headers():
    book = Workbook()
    book.active.title = "Hồ sơ"
    book.active.append(["Danh sách hồ sơ trễ hạn"])
    book.active.append(["Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả"])
    book.create_sheet("Trống")
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(InputError) as caught:
        extract_bytes(buffer.getvalue(), "ho-so.xlsx")
    message = str(caught.value)
    assert message.startswith("ho-so.xlsx: no sheet holds a task table")
    assert "sheet 'Hồ sơ': 'Mã hồ sơ', 'Ngày tiếp nhận', 'Ngày hẹn trả'" in message
    assert "sheet 'Trống': empty" in message


def test_the_toolkits_own_workbook_extracts_to_the_table_it_holds(tmp_path):
    from tthc_docs.extract import extract_path as extract_seed

    seed = Path(__file__).parents[2] / "corpus" / "ke-hoach-5755-2021-phu-luc-nhiem-vu-468.txt"
    written = tmp_path / "bang.xlsx"
    written.write_bytes(write_table(extract_seed(seed), "xlsx"))
    assert extract_path(written) == load_task_table(written)
    assert len(extract_path(written).tasks) == 41


def test_a_docx_named_xlsx_and_an_xlsx_named_docx_go_by_content(tmp_path):
    data = _appendix_workbook()
    assert read_bytes(data, "phu-luc.docx").layout == "xlsx"
    assert len(read_bytes(data, "phu-luc").tables) == 2


def test_damaged_and_protected_workbooks_are_refused_naming_the_file():
    data = _appendix_workbook()
    with pytest.raises(CorruptFileError, match="hong.xlsx"):
        read_bytes(data[: len(data) // 2], "hong.xlsx")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(EncryptedFileError, match="khoa.xlsx: the Excel file is password protected"):
        read_bytes(ole, "khoa.xlsx")


def _ods_like() -> bytes:
    """The first bytes of an OpenDocument spreadsheet: its stored mimetype member."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 64


@pytest.mark.parametrize("name, make", [("bang.ods", _ods_like), ("bang.xls", lambda: XLS)])
def test_ods_and_xls_go_through_libreoffice(tmp_path, monkeypatch, name, make):
    converted = tmp_path / "converted.xlsx"
    converted.write_bytes(_appendix_workbook())
    # The stand-in converts like soffice: the input named by the last argument, the result in --outdir.
    script = ('for a in "$@"; do last="$a"; done; out=""; prev=""; '
              'for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done; '
              f'mkdir -p "$out"; cp "{converted}" "$out/$(basename "${{last%.*}}").xlsx"')
    monkeypatch.setattr(xlsx_reader, "find_soffice", lambda: fake_soffice(tmp_path, script))
    document = read_bytes(make(), name)
    assert document.layout == Path(name).suffix[1:]
    assert [len(t.rows) for t in document.tables] == [6, 2]


@pytest.mark.parametrize("name, make", [("bang.ods", _ods_like), ("bang.xls", lambda: XLS)])
def test_without_libreoffice_ods_and_xls_say_which_package_to_install(monkeypatch, name, make):
    monkeypatch.setattr(xlsx_reader, "find_soffice", lambda: None)
    with pytest.raises(MissingDependencyError, match=rf"{name}: .*libreoffice-calc-nogui"):
        read_bytes(make(), name)


def _calc_available() -> bool:
    program = shutil.which("soffice")
    return program is not None and any(
        (Path(program).resolve().parent / lib).exists() for lib in ("libsclo.so", "libsc.so"))


@pytest.mark.soffice
@pytest.mark.skipif(not _calc_available(), reason="LibreOffice Calc (libreoffice-calc-nogui) is not installed")
def test_a_real_ods_converted_by_libreoffice(tmp_path):
    from tthc_docs.soffice import CALC_PACKAGE, convert_bytes, find_soffice

    ods = convert_bytes(_appendix_workbook(), "phu-luc.xlsx", suffix=".xlsx", to="ods", purpose="the test",
                        timeout=120, program=find_soffice(), package=CALC_PACKAGE)
    table = extract_bytes(ods, "phu-luc.ods")
    assert _summary(table) == _summary(extract_bytes(_appendix_workbook(), "phu-luc.xlsx"))


def test_a_sheet_wider_than_a_task_table_is_cut_with_a_warning():
    from tthc_docs.readers.sheets import MAX_GRID_COLUMNS

    book = Workbook()
    book.active.append(HEADER)
    book.active.append(["1", "Rà soát thủ tục hành chính", "Sở Tư pháp", None, "Quý I/2025", None])
    book.active.cell(2, MAX_GRID_COLUMNS + 10, "ghi chú lạc")
    buffer = io.BytesIO()
    book.save(buffer)
    document = read_bytes(buffer.getvalue(), "rong.xlsx")
    assert [len(r.cells) for r in document.tables[0].rows] == [MAX_GRID_COLUMNS] * 2
    assert document.warnings == (f"rong.xlsx: sheet 'Sheet' is larger than a task table can be; only its first "
                                 f"2 rows and {MAX_GRID_COLUMNS} columns are read",)
