"""Pairing the tasks of two versions: by content, through renumbering, moves,
rewording, duplicates, splits and merges, optimally over the whole table."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tthc_docs.diff.match import content_similarity, match_tasks
from tthc_docs.diff.normal import match_key
from tthc_docs.diff.settings import settings
from tthc_docs.models import Deadline, Task

# Task texts of seed 001 (Kế hoạch 5755/KH-UBND, appendix).
I6 = ("Thực hiện số hóa hồ sơ, giấy tờ, kết quả giải quyết TTHC để đảm bảo việc kết nối chia sẻ dữ liệu "
      "trong giải quyết TTHC trên môi trường điện tử")
I7 = "Triển khai quy trình số hóa hồ sơ, giấy tờ, kết quả giải quyết TTHC tại Trung tâm Hành chính công"
I8 = "Tiếp tục cập nhật, chuẩn hóa danh mục tài liệu, hồ sơ TTHC trên CSDL quốc gia về TTHC"
I14 = ("Tổ chức đào tạo, bồi dưỡng nâng cao trình độ nghiệp vụ và kỹ năng cho đội ngũ cán bộ, công chức, "
       "viên chức làm việc tại Bộ phận một cửa")
I21 = ("Tổ chức tập huấn, hướng dẫn triển khai dịch vụ công chứng thực bản sao điện tử từ bản chính trên "
       "Cổng Dịch vụ công")
I23 = "Thực hiện chế độ báo cáo kết quả thực hiện Đề án"
I24 = "Thực hiện kiểm tra việc triển khai thực hiện Kế hoạch này"
I2 = ("Triển khai rà soát, nâng cấp, hoàn thiện cơ sở hạ tầng CNTT; nâng cấp, hoàn thiện hệ thống thông tin "
      "giải quyết TTHC trên cơ sở hợp nhất Cổng dịch vụ công, hệ thống một cửa điện tử tỉnh; Đảm bảo tỷ lệ DVC "
      "cung cấp biểu mẫu trực tuyến, thanh toán trực tuyến đạt chỉ tiêu đề ra.")
I2_FIRST = ("Triển khai rà soát, nâng cấp, hoàn thiện cơ sở hạ tầng CNTT; nâng cấp, hoàn thiện hệ thống "
            "thông tin giải quyết TTHC trên cơ sở hợp nhất Cổng dịch vụ công, hệ thống một cửa điện tử tỉnh.")
I2_SECOND = "Đảm bảo tỷ lệ DVC cung cấp biểu mẫu trực tuyến, thanh toán trực tuyến đạt chỉ tiêu đề ra."


def make(task_id: str, content: str, *, section: str = "Năm 2021", lead: str = "Văn phòng UBND tỉnh",
         coordinating: tuple[str, ...] = ("Các sở, ban, ngành",), deadline: str = "Thường xuyên") -> Task:
    return Task(id=task_id, content=content, section=section, lead=(lead,), coordinating=coordinating,
                deadline=Deadline(text=deadline))


def pairs(old: list[Task], new: list[Task]) -> set[tuple[str, str]]:
    return {(old[p.old].id, new[p.new].id) for p in match_tasks(old, new).pairs}


def test_renumbering_after_an_insertion_keeps_every_pair():
    old = [make("1", I6), make("2", I7), make("3", I8)]
    new = [make("1", I21), make("2", I6), make("3", I7), make("4", I8)]
    matching = match_tasks(old, new)
    assert pairs(old, new) == {("1", "2"), ("2", "3"), ("3", "4")}
    assert matching.added == (0,) and matching.removed == ()


def test_a_task_moved_to_another_section_is_paired():
    old = [make("I.23", I23), make("I.24", I24)]
    new = [make("I.23", I24), make("II.10", I23, section="Năm 2022")]
    assert pairs(old, new) == {("I.23", "II.10"), ("I.24", "I.23")}


@pytest.mark.parametrize("old_text, new_text, matched", [
    # Light rewording: a word dropped, an abbreviation spelled out, old tone style.
    (I8, "Cập nhật, chuẩn hoá danh mục tài liệu, hồ sơ thủ tục hành chính trên Cơ sở dữ liệu quốc gia về TTHC",
     True),
    (I14, I14.replace("Tổ chức đào tạo", "Tổ chức tập huấn"), True),
    ("1. " + I23 + ".", I23, True),
    # Related but different tasks of the same plan: same words about "số hóa", other work.
    (I6, I7, False),
    # Unrelated tasks of the same plan.
    (I23, I24, False),
    (I21, I14, False),
])
def test_content_thresholds(old_text, new_text, matched):
    """Same agencies, deadline and section on both sides: only the text decides."""
    result = pairs([make("a", old_text)], [make("b", new_text)])
    assert result == ({("a", "b")} if matched else set())


def test_supporting_evidence_decides_between_borderline_pairs():
    """Content just over content_min is matched when agencies, deadline and section
    agree, and not when they all differ."""
    config = settings().matching
    old_text, new_text = I8, "Cập nhật, chuẩn hoá danh mục tài liệu, hồ sơ thủ tục hành chính trên Cơ sở dữ liệu"
    similarity = content_similarity([match_key(old_text)], [match_key(new_text)])[0, 0]
    assert config.content_min <= similarity < config.score_min / config.weights["content"]
    agreeing = pairs([make("a", old_text)], [make("b", new_text)])
    differing = pairs([make("a", old_text)],
                      [make("b", new_text, section="Năm 2022", lead="Sở Tư pháp", coordinating=("Sở Nội vụ",),
                            deadline="Quý IV/2022")])
    assert agreeing == {("a", "b")} and differing == set()


def test_assignment_is_optimal_not_first_come():
    """O1 likes N1 best, but N1 is the only partner O2 can have: a greedy pass
    strands O2; the optimal assignment gives O1 its second choice."""
    o1 = "Rà soát, đánh giá thủ tục hành chính trong lĩnh vực đất đai, xây dựng, đầu tư"
    o2 = "Rà soát, đánh giá quy định về đất đai, xây dựng"
    n1 = "Rà soát, đánh giá thủ tục hành chính trong lĩnh vực đất đai, xây dựng"
    n2 = "Rà soát, đánh giá thủ tục hành chính trong lĩnh vực đầu tư công"
    sim = content_similarity([match_key(o1), match_key(o2)], [match_key(n1), match_key(n2)])
    assert sim[0, 0] > sim[0, 1] >= settings().matching.content_min > sim[1, 1]  # the trap is set
    assert pairs([make("O1", o1), make("O2", o2)], [make("N1", n1), make("N2", n2)]) == {("O1", "N2"),
                                                                                        ("O2", "N1")}


def test_duplicate_texts_are_told_apart_by_section_and_deadline():
    old = [make("I.24", I24, section="Năm 2021", deadline="Quý IV/2021"),
           make("II.9", I24, section="Năm 2022", deadline="Quý IV/2022")]
    new = [make("I.1", I24, section="Năm 2022", deadline="Quý IV/2022"),
           make("II.1", I24, section="Năm 2021", deadline="Quý IV/2021")]
    assert pairs(old, new) == {("I.24", "II.1"), ("II.9", "I.1")}


def test_split_in_two():
    old = [make("I.1", I23), make("I.2", I2), make("I.3", I24)]
    new = [make("I.1", I23), make("I.2", I2_FIRST), make("I.3", I2_SECOND), make("I.4", I24)]
    matching = match_tasks(old, new)
    assert [(g.old, g.new) for g in matching.splits] == [((1,), (1, 2))]
    assert matching.merges == () and matching.added == () and matching.removed == ()
    assert {(p.old, p.new) for p in matching.pairs} == {(0, 0), (2, 3)}


def test_merge_of_two():
    old = [make("I.1", I2_FIRST), make("I.2", I2_SECOND), make("I.3", I24)]
    new = [make("I.1", I2), make("I.2", I24)]
    matching = match_tasks(old, new)
    assert [(g.old, g.new) for g in matching.merges] == [((0, 1), (0,))]
    assert matching.splits == () and matching.added == () and matching.removed == ()


def test_a_new_task_repeating_part_of_a_kept_one_is_no_split():
    """The old task is still there whole: the new one only repeats a part of it."""
    old = [make("I.2", I2)]
    new = [make("I.2", I2), make("I.3", I2_SECOND)]
    matching = match_tasks(old, new)
    assert matching.splits == () and matching.added == (1,)
    assert [(p.old, p.new) for p in matching.pairs] == [(0, 0)]


def test_a_shortened_task_is_no_split():
    """One piece alone is a modification, not a split."""
    old = [make("I.2", I2)]
    new = [make("I.2", I2_FIRST), make("I.3", I21)]
    matching = match_tasks(old, new)
    assert matching.splits == () and matching.added == (1,)


@pytest.mark.parametrize("old_count, new_count", [(0, 0), (0, 2), (2, 0)])
def test_empty_sides(old_count, new_count):
    texts = [I6, I23]
    old = [make(str(i), texts[i]) for i in range(old_count)]
    new = [make(str(i), texts[i]) for i in range(new_count)]
    matching = match_tasks(old, new)
    assert matching.pairs == ()
    assert matching.added == tuple(range(new_count)) and matching.removed == tuple(range(old_count))


def test_every_task_is_accounted_for_once():
    old = [make("1", I2), make("2", I6), make("3", I7), make("4", I23), make("5", I24)]
    new = [make("1", I2_FIRST), make("2", I2_SECOND), make("3", I7), make("4", I21),
           make("5", I24.replace("Kế hoạch này", "Kế hoạch"))]
    m = match_tasks(old, new)
    olds = [p.old for p in m.pairs] + [i for g in m.splits + m.merges for i in g.old] + list(m.removed)
    news = [p.new for p in m.pairs] + [j for g in m.splits + m.merges for j in g.new] + list(m.added)
    assert sorted(olds) == list(range(len(old))) and sorted(news) == list(range(len(new)))


def test_raw_agency_cells_are_evidence_when_names_are_not_canonical():
    """Before the NLP stage, lead/coordinating are only raw cells: they still count."""
    base = Task(id="1", content=I8, lead_raw="Văn phòng UBND tỉnh", coordinating_raw="Các sở, ban, ngành")
    moved = replace(base, content=I8.replace("Tiếp tục cập nhật", "Cập nhật"))
    assert {(p.old, p.new) for p in match_tasks([base], [moved]).pairs} == {(0, 0)}


SEED_TEXTS = [I6, I7, I8, I14, I21, I23, I24, I2]


def test_a_large_group_of_identical_texts_is_paired_by_evidence_then_in_order():
    years = ["2021", "2022", "2023"]
    old = [make(f"{y}.{k}", I24, section=f"Năm {y}") for y in years for k in range(2)] + [make("x", I23)]
    new = [make(f"{y}.{k}", I24, section=f"Năm {y}") for y in reversed(years) for k in range(2)]
    found = match_tasks(old, new, replace(settings().matching, group_pairs=1)).pairs
    assert {(old[p.old].id, new[p.new].id) for p in found} == {(f"{y}.{k}",) * 2 for y in years for k in range(2)}


def test_past_the_exact_size_candidates_find_the_same_pairs_and_splits():
    old = ([make(f"A.{i}", f"{text} (đợt {i})") for i, text in enumerate(SEED_TEXTS)]
           + [make("B.1", I2)])
    new = ([make(f"A.{i}", f"{text} ( lần {i})") for i, text in enumerate(SEED_TEXTS)]
           + [make("B.1", I2_FIRST), make("B.2", I2_SECOND)])
    exact = match_tasks(old, new)
    sparse = match_tasks(old, new, replace(settings().matching, exact_pairs=1))
    assert {(p.old, p.new) for p in sparse.pairs} == {(p.old, p.new) for p in exact.pairs}
    assert (sparse.splits, sparse.merges) == (exact.splits, exact.merges)
    assert len(exact.pairs) == len(SEED_TEXTS) and [(g.old, g.new) for g in exact.splits] == [((8,), (8, 9))]
