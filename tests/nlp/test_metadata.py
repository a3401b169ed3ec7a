from datetime import date

import pytest

from tthc_docs.blocks import Paragraph, RawDocument
from tthc_docs.models import SourceRef
from tthc_docs.nlp.metadata import extract_metadata
from tthc_docs.readers.txt_reader import parse_text


def meta(text: str):
    return extract_metadata(parse_text(text, "doc.txt"))


@pytest.mark.parametrize("line, number", [
    ("Số: 242/QĐ-UBND", "242/QĐ-UBND"),
    ("Số: **2370**/UBND-TTHC", "2370/UBND-TTHC"),
    ("Số:12/KH-UBND", "12/KH-UBND"),
    ("Số: 45/ BC - UBND", "45/BC-UBND"),
])
def test_number_forms(line, number):
    assert meta(f"ỦY BAN NHÂN DÂN\n{line}\nKẾ HOẠCH").info.number == number


def test_portal_header_wins():
    result = meta("Số hiệu | 242/QĐ-UBND |\nNgày ban hành | 24/02/2025 |\nLoại văn bản | Quyết định |\n"
                  "Cơ quan ban hành | Tỉnh An Giang |\nNgười ký | Hồ Văn Mừng |\nNội dung")
    info = result.info
    assert (info.number, info.date, info.kind, info.signer) == ("242/QĐ-UBND", date(2025, 2, 24), "quyet_dinh",
                                                               "Hồ Văn Mừng")
    assert "An Giang" in info.issuer


def test_place_and_date_line_and_letter_subject():
    result = meta("**ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI**\n\nSố: **2370**/UBND-TTHC\n\nV/v triển khai thực hiện các nhiệm\n"
                  "vụ cải cách thủ tục hành chính\n\nQuảng Ngãi, ngày **13** tháng 5 năm 2024\n\nKính gửi:")
    info = result.info
    assert info.kind == "cong_van" and info.date == date(2024, 5, 13) and info.place == "Quảng Ngãi"
    assert info.issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert info.title == "triển khai thực hiện các nhiệm vụ cải cách thủ tục hành chính"


def test_blank_day_gives_no_date_and_a_warning_but_keeps_the_year_for_deadlines():
    result = meta("Số: /CT-UBND\nHải Dương, ngày tháng 11 năm 2024\nCHỈ THỊ\nĐẩy mạnh cải cách")
    assert result.info.date is None and result.info.number is None and result.info.kind == "chi_thi"
    assert any("no day" in w for w in result.warnings) and any("blank" in w for w in result.warnings)
    assert result.reference == date(2024, 11, 1)


def test_signer_after_authority_block():
    result = meta("QUYẾT ĐỊNH\nVề việc ban hành\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Minh Hùng")
    assert result.info.signer == "Nguyễn Minh Hùng"


def test_appendix_is_known_by_the_document_it_is_attached_to():
    result = meta("PHỤ LỤC\nPhân công nhiệm vụ\n(Kèm theo Kế hoạch số 5755/KH-UBND ngày 27/5/2021 của Chủ tịch UBND tỉnh)")
    assert (result.info.kind, result.info.number, result.info.date) == ("phu_luc", "5755/KH-UBND", date(2021, 5, 27))


def test_header_block_in_a_word_layout_table(tmp_path):
    import docx

    from tthc_docs.extract import extract_path

    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 45/KH-UBND"
    header.cell(1, 1).text = "Lào Cai, ngày 10 tháng 3 năm 2025"
    for text in ("KẾ HOẠCH", "Cải cách thủ tục hành chính năm 2025", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                 "Nguyễn Văn An"):
        document.add_paragraph(text)
    path = tmp_path / "kh.docx"
    document.save(path)
    info = extract_path(path).document
    assert (info.kind, info.number, info.date, info.place) == ("ke_hoach", "45/KH-UBND", date(2025, 3, 10), "Lào Cai")
    assert info.issuer == "Ủy ban nhân dân tỉnh Lào Cai" and info.signer == "Nguyễn Văn An"
    assert info.title == "Cải cách thủ tục hành chính năm 2025"


def test_document_kinds_file_is_well_formed():
    from tthc_docs.models import DOCUMENT_KINDS
    from tthc_docs.nlp.metadata import vocabulary

    words = vocabulary()
    assert {kind for _, kind in words.kind_words} <= set(DOCUMENT_KINDS)
    assert {kind for _, kind in words.number_codes} <= set(DOCUMENT_KINDS)
    assert words.authority.match("KT. CHỦ TỊCH") and words.authority.match("PHÓ CHỦ TỊCH")


def test_two_column_header_exported_on_one_line_with_tabs():
    result = meta("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH SƠN LA\tĐộc lập - Tự do - Hạnh phúc\n"
                  "Số: 245/KH-UBND\tSơn La, ngày 20 tháng 8 năm 2024\n\nKẾ HOẠCH\nRà soát thủ tục hành chính năm 2024")
    info = result.info
    assert (info.number, info.date, info.place, info.issuer) == (
        "245/KH-UBND", date(2024, 8, 20), "Sơn La", "Ủy ban nhân dân tỉnh Sơn La")
    assert info.title == "Rà soát thủ tục hành chính năm 2024"


def test_date_at_the_end_of_a_line_the_pdf_ran_together():
    info = meta("Số: 12/KH-UBND Bến Tre, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH").info
    assert (info.number, info.date, info.place) == ("12/KH-UBND", date(2025, 3, 5), "Bến Tre")


