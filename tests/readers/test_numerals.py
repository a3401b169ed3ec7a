"""Tests of tthc_docs.readers.numerals: Roman list numbers ("I. MỤC ĐÍCH", "II. NHIỆM VỤ")."""

from __future__ import annotations

import pytest

from tthc_docs.readers.numerals import roman

VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


@pytest.mark.parametrize(("n", "expected"), [
    (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (6, "VI"), (9, "IX"), (14, "XIV"), (19, "XIX"),
    (40, "XL"), (49, "XLIX"), (90, "XC"), (400, "CD"), (900, "CM"), (1994, "MCMXCIV"), (2025, "MMXXV"),
    (0, ""),
])
def test_roman(n: int, expected: str) -> None:
    assert roman(n) == expected


def test_every_number_reads_back() -> None:
    for n in range(1, 4000):
        digits = [VALUES[c] for c in roman(n)]
        # a smaller numeral before a larger one is subtracted ("IV", "XC")
        assert sum(-d if d < after else d for d, after in zip(digits, [*digits[1:], 0])) == n
        assert "IIII" not in roman(n) and "XXXX" not in roman(n) and "CCCC" not in roman(n)
