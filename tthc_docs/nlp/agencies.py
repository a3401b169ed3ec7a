"""Agency recognition: the gazetteer, canonical names, and splitting a cell into agencies.

A lead / coordinating cell lists agencies separated by "," ";" line breaks, dash
bullets or " và " — but names hold commas and "và" themselves ("Sở Văn hóa, Thể thao
và Du lịch"), share an elided head ("UBND cấp huyện, xã"; "Các Sở: Y tế, Xây dựng")
and carry sub-units in parentheses. :func:`split_agencies` cuts the cell at every
possible separator, then joins consecutive pieces greedily into the longest name the
gazetteer (``data/agencies.yaml``) knows. Names are compared on :func:`agency_key`;
near-misses fall back to rapidfuzz under the guards documented at ``FUZZY_MIN_SCORE``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..errors import DataError

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "agencies.yaml"
LEVELS = ("trung_uong", "tinh", "huyen", "xa")

# Near-miss matching. A fuzzy match needs a rapidfuzz ratio of at least 88 between
# the two keys; both keys at least 16 characters long (one typo in "Sở Y tế" is a
# different agency, in "Sở Giao thông vận tải" it is a typo); the same first word
# ("Sở" never becomes "Bộ"); the same level words (tỉnh/huyện/xã never swap); neither
# key a word-prefix of the other ("Sở Tư pháp tỉnh Lào Cai" is another province's
# body, not a typo); apart from diacritics, at most one word added or dropped, or one
# word one letter off ("UBND huyện Châu Thành" is no typo of "UBND huyện, thị,
# thành"); and a lead of at least 4 points over any other agency.
# 88 admits a doubled or dropped syllable in a long name ("Sở Giao giao thông vận
# tải" ≈ 90, "Trung tâm phục hành chính công tỉnh" ≈ 95) and nothing shorter.
FUZZY_MIN_SCORE = 88.0
FUZZY_MIN_LENGTH = 16
FUZZY_MARGIN = 4.0

_TONES = {"\u0300": "`", "\u0301": "'", "\u0309": "?", "\u0303": "~", "\u0323": "."}
_WORD = re.compile(r"\w+")
_HARD = re.compile(r"<[^<>]*>|\.{2,}|…|;|\.|^[ \t]*[-–—+•·*](?=\s)", re.M)
_SOFT = re.compile(r",|[\r\n]+|(?<!\S)và(?!\S)|(?<=\s)/|/(?=\s)")
_LEADING = re.compile(r"[\s\-–—+•·*]*(?:(?:\d{1,2}|[a-zđ])[.)]\s+)?")
_TRAILING = " \t\r\n.,;:…-–—"
_DOC_NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ]{1,6}\b")
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?!\w)")
_BULLETS = "-–—+•·*"
_MAX_HEAD_WORDS = 8  # the longest shared head: "Chủ tịch Ủy ban nhân dân cấp" (huyện, xã)


@dataclass(frozen=True)
class AgencyEntry:
    """One row of the gazetteer."""

    name: str
    level: str | None
    kind: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    note: str | None = None


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


# Settings of agencies.yaml compared on agency_key (abbreviations spelled out) ...
_KEYED = ("province_suffixes", "level_words", "list_heads", "scope_labels", "proper_heads", "common_heads")
# ... and compared as plain lower-case words.
_WORDED = ("reference_markers", "ignored_parentheticals")


@dataclass(frozen=True)
class _Gazetteer:
    entries: tuple[AgencyEntry, ...]
    index: dict[str, AgencyEntry]  # agency_key of every wording → its entry
    expansions: dict[str, tuple[str, ...]]
    fillers: frozenset[str]
    keyed: dict[str, tuple[str, ...]]  # the _KEYED and _WORDED settings
    level_hints: tuple[tuple[re.Pattern[str], str], ...]
    raw: dict[str, Any]  # the file as read, for the settings used as written
    max_pieces: int  # most separator-split parts in one wording, plus one
    fuzzy_keys: tuple[str, ...]
    longest_key: int


def _fold(word: str) -> str:
    """The word with its tone mark moved to the end: "hoá", "hóa" → "hoa'"."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if c not in _TONES) + "".join(_TONES[c] for c in decomposed if c in _TONES)


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).replace("Ð", "Đ").casefold().replace("&", " và "))


