"""``tthc registry`` through click's CliRunner, on each backend."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from registry_fixtures import CORPUS, EXTRACT, ROOT, add_three_versions

from tthc_docs.cli import main
from tthc_docs.registry import Actor, Registry, Via

AS_OF = "2025-06-30"
# Written out here, not taken from the registry's data: the collectives a task
# of Sở Y tế can be addressed through, and some that do not include it.
INCLUDES_SO_Y_TE = (
    "Sở Y tế", "Các sở, ban, ngành", "Các sở, ban, ngành, địa phương", "Các cơ quan, đơn vị, địa phương",
    "Các cơ quan, đơn vị", "Các cơ quan, đơn vị có liên quan", "Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh",
    "Các cơ quan hành chính nhà nước", "Thủ trưởng các sở, ban, ngành",
)
EXCLUDES_SO_Y_TE = ("Các địa phương", "Ủy ban nhân dân các cấp", "Các cơ quan ngành dọc", "Ủy ban nhân dân cấp huyện")


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(main, ["registry", *args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def corpus_db(db_url: str) -> str:
    run("add", *map(str, CORPUS), "--db", db_url)
    return db_url


def test_overdue_tasks_of_so_y_te_over_the_corpus(corpus_db: str) -> None:
    expected = set()
    for path in sorted(EXTRACT.glob("*.json")):
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            due = (task.get("deadline") or {}).get("due")
            if due and due < AS_OF and set(task["lead"]) & set(INCLUDES_SO_Y_TE):
                expected.add((task["id"], task["content"]))
    result = run("list", "--agency", "Sở Y tế", "--overdue", "--as-of", AS_OF, "--format", "json", "--db", corpus_db)
    listed = json.loads(result.output)
    assert expected and {(t["id"], t["content"]) for t in listed} == expected
    assert len(listed) == len(expected)
    assert {t["category"] for t in listed} == {"overdue"} and all(t["days_late"] > 0 for t in listed)


@pytest.mark.parametrize("collective", EXCLUDES_SO_Y_TE)
def test_collectives_that_do_not_include_the_department_stay_out(corpus_db: str, collective: str) -> None:
    listed = json.loads(run("list", "--agency", "Sở Y tế", "--format", "json", "--db", corpus_db).output)
    assert all(collective not in t["lead"] or set(t["lead"]) & set(INCLUDES_SO_Y_TE) for t in listed)


def test_add_batch_goes_on_past_a_bad_file(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    empty = tmp_path / "trong.txt"
    empty.write_text("Không có nhiệm vụ nào ở đây.", encoding="utf-8")
    result = run("add", str(bad), str(CORPUS[3]), str(empty), "--db", db_url, ok=False)
    assert result.exit_code == 1
    assert "hong.pdf: FAILED" in result.output and "trong.txt: FAILED" in result.output
    assert "plan 1 (5755/KH-UBND) version 1: 41 tasks" in result.output
    plans = json.loads(run("plans", "--format", "json", "--db", db_url).output)
    assert [p["number"] for p in plans] == ["5755/KH-UBND"]
    assert "Traceback" not in result.output


def test_version_of_names_the_plan(db_url: str, tmp_path: Path) -> None:
    run("add", str(CORPUS[3]), "--db", db_url)
    redraft = tmp_path / "du-thao.txt"
    redraft.write_bytes(CORPUS[3].read_bytes().replace("5755/KH-UBND".encode(), b"6000/KH-UBND"))
    result = run("add", str(redraft), "--version-of", "1", "--db", db_url)
    assert "plan 1 (5755/KH-UBND) version 2" in result.output and "41 unchanged" in result.output
    again = run("add", str(redraft), "--version-of", "77", "--db", db_url)
    assert "already stored as plan 1 version 2; nothing added" in again.output
    redraft.write_bytes(redraft.read_bytes() + "\n".encode())
    missing = run("add", str(redraft), "--version-of", "77", "--db", db_url, ok=False)
    assert missing.exit_code == 1 and "no plan with id 77" in missing.output


def test_set_and_history(corpus_db: str) -> None:
    key = json.loads(run("list", "--plan", "5755/KH-UBND", "--format", "json", "--db", corpus_db).output)[0]["key"]
    out = run("set", key, "--status", "done", "--on", "15/06/2021", "--note", "Đã ban hành", "--db", corpus_db).output
    assert f"{key}: done on 2021-06-15 (version 2)" in out
    history = run("history", key, "--db", corpus_db).output.splitlines()
    assert "via extraction: task: ∅ → added in version 1" in history[0]
    assert "via cli: status: not_started → done" in history[1] and "→ Đã ban hành" in history[3]
    stale = run("set", key, "--status", "in_progress", "--expected-version", "1", "--db", corpus_db, ok=False)
    assert stale.exit_code == 1 and f"task {key} was changed by someone else" in stale.output
    unknown = run("set", "P99-1", key, "--status", "in_progress", "--db", corpus_db, ok=False)
    assert unknown.exit_code == 1 and "P99-1" in unknown.output and f"{key}: in_progress (version 3)" in unknown.output


def test_history_words_each_life_event(db_url: str) -> None:
    with Registry(db_url) as reg:
        keys = add_three_versions(reg, Actor("lan", Via.CLI))
    expected = {
        "removed": ["v1  lan via extraction: task: ∅ → added in version 1",
                    "v2  lan via extraction: task: version 1 → removed in version 2"],
        "split": ["v1  lan via extraction: task: ∅ → added in version 1",
                  "v2  lan via extraction: task: ∅ → split in version 2 into I.2 | I.3",
                  "v3  lan via extraction: task: ∅ → merged in version 3 with 1 other task(s)"],
        "piece": [f"v2  lan via extraction: task: ∅ → split off in version 2 from {keys['split']}",
                  "v3  lan via extraction: task: version 2 → merged in version 3"],
    }
    for name, lines in expected.items():
        shown = run("history", keys[name], "--db", db_url).output.splitlines()
        assert [line.split(" UTC  ", 1)[1] for line in shown if ": task: " in line] == lines
    piece = json.loads(run("history", keys["piece"], "--format", "json", "--db", db_url).output)
    assert [(c["field"], c["old"], c["new"], c["version"]) for c in piece if c["field"] == "task"] == [
        ("task", None, f"split off in version 2 from {keys['split']}", 2),
        ("task", "version 2", "merged in version 3", 3),
    ]


def test_export_reads_back_into_render_and_diff(corpus_db: str, tmp_path: Path) -> None:
    from tthc_docs.readers.tasktable import load_task_table
    from tthc_docs.render.report import progress

    key = json.loads(run("list", "--plan", "242/QĐ-UBND", "--format", "json", "--db", corpus_db).output)[0]["key"]
    run("set", key, "--status", "done", "--on", "2025-03-01", "--db", corpus_db)
    out = tmp_path / "export.json"
    run("export", "242/QĐ-UBND", "-o", str(out), "--db", corpus_db)
    table = load_task_table(out)
    assert sum(progress(table, date(2025, 6, 30)).counts[:2]) == 1
    diff = CliRunner().invoke(main, ["diff", str(EXTRACT / "an-giang-2025-quyet-dinh-242-ke-hoach-kiem-soat-tthc.json"),
                                     str(out), "--format", "json"])
    assert diff.exit_code == 0 and json.loads(diff.output)["summary"]["unchanged"] == len(table.tasks)


def exported_sheet(db: str, book_path: Path):
    """Seed 001 exported from the registry: the workbook, its task sheet, and the
    columns of status, completion date and key (1-based)."""
    from openpyxl import load_workbook

    run("export", "5755/KH-UBND", "-o", str(book_path), "--db", db)
    book = load_workbook(book_path)
    sheet = book["Nhiệm vụ"]
    headers = [c.value for c in sheet[1]]
    return book, sheet, (headers.index(h) + 1 for h in ("Trạng thái", "Ngày hoàn thành", "Mã theo dõi"))


def test_import_status_from_the_exported_workbook(corpus_db: str, tmp_path: Path) -> None:
    book_path = tmp_path / "theo-doi.xlsx"
    book, sheet, (status_col, done_col, key_col) = exported_sheet(corpus_db, book_path)
    keys = [sheet.cell(row=r, column=key_col).value for r in range(2, 6)]
    sheet.cell(row=2, column=status_col, value="Đã hoàn thành")
    sheet.cell(row=2, column=done_col, value=date(2021, 7, 1))
    sheet.cell(row=3, column=status_col, value="Đang thực hiện")
    sheet.cell(row=4, column=status_col, value="Hoàn thành")
    sheet.cell(row=4, column=done_col, value="05/08/2021")
    sheet.cell(row=5, column=key_col, value="P99-99")
    sheet.cell(row=5, column=status_col, value="Đang thực hiện")
    book.save(book_path)
    result = run("import-status", str(book_path), "--db", corpus_db, ok=False)
    assert result.exit_code == 1 and "P99-99" in result.output and "3 updated" in result.output
    listed = {t["key"]: t for t in json.loads(run("list", "--plan", "5755/KH-UBND", "--format", "json",
                                                  "--db", corpus_db).output)}
    assert (listed[keys[0]]["status"], listed[keys[0]]["completed_on"]) == ("done", "2021-07-01")
    assert listed[keys[1]]["status"] == "in_progress"
    assert listed[keys[2]]["completed_on"] == "2021-08-05"
    again = run("import-status", str(book_path), "--db", corpus_db, ok=False)
    assert f"0 updated, {sheet.max_row - 2} unchanged" in again.output


def test_import_status_refuses_a_bad_value_and_changes_nothing(corpus_db: str, tmp_path: Path) -> None:
    book_path = tmp_path / "sai.xlsx"
    book, sheet, (status_col, done_col, _) = exported_sheet(corpus_db, book_path)
    sheet.cell(row=2, column=status_col, value="Đã hoàn thành")
    sheet.cell(row=3, column=done_col, value="31/02/2021")
    sheet.cell(row=3, column=status_col, value="Đã hoàn thành")
    book.save(book_path)
    result = run("import-status", str(book_path), "--db", corpus_db, ok=False)
    assert result.exit_code == 1 and "row 3" in result.output and "31/02/2021" in result.output
    assert "Traceback" not in result.output
    assert json.loads(run("list", "--status", "done", "--format", "json", "--db", corpus_db).output) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_list_as_spreadsheet(corpus_db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"qua-han.{fmt}"
    run("list", "--overdue", "--as-of", AS_OF, "--format", fmt, "-o", str(out), "--db", corpus_db)
    if fmt == "csv":
        import csv

        rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    else:
        from openpyxl import load_workbook

        rows = [list(r) for r in load_workbook(out).active.iter_rows(values_only=True)]
    count = len(json.loads(run("list", "--overdue", "--as-of", AS_OF, "--format", "json", "--db", corpus_db).output))
    assert rows[0][:3] == ["Mã theo dõi", "Kế hoạch", "Số văn bản"] and len(rows) == count + 1
    assert {r[rows[0].index("Phân loại")] for r in rows[1:]} == {"Đang thực hiện quá hạn"}


def test_usage_errors_exit_2(db_url: str) -> None:
    assert run("list", "--format", "xlsx", "--db", db_url, ok=False).exit_code == 2
    assert run("set", "P1-1", "--status", "in_progress", "--on", "2025-01-01", "--db", db_url, ok=False).exit_code == 2
    assert run("list", "--as-of", "hôm qua", "--db", db_url, ok=False).exit_code == 2


def test_bad_database_url_is_a_clear_error() -> None:
    result = run("plans", "--db", "mysql://x@localhost/y", ok=False)
    assert result.exit_code == 1 and "unsupported database 'mysql'" in result.output


def test_default_database_lives_in_the_user_data_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("TTHC_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    run("add", str(CORPUS[3]))
    assert (tmp_path / "data" / "tthc-docs" / "registry.sqlite3").is_file()
    monkeypatch.setenv("TTHC_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    run("add", str(CORPUS[3]))
    assert (tmp_path / "env.db").is_file()


def test_readme_section_exists() -> None:
    assert "## Task registry: `tthc registry`" in (ROOT / "README.md").read_text(encoding="utf-8")
