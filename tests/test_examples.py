"""The files of examples/ agree with each other, as the README's commands use them:
each metadata file fits the table it renders, the slips are dated before the due
dates they apologise for, the two plan drafts differ in the ways the README says."""

from __future__ import annotations

from pathlib import Path

import pytest

from tthc_docs.diff import diff_tables
from tthc_docs.extract import extract_path
from tthc_docs.readers.tasktable import load_task_table
from tthc_docs.render.dossiers import read_dossiers
from tthc_docs.render.meta import load_meta

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def test_the_plan_metadata_is_the_plan_its_appendix_belongs_to():
    meta = load_meta(EXAMPLES / "plan.meta.yaml", "plan")
    appendix = extract_path(EXAMPLES / "phu-luc-ke-hoach-2025.xlsx").document
    assert (appendix.number, appendix.date, appendix.place) == (meta.number, meta.date, meta.place)
    assert appendix.issuer == meta.issuer_name


def test_the_decision_metadata_is_the_decision_of_its_table():
    meta = load_meta(EXAMPLES / "decision.meta.yaml", "decision")
    table = load_task_table(ROOT / "extract" / "an-giang-2025-quyet-dinh-242-ke-hoach-kiem-soat-tthc.json")
    assert (table.document.number, table.document.date) == (meta.number, meta.date)


def test_the_report_covers_the_table_it_reports_on():
    meta = load_meta(EXAMPLES / "report.meta.yaml", "report")
    table = load_task_table(EXAMPLES / "nhiem-vu-da-cap-nhat.xlsx")
    assert table.document.number in meta.plan_reference
    assert table.document.date < meta.as_of <= meta.date
    statuses = {t.status for t in table.tasks}
    assert {"done", "in_progress", "not_started"} <= statuses
    done = [t for t in table.tasks if t.status == "done"]
    assert done and all(table.document.date <= t.completed_on <= meta.as_of for t in done)


@pytest.mark.parametrize("sheet, columns", [
    ("ho-so-tre-han.xlsx", {}),
    ("ho-so-tre-han-he-thong-khac.xlsx", {"due_on": "Ngày hẹn trả (theo quy định)"}),
])
def test_apology_slips_are_dated_before_the_due_dates_they_apologise_for(sheet, columns):
    meta = load_meta(EXAMPLES / "apology.meta.yaml", "apology")
    dossiers = read_dossiers(EXAMPLES / sheet, columns=columns).dossiers
    assert dossiers and all(d.received_on <= meta.date < d.due_on < d.new_due_on for d in dossiers)


def test_the_two_plan_drafts_differ_as_the_readme_says():
    old, new = extract_path(EXAMPLES / "ke-hoach-v1.docx"), extract_path(EXAMPLES / "ke-hoach-v2.pdf")
    assert old.document.number == new.document.number == "12/KH-UBND"
    summary = diff_tables(old, new).summary
    assert (summary["modified"], summary["added"], summary["removed"]) == (3, 1, 1)