def _make_key(text: str, expansions: dict[str, tuple[str, ...]], fillers: frozenset[str]) -> str:
    words = [part for word in _words(text) for part in expansions.get(word, (word,))]
    return " ".join(_fold(word) for word in words if word not in fillers)


def _surfaces(entry: AgencyEntry, provinces: tuple[str, ...]) -> list[str]:
    """Every wording of an entry, "{province}" filled in with each province."""
    forms = (entry.name, *entry.aliases, *entry.abbreviations)
    return [f.replace("{province}", p) for f in forms for p in (provinces if "{province}" in f else ("",))]


def _entry(row: Any, kinds: dict[str, Any]) -> AgencyEntry:
    if not isinstance(row, dict) or not isinstance(row.get("name"), str):
        raise DataError(f"{DATA_FILE}: gazetteer entry without a name: {row!r}")
    if row.get("level") not in (*LEVELS, None) or row.get("kind") not in kinds:
        raise DataError(f"{DATA_FILE}: {row['name']!r} has level {row.get('level')!r}, kind {row.get('kind')!r}")
    return AgencyEntry(name=row["name"], level=row.get("level"), kind=row["kind"],
                       aliases=tuple(row.get("aliases") or ()), abbreviations=tuple(row.get("abbreviations") or ()),
                       note=row.get("note"))


@cache
def _data() -> _Gazetteer:
    try:
        return _build(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise DataError(f"{DATA_FILE}: cannot read the gazetteer: {exc!r}") from exc


def _build(raw: dict[str, Any]) -> _Gazetteer:
    expansions = {k.casefold(): tuple(_words(v)) for k, v in raw["expansions"].items()}
    fillers = frozenset(_words(" ".join(raw["fillers"])))
    entries = tuple(_entry(row, raw["kinds"]) for row in raw["agencies"])
    provinces = tuple(raw["provinces"])

    def key(text: str) -> str:
        return _make_key(text, expansions, fillers)

    index: dict[str, AgencyEntry] = {}
    max_pieces = 1
    for entry in entries:
        for form in _surfaces(entry, provinces):
            k = key(form)
            if index.setdefault(k, entry) is not entry:
                raise DataError(f"{DATA_FILE}: {form!r} of {entry.name!r} is also a name of {index[k].name!r}")
            max_pieces = max(max_pieces, len(_SOFT.findall(form)) + 1)
    keyed = {name: tuple(key(x) for x in raw[name]) for name in _KEYED}
    keyed |= {name: tuple(" ".join(_words(x)) for x in raw[name]) for name in _WORDED}
    return _Gazetteer(entries=entries, index=index, expansions=expansions, fillers=fillers, keyed=keyed,
                      level_hints=tuple((re.compile(h["pattern"], re.I), h["level"]) for h in raw["level_hints"]),
                      raw=raw, max_pieces=max_pieces + 1,
                      fuzzy_keys=tuple(k for k in index if len(k) >= FUZZY_MIN_LENGTH),
                      longest_key=max(map(len, index)))


def gazetteer() -> tuple[AgencyEntry, ...]:
    """Every entry of ``data/agencies.yaml``, in file order (loaded once)."""
    return _data().entries


@lru_cache(maxsize=16384)
def agency_key(text: str) -> str:
    """The matching key of a name: NFC, case-folded, tone position unified,
    punctuation and "&" folded, abbreviations spelled out, "và"/"các"/"có" dropped."""
    g = _data()
    return _make_key(text, g.expansions, g.fillers)


def _has_word(key: str, word: str) -> bool:
    return f" {word} " in f" {key} "


def _starts_with(key: str, word: str) -> bool:
    return key == word or key.startswith(word + " ")


def _plain(word: str) -> str:
    return "".join(c for c in word if c not in "`'?~." and not unicodedata.combining(c)).replace("đ", "d")


def _comparable(query: str, key: str) -> bool:
    q, k = query.split(), key.split()
    if q[0] != k[0] or q[: len(k)] == k or k[: len(q)] == q:
        return False
    if not all(_has_word(query, w) == _has_word(key, w) for w in _data().keyed["level_words"]):
        return False
    extra, missing = Counter(map(_plain, q)), Counter(map(_plain, k))
    extra, missing = list((extra - missing).elements()), list((missing - extra).elements())
    one_off = len(extra) == len(missing) == 1 and Levenshtein.distance(extra[0], missing[0]) <= 1
    return len(extra) + len(missing) <= 1 or one_off


@lru_cache(maxsize=8192)
def _resolve(text: str, fuzzy: bool) -> AgencyEntry | None:
    g = _data()
    key = agency_key(text)
    if not key:
        return None
    if key in g.index:
        return g.index[key]
    for suffix in g.keyed["province_suffixes"]:
        hit = g.index.get(key[: -len(suffix) - 1]) if key.endswith(" " + suffix) else None
        if hit is not None and hit.level == "tinh":
            return hit
    # ratio = 2·matches / (len a + len b) caps how much longer than any key a near-miss can be
    if not fuzzy or len(key) < FUZZY_MIN_LENGTH or len(key) * FUZZY_MIN_SCORE > g.longest_key * (200 - FUZZY_MIN_SCORE):
        return None
    found = process.extract(key, g.fuzzy_keys, scorer=fuzz.ratio, limit=6,
                            score_cutoff=FUZZY_MIN_SCORE - FUZZY_MARGIN)
    close = [(g.index[k], score) for k, score, _ in found if _comparable(key, k)]
    if not close or close[0][1] < FUZZY_MIN_SCORE:
        return None
    if any(e is not close[0][0] and close[0][1] - s < FUZZY_MARGIN for e, s in close[1:]):
        return None
    return close[0][0]


def agency_entry(name: str) -> AgencyEntry | None:
    """The gazetteer row a single name refers to (exact, then near-miss), or None."""
    found = split_agencies(name).agencies
    return _resolve(found[0].name, False) if len(found) == 1 and found[0].known else None


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
        for i, ch in enumerate(text):
            if ch == "(":
                start, depth = (i if depth == 0 else start), depth + 1
            elif ch == ")" and depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, i + 1))
        return cls(text, tuple(spans))

    def inside(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.groups)

    def written(self, a: int, b: int) -> str:
        """text[a:b] without its parenthesised spans, whitespace collapsed."""
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
        return not (word and (word.group(1) in _data().raw["dotted_abbreviations"] or word.group(1).isdigit()))

    def piece(self, a: int, b: int) -> _Piece | None:
        a = _LEADING.match(self.text, a, b).end()
        inner = [(s, e) for s, e in self.groups if a <= s and e <= b]
        while b > a and (self.text[b - 1] in _TRAILING or any(e == b for _, e in inner)):
            b = next((s for s, e in inner if e == b), b - 1)
        details = tuple(d for s, e in inner if (d := " ".join(self.text[s + 1:e - 1].split()))
                        and " ".join(_words(d)) not in _data().keyed["ignored_parentheticals"])
        text = self.written(a, b)
        return _Piece(a, b, text, details) if text else None


