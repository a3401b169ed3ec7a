"""Extraction reads the spaCy pipeline's spans: the Docs of ``pipeline.read`` for prose
blocks and for cells (agencies, a deadline, free text), and the task table built from
them. Each row is a Vietnamese example with its expected reading, written by hand."""

from __future__ import annotations

from datetime import date

import pytest

from tthc_docs.errors import DataError
from tthc_docs.extract import extract_bytes
from tthc_docs.nlp.agencies import split_agencies
from tthc_docs.nlp.pipeline import annotate, read, spans
from tthc_docs.nlp.prose import assigned_agencies

D = date.fromisoformat


# ------------------------------------------------------------------ agency cells

@pytest.mark.parametrize("cell, written, names", [
    ("Sở Tư pháp, Sở Nội vụ", ["Sở Tư pháp", "Sở Nội vụ"], ["Sở Tư pháp", "Sở Nội vụ"]),
    # a name holding a comma and "và" stays whole
    ("Sở Văn hóa, Thể thao và Du lịch; Sở Y tế", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"],
     ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]),
    # a shared head: "xã" is "UBND cấp xã", its span the word as written
    ("UBND cấp huyện, xã", ["UBND cấp huyện", "xã"], ["Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân cấp xã"]),
    # the parenthetical is a detail, not a name of its own
    ("Văn phòng UBND tỉnh (Trung tâm PVHCC tỉnh)", ["Văn phòng UBND tỉnh"], ["Văn phòng Ủy ban nhân dân tỉnh"]),
    # a label's head before the colon
    ("Các Sở: Y tế, Xây dựng", ["Y tế", "Xây dựng"], ["Sở Y tế", "Sở Xây dựng"]),
])
def test_an_agency_cell_gives_one_agency_span_per_name(cell, written, names):
    found = spans(read(cell, "agencies"), "AGENCY")
    assert [s.text for s in found] == written
    assert [s._.agency for s in found] == names
    assert [s._.mention.name for s in found] == names


@pytest.mark.parametrize("cell", [
    "Sở Tư pháp, Sở Nội vụ và UBND các huyện",
    "Sở Giao giao thông vận tải",  # a near-miss the gazetteer still knows
    "Trung tâm Lưu trữ lịch sử tỉnh, Sở Nội vụ",  # a name it does not know
    "Đã được phân công theo Kế hoạch số 243/KH-UBND",
    "- Sở Tài chính\n- Kho bạc Nhà nước tỉnh",
])
def test_agency_cell_spans_are_what_split_agencies_reads(cell):
    # one implementation: the AGENCY component of a cell is split_agencies
    split = split_agencies(cell)
    doc = read(cell, "agencies")
    assert tuple(s._.mention for s in spans(doc, "AGENCY")) == split.agencies
    assert doc._.not_agencies == split.references


def test_an_unknown_name_in_a_cell_has_no_canonical_name():
    (span,) = spans(read("Trung tâm Lưu trữ lịch sử tỉnh", "agencies"), "AGENCY")
    assert span._.agency is None and span._.mention.known is False
    assert span.text == "Trung tâm Lưu trữ lịch sử tỉnh"


def test_a_reference_in_an_agency_cell_is_no_agency():
    doc = read("Đã được phân công theo Kế hoạch số 243/KH-UBND", "agencies")
    assert spans(doc, "AGENCY") == ()
    assert doc._.not_agencies == ("Đã được phân công theo Kế hoạch số 243/KH-UBND",)


# ------------------------------------------------------------------ deadline and text cells

@pytest.mark.parametrize("cell, kind, due", [
    ("Quý IV/2024", "period", D("2024-12-31")),
    ("Trước ngày 15/02/2025", "date", D("2025-02-15")),
    ("Thường xuyên", "ongoing", None),
    ("Trong tháng 4", "period", D("2025-04-30")),  # the year from the document's date
    ("Chưa xác định", "none", None),  # a deadline cell is read whole, whatever it says
])
def test_a_deadline_cell_is_one_deadline_span(cell, kind, due):
    doc = read(f" {cell}\n", "deadline", D("2025-02-24"))
    (span,) = spans(doc, "DEADLINE")
    assert span.text == cell
    assert (span._.deadline.kind, span._.deadline.due) == (kind, due)
    assert [e.label_ for e in doc.ents] == ["DEADLINE"]


def test_a_text_cell_holds_targets_and_references_only():
    text = "Sở Tư pháp rà soát theo Nghị định số 61/2018/NĐ-CP, đạt tối thiểu 98% trước ngày 30/11/2024"
    doc = read(text, "text")
    assert sorted({e.label_ for e in doc.ents}) == ["LEGAL_REF", "TARGET"]
    assert [s._.legal_ref.id for s in spans(doc, "LEGAL_REF")] == ["61/2018/NĐ-CP"]
    assert [(s._.target.value, s._.target.comparator) for s in spans(doc, "TARGET")] == [(98, "≥")]
    # the same text as prose also has its agency and deadline
    assert {e.label_ for e in read(text).ents} == {"AGENCY", "LEGAL_REF", "TARGET", "DEADLINE"}


