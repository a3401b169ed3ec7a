"""``tthc diff OLD NEW`` from the command line."""

from __future__ import annotations

import json
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner

from tthc_docs.cli import main
from tthc_docs.models import Deadline, Task, TaskTable

V1 = TaskTable(source="v1", tasks=(
    Task(id="1", content="Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.",
         lead=("Văn phòng UBND tỉnh",), deadline=Deadline("Tháng 5/2021", "period", date(2021, 5, 31))),
    Task(id="2", content="Thực hiện kiểm tra việc triển khai thực hiện Kế hoạch này", lead=("Sở Nội vụ",)),
))
V2 = TaskTable(source="v2", tasks=(
    Task(id="1", content="Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.",
         lead=("Văn phòng UBND tỉnh",), deadline=Deadline("Tháng 7/2021", "period", date(2021, 7, 31))),
))


@pytest.fixture
def tables(tmp_path):
    old, new = tmp_path / "v1.json", tmp_path / "v2.json"
    old.write_text(json.dumps(V1.to_dict(), ensure_ascii=False), "utf-8")
    new.write_text(json.dumps(V2.to_dict(), ensure_ascii=False), "utf-8")
    return old, new


def run(*args: str):
    return CliRunner().invoke(main, ["diff", *args])


def test_json_to_stdout(tables):
    result = run(*map(str, tables), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["summary"] == {"unchanged": 0, "modified": 1, "added": 0, "removed": 1, "split": 0, "merged": 0}
    assert data["changes"][0]["deadline_shift_days"] == 61
    assert (data["old_source"], data["new_source"]) == ("v1.json", "v2.json")


def test_text_is_the_default(tables):
    result = run(*map(str, tables))
    assert result.exit_code == 0, result.output
    assert "Tháng [-5-]{+7+}/2021" in result.output and "\x1b[" not in result.output


@pytest.mark.parametrize("fmt, check", [
    ("html", lambda path: path.read_text("utf-8").startswith("<!DOCTYPE html>")),
    ("docx", lambda path: "word/document.xml" in zipfile.ZipFile(path).namelist()),
    ("text", lambda path: "Lùi thời hạn 61 ngày" in path.read_text("utf-8")),
])
def test_output_file(tables, tmp_path, fmt, check):
    out = tmp_path / f"so-sanh.{fmt}"
    result = run(*map(str, tables), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert check(out)


def test_docx_needs_an_output_file(tables):
    result = run(*map(str, tables), "--format", "docx")
    assert result.exit_code == 2 and "-o" in result.output


def test_existing_output_is_kept_without_force(tables, tmp_path):
    out = tmp_path / "so-sanh.html"
    out.write_text("bản của tôi", "utf-8")
    result = run(*map(str, tables), "--format", "html", "-o", str(out))
    assert result.exit_code == 1 and "already exists" in result.output
    assert out.read_text("utf-8") == "bản của tôi"
    assert run(*map(str, tables), "--format", "html", "-o", str(out), "--force").exit_code == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_prose_mode(tmp_path):
    old, new = tmp_path / "cv-1.txt", tmp_path / "cv-2.txt"
    old.write_text("Kính gửi: Các sở, ban, ngành tỉnh\n\nThời hạn hoàn thành trước ngày 15/12/2024.\n", "utf-8")
    new.write_text("Kính gửi: Các sở, ban, ngành tỉnh\n\nThời hạn hoàn thành trước ngày 30/12/2024.\n", "utf-8")
    result = run(str(old), str(new), "--prose", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "prose" and data["summary"] == {"unchanged": 1, "modified": 1, "added": 0, "removed": 0}


def test_a_file_that_is_no_task_table_is_an_error_naming_it(tables, tmp_path):
    bad = tmp_path / "khong-phai.json"
    bad.write_text('{"schema": "khác/1"}', "utf-8")
    result = run(str(bad), str(tables[1]))
    assert result.exit_code == 1 and "khong-phai.json" in result.output and "khác/1" in result.output


def test_missing_file_is_a_usage_error(tables, tmp_path):
    result = run(str(tmp_path / "khong-co.json"), str(tables[1]))
    assert result.exit_code == 2


def test_a_task_table_kept_in_excel_is_compared_with_a_later_draft():
    from pathlib import Path

    examples = Path(__file__).resolve().parents[2] / "examples"
    result = CliRunner().invoke(main, ["diff", str(examples / "phu-luc-ke-hoach-2025.xlsx"),
                                       str(examples / "ke-hoach-v2.docx"), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {k: report["summary"][k] for k in ("modified", "added", "removed")} == {
        "modified": 3, "added": 1, "removed": 1}
    shifted = [c for c in report["changes"] if c["deadline_shift_days"]]
    assert [(c["old"][0]["deadline"]["due"], c["new"][0]["deadline"]["due"]) for c in shifted] == [
        ("2025-06-30", "2025-09-30")]