@pytest.mark.parametrize("title, attached, number, when", [
    ("PHỤ LỤC", "(Kèm theo Kế hoạch số 5755/KH-UBND ngày 27/5/2021 của Chủ tịch UBND tỉnh)",
     "5755/KH-UBND", date(2021, 5, 27)),
    ("Phụ lục", "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2025 của UBND tỉnh Sơn La)",
     "12/KH-UBND", date(2025, 1, 5)),
    ("Phụ lục I", "(Ban hành kèm theo Quyết định số 242/QĐ-UBND ngày 24 tháng 02 năm 2025 của Chủ tịch UBND tỉnh)",
     "242/QĐ-UBND", date(2025, 2, 24)),
    ("PHỤ LỤC 02", "(Kèm theo Kế hoạch số 88/KH-UBND ngày 3/4/2024)", "88/KH-UBND", date(2024, 4, 3)),
    ("Phụ Lục II", "(Kèm theo Quyết định số 120/QĐ-UBND ngày 15 tháng 3 năm 2025 của Chủ\ntịch Ủy ban nhân dân tỉnh)",
     "120/QĐ-UBND", date(2025, 3, 15)),
    ("**PHỤ LỤC**", "*(Kèm theo Kế hoạch số 7/KH-UBND ngày 02/01/2025 của UBND tỉnh)*", "7/KH-UBND", date(2025, 1, 2)),
])
def test_an_appendix_in_any_letter_case_takes_the_number_and_date_of_its_plan(title, attached, number, when):
    result = meta(f"{title}\nDANH MỤC NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH\n{attached}\nSTT")
    assert (result.info.kind, result.info.number, result.info.date) == ("phu_luc", number, when)
    assert not any("no document number" in w for w in result.warnings)


@pytest.mark.parametrize("header, issuer, place", [
    ("**ỦY BAN NHÂN DÂN**\n**TỈNH BẮC NINH**\nSố: 15/KH-UBND\n*Bắc Ninh, ngày 05 tháng 6 năm 2025*",
     "Ủy ban nhân dân tỉnh Bắc Ninh", "Bắc Ninh"),
    ("**ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH**\nSố: 15/KH-UBND\n_Bắc Ninh, ngày 05 tháng 6 năm 2025_",
     "Ủy ban nhân dân tỉnh Bắc Ninh", "Bắc Ninh"),
    ("ỦY BAN NHÂN DÂN\n**TỈNH QUẢNG TRỊ**\nSố: 15/KH-UBND\n> *Quảng Trị, ngày 05 tháng 6 năm 2025*",
     "Ủy ban nhân dân tỉnh Quảng Trị", "Quảng Trị"),
    ("# ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\nSố: 15/KH-UBND\n***Hải Phòng**, ngày 05 tháng 6 năm 2025*",
     "Ủy ban nhân dân thành phố Hải Phòng", "Hải Phòng"),
])
def test_markdown_markers_never_reach_issuer_or_place(header, issuer, place):
    info = meta(f"{header}\n# KẾ HOẠCH\nCải cách thủ tục hành chính").info
    assert (info.issuer, info.place, info.date) == (issuer, place, date(2025, 6, 5))
    assert info.kind == "ke_hoach"


def test_markdown_in_a_portal_header_never_reaches_issuer_or_signer():
    info = meta("Số hiệu | **15/KH-UBND** |\nLoại văn bản | Kế hoạch |\nCơ quan ban hành | **Tỉnh Bắc Ninh** |\n"
                "Người ký | *Nguyễn Văn Bình* |\nNội dung").info
    assert (info.number, info.issuer, info.signer) == ("15/KH-UBND", "Ủy ban nhân dân tỉnh Bắc Ninh", "Nguyễn Văn Bình")


@pytest.mark.parametrize("number_line, date_line", [
    ("Số: 15/KH\\-UBND", "Quảng Trị\\, ngày 05 tháng 6 năm 2025"),  # Markdown escapes
    ("Số: 15/KH-UBND", "> Quảng Trị, ngày 05 tháng 6 năm 2025"),  # a quote
    ("Số: 15/KH-UBND", "## Quảng Trị, ngày 05 tháng 6 năm 2025"),  # a heading
    ("Số: 15/KH-*UBND*", "*Quảng Trị*, ngày 05 tháng 6 năm 2025"),
    ("Số: 15/KH-_UBND_", "_Quảng Trị_, ngày 05 tháng 6 năm 2025"),
    ("Số: 15/KH-UBND", "Quảng Trị, ngày 05 tháng 6 năm 2025"),
])
def test_each_markdown_mark_alone_is_taken_out_of_header_lines(number_line, date_line):
    # Paragraphs as a reader that keeps Markdown marks (a .docx typed in Markdown) gives them.
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ", number_line, date_line, "KẾ HOẠCH", "Cải cách"]
    doc = RawDocument("doc.docx", "docx", tuple(Paragraph(t, SourceRef(line=i + 1)) for i, t in enumerate(lines)))
    info = extract_metadata(doc).info
    assert (info.number, info.place, info.date) == ("15/KH-UBND", "Quảng Trị", date(2025, 6, 5))


@pytest.mark.parametrize("title, kind", [
    ("PHỤ LỤC II", "phu_luc"),
    ("Phụ lục 2:", "phu_luc"),
    ("Phụ lục A", "phu_luc"),
    ("Kế hoạch", "ke_hoach"),
    ("KẾ HOẠCH TRIỂN KHAI CÔNG TÁC CẢI CÁCH", "ke_hoach"),
    ("CHỈ THỊ", "chi_thi"),
    ("Quyết định", "quyet_dinh"),
    ("Kế hoạch triển khai năm 2025", "bao_cao"),  # a sentence, not a title: the number decides
    ("Về việc kế hoạch II", "bao_cao"),
])
def test_kind_from_a_title_line_numbered_or_not(title, kind):
    assert meta(f"ỦY BAN NHÂN DÂN\nSố: 15/BC-UBND\n{title}\nNội dung").info.kind == kind
