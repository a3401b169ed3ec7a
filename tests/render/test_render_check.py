"""The Decree 30/2020 format checker: a conforming slip passes; each kind of
deviation put into it is found, in the paragraph it is in; any .docx can be
checked."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from docx import Document
from docx.shared import Mm, Pt
from render_helpers import rewrite

from tthc_docs.errors import InputError
from tthc_docs.render.apology import slip_context
from tthc_docs.render.check import Deviation, check_docx, fold
from tthc_docs.render.dossiers import Dossier

MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.fixture(scope="module")
def slip(metas, templates) -> bytes:
    dossier = Dossier(row=2, code="000.00.12.H01-250108-0003", applicant="Trần Thị Mai",
                      procedure="Cấp Phiếu lý lịch tư pháp", received_on=date(2025, 1, 8), due_on=date(2025, 2, 7),
                      new_due_on=date(2025, 2, 12), reason="Chờ kết quả xác minh của cơ quan công an")
    return templates["apology"].render(slip_context(dossier, metas["apology"], 3))


def checked(tmp_path, data: bytes) -> tuple[Deviation, ...]:
    path = tmp_path / "x.docx"
    path.write_bytes(data)
    return check_docx(path)


def restyle(xml: str, text: str, old: str, new: str) -> str:
    """Change the properties of the run holding ``text``."""
    run = re.compile(r"<w:r>(?:(?!</w:r>).)*?<w:t[^>]*>" + re.escape(text), re.S)
    match = run.search(xml)
    assert match and old in match.group(0), text
    return xml[:match.start()] + match.group(0).replace(old, new, 1) + xml[match.end():]


def test_the_slip_conforms(tmp_path, slip):
    assert checked(tmp_path, slip) == ()


@pytest.mark.parametrize(("change", "rule", "paragraph_text", "message"), [
    (lambda x: restyle(x, MOTTO, '<w:sz w:val="26"/>', '<w:sz w:val="24"/>'),
     "motto.size", MOTTO, "size 12 pt, expected 13–14 pt"),
    (lambda x: restyle(x, TITLE, "<w:b/>", ""), "national_title.bold", TITLE, "not bold"),
    (lambda x: restyle(x, "Số: 03/PXL", '<w:sz w:val="26"/>', '<w:sz w:val="28"/>'),
     "number.size", "Số: 03/PXL-TTPVHCC", "size 14 pt, expected 13 pt"),
    (lambda x: restyle(x, "An Giang, ngày", "<w:i/>", ""), "place_date.italic", "An Giang, ngày 05", "not italic"),
    (lambda x: x.replace("ngày 05 tháng 02 năm 2025</w:t>", "ngày 5 tháng 02 năm 2025</w:t>"),
     "place_date.zero", "An Giang, ngày 5 tháng 02", "day 5 written without a leading zero"),
    (lambda x: x.replace("ngày 05 tháng 02 năm 2025</w:t>", "ngày 05 tháng 2 năm 2025</w:t>"),
     "place_date.zero", "An Giang, ngày 05 tháng 2", "month 2 written without a leading zero"),
    (lambda x: restyle(x, "PHIẾU XIN LỖI", '<w:sz w:val="28"/>', '<w:sz w:val="32"/>'),
     "document_type.size", "PHIẾU XIN LỖI VÀ HẸN LẠI", "size 16 pt"),
    (lambda x: x.replace("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Phiếu xin lỗi"),
     "document_type.upper", "Phiếu xin lỗi", "not in upper case"),
    (lambda x: restyle(x, "Nơi nhận:", "<w:i/>", ""), "recipients_heading.italic", "Nơi nhận:", "not italic"),
    (lambda x: restyle(x, "- Như trên;", '<w:sz w:val="22"/>', '<w:sz w:val="26"/>'),
     "recipients.size", "- Như trên;", "size 13 pt, expected 11 pt"),
    (lambda x: restyle(x, "GIÁM ĐỐC", "<w:b/>", ""), "signature_authority.bold", "GIÁM ĐỐC", "not bold"),
    (lambda x: restyle(x, "Trần Thị B", "<w:b/>", ""), "signer_name.bold", "Trần Thị B", "not bold"),
    (lambda x: restyle(x, "TRUNG TÂM PHỤC VỤ", "<w:b/>", ""), "issuing_body.bold", "TRUNG TÂM PHỤC VỤ",
     "not bold, expected bold"),
    (lambda x: restyle(x, "Lý do:", '<w:sz w:val="28"/>', '<w:sz w:val="24"/>'), "body.size", "Lý do:",
     "size 12 pt, expected 13–14 pt"),
    (lambda x: restyle(x, "Lý do:", 'w:hAnsi="Times New Roman"', 'w:hAnsi="Arial"'), "font", "Lý do:",
     "font 'Arial', expected 'Times New Roman'"),
])
def test_each_deviation_is_found_in_its_paragraph(tmp_path, slip, change, rule, paragraph_text, message):
    deviations = checked(tmp_path, rewrite(slip, "word/document.xml", change))
    matching = [d for d in deviations if d.rule == rule]
    assert len(matching) == 1, deviations
    assert matching[0].text.startswith(paragraph_text) and message in matching[0].message
    assert matching[0].paragraph is not None and message in str(matching[0])


@pytest.mark.parametrize(("change", "rule", "message"), [
    (lambda x: x.replace(MOTTO, "Độc lập, Tự do, Hạnh phúc"), "motto.missing", "no tiêu ngữ"),
    (lambda x: x.replace(TITLE, "CỘNG HÒA VIỆT NAM"), "national_title.missing", "no quốc hiệu"),
    (lambda x: x.replace('<w:pgSz w:w="11906" w:h="16838"/>', '<w:pgSz w:w="12240" w:h="15840"/>'),
     "page.size", "page 216 × 279 mm, expected A4 210 × 297 mm portrait"),
    (lambda x: x.replace('<w:pgSz w:w="11906" w:h="16838"/>', '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'),
     "page.size", "expected A4 210 × 297 mm portrait"),
    (lambda x: x.replace('w:left="1701"', 'w:left="1134"'), "page.margin.left", "left margin 20.0 mm, expected 30–35 mm"),
    (lambda x: x.replace('w:top="1134"', 'w:top="1701"'), "page.margin.top", "top margin 30.0 mm, expected 20–25 mm"),
])
def test_page_and_missing_parts(tmp_path, slip, change, rule, message):
    deviations = checked(tmp_path, rewrite(slip, "word/document.xml", change))
    assert [d for d in deviations if d.rule == rule and message in d.message], deviations


@pytest.mark.parametrize(("change", "rule", "paragraph", "message"), [
    # Before: int("abc") raised ValueError and `tthc check` printed a traceback.
    (lambda x: restyle(x, "Lý do:", '<w:sz w:val="28"/>', '<w:sz w:val="abc"/>'), "unreadable", "Lý do:",
     'unreadable value w:sz w:val="abc" ignored'),
    (lambda x: restyle(x, "Lý do:", '<w:sz w:val="28"/>', '<w:sz/>'), "unreadable", "Lý do:",
     'unreadable value w:sz w:val="" ignored'),
    (lambda x: x.replace('<w:pgSz w:w="11906"', '<w:pgSz w:w="A4"'), "unreadable", None,
     'section 1: unreadable value w:pgSz w:w="A4" ignored'),
    (lambda x: x.replace('w:left="1701"', 'w:left="3 cm"'), "unreadable", None,
     'section 1: unreadable value w:pgMar w:left="3 cm" ignored'),
])
def test_unreadable_measures_are_reported_not_fatal(tmp_path, slip, change, rule, paragraph, message):
    deviations = checked(tmp_path, rewrite(slip, "word/document.xml", change))
    found = [d for d in deviations if d.rule == rule]
    assert [d.message for d in found] == [message]
    assert (found[0].text[:len(paragraph)] if paragraph else found[0].paragraph) == paragraph


def test_a_bad_size_falls_back_to_the_style_and_a_bad_page_size_counts_as_unset(tmp_path, slip):
    def change(xml: str) -> str:
        xml = restyle(xml, "Lý do:", '<w:sz w:val="28"/>', '<w:sz w:val="1x"/>')
        return xml.replace('<w:pgSz w:w="11906"', '<w:pgSz w:w="-"')
    # The paragraph style (Normal) then decides the size: made 12 pt here to see it used.
    normal = re.compile(r'(w:styleId="Normal">(?:(?!</w:style>).)*?<w:sz w:val=")28"', re.S)
    data = rewrite(rewrite(slip, "word/document.xml", change), "word/styles.xml",
                   lambda x: normal.sub(r'\g<1>24"', x, count=1))
    deviations = checked(tmp_path, data)
    assert any(d.rule == "body.size" and d.text.startswith("Lý do:") and "size 12 pt" in d.message
               for d in deviations), deviations
    assert any(d.rule == "page.size" and "page size not set" in d.message for d in deviations), deviations


@pytest.mark.parametrize(("value", "per_point", "expected"), [
    ("26", 2, 26.0),
    ("13pt", 2, 26.0),
    ("11906", 20, 11906.0),
    ("2cm", 20, 2 * 1440 / 2.54),
    ("1in", 20, 1440.0),
    ("-720", 20, -720.0),
    ("abc", 2, None),
    ("", 2, None),
    (None, 20, None),
    ("12 px", 2, None),
])
def test_measure(value, per_point, expected):
    from tthc_docs.render.docx_format import measure

    assert measure(value, per_point) == (pytest.approx(expected) if expected is not None else None)


def test_a_document_in_arial_is_reported_once_with_a_count(tmp_path, slip):
    arial = rewrite(slip, "word/document.xml", lambda x: x.replace('"Times New Roman"', '"Arial"'))
    deviations = [d for d in checked(tmp_path, arial) if d.rule == "font"]
    assert len(deviations) == 1 and deviations[0].count > 10
    assert "more paragraph" in str(deviations[0])


def test_theme_fonts_are_resolved(tmp_path, slip):
    themed = rewrite(slip, "word/document.xml", lambda x: restyle(
        x, "Lý do:", 'w:ascii="Times New Roman" w:hAnsi="Times New Roman"', 'w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"'))
    deviations = [d for d in checked(tmp_path, themed) if d.rule == "font"]
    # The minor (body) font of the theme python-docx's template ships.
    assert [d.text[:6] for d in deviations] == ["Lý do:"] and "'Cambria'" in deviations[0].message


def test_any_docx_can_be_checked(tmp_path):
    document = Document()          # python-docx's own template: Letter, 1.25-inch side margins, Cambria 11
    document.add_paragraph("Báo cáo tình hình thực hiện nhiệm vụ")
    path = tmp_path / "plain.docx"
    document.save(path)
    rules = {d.rule for d in check_docx(path)}
    assert {"page.size", "page.margin.right", "font", "national_title.missing", "motto.missing", "body.size"} <= rules
    assert "page.margin.left" not in rules      # 31.75 mm is within 30–35 mm


def test_a_header_typed_as_paragraphs_with_variant_spellings(tmp_path):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    for text, size, bold, italic in (("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
                                     ("Độc lập – Tự do – Hạnh phúc", 14, True, False),
                                     ("Quảng Ngãi, ngày 13 tháng 5 năm 2024", 14, False, True),
                                     ("Thực hiện Chỉ thị số 27/CT-TTg, Ủy ban nhân dân tỉnh yêu cầu:", 14, False, False)):
        run = document.add_paragraph().add_run(text)
        run.font.name, run.font.size, run.bold, run.italic = "Times New Roman", Pt(size), bold, italic
    path = tmp_path / "cong-van.docx"
    document.save(path)
    assert [d.rule for d in check_docx(path) if d.rule != "font"] == []


@pytest.mark.parametrize(("a", "b"), [("CỘNG HOÀ", "Cộng hòa"), ("Độc lập – Tự do", "Độc lập - Tự do"),
                                      ("ĐỘC LẬP—TỰ DO", "Độc lập - Tự do")])
def test_fold(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_unreadable_files_are_input_errors(tmp_path, content):
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(InputError):
        check_docx(path)


def test_a_zip_that_is_not_a_word_document(tmp_path):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    path = tmp_path / "x.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="no word/document.xml"):
        check_docx(path)
