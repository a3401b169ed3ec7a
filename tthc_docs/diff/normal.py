"""Normalised Vietnamese text for comparing two versions.

Two spellings of the same text must compare equal: composed and decomposed
letters (NFC), old and new tone placement ("hoá"/"hóa", "Uỷ"/"Ủy"), runs of
spaces and line breaks. :func:`canonical` keeps case and punctuation (a changed
comma is an edit a reviewer may want to see); :func:`match_key` drops them too,
for the similarity used to pair tasks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.normalise import normalise_text

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]+|_")
# Numbering a writer may put before a task: "1.", "1.2.", "a)", "II.", "-", "+", "•".
_LEADING_NUMBER = re.compile(r"^\s*(?:(?:\d+(?:\.\d+)*|[a-zđ]|[ivxlc]+)[.)]|[-+•*–])\s+", re.IGNORECASE)


# Agency names, sections and deadlines repeat across a table: remember the recent ones.
@lru_cache(maxsize=1 << 16)
def canonical(text: str | None) -> str:
    """The toolkit's canonical text (:func:`~tthc_docs.text.normalise.normalise_text`:
    NFC, one tone style, one dash style) with whitespace collapsed; ``None`` is ""."""
    if not text:
        return ""
    return _SPACES.sub(" ", normalise_text(text)).strip()


@lru_cache(maxsize=1 << 16)
def match_key(text: str | None) -> str:
    """:func:`canonical`, lower case, without leading numbering and punctuation."""
    text = _LEADING_NUMBER.sub("", canonical(text).lower())
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip()
