"""The gates of the deadline patterns: a pattern is tried only on text holding the words and
digits none of its matches can do without. Each gate must be a necessary condition: with every
gate open the readings are the same."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_docs.nlp import deadline_phrases, deadlines
from tthc_docs.nlp.deadline_phrases import find_deadline_phrases
from tthc_docs.nlp.deadlines import Gate, Held, parse_deadline, patterns, vocabulary

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _gated() -> list[tuple[str, re.Pattern[str], Gate]]:
    p, q = patterns(), deadline_phrases._phrase_patterns()
    return [*((f"dated {level}", pattern, needs) for level, pattern, needs in p.dated),
            *((name, getattr(p, name), needs) for name, needs in p.gates.items()),
            ("phrase condition", q.condition, q.condition_gate)]


def _even_alphabet() -> str:
    ranges = re.findall(r"(.)-(.)", deadlines._EVEN_CASE, re.S)
    return "".join(chr(c) for lo, hi in ranges for c in range(ord(lo), ord(hi) + 1))


def test_case_folds_as_lower_does_in_the_even_alphabet() -> None:
    """Where the gates look for lower-case words in lower-case text, re's IGNORECASE must
    match a letter exactly where str.lower() makes them equal, one letter for one."""
    alphabet = _even_alphabet()
    assert not deadlines._UNEVEN_CASE.search(alphabet)
    for char in alphabet:
        assert len(char.lower()) == 1, char
        assert set(re.findall(re.escape(char), alphabet, re.IGNORECASE)) == {
            other for other in alphabet if other.lower() == char.lower()}, char


@pytest.mark.parametrize("char", ["ı", "ſ", "İ", "ẛ", "µ", "σ", "К"])
def test_letters_that_fold_unevenly_open_every_gate(char: str) -> None:
    held = Held.of(f"Sở Tư pháp chủ trì {char}")
    assert held.lowered is None
    assert all(needs.opens(held) for _, _, needs in _gated() if not needs.digit)


def _vocabulary_words() -> list[str]:
    v = vocabulary()
    return sorted({w for key, value in v.items() for w in (value if isinstance(value, (list, dict)) else ())
                   if isinstance(w, str)})


def _corpus_lines() -> list[str]:
    return [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _case(word: str, style: int) -> str:
    return (word, word.upper(), word.title(), word.capitalize())[style]


_TEXTS = st.lists(st.one_of(
    st.tuples(st.sampled_from(_vocabulary_words()), st.integers(0, 3)).map(lambda t: _case(*t)),
    st.sampled_from([" ", "  ", "\n", ", ", "/", "-", "(", ")", "05", "6", "15/02/2024", "2025", "I", "IV", "ſ", "ı"]),
    st.text("0123456789 ", max_size=4)), max_size=30).map("".join)


@settings(deadline=None, max_examples=400)
@given(_TEXTS)
def test_no_pattern_matches_where_its_gate_is_shut(text: str) -> None:
    held = Held.of(text)
    for name, pattern, needs in _gated():
        assert needs.opens(held) or pattern.search(text) is None, (name, text)


def test_no_pattern_matches_a_corpus_line_where_its_gate_is_shut() -> None:
    for line in _corpus_lines():
        masked = deadlines.mask_legal_refs(line)
        held = Held.of(masked)
        for name, pattern, needs in _gated():
            assert needs.opens(held) or pattern.search(masked) is None, (name, line)


# Found through the gates, each as with every gate open; upper case, letters that fold
# unevenly ("ſau khi": re reads the long s as an s) and text without one of a pattern's words.
SENTENCES = [
    "Các cơ quan báo cáo ĐỊNH KỲ HẰNG THÁNG, QUÝ về Văn phòng UBND tỉnh.",
    "Tuyên truyền THƯỜNG XUYÊN trên Cổng thông tin điện tử tỉnh.",
    "Hoàn thành trong Quý I, Quý II năm 2025.",
    "Báo cáo định kỳ 06 tháng/01 lần.",
    "Tổ chức tập huấn 02 lần/năm.",
    "Báo cáo sáu tháng đầu năm và hết năm 2025.",
    "Rà soát trong năm nay; Thường xuyên trong năm.",
    "Tham mưu công bố trong 05 ngày làm việc kể từ ngày nhận được dự thảo.",
    "Cập nhật danh mục ſau khi Bộ công bố.",
    "Cung cấp số liệu theo yêu cầu của Bộ; báo cáo đột xuất khi có yêu cầu.",
    "Thực hiện giai đoạn 2023-2025 và các năm tiếp theo, hằng năm vào ngày 15/12.",
    "Theo Quyết định số 2794/QĐ-UBND ngày 20/10/2022 của UBND tỉnh.",
    "Sở Tư pháp chủ trì, phối hợp các sở, ngành.",
]


def _open_gates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Gate, "opens", lambda self, held: True)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_phrases_and_readings_are_those_with_every_gate_open(sentence: str, monkeypatch: pytest.MonkeyPatch) -> None:
    gated = find_deadline_phrases(sentence), parse_deadline(sentence, date(2024, 6, 1))
    _open_gates(monkeypatch)
    assert gated == (find_deadline_phrases(sentence), parse_deadline(sentence, date(2024, 6, 1)))


def test_corpus_prose_reads_as_with_every_gate_open(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _corpus_lines()
    gated = [find_deadline_phrases(line) for line in lines]
    _open_gates(monkeypatch)
    assert gated == [find_deadline_phrases(line) for line in lines]
    assert sum(map(len, gated)) > 20  # the corpus holds deadline phrases


def test_a_sentence_of_none_of_the_words_shuts_every_gate() -> None:
    held = Held.of("Sở Tư pháp chủ trì, phối hợp các sở, ngành.")
    assert [name for name, _, needs in _gated() if needs.opens(held)] == []


@pytest.mark.parametrize(("key", "phrase", "kind"), [
    ("ongoing", "suốt nhiệm kỳ", "ongoing"),
    ("conditional_markers", "lúc cần thiết", "conditional"),
    ("every_words", "mọi", "recurring"),
])
def test_the_gates_follow_the_vocabulary(key: str, phrase: str, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A phrase an expert adds to data/deadlines.yaml is found: the gates are built from the data."""
    data = vocabulary()
    monkeypatch.setattr(deadlines, "load_mapping", lambda name: {**data, key: [*data[key], phrase]})
    caches = (deadlines.vocabulary, deadlines.patterns, deadline_phrases._phrase_patterns)
    for function in caches:
        function.cache_clear()
    try:
        text = f"{phrase} tháng" if key == "every_words" else phrase
        assert parse_deadline(f"Duy trì {text}").kind == kind
    finally:
        for function in caches:
            function.cache_clear()
