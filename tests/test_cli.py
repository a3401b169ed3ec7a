"""The tthc command, driven through click's CliRunner on the corpus and on bad files."""

import json
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from tthc_docs.cli import main
from tests.conftest import CORPUS, SEED_CHI_THI_000, SEED_PHU_LUC_001


@pytest.fixture()
def runner():
    return CliRunner()


HEAVY = ("spacy", "underthesea", "docx", "pdfplumber", "openpyxl", "yaml", "rapidfuzz", "tthc_docs.nlp", "tthc_docs.models",
         "tthc_docs.readers", "tthc_docs.writers")


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["diff", "--help"], ["render", "--help"]])
def test_help_loads_no_nlp_nor_document_library(args):
    code = ("import sys; from click.testing import CliRunner; from tthc_docs.cli import main; "
            f"r = CliRunner().invoke(main, {args!r}); assert r.exit_code == 0, r.output; "
            f"heavy = [m for m in sys.modules if m.startswith({HEAVY!r})]; "
            "assert not heavy, heavy; print(r.output)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Usage:" in out


def test_a_json_only_extract_of_text_loads_no_workbook_nor_document_code(tmp_path):
    # A .txt read into JSON needs neither the workbook code (openpyxl, lxml, the task-table
    # reader) nor the .docx and PDF libraries: a fresh run pays none of their imports.
    unused = ("openpyxl", "lxml", "docx", "pdfplumber", "pdfminer", "tthc_docs.readers.tasktable",
              "tthc_docs.sheet_layout", "tthc_docs.writers.xlsx_writer")
    code = ("import sys; from tthc_docs.cli import main; "
            f"main(['extract', {str(SEED_PHU_LUC_001)!r}, '-o', {str(tmp_path)!r}, '--format', 'json', '-j', '1'], "
            "standalone_mode=False); "
            f"print([m for m in sys.modules if m.startswith({unused!r})])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
    assert json.loads((tmp_path / f"{SEED_PHU_LUC_001.stem}.json").read_text(encoding="utf-8"))["tasks"]


def test_help_lists_every_command():
    out = CliRunner().invoke(main, ["--help"]).output
    for command in ("extract", "refs", "migrate", "render", "check", "diff"):
        assert command in out


def test_one_file_gives_json_on_stdout(runner):
    result = runner.invoke(main, ["extract", str(SEED_PHU_LUC_001)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "tthc-tasks/1" and len(data["tasks"]) == 41


def test_folder_writes_json_and_xlsx_per_document_and_a_summary(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(CORPUS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    stems = sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert sorted(p.stem for p in out.glob("*.json")) == stems
    assert sorted(p.stem for p in out.glob("*.xlsx")) == stems
    assert "5 of 5 documents" in result.output
    book = openpyxl.load_workbook(out / f"{SEED_PHU_LUC_001.stem}.xlsx")
    assert book.worksheets[0].max_row == 42  # header + 41 tasks


def test_existing_output_is_kept_without_force(runner, tmp_path):
    target = tmp_path / "seed.json"
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(SEED_PHU_LUC_001), "-o", str(target)])
    assert result.exit_code == 1 and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "mine"
    assert runner.invoke(main, ["extract", str(SEED_PHU_LUC_001), "-o", str(target), "--force"]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "tthc-tasks/1"


@pytest.mark.parametrize("fmt, check", [
    ("csv", lambda data: data.startswith(b"\xef\xbb\xbf")),
    ("md", lambda data: b"| " in data),
    ("xlsx", lambda data: zipfile.is_zipfile(__import__("io").BytesIO(data))),
])
def test_formats(runner, tmp_path, fmt, check):
    target = tmp_path / f"seed.{fmt}"
    result = runner.invoke(main, ["extract", str(SEED_PHU_LUC_001), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert check(target.read_bytes())


def test_stdin(runner):
    text = SEED_PHU_LUC_001.read_bytes()
    result = runner.invoke(main, ["extract", "-"], input=text)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["tasks"]) == 41


def test_a_batch_goes_on_past_bad_inputs_and_exits_1(runner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "empty.txt").write_bytes(b"")
    (docs / "random.docx").write_bytes(bytes(range(256)) * 4)
    (docs / "truncated.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (docs / "good.txt").write_bytes(SEED_PHU_LUC_001.read_bytes())
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(docs), "-o", str(out)])
    assert result.exit_code == 1
    assert (out / "good.json").exists() and (out / "good.xlsx").exists()
    assert "1 of 4 documents" in result.output
    for name in ("empty.txt", "random.docx", "truncated.docx"):
        assert f"{name}" in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 3 and all(len(line) < 400 for line in lines)


def test_unknown_extension_is_refused_with_a_message(runner, tmp_path):
    odd = tmp_path / "plan.xyz"
    odd.write_text("STT\tNội dung\tCơ quan chủ trì\n1\tRà soát\tSở Tư pháp\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(odd)])
    assert result.exit_code == 1 and "plan.xyz" in result.output and "unknown extension" in result.output


def test_usage_errors_exit_2(runner, tmp_path):
    assert runner.invoke(main, ["extract"]).exit_code == 2
    assert runner.invoke(main, ["extract", str(CORPUS)]).exit_code == 2  # a folder needs -o
    assert runner.invoke(main, ["extract", str(SEED_PHU_LUC_001), "--format", "pdf"]).exit_code == 2


def test_refs_lists_most_cited_first(runner):
    result = runner.invoke(main, ["refs", str(SEED_CHI_THI_000)])
    assert result.exit_code == 0, result.output
    counts = [int(line.split()[0]) for line in result.output.splitlines()]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    assert "107/2021/NĐ-CP" in result.output


def test_migrate_seed000_as_of_2026(runner, tmp_path):
    table = tmp_path / "ct.json"
    assert runner.invoke(main, ["extract", str(SEED_CHI_THI_000), "-o", str(table)]).exit_code == 0
    out = tmp_path / "ct-2026.json"
    result = runner.invoke(main, ["migrate", str(table), "--as-of", "2026-01-01", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ" in result.output
    assert "Sở Kế hoạch và Đầu tư → Sở Tài chính" in result.output
    assert "Ủy ban nhân dân cấp huyện no longer exists" in result.output and "decide by hand" in result.output
    tasks = {t["id"]: t for t in json.loads(out.read_text(encoding="utf-8"))["tasks"]}
    assert tasks["10.a"]["lead"] == ["Sở Khoa học và Công nghệ"]
    assert "Ủy ban nhân dân cấp huyện" in tasks["1"]["lead"]  # flagged, never guessed


def test_two_formats_to_one_named_file_give_one_file_each(runner, tmp_path):
    target = tmp_path / "seed.json"
    result = runner.invoke(main, ["extract", str(SEED_PHU_LUC_001), "-o", str(target), "--format", "json",
                                  "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "tthc-tasks/1"
    assert zipfile.is_zipfile(tmp_path / "seed.xlsx")


def test_documents_with_the_same_name_do_not_overwrite_each_other(runner, tmp_path):
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "b").mkdir()
    (docs / "a" / "plan.txt").write_bytes(SEED_PHU_LUC_001.read_bytes())
    (docs / "b" / "plan.txt").write_bytes(SEED_PHU_LUC_001.read_bytes())
    (docs / "a" / "plan.md").write_bytes(SEED_PHU_LUC_001.read_bytes())
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(docs), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert written == ["a/plan.md.json", "a/plan.txt.json", "b/plan.json"]


def test_the_main_command_runs_twice_and_keeps_what_it_did_not_write(runner, tmp_path):
    out = tmp_path / "out"
    first = runner.invoke(main, ["extract", str(CORPUS), "-o", str(out)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["extract", str(CORPUS), "-o", str(out)])
    assert second.exit_code == 0, second.output
    assert "5 of 5 documents" in second.output
    staff = out / f"{SEED_PHU_LUC_001.stem}.xlsx"
    book = openpyxl.load_workbook(staff)
    book.worksheets[0]["A1"] = "STT"
    book.save(staff)
    edited = staff.read_bytes()
    third = runner.invoke(main, ["extract", str(CORPUS), "-o", str(out)])
    assert third.exit_code == 1 and "4 of 5 documents" in third.output
    assert "did not write it (or it was changed since); pass --force" in third.output
    assert staff.read_bytes() == edited


def test_the_output_folder_inside_the_input_folder_is_not_read_again(runner, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "seed.txt").write_bytes(SEED_PHU_LUC_001.read_bytes())
    out = tmp_path / "docs" / "out"
    for _ in range(2):
        result = runner.invoke(main, ["extract", str(tmp_path / "docs"), "-o", str(out)])
        assert result.exit_code == 0 and "1 of 1 documents" in result.output, result.output
    assert sorted(p.name for p in out.iterdir()) == [".tthc-manifest", "seed.json", "seed.xlsx"]


@pytest.mark.parametrize("written", ["2026-01-01", "01/01/2026", "1/1/2026", "01.01.2026", "01-01-2026"])
def test_as_of_takes_the_same_date_forms_in_every_command(runner, tmp_path, written):
    extracted = runner.invoke(main, ["extract", str(SEED_PHU_LUC_001), "--as-of", written])
    assert extracted.exit_code == 0, extracted.output
    successors = {s["old"] for t in json.loads(extracted.output)["tasks"] for s in t["successors"]}
    assert "Sở Thông tin và Truyền thông" in successors
    table = tmp_path / "bang.json"
    table.write_text(extracted.output, encoding="utf-8")
    migrated = runner.invoke(main, ["migrate", str(table), "--as-of", written])
    assert migrated.exit_code == 0, migrated.output


@pytest.mark.parametrize("command", [["extract", str(SEED_PHU_LUC_001)], ["migrate", str(SEED_PHU_LUC_001)]])
def test_a_bad_as_of_is_a_usage_error_naming_it(runner, command):
    result = runner.invoke(main, [*command, "--as-of", "31/02/2026"])
    assert result.exit_code == 2
    assert "Invalid value for '--as-of': date '31/02/2026' is not a real date" in result.output


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_jobs_give_the_same_bytes_errors_and_summary_as_one_process(runner, tmp_path):
    """Corpus documents, the seeds in their Word form and bad files, in a nested folder:
    two worker processes write exactly what one process writes, and report the same."""
    docs = tmp_path / "docs"
    (docs / "nested").mkdir(parents=True)
    for path in sorted(CORPUS.glob("*.txt")):
        (docs / path.name).write_bytes(path.read_bytes())
    (docs / "nested" / "plan.txt").write_bytes(SEED_CHI_THI_000.read_bytes())
    (docs / "nested" / "empty.txt").write_bytes(b"")
    (docs / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    results = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = runner.invoke(main, ["extract", str(docs), "-o", str(out), "--format", "json", "--format", "xlsx",
                                      "--format", "md", "-j", jobs])
        assert result.exit_code == 1
        results[jobs] = (_files(out), result.output)
    assert results["1"][0] == results["2"][0]
    assert len(results["1"][0]) == 6 * 3 + 1  # and the manifest of what tthc wrote
    assert results["1"][1] == results["2"][1]
    assert "6 of 8 documents" in results["2"][1]
    errors = [line for line in results["2"][1].splitlines() if line.startswith("error:")]
    assert [("broken.docx" in e, "empty.txt" in e) for e in errors] == [(True, False), (False, True)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_manifest_that_cannot_be_written_is_an_error_after_the_outputs(runner, tmp_path, jobs):
    out = tmp_path / "out"
    (out / ".tthc-manifest").mkdir(parents=True)  # a folder where the manifest goes
    result = runner.invoke(main, ["extract", str(CORPUS), "-o", str(out), "--format", "json", "-j", jobs])
    assert result.exit_code == 1
    assert ".tthc-manifest: cannot record the files written" in result.output
    assert "Traceback" not in result.output
    assert len(list(out.glob("*.json"))) == len(list(CORPUS.glob("*.txt")))


def test_a_rerun_replaces_the_outputs_of_the_last_run(runner, tmp_path):
    out = tmp_path / "out"
    for _ in range(2):
        result = runner.invoke(main, ["extract", str(CORPUS), "-o", str(out), "-j", "2"])
        assert result.exit_code == 0, result.output
    manifest = json.loads((out / ".tthc-manifest").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(p.name for p in out.iterdir() if p.name != ".tthc-manifest")


def test_jobs_must_be_positive(runner):
    result = runner.invoke(main, ["extract", str(CORPUS), "-o", "out", "-j", "0"])
    assert result.exit_code == 2 and "-j" in result.output
