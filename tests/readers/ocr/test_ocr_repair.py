"""OCR slips are repaired only where the vocabulary makes the reading certain, and
every repair is reported."""

from __future__ import annotations

import pytest

from tthc_docs.readers.ocr.repair import repair_cell, repair_text


@pytest.mark.parametrize("read, repaired", [
    ("Quý 1/2026", "Quý I/2026"),
    ("Hoàn thành trong Quý 1V/2021", "Hoàn thành trong Quý IV/2021"),
    ("quý Il năm 2025", "quý II năm 2025"),
    ("Quý l/2024", "Quý I/2024"),
    ("Quý 111/2024", "Quý III/2024"),
    ("Quí 1 năm 2023", "Quí I năm 2023"),
])
def test_a_quarter_number_misread_is_repaired_and_reported(read, repaired):
    text, (note,) = repair_text(read)
    assert text == repaired and "Roman numerals" in note


@pytest.mark.parametrize("text", [
    "Quý IV/2021", "Quý 2/2026", "Quý 4 năm 2025", "Tháng 11/2021", "Quyết định số 1/QĐ-UBND", "Quý 12/2024",
    "Sở Nội vụ", "Thường xuyên",
])
def test_text_the_vocabulary_does_not_vouch_for_is_left_alone(text):
    assert repair_cell(text) == (text, ())


@pytest.mark.parametrize("read, repaired, name, score", [
    ("Sở Thông tin và Truyền thồng", "Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", 98),
    ("Sở Kế hoạch và Đâu tư, Công an tỉnh", "Sở Kế hoạch và Đầu tư, Công an tỉnh", "Sở Kế hoạch và Đầu tư", 98),
    ("Sở Nội vụ, Sở Giao thông vận tai", "Sở Nội vụ, Sở Giao thông vận tải", "Sở Giao thông vận tải", 98),
])
def test_an_agency_one_slip_off_snaps_to_the_gazetteer_with_its_score(read, repaired, name, score):
    text, (note,) = repair_cell(read)
    assert text == repaired
    assert f"taken as the agency {name!r} (gazetteer match {score}/100)" in note


@pytest.mark.parametrize("read", [
    "Sở Y tê",  # too short to tell a typo from another agency
    "Sở Tư pháp tỉnh Lào Cai",  # another province's body, not a typo
    "Rà soát, đơn giản hóa thủ tục hành chính",
])
def test_a_name_that_is_not_certainly_an_agency_stays_as_read(read):
    assert repair_cell(read) == (read, ())


@pytest.mark.parametrize("read, numeral", [("|", "I"), ("ll", "II"), ("l|l", "III"), ("!", "I")])
def test_strokes_alone_in_a_cell_are_a_part_number(read, numeral):
    text, (note,) = repair_cell(read)
    assert text == numeral and "part number" in note
