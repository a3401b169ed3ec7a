"""CSV for Excel: BOM, Vietnamese headers, one row per task."""

from __future__ import annotations

import csv
import io

import pytest

from tthc_docs.models import Task, TaskTable
from tthc_docs.writers import write_table


def _rows(table: TaskTable) -> list[dict[str, str]]:
    raw = write_table(table, "csv")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_starts_with_utf8_bom(plan):
    assert write_table(plan, "csv").startswith(b"\xef\xbb\xbf")


def test_header_row(plan, task_headers):
    raw = write_table(plan, "csv").decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(raw))) == list(task_headers)


def test_one_row_per_task_and_no_indicators(plan):
    rows = _rows(plan)
    assert [r["STT/Mã"] for r in rows] == ["1", "2", "3", "4"]
    assert all("Tỷ lệ" not in r["Nội dung"] for r in rows)


def test_cells(plan):
    first, second, third, fourth = _rows(plan)
    assert first["Cơ quan phối hợp"] == "Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã"
    assert first["Thời hạn"] == "Tháng 5/2021"
    assert first["Loại thời hạn"] == "Hạn theo kỳ"
    assert first["Hạn cuối"] == "2021-05-31"
    assert first["Phần"] == "I. Năm 2021"
    assert first["Nguồn"] == "dòng 15"
    assert second["Cơ quan chủ trì"] == "Sở TT&TT"
    assert "toàn trình | một phần" in second["Nội dung"]
    assert second["Ghi chú"] == "Chưa hoàn thành: Sở Kế hoạch và Đầu tư;\nSở Lao động – Thương binh và Xã hội."
    assert second["Chỉ tiêu"] == "Tối thiểu 80%"
    assert second["Trạng thái"] == "Đang thực hiện"
    assert second["Nguồn"] == "trang 3, bảng 2, hàng 5"
    assert third["Trạng thái"] == "Đã hoàn thành" and third["Ngày hoàn thành"] == "2024-11-05"
    assert fourth["Cơ quan chủ trì"] == "" and fourth["Thời hạn"] == "" and fourth["Hạn cuối"] == ""


@pytest.mark.parametrize("content, cell", [
    ("- Các cơ quan, đơn vị.", "'- Các cơ quan, đơn vị."),
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+84 255 3822 000", "'+84 255 3822 000"),
    ("@Sở Tư pháp", "'@Sở Tư pháp"),
    ("100% hồ sơ", "100% hồ sơ"),
])
def test_cells_that_excel_would_run_as_formulas_become_text(content, cell):
    rows = _rows(TaskTable(source="", tasks=(Task(id="1", content=content),)))
    assert rows[0]["Nội dung"] == cell


def test_empty_table_has_only_the_header(empty, task_headers):
    assert write_table(empty, "csv").decode("utf-8-sig").splitlines() == [",".join(task_headers)]
