"""Field-level changes of a matched task, positions, and the order of the report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tthc_docs.diff.compare import compare_tasks, diff_tables, diff_tasks
from tthc_docs.models import Deadline, Target, Task, TaskTable

BASE = Task(
    id="I.5", section="Năm 2021",
    content=("Tổ chức đánh giá hoạt động của Bộ phận một cửa; đánh giá khả năng đáp ứng về cơ sở vật chất, "
             "số lượng nhân sự phù hợp"),
    lead=("Văn phòng UBND tỉnh",), lead_raw="Văn phòng UBND tỉnh",
    coordinating=("Các sở, ban, ngành", "UBND cấp huyện"), coordinating_raw="Các sở, ban, ngành, UBND cấp huyện",
    deadline=Deadline(text="Quý IV/2021", kind="period", due=date(2021, 12, 31)),
    targets=(Target(text="tối thiểu 80%", value=80, unit="%", comparator="≥"),),
    product="Báo cáo đánh giá",
)


def fields(old: Task, new: Task) -> dict[str, object]:
    return {f.field: f for f in compare_tasks(old, new)}


@pytest.mark.parametrize("new_deadline, shift", [
    (Deadline(text="Quý I/2022", kind="period", due=date(2022, 3, 31)), 90),
    (Deadline(text="Quý III/2021", kind="period", due=date(2021, 9, 30)), -92),
    (Deadline(text="Trước ngày 15/12/2021", kind="date", due=date(2021, 12, 15)), -16),
    (Deadline(text="Tháng 12/2021", kind="period", due=date(2021, 12, 31)), None),  # same day, same kind
    (Deadline(text="Trước ngày 31/12/2021", kind="date", due=date(2021, 12, 31)), 0),  # same day, other kind
])
def test_deadline_shift_in_days(new_deadline, shift):
    found = fields(BASE, replace(BASE, deadline=new_deadline))
    if shift is None:
        assert "deadline" not in found
    else:
        assert found["deadline"].shift_days == shift
        assert (found["deadline"].old, found["deadline"].new) == ("Quý IV/2021", new_deadline.text)


@pytest.mark.parametrize("old_text, new_text, changed", [
    ("Quý IV/ 2021", "Quý IV/2021", False),            # spacing only (seed 001 writes both)
    ("Thường xuyên", "thường xuyên.", False),
    ("Thường xuyên", "Hằng năm", True),
    ("Sau khi có hướng dẫn của bộ, ngành Trung ương", "Theo tiến độ Đề án 06", True),
    (None, "Quý I/2025", True),
])
def test_deadline_without_due_dates_compares_text(old_text, new_text, changed):
    old = replace(BASE, deadline=Deadline(text=old_text) if old_text else None)
    new = replace(BASE, deadline=Deadline(text=new_text))
    found = fields(old, new)
    assert ("deadline" in found) is changed
    if changed:
        assert found["deadline"].shift_days is None


def test_lead_changed_names_who_went_and_who_came():
    found = fields(BASE, replace(BASE, lead=("Sở Nội vụ",), lead_raw="Sở Nội vụ"))
    assert list(found) == ["lead"]
    assert found["lead"].removed == ("Văn phòng UBND tỉnh",) and found["lead"].added == ("Sở Nội vụ",)


def test_coordinating_agency_added():
    new = replace(BASE, coordinating=BASE.coordinating + ("Sở Tư pháp",))
    found = fields(BASE, new)
    assert list(found) == ["coordinating"]
    assert found["coordinating"].added == ("Sở Tư pháp",) and found["coordinating"].removed == ()


def test_agency_order_and_spelling_are_no_change():
    new = replace(BASE, coordinating=("UBND cấp huyện", "Các sở, ban, ngành"), lead=("Văn phòng UBND Tỉnh",))
    assert fields(BASE, new) == {}


def test_raw_cells_are_compared_when_names_are_not_canonical():
    old = replace(BASE, lead=(), coordinating=(), coordinating_raw="Sở Nội vụ; Sở Tư pháp")
    new = replace(old, coordinating_raw="Sở Nội vụ; Sở Tư pháp; Sở Tài chính")
    assert fields(old, new)["coordinating"].added == ("Sở Tài chính",)


@pytest.mark.parametrize("new_targets, removed, added", [
    ((Target(text="tối thiểu 90%", value=90, unit="%", comparator="≥"),), ("tối thiểu 80%",), ("tối thiểu 90%",)),
    ((Target(text="đạt tối thiểu 80%", value=80, unit="%", comparator="≥"),), None, None),  # reworded only
    ((), ("tối thiểu 80%",), ()),
])
def test_targets(new_targets, removed, added):
    found = fields(BASE, replace(BASE, targets=new_targets))
    if removed is None:
        assert "targets" not in found
    else:
        assert (found["targets"].removed, found["targets"].added) == (removed, added)


@pytest.mark.parametrize("change, field", [
    ({"content": BASE.content.replace("Tổ chức đánh giá", "Đánh giá")}, "content"),
    ({"product": "Báo cáo đánh giá và đề xuất giải pháp"}, "product"),
    ({"notes": "Chưa hoàn thành"}, "notes"),
    ({"implementing_raw": "Văn phòng UBND tỉnh, Văn phòng UBND huyện, xã"}, "implementing"),
])
def test_text_fields(change, field):
    found = fields(BASE, replace(BASE, **change))
    assert list(found) == [field]


@pytest.mark.parametrize("change", [
    {"content": BASE.content.replace("  ", " ").replace("một cửa", "một  cửa")},
    {"content": BASE.content.replace("hóa", "hoá")},
    {"id": "I.7"},  # renumbered only
    {"source": replace(BASE.source, line=200)},
    {"product": "Báo cáo  đánh giá"},
])
def test_no_change(change):
    assert compare_tasks(BASE, replace(BASE, **change)) == ()


def test_content_change_carries_a_word_redline():
    found = fields(BASE, replace(BASE, content=BASE.content.replace("Tổ chức đánh giá", "Đánh giá")))
    words = [(op.kind, op.text) for op in found["content"].words if op.kind != "equal"]
    assert words == [("delete", "Tổ chức đánh"), ("insert", "Đánh")]


TEXTS = [
    "Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án",
    "Tổ chức đánh giá hoạt động của Bộ phận một cửa thuộc phạm vi quản lý",
    "Thực hiện số hóa hồ sơ, giấy tờ, kết quả giải quyết TTHC trên môi trường điện tử",
    "Tiếp tục cập nhật, chuẩn hóa danh mục tài liệu, hồ sơ TTHC trên CSDL quốc gia về TTHC",
    "Đánh mã giấy tờ là thành phần hồ sơ giải quyết TTHC được số hóa tại Bộ phận một cửa",
    "Thực hiện chế độ báo cáo kết quả thực hiện Đề án",
]


def plan(texts: list[str], sections: list[str] | None = None) -> list[Task]:
    sections = sections or ["Năm 2021"] * len(texts)
    return [Task(id=f"I.{i + 1}", content=t, section=s) for i, (t, s) in enumerate(zip(texts, sections))]


def test_renumbering_around_an_insertion_is_not_reported():
    old = plan(TEXTS)
    new = plan(TEXTS[:1] + ["Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ"] + TEXTS[1:])
    changes = diff_tasks(old, new)
    assert [c.status for c in changes] == ["unchanged", "added"] + ["unchanged"] * 5


def test_section_renamed_is_no_move():
    old = plan(TEXTS, ["Năm 2023 - 2025"] * 6)
    new = plan(TEXTS, ["Năm 2023 – 2025 (giai đoạn 2)"] * 6)
    assert {c.status for c in diff_tasks(old, new)} == {"unchanged"}


def test_task_moved_within_its_section_is_reported_once():
    old = plan(TEXTS)
    new = plan([TEXTS[4]] + TEXTS[:4] + TEXTS[5:])
    changes = diff_tasks(old, new)
    moved = [c for c in changes if c.status == "modified"]
    assert len(moved) == 1 and moved[0].field_names == ("position",)
    assert moved[0].old[0].id == "I.5" and moved[0].new[0].id == "I.1"


def test_task_moved_to_another_section():
    old = plan(TEXTS, ["Năm 2021"] * 3 + ["Năm 2022"] * 3)
    new = plan(TEXTS, ["Năm 2021"] * 2 + ["Năm 2022"] * 4)
    changes = [c for c in diff_tasks(old, new) if c.status != "unchanged"]
    assert len(changes) == 1 and changes[0].field_names == ("position",)
    assert changes[0].fields[0].old == "Năm 2021, I.3" and changes[0].fields[0].new == "Năm 2022, I.3"


def test_changes_follow_the_new_order_with_removed_tasks_in_place():
    old = plan(TEXTS)
    new = plan(TEXTS[:2] + TEXTS[3:] + ["Thực hiện kiểm tra việc triển khai thực hiện Kế hoạch này"])
    changes = diff_tasks(old, new)
    assert [(c.status, [t.content for t in c.old + c.new][0]) for c in changes] == [
        ("unchanged", TEXTS[0]), ("unchanged", TEXTS[1]), ("removed", TEXTS[2]), ("unchanged", TEXTS[3]),
        ("unchanged", TEXTS[4]), ("unchanged", TEXTS[5]),
        ("added", "Thực hiện kiểm tra việc triển khai thực hiện Kế hoạch này")]


def test_table_diff_summary_counts_every_status():
    old = TaskTable(source="v1.json", tasks=tuple(plan(TEXTS)))
    new = TaskTable(source="v2.json", tasks=tuple(plan(TEXTS[1:] + ["Bố trí kinh phí, nguồn nhân lực"])))
    result = diff_tables(old, new)
    assert result.summary == {"unchanged": 5, "modified": 0, "added": 1, "removed": 1, "split": 0, "merged": 0}
    assert (result.old_source, result.new_source) == ("v1.json", "v2.json")
    assert len(result.edits) == 2
