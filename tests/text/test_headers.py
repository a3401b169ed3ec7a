"""The one header normaliser and the fuzzy header matcher (text/headers.py),
on the dossier fields of data/render.yaml and on task-table headers."""

from __future__ import annotations

import pytest

from tthc_docs.tables.columns import map_columns, role_of
from tthc_docs.text.headers import FieldSpec, fold_header, header_score, match_headers, normalise_header
from tthc_docs.render.settings import vocabulary


@pytest.mark.parametrize("header, normal, folded", [
    ("Ngày hẹn trả KQ", "ngày hẹn trả kết quả", "ngay hen tra ket qua"),
    ("  TÊN TTHC (*) ", "tên thủ tục hành chính", "ten thu tuc hanh chinh"),
    ("Mã HS:", "mã hồ sơ", "ma ho so"),
    ("SĐT/Email", "số điện thoại email", "so dien thoai email"),
    ("sdt", "số điện thoại", "so dien thoai"),
    ("Cơ quan (đơn vị) phối hợp", "cơ quan đơn vị phối hợp", "co quan don vi phoi hop"),
])
def test_normalise_and_fold(header, normal, folded):
    assert normalise_header(header) == normal
    assert fold_header(header) == folded


@pytest.mark.parametrize("header, spelling, low, high", [
    ("ngày tiếp nhận", "ngày tiếp nhận", 100, 100),
    ("tiếp nhận ngày", "ngày tiếp nhận", 100, 100),             # word order does not count
    ("ngay tiep nhan", "ngày tiếp nhận", 100, 100),             # typed without diacritics
    ("ngày tiếp nhận hồ sơ", "ngày tiếp nhận", 90, 99),         # an extra word costs a little
    ("ngày", "ngày tiếp nhận", 0, 70),                          # missing words cost more
    ("hồ sơ", "số hồ sơ", 0, 79),                               # "sơ" and "số" are two words
    ("ngày tiêp nhận", "ngày tiếp nhận", 90, 99),               # a tone-mark slip
])
def test_header_score(header, spelling, low, high):
    assert low <= header_score(header, spelling) <= high


REQUIRED = ("code", "procedure", "applicant", "received_on", "due_on", "new_due_on", "reason")


@pytest.mark.parametrize("headers", [
    # extra words
    ["STT", "Mã số hồ sơ trên hệ thống", "Tên thủ tục hành chính được yêu cầu", "Họ và tên người nộp hồ sơ",
     "Ngày tiếp nhận hồ sơ (dd/mm/yyyy)", "Ngày hẹn trả kết quả theo phiếu", "Ngày hẹn trả kết quả mới",
     "Lý do chậm trễ trong giải quyết"],
    # another word order
    ["Hồ sơ số", "Thủ tục hành chính tên", "Cá nhân, tổ chức", "Tiếp nhận ngày", "Hẹn trả ngày",
     "Hẹn trả mới ngày", "Nguyên nhân chậm"],
    # no diacritics
    ["Ma ho so", "Ten thu tuc hanh chinh", "Ten to chuc, ca nhan", "Ngay tiep nhan", "Ngay hen tra",
     "Ngay hen tra moi", "Ly do cham tre"],
    # abbreviations
    ["Mã HS", "Tên TTHC", "Tên TC/CN", "Ngày nhận HS", "Ngày hẹn trả KQ", "Ngày hẹn trả KQ mới", "Lý do"],
    # upper case, missing words, columns the slip does not use
    ["MÃ HỒ SƠ (*)", "Lĩnh vực", "THỦ TỤC", "NGƯỜI NỘP", "Kênh nộp", "NGÀY NHẬN", "HẠN XỬ LÝ", "HẠN XỬ LÝ MỚI",
     "LÝ DO TRỄ", "Trạng thái", "Ghi chú"],
], ids=["extra-words", "word-order", "no-diacritics", "abbreviations", "upper-case-and-others"])
def test_reworded_dossier_headers_find_every_required_field(headers):
    match = match_headers(headers, vocabulary().dossier_fields)
    assert match.ok
    by_field = {key: headers[i] for i, key in match.columns.items()}
    assert set(REQUIRED) <= set(by_field)
    # the new date is the column that says so, never the original one
    assert "mới" in by_field["new_due_on"].lower() or "moi" in by_field["new_due_on"].lower()