def test_a_target_range_is_one_span_with_both_bounds():
    (span,) = spans(read("Chỉ số hài lòng đạt từ 80 đến dưới 90 điểm", "text"), "TARGET")
    assert [(t.value, t.comparator) for t in span._.targets] == [(80, "≥"), (90, "<")]
    assert span._.target == span._.targets[0]


def test_an_entity_inside_a_longer_one_stays_in_its_span_group():
    doc = read("Sau khi Chính phủ ban hành Nghị quyết")
    assert [e.label_ for e in doc.ents] == ["DEADLINE"]
    assert [(s.text, s._.agency) for s in spans(doc, "AGENCY")] == [("Chính phủ", "Chính phủ")]


def test_an_unknown_kind_of_cell_is_refused():
    with pytest.raises(DataError, match="'lead'"):
        read("Sở Tư pháp", "lead")


# ------------------------------------------------------------------ extraction agrees

SENTENCES = [
    ("Sở Thông tin và Truyền thông hoàn thành việc tích hợp dịch vụ công trước ngày 30/11/2024.",
     "Sở Thông tin và Truyền thông", "trước ngày 30/11/2024"),
    ("Văn phòng UBND tỉnh tổng hợp, báo cáo Chủ tịch UBND tỉnh trong Quý I/2025.",
     "Văn phòng UBND tỉnh", "trong Quý I/2025"),
    ("Sở Nội vụ chủ trì rà soát, kiện toàn Bộ phận Một cửa các cấp, hoàn thành trước ngày 15/3/2025.",
     "Sở Nội vụ", "hoàn thành trước ngày 15/3/2025"),  # the cue is part of the phrase
]


def _directive(item: str) -> bytes:
    return "\n".join(["CHỈ THỊ", "Số: 05/CT-UBND", "Hà Nam, ngày 02 tháng 01 năm 2025",
                      "Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành thực hiện các nội dung sau:",
                      f"1. {item}", "Nơi nhận:", "- Lưu: VT."]).encode()


@pytest.mark.parametrize("sentence, lead, deadline", SENTENCES, ids=[s[:30] for s, _, _ in SENTENCES])
def test_a_prose_task_reads_what_annotate_finds(sentence, lead, deadline):
    (task,) = extract_bytes(_directive(sentence), "ct.txt").tasks
    found = annotate(sentence, reference=D("2025-01-02"))
    first_agency = next(a for a in found if a.label == "AGENCY")
    (due,) = [a for a in found if a.label == "DEADLINE"]
    assert (task.lead_raw, first_agency.text) == (lead, lead)
    assert task.lead == (first_agency.value,)
    assert (task.deadline.text, task.deadline.due) == (deadline, due.value.due)
    assert due.text.lower() == deadline.lower()


@pytest.mark.parametrize("lead, coordinating, deadline", [
    ("Sở Tư pháp", "Sở Nội vụ, UBND cấp huyện, xã", "Quý IV/2024"),
    ("Văn phòng UBND tỉnh (Trung tâm PVHCC tỉnh)", "Các Sở: Y tế, Xây dựng", "Trước ngày 15/02/2025"),
])
def test_a_table_task_reads_its_cells_spans(lead, coordinating, deadline):
    text = "\n".join([
        "KẾ HOẠCH", "Số: 12/KH-UBND", "Hà Nam, ngày 02 tháng 01 năm 2025",
        "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn hoàn thành",
        f"1\tRà soát thủ tục hành chính đạt tối thiểu 90%\t{lead}\t{coordinating}\t{deadline}",
    ])
    (task,) = extract_bytes(text.encode(), "kh.txt").tasks
    assert task.lead == tuple(s._.agency for s in spans(read(lead, "agencies"), "AGENCY"))
    assert task.coordinating == tuple(s._.agency for s in spans(read(coordinating, "agencies"), "AGENCY"))
    (span,) = spans(read(deadline, "deadline", D("2025-01-02")), "DEADLINE")
    assert task.deadline == span._.deadline
    assert [t.value for t in task.targets] == [90]


@pytest.mark.parametrize("sentence, subject", [
    # a long list of names before the verb: the tagger reads up to their end and a little more
    ("Sở Tư pháp, Sở Nội vụ, Sở Tài chính, Văn phòng UBND tỉnh và UBND các huyện, thị xã, thành phố "
     "triển khai thực hiện nghiêm các nội dung của Kế hoạch này, báo cáo kết quả trước ngày 15/12/2025.",
     "Sở Tư pháp, Sở Nội vụ, Sở Tài chính, Văn phòng UBND tỉnh và UBND các huyện, thị xã, thành phố"),
    # a near-miss no pattern opens: the whole sentence is tagged, as before
    ("Trung tâm phục hành chính công tỉnh chủ trì tiếp nhận hồ sơ.", "Trung tâm phục hành chính công tỉnh"),
    # no agency opens the sentence: nothing is asked of the tagger or the splitter
    ("Tăng cường công tác kiểm tra việc thực hiện thủ tục hành chính tại Sở Tư pháp.", None),
    ("Thường xuyên rà soát, cập nhật danh mục thủ tục hành chính.", None),
])
def test_the_subject_of_a_sentence_is_found_where_its_agencies_end(sentence, subject):
    assert assigned_agencies(sentence) == subject
