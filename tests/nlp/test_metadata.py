from datetime import date

import pytest

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