def test_a_header_near_two_fields_goes_where_no_other_fits_better():
    headers = ["Ngày hẹn trả kết quả mới", "Ngày hẹn trả kết quả"]
    fields = [f for f in vocabulary().dossier_fields if f.key in ("due_on", "new_due_on")]
    assert match_headers(headers, fields).columns == {0: "new_due_on", 1: "due_on"}


def test_two_columns_that_fit_one_field_about_as_well_are_ambiguous():
    headers = ["Mã hồ sơ", "Ngày hẹn trả (dự kiến)", "Ngày hẹn trả (theo quy định)", "Ngày hẹn trả mới"]
    match = match_headers(headers, vocabulary().dossier_fields)
    [problem] = match.ambiguous
    assert problem.field.key == "due_on"
    assert [c.header for c in problem.closest] == ["Ngày hẹn trả (dự kiến)", "Ngày hẹn trả (theo quy định)"]


def test_a_missing_field_lists_the_closest_headers():
    fields = [FieldSpec("reason", "Lý do chậm trễ", True, ("Lý do chậm trễ", "Nguyên nhân"))]
    match = match_headers(["Mã hồ sơ", "Diễn giải trễ hạn", None], fields)
    [problem] = match.missing
    assert problem.field.key == "reason" and match.columns == {}
    assert problem.closest[0].header == "Diễn giải trễ hạn"


def test_a_column_named_by_hand_wins():
    headers = ["Mã hồ sơ", "Diễn giải", "Ngày hẹn trả", "Ngày hẹn trả mới"]
    match = match_headers(headers, vocabulary().dossier_fields, manual={"reason": "dien giai"})
    assert match.columns[1] == "reason"
    missing = match_headers(headers, vocabulary().dossier_fields, manual={"reason": "Không có"}).missing
    assert "reason" in [p.field.key for p in missing]


@pytest.mark.parametrize("header, role", [
    ("Noi dung cong viec", "content"),
    ("Co quan chu tri", "lead"),
    ("CQ chủ trì", "lead"),
    ("ĐV phối hợp", "coordinating"),
    ("Thoi han hoan thanh", "deadline"),
    ("ĐVT", "unit"),
    ("Kết quả/Sản phẩm", "product"),
])
def test_task_table_headers_go_through_the_same_normaliser(header, role):
    assert role_of(header) == role


def test_a_task_table_typed_without_diacritics_maps_its_columns():
    columns = map_columns(("STT", "Noi dung", "Co quan chu tri", "Co quan phoi hop", "Thoi han"))
    assert columns.roles == ("stt", "content", "lead", "coordinating", "deadline")


def test_header_words_yaml_is_consistent():
    from tthc_docs.datafile import load_mapping
    from tthc_docs.tables.columns import column_rules
    from tthc_docs.text.phrases import header_key
    from tthc_docs.vietnamese import strip_accents

    data = load_mapping("header_words.yaml")
    keys = {strip_accents(header_key(k)): header_key(v) for k, v in data["abbreviations"].items()}
    assert all(len(k.split()) == 1 and v and v != k for k, v in keys.items()), "one word each, written out"
    assert not any(w in keys for v in keys.values() for w in strip_accents(v).split()), "no expansion chains"
    assert 0 < data["matching"]["ambiguity_margin"] < data["matching"]["min_score"] <= 100
    # the words of the column rules are full words, so expanding them changes nothing
    for rule in column_rules():
        for phrase in (*rule.exact, *rule.all, *rule.unless):
            assert fold_header(phrase) == phrase, phrase
