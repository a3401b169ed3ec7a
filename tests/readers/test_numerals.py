"""Tests of tthc_docs.readers.numerals: Roman list numbers as a word processor or
browser shows them ("I. MỤC ĐÍCH", "II. NHIỆM VỤ")."""

from __future__ import annotations

import pytest

from tthc_docs.readers.numerals import list_roman


@pytest.mark.parametrize(("n", "expected"), [
    (1, "I"), (2, "II"), (4, "IV"), (9, "IX"), (14, "XIV"), (3999, "MMMCMXCIX"),
    # Roman numerals cannot write these: shown in digits, as browsers do
    (0, "0"), (4000, "4000"), (32767, "32767"),
])
def test_list_roman(n: int, expected: str) -> None:
    assert list_roman(n) == expected
