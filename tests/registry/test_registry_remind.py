"""``tthc registry remind``: a Công văn đôn đốc per lead agency with overdue tasks,
each passing ``tthc check``, and one XLSX summary."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from registry_fixtures import CORPUS, EXTRACT, ROOT

from tthc_docs.cli import main

AS_OF = "2025-06-30"
META = ROOT / "examples" / "reminder.meta.yaml"


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(main, ["registry", *args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def expected_overdue(as_of: str, within_until: str | None = None) -> Counter:
    """Overdue (and, with ``within_until``, soon due) tasks per lead agency, from the extracted tables."""
    counts: Counter = Counter()
    for path in sorted(EXTRACT.glob("*.json")):
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            due = (task.get("deadline") or {}).get("due")
            if due and (due < as_of or (within_until and due <= within_until)):
                counts.update(set(task["lead"]))
    return counts


def letter_rows(path: Path) -> list[list[str]]:
    from docx import Document

    table = Document(str(path)).tables[1]
    return [[c.text for c in row.cells] for row in table.rows[1:]]


@pytest.fixture
def letters(db_url: str, tmp_path: Path):
    run("add", *map(str, CORPUS), "--db", db_url)
    out = tmp_path / "don-doc"
    result = run("remind", "--as-of", AS_OF, "--meta", str(META), "-o", str(out), "--db", db_url)
    return db_url, out, result.output


def addressee(path: Path) -> str:
    from docx import Document

    line = next(p.text for p in Document(str(path)).paragraphs if p.text.startswith("Kính gửi:"))
    return line.removeprefix("Kính gửi:").strip().rstrip(".")


def test_one_letter_per_lead_agency_with_overdue_tasks(letters) -> None:
    _, out, _ = letters
    expected = expected_overdue(AS_OF)
    files = sorted(out.glob("*.docx"))
    assert expected and len(files) == len(expected)
    found = {addressee(f): f for f in files}
    assert set(found) == set(expected)
    for agency, count in expected.items():
        rows = letter_rows(found[agency])
        assert len(rows) == count, agency
        assert all(row[4].startswith("Quá hạn ") and row[4].endswith(" ngày") for row in rows)


def test_every_letter_passes_the_format_check(letters) -> None:
    from tthc_docs.render.check import check_docx

    _, out, _ = letters
    for path in sorted(out.glob("*.docx")):
        assert check_docx(path) == (), path.name
    result = CliRunner().invoke(main, ["check", *map(str, sorted(out.glob("*.docx")))])
    assert result.exit_code == 0, result.output


def test_letter_wording(letters) -> None:
    from docx import Document

    _, out, _ = letters
    path = next(p for p in out.glob("*.docx") if addressee(p) == "Sở Y tế")
    document = Document(str(path))
    header = " ".join(c.text for c in document.tables[0].rows[1].cells)
    assert "Số: " in header and "/VPUBND-TTHC" in header and "V/v đôn đốc thực hiện nhiệm vụ" in header
    text = "\n".join(p.text for p in document.paragraphs)
    assert "tính đến ngày 30 tháng 6 năm 2025, Sở Y tế còn 2 nhiệm vụ đã quá hạn" in text
    assert "trước ngày 15 tháng 7 năm 2025" in text


def test_summary_workbook(letters) -> None:
    from openpyxl import load_workbook

    _, out, _ = letters
    rows = list(load_workbook(out / "tong-hop-don-doc.xlsx")["Đôn đốc"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Cơ quan chủ trì", "Số nhiệm vụ quá hạn", "Số nhiệm vụ sắp đến hạn")
    assert {r[0]: r[1] for r in rows[1:]} == dict(expected_overdue(AS_OF))
    assert all((out / r[3]).is_file() for r in rows[1:])


def test_within_adds_tasks_due_soon(db_url: str, tmp_path: Path) -> None:
    run("add", *map(str, CORPUS), "--db", db_url)
    out = tmp_path / "sap-den-han"
    run("remind", "--as-of", "2025-03-01", "--within", "45", "--meta", str(META), "-o", str(out), "--db", db_url)
    expected = expected_overdue("2025-03-01", "2025-04-15")
    assert {addressee(f) for f in out.glob("*.docx")} == set(expected)
    states = [row[4] for f in out.glob("*.docx") for row in letter_rows(f)]
    assert any(s.startswith("Còn ") for s in states) and any(s.startswith("Quá hạn ") for s in states)


def test_existing_letters_are_not_overwritten(letters) -> None:
    db_url, out, _ = letters
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = run("remind", "--as-of", AS_OF, "--meta", str(META), "-o", str(out), "--db", db_url, ok=False)
    assert again.exit_code == 1 and "--force" in again.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    run("remind", "--as-of", AS_OF, "--meta", str(META), "-o", str(out), "--db", db_url, "--force")


def test_bad_meta_is_named(db_url: str, tmp_path: Path) -> None:
    meta = tmp_path / "sai.yaml"
    meta.write_text("issuing_body: Văn phòng\nnumbr: 1/VP\n", encoding="utf-8")
    result = run("remind", "--as-of", AS_OF, "--meta", str(meta), "-o", str(tmp_path / "x"), "--db", db_url, ok=False)
    assert result.exit_code == 1 and "unknown key 'numbr'" in result.output and "issuer_name" in result.output
