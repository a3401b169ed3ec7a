"""Damaged containers give the toolkit's own error whether the damage is met while
opening or while reading: spreadsheets read by ``diff`` and ``render``, .docx read
by ``extract``, and the limits of the size-limit table on what a sheet holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from fuzz import mutators as mz
from tthc_docs.cli import main
from tthc_docs.errors import CorruptFileError, UnsafeFileError
from tthc_docs.models import Task, TaskTable
from tthc_docs.readers import read_bytes
from tthc_docs.readers.boundary import open_workbook, sheet_names, sheet_rows
from tthc_docs.readers.sheets import read_sheets
from tthc_docs.writers import write_table

ROOT = Path(__file__).resolve().parents[2]
DOSSIERS = ROOT / "examples" / "ho-so-tre-han.xlsx"
APOLOGY_META = ROOT / "examples" / "apology.meta.yaml"
PLAN_META = ROOT / "examples" / "plan.meta.yaml"
SHEET = "xl/worksheets/sheet1.xml"
PLAN = TaskTable(source="ke-hoach.docx", tasks=tuple(
    Task(id=str(i), content=f"Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực {field}",
         lead=("Sở Tư pháp",), lead_raw="Sở Tư pháp")
    for i, field in enumerate(["đất đai", "xây dựng", "hộ tịch", "đầu tư", "giáo dục"], 1)))


def plan_xlsx() -> bytes:
    return write_table(PLAN, "xlsx")


# Damage to a workbook that openpyxl opens and then fails on while reading rows,
# or fails on while opening (styles, workbook.xml).
DAMAGE = {
    "sheet truncated": lambda d: mz.rewrite(d, SHEET, mz.xml_truncate(0.6)),
    "styles truncated": lambda d: mz.rewrite(d, "xl/styles.xml", mz.xml_truncate(0.5)),
    "sheet deflate stream corrupt": lambda d: mz.flip_payload(d, SHEET, 0.3),
    "sheet CRC wrong": lambda d: mz.set_field(d, SHEET, "crc", 0x12345678),
    "cell reference 1A": lambda d: mz.rewrite(d, SHEET, mz.xml_replace(rb'<c r="[A-Z]+2"', b'<c r="1A"')),
    "row number not a number": lambda d: mz.rewrite(d, SHEET, mz.xml_replace(rb'<row r="2"', b'<row r="hai"')),
    "sheet id not a number": lambda d: mz.rewrite(d, "xl/workbook.xml",
                                                 mz.xml_replace(rb'sheetId="1"', b'sheetId="mot"')),
    "DOCTYPE with entities": lambda d: mz.rewrite(d, SHEET, mz.xml_doctype()),
    "control character in a cell": lambda d: mz.rewrite(d, SHEET, mz.xml_replace(rb"<t>", b"<t>\x01")),
    "shared string index out of range": lambda d: mz.rewrite(
        d, SHEET, mz.xml_replace(rb'(<c r="B2"[^>]*t="s"[^>]*><v>)\d+', rb"\g<1>999999")),
    "unsupported zip method": lambda d: mz.set_field(d, SHEET, "method", 99, where="central"),
    "unsupported zip version": lambda d: mz.set_field(d, SHEET, "version", 99, where="central"),
    "member size understated": lambda d: mz.set_field(d, SHEET, "size", 10),
}


def _shared_strings_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [["STT", "Mã hồ sơ", "Tên thủ tục"], [1, "000.00.12.H01-250107-0002", "Đăng ký hộ kinh doanh"]]:
        sheet.append(row)
    stream = __import__("io").BytesIO()
    book.save(stream)
    return stream.getvalue()


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
@pytest.mark.parametrize("make", [plan_xlsx, _shared_strings_workbook, DOSSIERS.read_bytes],
                         ids=["task table", "openpyxl workbook", "dossier example"])
def test_a_damaged_workbook_is_a_corrupt_file_naming_it(damage, make):
    try:
        damaged = DAMAGE[damage](make())
    except KeyError:
        pytest.skip("this workbook has no such part")
    if damaged == make():
        pytest.skip("the damage does not apply to this workbook")
    try:
        read_sheets(damaged, "bang-tinh.xlsx")
    except (CorruptFileError, UnsafeFileError) as exc:
        assert str(exc).startswith("bang-tinh.xlsx: ")
        assert "\n" not in str(exc)


def _cli(*args: str):
    return CliRunner().invoke(main, list(args))


def _assert_clean(result, name: str, *, codes: tuple[int, ...] = (1,)) -> None:
    """Exit code in ``codes``, no exception escaped, and on failure a line naming
    ``name``: the one "Error:" line, or a batch's line for its failed item."""
    assert result.exit_code in codes, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        errors = [ln for ln in result.output.splitlines() if ln.startswith("Error:")]
        assert len(errors) <= 1 and name in (errors[0] if errors else result.output), result.output


@pytest.mark.parametrize("damage", ["sheet truncated", "sheet deflate stream corrupt", "sheet CRC wrong",
                                    "cell reference 1A", "DOCTYPE with entities", "unsupported zip version"])
def test_render_apology_from_a_damaged_spreadsheet_is_a_one_line_error(tmp_path, damage):
    source = tmp_path / "ho-so.xlsx"
    source.write_bytes(DAMAGE[damage](DOSSIERS.read_bytes()))
    result = _cli("render", "apology", str(source), "--meta", str(APOLOGY_META), "-o", str(tmp_path / "out"))
    # A row openpyxl reads despite the damage fails alone: the other slips are written.
    _assert_clean(result, "ho-so.xlsx", codes=(0, 1))


@pytest.mark.parametrize("damage", ["sheet truncated", "sheet CRC wrong", "row number not a number",
                                    "sheet id not a number", "control character in a cell"])
