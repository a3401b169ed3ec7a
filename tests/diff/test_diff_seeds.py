"""The issue's acceptance checks on the seed documents: a second version of seed
001 with known edits reports exactly those edits; every seed against itself, and
seed 001 against the same table written to .docx, reports nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from diff_fixtures import EXTRACT, SEEDS, derive_seed_001, load_seed_json

from tthc_docs.diff import diff_tables
from tthc_docs.models import TaskTable


def test_derived_version_reports_exactly_the_known_edits(seed_001):
    derived = derive_seed_001(seed_001)
    result = diff_tables(seed_001, derived.table)
    edits = result.edits

    removed = [c.old[0].id for c in edits if c.status == "removed"]
    added = [c.new[0].content for c in edits if c.status == "added"]
    splits = [(c.old[0].id, tuple(t.content for t in c.new)) for c in edits if c.status == "split"]
    modified = {c.old[0].id: c.field_names for c in edits if c.status == "modified"}
    shifts = {c.old[0].id: c.deadline_shift_days for c in edits if "deadline" in c.field_names}

    assert removed == list(derived.removed)
    assert added == list(derived.added)
    assert splits == [derived.split]
    assert modified == derived.modified
    assert shifts == derived.shifts
    assert [c.status for c in edits if c.status == "merged"] == []
    assert result.summary == {"unchanged": len(seed_001.tasks) - 1 - 1 - len(derived.modified),
                              "modified": 8, "added": 2, "removed": 1, "split": 1, "merged": 0}


def test_derived_version_details(seed_001):
    """The changed values themselves, as a reviewer reads them."""
    derived = derive_seed_001(seed_001)
    by_old = {c.old[0].id: c for c in diff_tables(seed_001, derived.table).edits if c.old}
    lead = by_old["I.7"].fields[0]
    assert lead.added == ("Sở Nội vụ",) and "Sở Nội vụ" not in lead.removed
    assert by_old["I.8"].fields[0].added == ("Sở Tư pháp",) and by_old["I.8"].fields[0].removed == ()
    assert by_old["I.5"].fields[0].new == "Quý I/2022"
    moved = by_old["I.23"]
    assert moved.new[0].id == "II.10" and moved.new[0].section == "Năm 2022"
    assert [t.id for t in by_old["I.2"].new] == ["I.2", "I.3"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_each_seed_document_against_itself(seed: Path):
    from tthc_docs.extract import extract_path

    table = extract_path(seed)
    assert table.tasks, "the extractor found no task: nothing was compared"
    result = diff_tables(table, extract_path(seed))
    assert result.edits == ()
    assert result.summary["unchanged"] == len(table.tasks)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_each_reviewed_seed_table_against_itself(seed: Path):
    table = load_seed_json(EXTRACT / f"{seed.stem}.json")
    result = diff_tables(table, TaskTable.from_dict(table.to_dict()))
    assert result.edits == ()
    assert result.summary["unchanged"] == len(table.tasks)


SEED_001_HEADER = ["STT", "Nội dung công việc", "Đơn vị chủ trì triển khai", "Đơn vị thực hiện",
                   "Đơn vị phối hợp", "Đơn vị theo dõi, đôn đốc", "Thời gian thực hiện", "Sản phẩm"]


def _seed_001_rows(table: TaskTable) -> list[list[str]]:
    """Seed 001's appendix as it is laid out: a section row "I | Năm 2021", then
    its tasks numbered from 1."""
    rows, section = [], None
    for task in table.tasks:
        if task.section != section:
            section = task.section
            rows.append([task.id.split(".")[0], section] + [""] * 6)
        rows.append([task.id.split(".")[-1], task.content, task.lead_raw or "", task.implementing_raw or "",
                     task.coordinating_raw or "", task.monitoring_raw or "",
                     task.deadline.text if task.deadline else "", task.product or ""])
    return rows


def test_seed_001_against_the_same_table_in_word(seed_001, tmp_path):
    builders = pytest.importorskip("readers.builders", reason="tests/readers/builders.py is needed")
    from tthc_docs.extract import extract_path

    path = builders.build_docx(tmp_path / "ke-hoach-5755.docx", SEED_001_HEADER, _seed_001_rows(seed_001),
                               paragraphs_before=["PHỤ LỤC", "Phân công nhiệm vụ cụ thể triển khai thực hiện "
                                                  "Quyết định số 468/QĐ-TTg ngày 27/3/2021"])
    from_word = extract_path(path)
    assert len(from_word.tasks) == len(seed_001.tasks)
    result = diff_tables(seed_001, from_word)
    assert result.edits == ()
