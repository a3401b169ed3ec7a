"""Word-level redlines of Vietnamese text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from tthc_docs.diff.normal import canonical
from tthc_docs.diff.words import DELETE, EQUAL, INSERT, WordOp, side, word_diff


@pytest.mark.parametrize("old, new, expected", [
    ("Văn phòng UBND tỉnh", "Sở Nội vụ",
     [(DELETE, "Văn phòng UBND tỉnh"), (INSERT, "Sở Nội vụ")]),
    ("Quý IV/2021", "Quý I/2022",
     [(EQUAL, "Quý "), (DELETE, "IV"), (INSERT, "I"), (EQUAL, "/"), (DELETE, "2021"), (INSERT, "2022")]),
    ("Thực hiện đánh giá chất lượng giải quyết TTHC", "Tổ chức đánh giá chất lượng giải quyết TTHC",
     [(DELETE, "Thực hiện"), (INSERT, "Tổ chức"), (EQUAL, " đánh giá chất lượng giải quyết TTHC")]),
    ("đạt tối thiểu 80%", "đạt tối thiểu 90%",
     [(EQUAL, "đạt tối thiểu "), (DELETE, "80"), (INSERT, "90"), (EQUAL, "%")]),
    ("Chuẩn hoá danh mục", "Chuẩn hóa danh mục", [(EQUAL, "Chuẩn hóa danh mục")]),
    ("", "Sở Tư pháp", [(INSERT, "Sở Tư pháp")]),
    ("Sở Tư pháp", None, [(DELETE, "Sở Tư pháp")]),
    ("", "", []),
])
def test_word_diff(old, new, expected):
    assert word_diff(old, new) == tuple(WordOp(kind, text) for kind, text in expected)


def test_duplicated_word_removed():
    ops = word_diff("Rà soát các các văn bản", "Rà soát các văn bản")
    assert side(ops, DELETE) == "Rà soát các các văn bản"
    assert side(ops, INSERT) == "Rà soát các văn bản"
    assert [op.text.strip() for op in ops if op.kind == DELETE] == ["các"]
    assert not any(op.kind == INSERT for op in ops)


SYLLABLES = st.sampled_from(["thủ", "tục", "hành", "chính", "Sở", "Tư", "pháp", "hoá", "hóa", "UBND", "tỉnh",
                             "2025", "30%", ",", ";", "/", "(", ")", "Quý", "IV", "Uỷ", "Ủy", "các"])
TEXTS = st.lists(SYLLABLES, max_size=25).map(" ".join)


@hsettings(max_examples=200, deadline=None)
@given(TEXTS, TEXTS)
def test_each_side_of_the_redline_is_its_text(old, new):
    ops = word_diff(old, new)
    assert side(ops, DELETE) == canonical(old)
    assert side(ops, INSERT) == canonical(new)
    # Grouped: no empty piece, no two neighbours of one kind, deletions before insertions.
    assert all(op.text for op in ops)
    assert all(a.kind != b.kind for a, b in zip(ops, ops[1:]))
    assert all(not (a.kind == INSERT and b.kind == DELETE) for a, b in zip(ops, ops[1:]))


@hsettings(max_examples=100, deadline=None)
@given(TEXTS)
def test_same_text_is_one_equal_piece(text):
    ops = word_diff(text, text)
    assert all(op.kind == EQUAL for op in ops) and len(ops) <= 1
