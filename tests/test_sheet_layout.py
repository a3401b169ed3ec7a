"""Integrity of data/task_columns.yaml and the cell values the writers share
(tthc_docs.sheet_layout)."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date

import pytest

from tthc_docs.models import DEADLINE_KINDS, DOCUMENT_KINDS, Deadline, Indicator, SourceRef, Task, TaskTable
from tthc_docs.text.phrases import header_key
from tthc_docs.sheet_layout import (document_cells, indicator_cells, layout, source_text, status_label,
                                   task_cells)
from tthc_docs.vietnamese import strip_accents


def test_layout_is_loaded_once():
    assert layout() is layout()


def test_task_headers_in_order(task_headers):
    assert tuple(c.header for c in layout().tasks.columns) == task_headers


@pytest.mark.parametrize("sheet", ["tasks", "indicators"])
def test_names_are_unique_within_a_sheet(sheet):
    names = [n for c in getattr(layout(), sheet).columns for n in c.names]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("sheet", ["tasks", "indicators"])
def test_required_columns_exist(sheet):
    sheet_layout = getattr(layout(), sheet)
    assert set(sheet_layout.required) <= {c.key for c in sheet_layout.columns}


def test_every_task_column_has_a_value():
    assert set(task_cells(Task(id="1", content="x"))) == {c.key for c in layout().tasks.columns}


def test_every_indicator_column_has_a_value():
    assert set(indicator_cells(Indicator(id="1", content="x"))) == {c.key for c in layout().indicators.columns}


@pytest.mark.parametrize("sheet", ["tasks", "indicators"])
def test_widths_are_sane(sheet):
    for column in getattr(layout(), sheet).columns:
        assert 6 <= column.width <= 80, column


def test_content_column_is_capped_around_60():
    assert next(c.width for c in layout().tasks.columns if c.key == "content") == 60


def test_sheet_names_are_valid_excel_names():
    names = [layout().tasks.name, layout().indicators.name, layout().document_sheet]
    assert len(set(names)) == 3
    for name in names:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)


def test_label_tables_cover_the_model_vocabularies():
    assert set(layout().document_kinds) == set(DOCUMENT_KINDS)
    assert set(layout().deadline_kinds) == set(DEADLINE_KINDS)
    assert set(layout().source_labels) == {f.name for f in fields(SourceRef)}


@pytest.mark.parametrize("table", ["document_kinds", "deadline_kinds", "source_labels"])
def test_labels_are_distinct(table):
    labels = [header_key(v) for v in getattr(layout(), table).values()]
    assert len(labels) == len(set(labels))


def test_statuses_are_the_fixed_set():
    assert [s.key for s in layout().statuses] == ["done", "in_progress", "not_started"]


def test_status_words_never_collide_even_without_accents():
    owner: dict[str, str] = {}
    for status in layout().statuses:
        assert header_key(status.label) in map(header_key, status.words)
        for word in status.words:
            for form in (header_key(word), strip_accents(header_key(word))):
                assert owner.setdefault(form, status.key) == status.key, (word, owner[form])


def test_document_fields_cover_document_info():
    keys = [k for k, _ in layout().document_fields]
    assert set(keys) == {"kind", "number", "date", "issuer", "title", "signer", "place", "source", "warning"}


def test_markdown_words_take_one_value():
    words = layout().markdown_words
    for key in ("number", "date", "issuer"):
        assert words[key].count("{}") == 1


@pytest.mark.parametrize("source, expected", [
    (SourceRef(line=128), "dòng 128"),
    (SourceRef(page=3, table=2, row=5), "trang 3, bảng 2, hàng 5"),
    (SourceRef(table=1, row=7), "bảng 1, hàng 7"),
    (SourceRef(), None),
])
def test_source_text(source, expected):
    assert source_text(source) == expected


@pytest.mark.parametrize("status, expected", [
    ("done", "Đã hoàn thành"), ("in_progress", "Đang thực hiện"), ("not_started", "Chưa thực hiện"),
    ("Hoãn theo chỉ đạo", "Hoãn theo chỉ đạo"), (None, None),
])
def test_status_label(status, expected):
    assert status_label(status) == expected


def test_raw_agency_text_is_shown_before_the_nlp_stage_splits_it():
    task = Task(id="1", content="x", lead_raw="Sở Nội vụ, Văn phòng UBND tỉnh")
    assert task_cells(task)["lead"] == "Sở Nội vụ, Văn phòng UBND tỉnh"


def test_task_cells():
    task = Task(id="7", content="Rà soát", lead=("Sở Tư pháp", "Sở Nội vụ"),
                deadline=Deadline(text="Quý IV/ 2021", kind="period", due=date(2021, 12, 31)))
    cells = task_cells(task)
    assert cells["lead"] == "Sở Tư pháp; Sở Nội vụ"
    assert (cells["deadline"], cells["deadline_kind"], cells["due"]) == ("Quý IV/ 2021", "Hạn theo kỳ",
                                                                       date(2021, 12, 31))
    assert cells["coordinating"] is None and cells["targets"] is None


def test_document_cells_end_with_one_row_per_warning():
    table = TaskTable(source="a.txt", warnings=("w1", "w2"))
    rows = document_cells(table)
    assert rows[-2:] == (("Cảnh báo", "w1"), ("Cảnh báo", "w2"))
    assert ("Loại văn bản", "Chưa xác định") in rows
