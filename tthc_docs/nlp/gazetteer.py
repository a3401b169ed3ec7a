"""The agency gazetteer (``data/agencies.yaml``) and matching a name against it.

Names are compared on :func:`agency_key`; near-misses fall back to rapidfuzz under
the guards documented at ``FUZZY_MIN_SCORE``. Splitting a cell into names is
:mod:`tthc_docs.nlp.agencies`; spaCy patterns are :mod:`tthc_docs.nlp.agency_patterns`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..datafile import load_mapping
from ..errors import DataError
from ..text.phrases import header_key
from ..vietnamese import strip_accents

DATA_FILE = "agencies.yaml"
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
_TONE_MARKS = "".join(_TONES.values())
# Where a cell may be cut inside a name: the gazetteer counts these in each wording to bound
# how many pieces of a cell one name can span.
SOFT_SEPARATORS = re.compile(r",|[\r\n]+|(?<!\S)và(?!\S)|(?<=\s)/|/(?=\s)")


@dataclass(frozen=True)
class AgencyEntry:
    """One row of the gazetteer."""

    name: str
    level: str | None
    kind: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    note: str | None = None


# Settings of agencies.yaml compared on agency_key (abbreviations spelled out) ...
_KEYED = ("province_suffixes", "level_words", "list_heads", "scope_labels", "proper_heads", "common_heads")
# ... and compared as plain lower-case words.
_WORDED = ("reference_markers", "ignored_parentheticals")


@dataclass(frozen=True)
class GazetteerData:
    """``data/agencies.yaml`` as loaded: the entries, the key of every wording, the settings."""

    entries: tuple[AgencyEntry, ...]
    index: dict[str, AgencyEntry]  # agency_key of every wording → its entry
    expansions: dict[str, tuple[str, ...]]
    fillers: frozenset[str]
    keyed: dict[str, tuple[str, ...]]  # the _KEYED and _WORDED settings
    level_hints: tuple[tuple[re.Pattern[str], str], ...]
    raw: dict[str, Any]  # the file as read, for the settings used as written
    max_pieces: int  # most separator-split parts in one wording, plus one
    fuzzy_keys: tuple[str, ...]
    fuzzy_keys_by_head: dict[str, tuple[str, ...]]  # first word → the fuzzy_keys starting with it
    longest_key: int
    # The last words (one or more) of every key resolve_agency accepts: of a key as it stands,
    # or of a suffix; of a provincial key followed by a suffix, see may_end_a_name.
    endings: frozenset[str]
    provincial_endings: frozenset[str]  # the last words of the keys of provincial bodies
    settings: dict[str, tuple[frozenset[str], int]]  # each setting of ``keyed``: its phrases, most words in one


@lru_cache(maxsize=16384)
def _fold(word: str) -> str:
    """The word with its tone mark moved to the end: "hoá", "hóa" → "hoa'"."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if c not in _TONES) + "".join(_TONES[c] for c in decomposed if c in _TONES)


def folded_phrase(text: str) -> str:
    """``text`` as the word settings of ``data/agencies.yaml`` compare it: the header key
    (NFC, case-folded, punctuation as spaces) with "Ð" read as "Đ" and "&" as "và"."""
    return header_key(text.replace("Ð", "Đ").replace("&", " và "))


def folded_words(text: str) -> list[str]:
    """The words of :func:`folded_phrase`, as keys compare them."""
    return folded_phrase(text).split()


def _make_key(text: str, expansions: dict[str, tuple[str, ...]], fillers: frozenset[str]) -> str:
    words = [part for word in folded_words(text) for part in expansions.get(word, (word,))]
    return " ".join(_fold(word) for word in words if word not in fillers)


