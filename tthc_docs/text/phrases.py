"""Phrases as the vocabularies of ``tthc_docs/data`` hold them: the keys they are
compared by, and the regex alternation that finds any of them.

One place for these, so that a vocabulary word is found and looked up the same way
by every module (deadlines, targets, legal references, prose, column headers).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_PUNCT = re.compile(r"[^\w\s]+")
# Any digit, as the patterns' "\d" takes it: a scan for one runs in C, where a pattern
# opening with a lookbehind is tried at every position; text without one holds no number.
DIGIT = re.compile(r"\d")


def phrase_key(text: str) -> str:
    """A matched phrase as a vocabulary spells it: case folded, single spaces
    ("Quý  I" → "quý i")."""
    return " ".join(text.casefold().split())


def header_key(text: str) -> str:
    """A column header or a sheet label as compared: NFC, case folded, punctuation
    (including "/", brackets and a final ".") as spaces, single spaces
    ("Cơ quan chủ trì/phối hợp" → "cơ quan chủ trì phối hợp")."""
    return " ".join(_PUNCT.sub(" ", unicodedata.normalize("NFC", text).casefold()).split())


def longest_first(phrases: Iterable[str], gap: str | None = r"\s+") -> str:
    """A regex alternation (a non-capturing group) of ``phrases``, longest first, so
    that "quý I" is tried before "quý". With ``gap``, the words of a phrase may be
    separated by any run of it (the phrase's own spaces are collapsed first); with
    ``gap=None`` each phrase matches exactly as written."""
    if gap is None:
        alternatives = [re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p))]
    else:
        words = sorted({" ".join(p.split()) for p in phrases}, key=lambda p: (-len(p), p))
        alternatives = [gap.join(map(re.escape, p.split(" "))) for p in words]
    return f"(?:{'|'.join(alternatives)})"
