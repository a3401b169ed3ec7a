"""OCR slips repaired where the toolkit's vocabulary makes the reading certain,
each repair reported.

* A quarter is numbered I–IV (``roman_numerals`` of ``data/deadlines.yaml``): after
  a quarter word ("Quý", "Quí") the letters Tesseract confuses with "I" ("1",
  "l", "|", "!") are read as "I" when the result is a quarter numeral: "Quý
  1/2026" → "Quý I/2026", "Quý 1V" → "Quý IV", "Quý Il" → "Quý II".
* A table cell holding only one to three strokes ("|", "l", "!") is a part
  number: "I", "II", "III".
* In a table cell, a run of the cell's names that is a near miss of a gazetteer
  wording (the guards of :func:`tthc_docs.nlp.gazetteer.near_miss`) is replaced
  by that wording, with the match score in the warning.
"""

from __future__ import annotations

import re
from functools import cache

from ...nlp.deadlines import vocabulary
from ...nlp.gazetteer import SOFT_SEPARATORS, gazetteer_data, near_miss, resolve_agency
from ...text.phrases import longest_first

_LOOKS_LIKE_I = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I"})
# A cell holding only strokes: the number of a part (I, II, III), never a bar.
_STROKES = re.compile(r"[|lI!]{1,3}\.?")


@cache
def _quarter() -> re.Pattern[str]:
    v = vocabulary()
    words = longest_first(w for w, unit in v["units"].items() if unit == "quarter")
    return re.compile(rf"(?i:\b{words})\s*(?P<q>[IVl1|!]{{1,4}})(?![\w|!])")


def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with its quarter numerals repaired, and a note on each repair."""
    numerals = {k.upper() for k in vocabulary()["roman_numerals"]}
    notes = []

    def fix(match: re.Match[str]) -> str:
        token = match.group("q")
        numeral = token.translate(_LOOKS_LIKE_I)
        if numeral == token or numeral not in numerals:
            return match.group(0)
        fixed = match.group(0)[: match.start("q") - match.start()] + numeral
        notes.append(f"OCR read {match.group(0)!r}; a quarter is numbered in Roman numerals: {fixed!r}")
        return fixed

    return _quarter().sub(fix, text), tuple(notes)


def repair_cell(text: str) -> tuple[str, tuple[str, ...]]:
    """A table cell's text with quarters repaired and agency names that OCR got one
    slip wrong snapped to the gazetteer's wording, and a note on each repair."""
    if _STROKES.fullmatch(text) and text.rstrip(".") not in ("I", "II", "III"):
        numeral = text.translate(_LOOKS_LIKE_I)
        return numeral, (f"OCR read {text!r} alone in a cell; taken as the part number {numeral!r}",)
    text, notes = repair_text(text)
    # Pieces between separators; a name may span several ("Sở Thông tin và Truyền thông").
    cuts = [0, *(p for m in SOFT_SEPARATORS.finditer(text) for p in (m.start(), m.end())), len(text)]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    longest = gazetteer_data().max_pieces
    out, notes_out, position, i = [], list(notes), 0, 0
    while i < len(pieces):
        step = 1
        for j in range(min(len(pieces), i + longest), i, -1):
            start, end = pieces[i][0], pieces[j - 1][1]
            candidate = text[start:end].strip()
            if not candidate:
                continue
            if resolve_agency(candidate, False) is not None:  # a name as the gazetteer has it: kept
                step = j - i
                break
            miss = near_miss(candidate)
            if miss is not None:
                begin = start + text[start:end].index(candidate)
                out.append(text[position:begin] + miss.wording)
                position = begin + len(candidate)
                notes_out.append(f"OCR read {candidate!r}, taken as the agency {miss.wording!r} "
                                 f"(gazetteer match {miss.score:.0f}/100)")
                step = j - i
                break
        i += step
    out.append(text[position:])
    return "".join(out), tuple(notes_out)