def _starts_with_head(text: str) -> bool:
    g, key = _data(), agency_key(text)
    proper = text[:1].isupper() and any(_starts_with(key, h) for h in g.keyed["proper_heads"])
    return proper or any(_starts_with(key, h) for h in g.keyed["common_heads"])


def _candidates(written: str, prefix: str | None, previous: str | None, fuzzy: bool) -> list[str]:
    """The label's head first ("Các Sở: Y tế" → "Sở Y tế"), then the name as written,
    then the previous name's head ("UBND cấp huyện, xã" → "UBND cấp xã")."""
    out = [f"{prefix} {written}", written] if prefix else [written]
    if previous and not fuzzy and not _starts_with_head(written):
        words = previous.split()
        out.extend(" ".join(words[:n] + [written]) for n in range(min(len(words) - 1, _MAX_HEAD_WORDS), 0, -1))
    return out


def _longest(cell: _Cell, pieces: list[_Piece], i: int, prefix: str | None,
             previous: str | None) -> tuple[int, str, AgencyEntry] | None:
    """The longest run of pieces from i that is a known name: (end, name as written, entry)."""
    for fuzzy in (False, True):
        for j in range(min(len(pieces), i + _data().max_pieces), i, -1):
            for candidate in _candidates(cell.written(pieces[i].start, pieces[j - 1].end), prefix, previous, fuzzy):
                if (entry := _resolve(candidate, fuzzy)) is not None:
                    return j, candidate, entry
    return None


def _goes_on(cell: _Cell, pieces: list[_Piece], j: int, prefix: str | None, text: str) -> bool:
    """Whether a known name matched up to piece j is only the start of a longer unknown
    one: "Sở Văn hóa, Thể thao" is known, but not before "và Du lịch tỉnh Lào Cai"."""
    if j >= len(pieces) or _starts_with_head(pieces[j].text):
        return False
    joined_by_and = "và" in cell.text[pieces[j - 1].end:pieces[j].start].split()
    return (joined_by_and or pieces[j].text[:1].islower()) and _longest(cell, pieces, j, prefix, text) is None


