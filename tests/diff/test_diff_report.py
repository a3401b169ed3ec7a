"""The rows of a report are drawn from the comparison's own redlines
(FieldChange.words), not from a second word diff of every field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tthc_docs.diff import report as report_module
from tthc_docs.diff.compare import diff_tables
from tthc_docs.diff.report import table_report
from tthc_docs.diff.words import DELETE, EQUAL, INSERT, WordOp
from tthc_docs.models import Deadline, Task, TaskTable

# Kế hoạch 5755/KH-UBND (seed 001), tasks I.1, I.5 and I.7.
I_1 = Task(id="I.1", content="Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.",
           lead=("Văn phòng UBND tỉnh",), lead_raw="Văn phòng UBND tỉnh",
           deadline=Deadline(text="Tháng 5/2021", kind="period", due=date(2021, 5, 31)))
I_5 = Task(id="I.5", content="Triển khai thực hiện thí điểm tiếp nhận hồ sơ TTHC không phụ thuộc vào địa giới "
                             "hành chính", lead=("Sở Tư pháp",), lead_raw="Sở Tư pháp",
           deadline=Deadline(text="Quý IV/2021", kind="period", due=date(2021, 12, 31)))
I_7 = Task(id="I.7", content="Tổ chức đánh giá hoạt động của Bộ phận một cửa các cấp", lead=("Sở Nội vụ",),
           lead_raw="Sở Nội vụ")
OLD = TaskTable(source="v1.json", tasks=(I_1, I_5, I_7))
NEW = TaskTable(source="v2.json", tasks=(
    replace(I_1, deadline=Deadline(text="Tháng 6/2021", kind="period", due=date(2021, 6, 30))),
    # The same agency and the same due date, written differently: the comparison sees no change.
    replace(I_5, lead=("Sở Tư Pháp",), lead_raw="Sở Tư Pháp",
            deadline=Deadline(text="Quý IV / 2021", kind="period", due=date(2021, 12, 31))),
    Task(id="I.8", content="Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ, công chức"),
))


@pytest.fixture(scope="module")
def result():
    return diff_tables(OLD, NEW)


def test_rows_reuse_the_field_redlines_without_diffing_again(result, monkeypatch):
    def fail(*args):
        raise AssertionError(f"word_diff called again by the report: {args}")

    monkeypatch.setattr(report_module, "word_diff", fail)
    report = table_report(result, include_unchanged=True)
    modified = next(c for c in result.changes if c.status == "modified")
    row = next(r for r in report.rows if r.status == "modified")
    (deadline,) = [line for line in row.new if line.label == "Thời hạn"]
    assert deadline.words == modified.fields[0].words == (
        WordOp(EQUAL, "Tháng "), WordOp(DELETE, "5"), WordOp(INSERT, "6"), WordOp(EQUAL, "/2021"))


def test_added_and_removed_rows_are_whole_insertions_and_deletions(result):
    report = table_report(result)
    added = next(r for r in report.rows if r.status == "added")
    assert added.new[0].words == (WordOp(INSERT, NEW.tasks[2].content),)
    removed = next(r for r in report.rows if r.status == "removed")
    assert [line.words for line in removed.new] == [(WordOp(DELETE, I_7.content),), (WordOp(DELETE, "Sở Nội vụ"),)]


def test_a_difference_the_comparison_ignores_is_not_marked(result):
    # Before, the report diffed the text again and marked "Pháp" and the spaces as edits
    # in a row whose changes column said nothing.
    report = table_report(result, include_unchanged=True)
    row = next(r for r in report.rows if r.new_label == "I.5")
    assert row.status == "unchanged" and row.notes == ()
    assert not any(line.changed for line in row.new)
    assert [line.words for line in row.new if line.label == "Chủ trì"] == [(WordOp(EQUAL, "Sở Tư Pháp"),)]
