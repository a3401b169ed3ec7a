"""A redline of the body text of two versions of any document.

Paragraphs are aligned first, words second: identical paragraphs anchor the
alignment (difflib on the normalised paragraphs), and between two anchors the
old and new paragraphs are paired in order by a small dynamic programme that
maximises the total similarity, so one edited paragraph among several new ones
is shown as an edit, not as a deletion and an insertion.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz, process

from ..models import set_kind
from .normal import canonical, match_key
from .settings import INDICATOR_STATUSES, ChangeStatus, settings
from .words import WordOp, word_diff


@dataclass(frozen=True)
class ParagraphChange:
    """One paragraph of either version. ``old_index``/``new_index`` count the
    paragraphs of each version from 0 (None on the side it is missing from);
    ``words`` is the redline from the old text to the new."""

    status: ChangeStatus
    old: str
    new: str
    words: tuple[WordOp, ...]
    old_index: int | None
    new_index: int | None

    def __post_init__(self) -> None:
        set_kind(self, "status", ChangeStatus)


@dataclass(frozen=True)
class ProseDiff:
    old_source: str
    new_source: str
    changes: tuple[ParagraphChange, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(c.status for c in self.changes)
        return {status: counts[status] for status in INDICATOR_STATUSES}

    @property
    def edits(self) -> tuple[ParagraphChange, ...]:
        return tuple(c for c in self.changes if c.status != "unchanged")


def _pair_in_order(old: Sequence[str], new: Sequence[str], minimum: float) -> list[tuple[int | None, int | None]]:
    """Order-keeping alignment of two runs of paragraphs with the greatest total
    similarity; pairs under ``minimum`` are not paired."""
    n, m = len(old), len(new)
    similarity = (process.cdist(old, new, scorer=fuzz.ratio) / 100).tolist() if n and m else []
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            paired = best[i + 1][j + 1] + similarity[i][j] if similarity[i][j] >= minimum else -1.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if similarity[i][j] >= minimum and best[i][j] == best[i + 1][j + 1] + similarity[i][j]:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            steps.append((i, None))
            i += 1
        else:
            steps.append((None, j))
            j += 1
    steps += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return steps


def align(old: Sequence[str], new: Sequence[str], minimum: float) -> list[tuple[int | None, int | None]]:
    """(old index, new index) for every paragraph, None where it has no counterpart."""
    old_keys, new_keys = [match_key(p) for p in old], [match_key(p) for p in new]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    steps: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps += [(i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        for a, b in _pair_in_order(old_keys[i1:i2], new_keys[j1:j2], minimum):
            steps.append((None if a is None else i1 + a, None if b is None else j1 + b))
    return steps


def diff_paragraphs(old: Sequence[str], new: Sequence[str], *, old_source: str = "", new_source: str = "",
                    minimum: float | None = None) -> ProseDiff:
    """Compare two versions of a text given as paragraphs; empty paragraphs are dropped."""
    old = [p for p in old if canonical(p)]
    new = [p for p in new if canonical(p)]
    minimum = settings().paragraph_min if minimum is None else minimum
    changes = []
    for i, j in align(old, new, minimum):
        before = old[i] if i is not None else ""
        after = new[j] if j is not None else ""
        words = word_diff(before, after)
        if i is None:
            status = "added"
        elif j is None:
            status = "removed"
        else:
            status = "modified" if any(op.kind != "equal" for op in words) else "unchanged"
        changes.append(ParagraphChange(status, canonical(before), canonical(after), words, i, j))
    return ProseDiff(old_source, new_source, tuple(changes))
