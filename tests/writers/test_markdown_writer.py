"""Markdown: a heading naming the document, one pipe-table row per task."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_docs.models import DocumentInfo, Task, TaskTable
from tthc_docs.writers import write_table
from tthc_docs.writers.markdown_writer import escape_cell, heading

_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def _cells(line: str) -> list[str]:
    """The cells of a pipe-table row, honouring "\\|"."""
    bounds = [m.end() - 1 for m in _UNESCAPED_PIPE.finditer(line)]
    return [line[a + 1:b].strip() for a, b in zip(bounds, bounds[1:])]


def _table_rows(markdown: str, title: str) -> list[str]:
    section = markdown.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("|")][2:]


def test_heading_names_the_document(plan):
    text = write_table(plan, "md").decode("utf-8")
    assert text.startswith("# Kế hoạch số 5755/KH-UBND ngày 27/05/2021 của UBND tỉnh\n")
    assert "Triển khai thực hiện Quyết định số 468/QĐ-TTg" in text


@pytest.mark.parametrize("info, source, expected", [
    (DocumentInfo(kind="cong_van", number="2370/UBND-TTHC", date=date(2024, 5, 13)), "",
     "Công văn số 2370/UBND-TTHC ngày 13/05/2024"),
    (DocumentInfo(kind="chi_thi", date=date(2024, 11, 5), issuer="UBND tỉnh Hải Dương"), "",
     "Chỉ thị ngày 05/11/2024 của UBND tỉnh Hải Dương"),
    (DocumentInfo(title="Kế hoạch kiểm soát thủ tục hành chính năm 2025"), "a/b.txt",
     "Kế hoạch kiểm soát thủ tục hành chính năm 2025"),
    (DocumentInfo(), "corpus/hai-duong-2024-chi-thi.txt", "hai-duong-2024-chi-thi.txt"),
    (DocumentInfo(), "", "Bảng nhiệm vụ"),
])
def test_heading(info, source, expected):
    assert heading(TaskTable(source=source, document=info)) == expected


def test_one_row_per_task_with_escaped_pipes(plan):
    text = write_table(plan, "md").decode("utf-8")
    rows = _table_rows(text, "Nhiệm vụ (4)")
    header = [line for line in text.split("## Nhiệm vụ")[1].splitlines() if line.startswith("|")][0]
    width = len(_cells(header))
    assert len(rows) == 4
    assert all(len(_cells(r)) == width for r in rows)
    assert "toàn trình \\| một phần" in rows[1]


def test_line_breaks_become_br(plan):
    rows = _table_rows(write_table(plan, "md").decode("utf-8"), "Nhiệm vụ")
    assert "Sở Kế hoạch và Đầu tư;<br>Sở Lao động – Thương binh và Xã hội." in rows[1]


def test_empty_columns_are_left_out(no_indicators):
    text = write_table(no_indicators, "md").decode("utf-8")
    header = [line for line in text.splitlines() if line.startswith("| STT")][0]
    assert "Sản phẩm" in header and "Đơn vị theo dõi" in header
    assert "Ngày hoàn thành" not in header and "Mục" not in header and "Nguồn" not in header


def test_indicator_table_only_when_there_are_indicators(plan, no_indicators):
    text = write_table(plan, "md").decode("utf-8")
    rows = _table_rows(text, "Chỉ tiêu (2)")
    assert len(rows) == 2 and "theo dõi \\| giám sát" in rows[1]
    assert "## Chỉ tiêu" not in write_table(no_indicators, "md").decode("utf-8")


def test_warnings_are_listed(plan):
    assert "## Cảnh báo\n\n- dòng 40: bảng bị ngắt trang\n" in write_table(plan, "md").decode("utf-8")


def test_empty_table_has_a_header_and_no_rows(empty):
    text = write_table(empty, "md").decode("utf-8")
    assert "## Nhiệm vụ (0)" in text and _table_rows(text, "Nhiệm vụ") == []
    assert text.endswith("\n")


@pytest.mark.parametrize("value, expected", [
    ("Sở TT&TT | Sở Tư pháp", "Sở TT&TT \\| Sở Tư pháp"),
    ("dòng 1\ndòng 2", "dòng 1<br>dòng 2"),
    ("<ol style=\"list-style-type: none\"> Sở Xây dựng", "&lt;ol style=\"list-style-type: none\"> Sở Xây dựng"),
    ("C:\\thư mục", "C:\\\\thư mục"),
    (date(2025, 3, 1), "01/03/2025"),
    (None, ""),
])
def test_escape_cell(value, expected):
    assert escape_cell(value) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("aăâđêôơư ỦỳếạỗĐ|\\\n&<>*_-1"), max_size=30),
                min_size=1, max_size=4))
def test_any_text_stays_one_row_of_the_right_width(contents):
    table = TaskTable(source="", tasks=tuple(Task(id=str(i), content=c, notes=c) for i, c in enumerate(contents)))
    text = write_table(table, "md").decode("utf-8")
    header = next(line for line in text.splitlines() if line.startswith("| STT"))
    rows = _table_rows(text, "Nhiệm vụ")
    assert len(rows) == len(contents)
    assert {len(_cells(r)) for r in rows} == {len(_cells(header))}
