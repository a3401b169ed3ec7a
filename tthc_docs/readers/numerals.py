"""List numbers as word processors and browsers display them."""

from __future__ import annotations

from ..vietnamese import ROMAN_RANGE, roman


def list_roman(n: int) -> str:
    """``n`` in upper-case Roman numerals ("IV", "XIV"). Outside 1–3999, which Roman
    numerals cannot write, the number is shown in digits, as browsers do (CSS
    ``upper-roman`` falls back to ``decimal``)."""
    return roman(n) if n in ROMAN_RANGE else str(n)