def surfaces(entry: AgencyEntry, provinces: tuple[str, ...]) -> list[str]:
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
def gazetteer_data() -> GazetteerData:
    """The gazetteer, read once; DataError naming the file when it cannot be read."""
    try:
        return _build(load_mapping(DATA_FILE))
    except (OSError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise DataError(f"{DATA_FILE}: cannot read the gazetteer: {exc!r}") from exc


def _build(raw: dict[str, Any]) -> GazetteerData:
    expansions = {k.casefold(): tuple(folded_words(v)) for k, v in raw["expansions"].items()}
    fillers = frozenset(folded_words(" ".join(raw["fillers"])))
    entries = tuple(_entry(row, raw["kinds"]) for row in raw["agencies"])
    provinces = tuple(raw["provinces"])

    def key(text: str) -> str:
        return _make_key(text, expansions, fillers)

    index: dict[str, AgencyEntry] = {}
    max_pieces = 1
    for entry in entries:
        for form in surfaces(entry, provinces):
            k = key(form)
            if index.setdefault(k, entry) is not entry:
                raise DataError(f"{DATA_FILE}: {form!r} of {entry.name!r} is also a name of {index[k].name!r}")
            max_pieces = max(max_pieces, len(SOFT_SEPARATORS.findall(form)) + 1)
    fuzzy_keys = tuple(k for k in index if len(k) >= FUZZY_MIN_LENGTH)
    by_head: dict[str, tuple[str, ...]] = {}
    for k in fuzzy_keys:
        head = k.split(" ", 1)[0]
        by_head[head] = (*by_head.get(head, ()), k)
    keyed = {name: tuple(key(x) for x in raw[name]) for name in _KEYED}
    keyed |= {name: tuple(folded_phrase(x) for x in raw[name]) for name in _WORDED}
    provincial = frozenset(e for k, entry in index.items() if entry.level == "tinh" for e in _last_words(k))
    suffixes = keyed["province_suffixes"] if provincial else ()
    return GazetteerData(entries=entries, index=index, expansions=expansions, fillers=fillers, keyed=keyed,
                         level_hints=tuple((re.compile(h["pattern"], re.I), h["level"]) for h in raw["level_hints"]),
                         raw=raw, max_pieces=max_pieces + 1,
                         fuzzy_keys=fuzzy_keys, fuzzy_keys_by_head=by_head,
                         longest_key=max(map(len, index)),
                         endings=frozenset(e for k in (*index, *suffixes) for e in _last_words(k)),
                         provincial_endings=provincial,
                         settings={name: (frozenset(phrases), max((len(p.split(" ")) for p in phrases), default=0))
                                   for name, phrases in keyed.items()})


def _last_words(key: str) -> Iterator[str]:
    """``key``, then what follows each of its spaces: its last words, one or more."""
    while True:
        yield key
        cut = key.find(" ")
        if cut < 0:
            return
        key = key[cut + 1:]


def gazetteer() -> tuple[AgencyEntry, ...]:
    """Every entry of ``data/agencies.yaml``, in file order (loaded once)."""
    return gazetteer_data().entries


@lru_cache(maxsize=16384)
def agency_key(text: str) -> str:
    """The matching key of a name: NFC, case-folded, tone position unified,
    punctuation and "&" folded, abbreviations spelled out, "và"/"các"/"có" dropped."""
    g = gazetteer_data()
    return _make_key(text, g.expansions, g.fillers)


def _has_word(key: str, word: str) -> bool:
    return f" {word} " in f" {key} "


def starts_with_word(key: str, word: str) -> bool:
    """Whether ``key`` is ``word`` or begins with it as whole words."""
    return key == word or key.startswith(word + " ")


def starts_with_setting(key: str, setting: str) -> bool:
    """Whether ``key`` is, or begins with as whole words, a phrase of a word-list setting of
    ``data/agencies.yaml`` ("proper_heads", "reference_markers" …)."""
    phrases, most = gazetteer_data().settings[setting]
    words = key.split(" ")
    return any(" ".join(words[:n]) in phrases for n in range(1, min(len(words), most) + 1))


def may_end_a_name(key: str) -> bool:
    """Whether some key the gazetteer resolves ends with ``key`` (as whole words): a name
    ending otherwise is none, whatever words come before it."""
    g = gazetteer_data()
    # The last words of "<provincial key> <suffix>" are those of the suffix, or the last
    # words of the provincial key followed by the whole suffix.
    return key in g.endings or any(key.endswith(" " + suffix) and key[:-len(suffix) - 1] in g.provincial_endings
                                   for suffix in g.keyed["province_suffixes"])


def _plain(word: str) -> str:
    """A key's word without its tone mark (put last by _fold) and diacritics."""
    return strip_accents(word.rstrip(_TONE_MARKS))


def _comparable(query: str, key: str) -> bool:
    q, k = query.split(), key.split()
    if q[0] != k[0] or q[: len(k)] == k or k[: len(q)] == q:
        return False
    if not all(_has_word(query, w) == _has_word(key, w) for w in gazetteer_data().keyed["level_words"]):
        return False
    extra, missing = Counter(map(_plain, q)), Counter(map(_plain, k))
    extra, missing = list((extra - missing).elements()), list((missing - extra).elements())
    one_off = len(extra) == len(missing) == 1 and Levenshtein.distance(extra[0], missing[0]) <= 1
    return len(extra) + len(missing) <= 1 or one_off


@lru_cache(maxsize=8192)
def resolve_agency(text: str, fuzzy: bool) -> AgencyEntry | None:
    """The entry ``text`` names as a whole: its key, else its key without a trailing "tỉnh"-like
    suffix (provincial bodies only), else, with ``fuzzy``, a guarded near-miss; None when none fits."""
    g = gazetteer_data()
    key = agency_key(text)
    if not key:
        return None
    if key in g.index:
        return g.index[key]
    for suffix in g.keyed["province_suffixes"]:
        hit = g.index.get(key[: -len(suffix) - 1]) if key.endswith(" " + suffix) else None
        if hit is not None and hit.level == "tinh":
            return hit
    miss = near_miss(text) if fuzzy else None
    return miss.entry if miss is not None else None


@dataclass(frozen=True)
class NearMiss:
    """A name one typo (or OCR slip) away from a gazetteer wording: the entry, that
    wording as the gazetteer spells it, and the rapidfuzz ratio of the two keys."""

    entry: AgencyEntry
    wording: str
    score: float


@lru_cache(maxsize=8192)
def near_miss(text: str) -> NearMiss | None:
    """The wording ``text`` is a near miss of, under the guards of ``FUZZY_MIN_SCORE``; None
    when there is none or more than one fits."""
    g = gazetteer_data()
    key = agency_key(text)
    # ratio = 2·matches / (len a + len b) caps how much longer than any key a near-miss can be
    if len(key) < FUZZY_MIN_LENGTH or len(key) * FUZZY_MIN_SCORE > g.longest_key * (200 - FUZZY_MIN_SCORE):
        return None
    # A near miss shares its wording's first word (_comparable), so without a wording of that
    # head within FUZZY_MIN_SCORE there is none: the ranking over every key is not needed.
    same_head = g.fuzzy_keys_by_head.get(key.split(" ", 1)[0], ())
    if process.extractOne(key, same_head, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE) is None:
        return None
    found = process.extract(key, g.fuzzy_keys, scorer=fuzz.ratio, limit=6,
                            score_cutoff=FUZZY_MIN_SCORE - FUZZY_MARGIN)
    close = [(k, g.index[k], score) for k, score, _ in found if _comparable(key, k)]
    if not close or close[0][2] < FUZZY_MIN_SCORE:
        return None
    best_key, best, score = close[0]
    if any(e is not best and score - s < FUZZY_MARGIN for _, e, s in close[1:]):
        return None
    wording = next(w for w in surfaces(best, tuple(g.raw["provinces"])) if agency_key(w) == best_key)
    return NearMiss(best, wording, score)
