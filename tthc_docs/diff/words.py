"""Word-level differences between two versions of a Vietnamese text.

Vietnamese writes a word as several space-separated syllables ("thủ tục hành
chính"), so the unit compared is the syllable, with punctuation as its own unit;
a run of changed syllables is then shown as one deletion followed by one
insertion ("[-Sở Nội vụ-]{+Sở Tư pháp+}"), which is how a reviewer reads an edit.
Tokens compare by their :func:`~tthc_docs.diff.normal.canonical` form, so "hoá"
against "hóa" is no change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .normal import canonical

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class WordOp:
    """A piece of the redline: ``kind`` is "equal", "delete" or "insert"."""

    kind: str
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    return " " if token.isspace() else canonical(token)


def _absorb_spaces(ops: list[WordOp]) -> list[WordOp]:
    """A lone space between two changes belongs to the change, so that
    "Sở Nội vụ" → "Sở Tư pháp" reads as one replacement, not three."""
    result: list[WordOp] = []
    for i, op in enumerate(ops):
        between_changes = 0 < i < len(ops) - 1 and ops[i - 1].kind != EQUAL and ops[i + 1].kind != EQUAL
        if op.kind == EQUAL and op.text.isspace() and between_changes:
            result += [WordOp(DELETE, op.text), WordOp(INSERT, op.text)]
        else:
            result.append(op)
    return result


def _group(ops: list[WordOp]) -> tuple[WordOp, ...]:
    """Merge neighbours of one kind; in each changed stretch, deletions first."""
    result: list[WordOp] = []
    stretch: dict[str, str] = {DELETE: "", INSERT: ""}

    def flush() -> None:
        result.extend(WordOp(kind, stretch[kind]) for kind in (DELETE, INSERT) if stretch[kind])
        stretch[DELETE] = stretch[INSERT] = ""

    for op in ops:
        if op.kind == EQUAL:
            flush()
            if result and result[-1].kind == EQUAL:
                result[-1] = WordOp(EQUAL, result[-1].text + op.text)
            else:
                result.append(op)
        else:
            stretch[op.kind] += op.text
    flush()
    return tuple(result)


def word_diff(old: str | None, new: str | None) -> tuple[WordOp, ...]:
    """The redline from ``old`` to ``new``. Joining the equal and deleted pieces
    gives ``old``, the equal and inserted ones ``new`` (up to
    :func:`~tthc_docs.diff.normal.canonical` spelling: equal pieces are shown as
    ``new`` writes them). Both empty: an empty tuple."""
    old_tokens, new_tokens = _tokens(canonical(old)), _tokens(canonical(new))
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in old_tokens], [_key(t) for t in new_tokens],
                                      autojunk=False)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp(EQUAL, "".join(new_tokens[j1:j2])))
            continue
        if i2 > i1:
            ops.append(WordOp(DELETE, "".join(old_tokens[i1:i2])))
        if j2 > j1:
            ops.append(WordOp(INSERT, "".join(new_tokens[j1:j2])))
    return _group(_absorb_spaces(ops))


def side(ops: tuple[WordOp, ...], kind: str) -> str:
    """One side of a redline: ``kind`` DELETE gives the old text, INSERT the new."""
    return "".join(op.text for op in ops if op.kind in (EQUAL, kind))


def changed(ops: tuple[WordOp, ...]) -> bool:
    return any(op.kind != EQUAL for op in ops)
