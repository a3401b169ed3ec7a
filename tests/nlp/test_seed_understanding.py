"""Issue 3 on the seeds: canonical agencies, deadlines of every cell, succession."""

from datetime import date

import pytest

from tthc_docs.extract import extract_path
from tthc_docs.nlp.agencies import canonical_agency
from tests.conftest import SEED_KE_HOACH_003, SEED_PHU_LUC_001, SEED_QUYET_DINH_002


@pytest.fixture(scope="module")
def seed002():
    return extract_path(SEED_QUYET_DINH_002)


def test_seed002_every_task_has_a_canonical_lead_or_says_where_it_was_assigned(seed002):
    for task in seed002.tasks:
        if task.lead_raw.startswith("Đã được phân công theo"):  # rows 10.8–10.12: a merged reference cell
            assert task.lead == () and task.notes == task.lead_raw and task.legal_refs
        else:
            assert task.lead, task.id
            for name in task.lead:  # a gazetteer name, or kept verbatim and reported
                assert canonical_agency(name) == name or any(repr(name) in w for w in seed002.warnings), name


def test_seed002_spellings_of_one_department_give_one_name(seed002):
    tasks = {t.id: t for t in seed002.tasks}
    assert canonical_agency("Sở Thông tin truyền thông") == canonical_agency("Sở Thông tin và Truyền thông")
    assert "Sở Thông tin và Truyền thông" in tasks["PL.3.7"].coordinating  # written "Sở Thông tin truyền thông"
    assert tasks["PL.3.3"].lead == ("Văn phòng Ủy ban nhân dân tỉnh",)  # "Văn phòng UBND tỉnh (Trung tâm PVHCC tỉnh)"


def test_every_deadline_cell_of_the_tables_gets_a_kind():
    cells = [t.deadline for path in (SEED_PHU_LUC_001, SEED_QUYET_DINH_002, SEED_KE_HOACH_003)
             for t in extract_path(path).tasks if t.deadline is not None and t.origin == "table"]
    assert len(cells) == 23 + 121 + 34
    assert all(d.kind is not None for d in cells)
    understood = [d for d in cells if d.kind != "none"]
    # The one "none" is seed 002 table 1 row 9, whose cells are shifted in the source:
    # its deadline column holds "Tham dự Hội nghị, Hội thảo, tọa đàm, …".
    assert len(cells) - len(understood) == 1


def test_seed002_month_milestones_take_the_document_year(seed002):
    task = next(t for t in seed002.tasks if t.deadline and t.deadline.text.startswith("Trong tháng 4"))
    assert [m.due for m in task.deadline.milestones] == [date(2025, 4, 30), date(2025, 6, 30)]


def test_as_of_adds_successors():
    table = extract_path(SEED_PHU_LUC_001, as_of=date(2026, 1, 1))
    task = {t.id: t for t in table.tasks}["I.6"]
    changes = {s.old: s for s in task.successors}
    assert changes["Sở Thông tin và Truyền thông"].new == ("Sở Khoa học và Công nghệ",)
    assert changes["Ủy ban nhân dân cấp huyện"].needs_review
