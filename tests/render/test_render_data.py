"""Integrity of the renderer's data files (decree30.yaml, render.yaml): every
key present, ranges ordered, vocabularies unambiguous, and the values the
Decree 30/2020 text gives."""

from __future__ import annotations

import unicodedata

import pytest

from tthc_docs.errors import DataError
from tthc_docs.text.phrases import header_key
from tthc_docs.render.settings import (
    CATEGORIES,
    DOSSIER_FIELDS,
    ROLES,
    format_rules,
    task_statuses,
    vocabulary,
)


def test_every_role_has_a_rule_with_an_ordered_size_range():
    rules = format_rules()
    assert set(rules.roles) == set(ROLES)
    for rule in rules.roles.values():
        assert 8 <= rule.size[0] <= rule.size[1] <= 16, rule
        assert rule.label


@pytest.mark.parametrize(("role", "size", "bold", "italic", "upper"), [
    # Nghị định 30/2020/NĐ-CP, Phụ lục I (and domain.md "Format of administrative documents").
    ("national_title", (12, 13), True, None, True),
    ("motto", (13, 14), True, None, None),
    ("number", (13, 13), None, None, None),
    ("place_date", (13, 14), None, True, None),
    ("document_type", (13, 14), True, None, True),
    ("body", (13, 14), None, None, None),
    ("recipients_heading", (12, 12), True, True, None),
    ("recipients", (11, 11), None, None, None),
    ("issuing_body", (12, 13), True, None, True),
])
def test_role_rules_follow_the_decree(role, size, bold, italic, upper):
    rule = format_rules().roles[role]
    assert (rule.size, rule.bold, rule.italic, rule.upper) == (size, bold, italic, upper)


def test_page_is_a4_with_the_decree_margins():
    rules = format_rules()
    assert rules.page_mm == (210, 297)
    assert dict(rules.margins_mm) == {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
    assert rules.font == "Times New Roman"


def test_recognition_words_are_nfc_upper_case_and_unique():
    rules = format_rules()
    for words in (rules.document_types, rules.signer_titles):
        assert len(set(words)) == len(words)
        for word in words:
            assert word == unicodedata.normalize("NFC", word) == word.upper()
    assert rules.national_title == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert rules.motto == "Độc lập - Tự do - Hạnh phúc"


def test_point_letters_are_the_vietnamese_alphabet_order():
    letters = format_rules().point_letters
    assert letters[:6] == ("a", "b", "c", "d", "đ", "e")
    assert not {"f", "j", "w", "z"} & set(letters)
    assert len(letters) == len(set(letters)) == 23


def test_categories_in_report_order_with_distinct_colours():
    categories = vocabulary().categories
    assert tuple(c.key for c in categories) == CATEGORIES
    assert len({c.color for c in categories}) == len(categories)
    assert all(c.color.startswith("#") and len(c.color) == 7 for c in categories)


def test_dossier_fields_complete_and_headers_unambiguous():
    fields = vocabulary().dossier_fields
    assert tuple(f.key for f in fields) == DOSSIER_FIELDS
    required = {f.key for f in fields if f.required}
    # Every field of the slip domain.md lists that comes from the sheet.
    assert required == {"code", "applicant", "procedure", "received_on", "due_on", "new_due_on", "reason"}
    headers = [h for f in fields for h in f.headers]
    assert len(headers) == len(set(headers)), "a header names two fields"
    assert all(h == header_key(h) for h in headers)


def test_a_broken_rule_file_is_a_data_error(monkeypatch):
    import tthc_docs.render.settings as settings

    monkeypatch.setattr(settings, "_load", lambda name: {"page": {}, "roles": {}})
    settings.format_rules.cache_clear()
    try:
        with pytest.raises(DataError, match="margins_mm"):
            settings.format_rules()
    finally:
        monkeypatch.undo()
        settings.format_rules.cache_clear()


def test_task_statuses_are_those_of_task_columns_yaml():
    from tthc_docs.sheet_layout import layout

    # data/task_columns.yaml: Đã hoàn thành, Đang thực hiện, Chưa thực hiện.
    assert task_statuses() == ("done", "in_progress", "not_started")
    assert task_statuses() == tuple(s.key for s in layout().statuses)


def test_statuses_without_one_the_report_needs_are_a_data_error(monkeypatch):
    from types import SimpleNamespace

    import tthc_docs.render.settings as settings
    from tthc_docs.sheet_layout import Status

    statuses = (Status(key="in_progress", label="Đang thực hiện", words=("Đang thực hiện",)),)
    monkeypatch.setattr(settings, "layout", lambda: SimpleNamespace(statuses=statuses))
    settings.task_statuses.cache_clear()
    try:
        with pytest.raises(DataError, match="'done'"):
            settings.task_statuses()
    finally:
        monkeypatch.undo()
        settings.task_statuses.cache_clear()
