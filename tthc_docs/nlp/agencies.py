"""Splitting a lead / coordinating cell into agencies, and canonical agency names.

A lead / coordinating cell lists agencies separated by "," ";" line breaks, dash
bullets or " và " — but names hold commas and "và" themselves ("Sở Văn hóa, Thể thao
và Du lịch"), share an elided head ("UBND cấp huyện, xã"; "Các Sở: Y tế, Xây dựng")
and carry sub-units in parentheses. :func:`split_agencies` cuts the cell at every
possible separator, then joins consecutive pieces greedily into the longest name the
gazetteer (:mod:`tthc_docs.nlp.gazetteer`, ``data/agencies.yaml``) knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ..errors import DataError
from ..text.phrases import longest_first
from .gazetteer import (
    SOFT_SEPARATORS,
    AgencyEntry,
    agency_key,
    folded_phrase,
    gazetteer_data,
    may_end_a_name,
    resolve_agency,
    starts_with_setting,
)

_PARENTHESES = re.compile(r"[()]")
_HARD = re.compile(r"<[^<>]*>|\.{2,}|…|;|\.|^[ \t]*[-–—+•·*](?=\s)", re.M)
_LEADING = re.compile(r"[\s\-–—+•·*]*(?:(?:\d{1,2}|[a-zđ])[.)]\s+)?")
_TRAILING = " \t\r\n.,;:…-–—"
_DOC_NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ]{1,6}\b")
_BULLETS = "-–—+•·*"
_MAX_HEAD_WORDS = 8  # the longest shared head: "Chủ tịch Ủy ban nhân dân cấp" (huyện, xã)


@dataclass(frozen=True)
class AgencyMention:
    """An agency named in a cell. ``text`` is as written, after elided-prefix expansion
    ("xã" after "UBND cấp huyện" reads "UBND cấp xã"); ``name`` is the canonical name,
    or ``text`` when the gazetteer does not know it; ``detail`` is the parenthetical
    ("Trung tâm PVHCC tỉnh"); ``cell[start:end]`` is the written part of the name."""

    text: str
    name: str
    known: bool
    detail: str | None
    level: str | None
    start: int
    end: int


@dataclass(frozen=True)
class AgencySplit:
    """The agencies of a cell, and the parts of it that are no agency
    ("Đã được phân công theo Kế hoạch số 243/KH-UBND")."""

    agencies: tuple[AgencyMention, ...] = ()
    references: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.name for m in self.agencies))

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.name for m in self.agencies if not m.known))


def agency_entry(name: str) -> AgencyEntry | None:
    """The gazetteer row a single name refers to (exact, then near-miss), or None."""
    found = split_agencies(name).agencies
    return resolve_agency(found[0].name, False) if len(found) == 1 and found[0].known else None


def canonical_agency(name: str) -> str | None:
    """The canonical name of a single agency name, or None when it is not known."""
    entry = agency_entry(name)
    return entry.name if entry else None


# ----------------------------------------------------------------- splitting

@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    text: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class _Cell:
    """A cell and its top-level parenthesised spans; separators inside them do not count
    (unbalanced parentheses are plain text)."""

    text: str
    groups: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> _Cell:
        spans, depth, start = [], 0, 0
        for m in _PARENTHESES.finditer(text):
            i = m.start()
            if m.group() == "(":
                start, depth = (i if depth == 0 else start), depth + 1
            elif depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, i + 1))
        return cls(text, tuple(spans))

    def inside(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.groups)

    def written(self, a: int, b: int) -> str:
        """text[a:b] without its parenthesised spans, whitespace collapsed."""
        if not self.groups:
            return " ".join(self.text[a:b].split())
        parts, pos = [], a
        for s, e in self.groups:
            if a <= s and e <= b:
                parts.append(self.text[pos:s])
                pos = e
        return " ".join(" ".join([*parts, self.text[pos:b]]).split())

    def spans(self, separators: re.Pattern[str], a: int, b: int) -> list[tuple[int, int]]:
        """The stretches of text[a:b] between separators."""
        out, pos = [], a
        for m in separators.finditer(self.text, a, b):
            if not self.inside(m.start()) and (m.group() != "." or self._ends_sentence(m.start())):
                out.append((pos, m.start()))
                pos = m.end()
        return [*out, (pos, b)]

    def _ends_sentence(self, i: int) -> bool:
        rest = self.text[i + 1:]
        following = rest.lstrip(" \t")
        if not following or following[0] in "\r\n":
            return True
        if len(following) == len(rest) or not (following[0].isupper() or following[0] in _BULLETS):
            return False
        word = re.search(r"(\w+)$", self.text[:i])
        return not (word and (word.group(1) in gazetteer_data().raw["dotted_abbreviations"] or word.group(1).isdigit()))

    def piece(self, a: int, b: int) -> _Piece | None:
        a = _LEADING.match(self.text, a, b).end()
        inner = [(s, e) for s, e in self.groups if a <= s and e <= b]
        while b > a and (self.text[b - 1] in _TRAILING or any(e == b for _, e in inner)):
            b = next((s for s, e in inner if e == b), b - 1)
        details = tuple(d for s, e in inner if (d := " ".join(self.text[s + 1:e - 1].split()))
                        and folded_phrase(d) not in gazetteer_data().keyed["ignored_parentheticals"])
        text = self.written(a, b)
        return _Piece(a, b, text, details) if text else None


def _starts_with_head(text: str) -> bool:
    key = agency_key(text)
    return (text[:1].isupper() and starts_with_setting(key, "proper_heads")) or starts_with_setting(key, "common_heads")


def starts_with_agency_head(text: str) -> bool:
    """Whether a name not in the gazetteer reads as an agency: it starts, capitalised, with an
    agency head word of ``data/agencies.yaml`` (``proper_heads``: Sở, Ban, Trung tâm, Kho bạc …)
    followed by a capitalised word or a level ("Kho bạc Nhà nước khu vực XV", "Thuế tỉnh") —
    not by a common word ("Ban hành", "Trung tâm của …")."""
    head = _proper_head().match(text) if text[:1].isupper() else None
    if head is None:
        return False
    rest = text[head.end():].strip()
    return rest[:1].isupper() or rest[:1].isdigit() or any(
        rest.casefold() == w or rest.casefold().startswith(w + " ") for w in gazetteer_data().raw["level_words"])


@cache
def _proper_head() -> re.Pattern[str]:
    """A proper head word at the start, the longest first, then a space."""
    return re.compile(longest_first(gazetteer_data().raw["proper_heads"], gap=None) + r"(?=\s)", re.I)


def _candidates(written: str, prefix: str | None, previous: str | None, fuzzy: bool) -> list[str]:
    """The label's head first ("Các Sở: Y tế" → "Sở Y tế"), then the name as written,
    then the previous name's head ("UBND cấp huyện, xã" → "UBND cấp xã"), when some
    name ends as this one does."""
    out = [f"{prefix} {written}", written] if prefix else [written]
    key = agency_key(written)
    if previous and not fuzzy and (not key or may_end_a_name(key)) and not _starts_with_head(written):
        words = previous.split()
        out.extend(" ".join(words[:n] + [written]) for n in range(min(len(words) - 1, _MAX_HEAD_WORDS), 0, -1))
    return out


def _longest(cell: _Cell, pieces: list[_Piece], i: int, prefix: str | None,
             previous: str | None) -> tuple[int, str, AgencyEntry] | None:
    """The longest run of pieces from i that is a known name: (end, name as written, entry)."""
    runs = [(j, cell.written(pieces[i].start, pieces[j - 1].end))
            for j in range(min(len(pieces), i + gazetteer_data().max_pieces), i, -1)]
    for fuzzy in (False, True):
        for j, written in runs:
            for candidate in _candidates(written, prefix, previous, fuzzy):
                if (entry := resolve_agency(candidate, fuzzy)) is not None:
                    return j, candidate, entry
    return None


def _goes_on(cell: _Cell, pieces: list[_Piece], j: int, prefix: str | None, text: str) -> bool:
    """Whether a known name matched up to piece j is only the start of a longer unknown
    one: "Sở Văn hóa, Thể thao" is known, but not before "và Du lịch tỉnh Lào Cai"."""
    if j >= len(pieces) or _starts_with_head(pieces[j].text):
        return False
    joined_by_and = "và" in cell.text[pieces[j - 1].end:pieces[j].start].split()
    return (joined_by_and or pieces[j].text[:1].islower()) and _longest(cell, pieces, j, prefix, text) is None


@lru_cache(maxsize=4096)  # asked again of each unknown name as prose tries shorter subjects
def _level_hint(text: str) -> str | None:
    return next((level for pattern, level in gazetteer_data().level_hints if pattern.search(text)), None)


def _match(cell: _Cell, pieces: list[_Piece], prefix: str | None) -> list[AgencyMention]:
    out: list[AgencyMention] = []
    i = 0
    while i < len(pieces):
        hit = _longest(cell, pieces, i, prefix, out[-1].text if out and out[-1].known else None)
        if hit is not None and not _goes_on(cell, pieces, hit[0], prefix, hit[1]):
            j, text, entry = hit
            details = "; ".join(d for p in pieces[i:j] for d in p.details) or None
            out.append(AgencyMention(text, entry.name, True, details, entry.level, pieces[i].start, pieces[j - 1].end))
            i = j
            continue
        piece = pieces[i]
        if out and not out[-1].known and not prefix and not _starts_with_head(piece.text):
            # An unknown name goes on until a part that starts a new one.
            last = out[-1]
            text = cell.written(last.start, piece.end)
            detail = "; ".join(d for d in (last.detail, *piece.details) if d) or None
            out[-1] = replace(last, text=text, name=text, detail=detail, level=_level_hint(text), end=piece.end)
        else:
            text = f"{prefix} {piece.text}" if prefix else piece.text
            out.append(AgencyMention(text, text, False, "; ".join(piece.details) or None, _level_hint(text),
                                     piece.start, piece.end))
        i += 1
    return out


def _is_reference(text: str) -> bool:
    if not any(ch.isalpha() for ch in text) or _DOC_NUMBER.search(text):
        return True
    return starts_with_setting(folded_phrase(text), "reference_markers")


def _list_head(label: str) -> str | None:
    """The head a colon label shares with the names after it: "Riêng các sở" → "Sở"."""
    g = gazetteer_data()
    words = [w for w in label.split() if w.casefold() not in g.fillers]
    head = next((" ".join(words[-k:]) for k in range(1, len(words) + 1)
                 if agency_key(" ".join(words[-k:])) in g.keyed["list_heads"]), None)
    return head[:1].upper() + head[1:] if head else None


def split_agencies(cell: str) -> AgencySplit:
    """Split a lead / coordinating / implementing / monitoring cell into agencies.

    Names not in the gazetteer are kept verbatim (``known=False``), never dropped;
    parts that are no agency (references to the plan that assigned the task, labels
    before a colon) go to ``references``."""
    if not isinstance(cell, str):
        raise DataError(f"an agency cell must be text, not {type(cell).__name__}: {cell!r:.80}")
    whole = _Cell.of(cell)
    mentions: list[AgencyMention] = []
    references: list[str] = []
    for a, b in whole.spans(_HARD, 0, len(cell)):
        a = _LEADING.match(cell, a, b).end()
        written = whole.written(a, b)
        if not written.strip(_TRAILING):
            continue
        if _is_reference(written):
            references.append(" ".join(cell[a:b].split()).rstrip(_TRAILING))
            continue
        prefix = None
        colon = cell.find(":", a, b)
        while colon >= 0 and whole.inside(colon):
            colon = cell.find(":", colon + 1, b)
        colon = colon if colon >= 0 else None
        if colon is not None and len(cell[a:colon].split()) <= 8:
            label = " ".join(cell[a:colon].split())
            prefix = _list_head(label)
            if not prefix and label and agency_key(label) not in gazetteer_data().keyed["scope_labels"]:
                references.append(label)
            a = colon + 1
        pieces = [p for s, e in whole.spans(SOFT_SEPARATORS, a, b) if (p := whole.piece(s, e))]
        mentions.extend(_match(whole, pieces, prefix))
    return AgencySplit(tuple(mentions), tuple(references))