def test_diff_and_render_plan_of_a_damaged_task_table_are_one_line_errors(tmp_path, damage):
    good, bad = tmp_path / "v1.xlsx", tmp_path / "v2.xlsx"
    good.write_bytes(plan_xlsx())
    bad.write_bytes(DAMAGE[damage](plan_xlsx()))
    _assert_clean(_cli("diff", str(good), str(bad)), "v2.xlsx")
    _assert_clean(_cli("render", "plan", str(bad), "--meta", str(PLAN_META),
                                "-o", str(tmp_path / "kh.docx")), "v2.xlsx")


def _sheet_xml(cells: str, dimension: str = "A1") -> bytes:
    return (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>').encode()


@pytest.mark.parametrize(("cells", "dimension", "limit", "value"), [
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c></row>'
     '<row r="500000"><c r="A500000"><v>1</v></c></row>', "A1", "sheet rows", "10,001"),
    ('<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>', "A1", "sheet columns", "16,384"),
])
def test_a_sheet_past_the_limits_is_refused_naming_the_limit(cells, dimension, limit, value, set_limit):
    set_limit("sheet rows", 10_000)
    data = mz.rewrite(plan_xlsx(), SHEET, lambda _: _sheet_xml(cells, dimension))
    with pytest.raises(UnsafeFileError, match=rf"bang-tinh.xlsx: sheet .* {value}, over the limit of [\d,]+ "
                                              rf"\({limit}\)"):
        read_sheets(data, "bang-tinh.xlsx")


def test_a_wrong_dimension_neither_pads_rows_nor_trips_a_limit():
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c><c r="B1"><v>2</v></c></row>'
    data = mz.rewrite(plan_xlsx(), SHEET, lambda _: _sheet_xml(cells, "A1:XFD1048576"))
    with open_workbook(data, "bang-tinh.xlsx") as book:
        assert sheet_rows(book, sheet_names(book, "bang-tinh.xlsx")[0], "bang-tinh.xlsx") == [("STT", 2)]


def test_rows_are_padded_to_the_widest_and_trailing_empty_rows_dropped():
    cells = ('<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="C3"><v>3</v></c></row>'
             '<row r="4"/>')
    data = mz.rewrite(plan_xlsx(), SHEET, lambda _: _sheet_xml(cells, "A1:C9"))
    rows = next(iter(read_sheets(data, "s.xlsx").values()))
    assert rows == [(1, None, None), (None, None, None), (None, None, 3)]


@pytest.mark.parametrize(("field", "value"), [("method", 99), ("version", 99), ("method", 12)])
def test_extract_goes_on_past_a_docx_whose_zip_directory_names_an_unsupported_method(tmp_path, field, value):
    from builders import build_docx

    (tmp_path / "in").mkdir()
    good = build_docx(tmp_path / "in" / "a-tot.docx", ["STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"],
                      [["1", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Quý IV/2025"]])
    bad = tmp_path / "in" / "b-hong.docx"
    bad.write_bytes(mz.set_field(good.read_bytes(), "word/document.xml", field, value, where="central"))
    with pytest.raises(CorruptFileError, match=r"b-hong.docx: .*(member 'word/document.xml' uses zip method|zip file version 9.9)"):
        read_bytes(bad.read_bytes(), str(bad))
    result = _cli("extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and not re.search(r"NotImplementedError", result.output)
    assert (tmp_path / "out" / "a-tot.json").is_file()
    assert "1 of 2 documents" in result.output


def test_a_docx_over_the_paragraph_limit_is_refused_naming_the_limit(set_limit):
    from builders import docx_bytes_with_body

    set_limit("docx paragraphs", 50)
    data = docx_bytes_with_body("<w:p><w:r><w:t>Rà soát thủ tục</w:t></w:r></w:p>" * 51)
    with pytest.raises(UnsafeFileError, match=r"dai.docx: the document holds paragraphs: 51, over the limit "
                                              r"of 50 \(docx paragraphs\)"):
        read_bytes(data, "dai.docx")
    set_limit("docx paragraphs", 51)
    assert len(read_bytes(data, "dai.docx").items) == 51


def _inflating_pdf(megabytes: int) -> bytes:
    """A PDF whose page content inflates to ``megabytes`` MB (spaces after one text line)."""
    page = mz.text_operations(3) + b" " * (megabytes * 1024 * 1024)
    return mz.pdf_with_stream(page)


def test_a_pdf_stream_inflating_past_the_limit_is_refused_before_it_is_read():
    data = _inflating_pdf(65)
    assert len(data) < 200_000
    with pytest.raises(UnsafeFileError, match=r"bom.pdf: the stream at byte [\d,]+ decodes to at least "
                                              r"6\d,\d{3},\d{3}, over the limit of 67,108,864 \(PDF stream bytes\)"):
        read_bytes(data, "bom.pdf")


def test_streams_inflating_past_the_total_limit_are_refused(set_limit):
    set_limit("PDF inflated bytes", 1024 * 1024)
    with pytest.raises(UnsafeFileError, match=r"\(PDF inflated bytes\)"):
        read_bytes(_inflating_pdf(2), "bom.pdf")


def test_a_page_with_more_operations_than_the_limit_is_refused():
    data = mz.pdf_with_stream(mz.text_operations(210_000))
    with pytest.raises(UnsafeFileError, match=r"nhieu.pdf: page 1 holds operations: 420,00\d, over the limit "
                                              r"of 200,000 \(PDF operations per page\)"):
        read_bytes(data, "nhieu.pdf")


def test_a_pdf_under_the_limits_is_read():
    document = read_bytes(mz.pdf_with_stream(mz.text_operations(50)), "it.pdf")
    assert document.layout == "pdf" and "a" in document.items[0].text