def _level_hint(text: str) -> str | None:
    return next((level for pattern, level in _data().level_hints if pattern.search(text)), None)


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
    words = " ".join(_words(text))
    return any(_starts_with(words, m) for m in _data().keyed["reference_markers"])


def _list_head(label: str) -> str | None:
    """The head a colon label shares with the names after it: "Riêng các sở" → "Sở"."""
    g = _data()
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
        colon = next((i for i in range(a, b) if cell[i] == ":" and not whole.inside(i)), None)
        if colon is not None and len(cell[a:colon].split()) <= 8:
            label = " ".join(cell[a:colon].split())
            prefix = _list_head(label)
            if not prefix and label and agency_key(label) not in _data().keyed["scope_labels"]:
                references.append(label)
            a = colon + 1
        pieces = [p for s, e in whole.spans(_SOFT, a, b) if (p := whole.piece(s, e))]
        mentions.extend(_match(whole, pieces, prefix))
    return AgencySplit(tuple(mentions), tuple(references))


# ------------------------------------------------------------- spaCy patterns

def _new_tone_style(text: str) -> str:
    """"hóa" → "hoá", "Ủy" → "Uỷ": the other common placement of the tone mark."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_TONE.sub(lambda m: m[1] + m[3] + m[2], decomposed))


def _contractions(text: str) -> set[str]:
    g = _data()
    forms, contracted = {text}, text
    for abbreviation, words in sorted(g.expansions.items(), key=lambda kv: -len(kv[1])):
        if len(words) > 1:
            spelled = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", re.I)
            forms.add(spelled.sub(abbreviation.upper(), text))
            contracted = spelled.sub(abbreviation.upper(), contracted)
    return forms | {contracted}


def _segmentations(syllables: list[str]) -> list[list[str]]:
    """Every way a tokenizer may group the syllables into words of one or two syllables."""
    if len(syllables) <= 1:
        return [syllables]
    return ([[syllables[0], *rest] for rest in _segmentations(syllables[1:])]
            + [[" ".join(syllables[:2]), *rest] for rest in _segmentations(syllables[2:])])


def _token(word: str) -> dict[str, Any]:
    return {"LOWER": {"IN": sorted({word.lower(), _new_tone_style(word).lower()})}}


def agency_patterns() -> list[dict[str, Any]]:
    """spaCy EntityRuler patterns, label "AGENCY": a phrase pattern for every wording
    of every gazetteer name (id = canonical name; meant for ``phrase_matcher_attr=
    "LOWER"``), then token patterns without id for unknown names headed "Sở …",
    "Trung tâm …", "UBND <huyện/xã> …" etc. Token patterns work with the pyvi word
    tokenizer and with plain whitespace tokenization; prefer id'd matches when the
    two overlap."""
    g = _data()
    patterns: list[dict[str, Any]] = []
    for entry in g.entries:
        forms = {v for s in _surfaces(entry, g.raw["provinces"]) for c in _contractions(s)
                 for v in (c, _new_tone_style(c))}
        patterns.extend({"label": "AGENCY", "pattern": form, "id": entry.name} for form in sorted(forms))
    plain = {"IS_PUNCT": False, "IS_DIGIT": False, "IS_SPACE": False}
    more = {**plain, "LOWER": {"NOT_IN": sorted({w.lower() for w in g.raw["name_stop_words"]})}, "OP": "?"}
    for head in g.raw["pattern_heads"]:
        for words in _segmentations(head.split()):
            tokens = [_token(w) for w in words] + [{**plain, "IS_LOWER": False}] + [dict(more) for _ in range(5)]
            patterns.append({"label": "AGENCY", "pattern": tokens})
    places = [seg for p in ("tỉnh", "huyện", "xã", "quận", "phường", "thành phố", "thị xã", "thị trấn")
              for seg in _segmentations(p.split())]
    for head in ("UBND", "Ủy ban nhân dân"):
        for words in _segmentations(head.split()):
            for place in places:
                name = [{**plain, "IS_LOWER": False}, {**plain, "IS_LOWER": False, "OP": "?"}]
                patterns.append({"label": "AGENCY", "pattern": [_token(w) for w in words + place] + name})
    return patterns
