"""The prose redline: paragraphs aligned, then words."""

from __future__ import annotations

from pathlib import Path

import pytest
from diff_fixtures import SEEDS
from hypothesis import given, settings as hsettings, strategies as st

from tthc_docs.diff.inputs import load_paragraphs
from tthc_docs.diff.prose import diff_paragraphs

# Paragraphs of seed 004 (Công văn 2370/UBND-TTHC, Quảng Ngãi).
P1 = "1. Về công bố, công khai, phê duyệt quy trình nội bộ giải quyết TTHC"
P2 = "b) Về công khai TTHC:"
P3 = ("- Phấn đấu tỷ lệ hồ sơ TTHC tiếp nhận được giải quyết đúng hạn đạt tối thiểu 98%, riêng lĩnh vực "
      "đất đai phấn đấu đạt tỷ lệ 96%.")
P4 = "2. Về tiến độ, kết quả giải quyết TTHC"
P5 = "b) Sở Thông tin và Truyền thông chủ trì, phối hợp cơ quan liên quan:"
NEW = "c) Văn phòng UBND tỉnh theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo Chủ tịch UBND tỉnh."


def statuses(old: list[str], new: list[str]) -> list[str]:
    return [c.status for c in diff_paragraphs(old, new).changes]


def test_same_text_is_unchanged():
    assert statuses([P1, P2, P3], [P1, P2, P3]) == ["unchanged"] * 3


def test_edited_paragraph_among_new_ones_is_an_edit():
    edited = P3.replace("98%", "99%")
    result = diff_paragraphs([P1, P3, P4], [P1, NEW, edited, P5, P4])
    assert [c.status for c in result.changes] == ["unchanged", "added", "modified", "added", "unchanged"]
    change = result.changes[2]
    assert [(op.kind, op.text) for op in change.words if op.kind != "equal"] == [("delete", "98"),
                                                                                  ("insert", "99")]
    assert (change.old_index, change.new_index) == (1, 2)


def test_removed_and_replaced_paragraphs():
    result = diff_paragraphs([P1, P2, P3, P4], [P1, NEW, P4])
    assert sorted(c.status for c in result.changes) == ["added", "removed", "removed", "unchanged", "unchanged"]
    assert result.summary == {"unchanged": 2, "modified": 0, "added": 1, "removed": 2}


def test_punctuation_only_edit_is_reported():
    assert statuses([P2], [P2.replace(":", ".")]) == ["modified"]


def test_empty_paragraphs_and_tone_style_are_ignored():
    assert statuses([P1, "", "Chuẩn hoá quy trình"], [P1, "Chuẩn hóa quy trình", "  "]) == ["unchanged"] * 2


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_each_seed_body_against_itself(seed: Path):
    paragraphs = load_paragraphs(seed)
    assert paragraphs
    assert diff_paragraphs(paragraphs, load_paragraphs(seed)).edits == ()


def test_known_edits_to_seed_004():
    """Công văn 2370 with one figure changed, one paragraph dropped, one added."""
    seed = next(s for s in SEEDS if "2370" in s.name)
    old = list(load_paragraphs(seed))
    target = next(i for i, p in enumerate(old) if "đạt tối thiểu 98%" in p)
    dropped = next(i for i, p in enumerate(old) if p.startswith("- Niêm yết công khai"))
    new = list(old)
    new[target] = old[target].replace("đạt tối thiểu 98%", "đạt tối thiểu 99%")
    new.insert(target + 1, NEW)
    del new[dropped]
    result = diff_paragraphs(old, new)
    assert [(c.status, c.old_index) for c in result.edits] == [("removed", dropped), ("modified", target),
                                                                ("added", None)]
    assert result.edits[2].new == NEW


POOL = [P1, P2, P3, P4, P5, NEW, P3.replace("98%", "90%"), P1.lower()]


@hsettings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(POOL), max_size=8), st.lists(st.sampled_from(POOL), max_size=8))
def test_every_paragraph_once_and_in_order(old, new):
    changes = diff_paragraphs(old, new).changes
    olds = [c.old_index for c in changes if c.old_index is not None]
    news = [c.new_index for c in changes if c.new_index is not None]
    assert olds == list(range(len(old))) and news == list(range(len(new)))
