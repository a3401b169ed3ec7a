"""Column headers: the one normaliser every header comparison goes through, and
a fuzzy matcher that pairs the headers of a row with a set of fields.

``normalise_header`` is the header key of :mod:`tthc_docs.text.phrases` (case
folded, punctuation as spaces) with the
abbreviations of ``data/header_words.yaml`` ("Ngày hẹn trả KQ" → "ngày hẹn trả
kết quả"); ``fold_header`` also drops the diacritics ("ngay hen tra ket qua").

``match_headers`` scores every header against every field and takes the
one-to-one pairing with the greatest total (``scipy.optimize.linear_sum_assignment``),
so a header close to two fields goes to the one no other header fits better. A
header's score for a field is its best over the field's spellings: the words of
the two are paired one to one (rapidfuzz's ratio for each pair, so a typo still
counts; a word typed without diacritics equals any accented word it folds to,
while "sơ" and "số", both accented, differ), then a spelling's words missing from
the header cost three times what the header's extra words cost, and word order
does not count. The caller gets the required fields left without a header and
the fields an unpaired header fits about as well, each with the closest headers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..datafile import load_mapping, require
from ..vietnamese import strip_accents
from .phrases import header_key

DATA_FILE = "header_words.yaml"


@dataclass(frozen=True)
class _Settings:
    abbreviations: Mapping[str, str]
    longest_abbreviation: int
    min_score: float
    ambiguity_margin: float


def _words(text: str) -> list[str]:
    return header_key(str(text)).split()


@cache
def _settings() -> _Settings:
    data = load_mapping(DATA_FILE)
    abbreviations = require(DATA_FILE, data, "abbreviations", dict)
    matching = require(DATA_FILE, data, "matching", dict)
    expansions = {strip_accents(" ".join(_words(k))): " ".join(_words(v)) for k, v in abbreviations.items()}
    return _Settings(
        abbreviations=expansions, longest_abbreviation=max(map(len, expansions)),
        min_score=float(require(DATA_FILE, matching, "min_score", int)),
        ambiguity_margin=float(require(DATA_FILE, matching, "ambiguity_margin", int)),
    )


@lru_cache(maxsize=65536)
def normalise_header(text: str) -> str:
    """Lower case, punctuation as spaces, abbreviations written out (an
    abbreviation is recognised with or without its diacritics):
    "Ngày hẹn trả (KQ)" → "ngày hẹn trả kết quả"."""
    settings = _settings()
    words, longest = settings.abbreviations, settings.longest_abbreviation
    return " ".join(words.get(strip_accents(word), word) if len(word) <= longest else word
                    for word in _words(text))


@lru_cache(maxsize=65536)
def fold_header(text: str) -> str:
    """:func:`normalise_header` without diacritics: "ngay hen tra ket qua"."""
    return strip_accents(normalise_header(text))


@dataclass(frozen=True)
class FieldSpec:
    """A field to find a column for: its key, its name for messages, whether a
    sheet must have it, and the headers it is known by (any spelling)."""

    key: str
    label: str
    required: bool
    headers: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A header of the row and its score for one field (0–100)."""

    column: int
    header: str
    score: float

    def __str__(self) -> str:
        return f"{self.header!r} ({self.score:.0f})"


@dataclass(frozen=True)
class FieldProblem:
    """A field without a column, or with two about as good: the headers closest to it."""

    field: FieldSpec
    closest: tuple[Candidate, ...]


@dataclass(frozen=True)
class HeaderMatch:
    """The pairing of a header row with the fields: ``columns`` maps a column
    index to a field key; ``scores`` the score of each pair; ``missing`` the
    required fields with no header; ``ambiguous`` the paired fields an unpaired
    header fits about as well (within the margin of ``header_words.yaml``)."""

    columns: Mapping[int, str]
    scores: Mapping[str, float]
    missing: tuple[FieldProblem, ...]
    ambiguous: tuple[FieldProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.ambiguous


@lru_cache(maxsize=65536)
def _word_similarity(a: str, b: str) -> float:
    """0–1: equal words 1; a word without diacritics and an accented word it folds
    to 1; two accented words that fold alike 0.9 (a slip of the tone mark, or two
    words); otherwise rapidfuzz's ratio of the folded words, from 0.8 up."""
    from rapidfuzz import fuzz

    if a == b:
        return 1.0
    fa, fb = strip_accents(a), strip_accents(b)
    both_accented = fa != a and fb != b
    similarity = fuzz.ratio(fa, fb) / 100
    if similarity < 0.8:
        return 0.0
    return similarity * 0.9 if both_accented else similarity


@lru_cache(maxsize=65536)
def header_score(header: str, spelling: str) -> float:
    """How well a header (normalised) fits one spelling of a field (normalised), 0–100."""
    mine, theirs = header.split(), spelling.split()
    if not mine or not theirs:
        return 0.0
    pairs = sorted(((_word_similarity(a, b), i, j) for i, a in enumerate(mine) for j, b in enumerate(theirs)),
                   reverse=True)
    used_mine: set[int] = set()
    used_theirs: set[int] = set()
    total = 0.0
    for similarity, i, j in pairs:  # greedy: headers are a few words, so it is the best pairing
        if similarity and i not in used_mine and j not in used_theirs:
            used_mine.add(i)
            used_theirs.add(j)
            total += similarity
    found, extra = total / len(theirs), total / len(mine)
    return 100 * (3 * found + extra) / 4


def _scores(headers: Sequence[str], fields: Sequence[FieldSpec]):
    """The (header × field) matrix of scores, 0–100; an empty header scores 0."""
    import numpy as np

    texts = [normalise_header(h) for h in headers]
    spellings = [[normalise_header(v) for v in f.headers] for f in fields]
    return np.array([[max((header_score(text, v) for v in variants), default=0.0) for variants in spellings]
                     for text in texts]).reshape(len(texts), len(fields))


def match_headers(headers: Sequence[object], fields: Sequence[FieldSpec], *,
                  manual: Mapping[str, str] | None = None) -> HeaderMatch:
    """Pair the cells of a header row (``None`` for an empty cell) with ``fields``.

    ``manual`` maps a field key to the header it must take (compared after
    :func:`fold_header`); a manual header the row lacks leaves its field
    missing, with the row's closest headers."""
    from scipy.optimize import linear_sum_assignment

    settings = _settings()
    cells = ["" if h is None else str(h) for h in headers]
    manual = dict(manual or {})
    columns: dict[int, str] = {}
    scores: dict[str, float] = {}
    missing: list[FieldProblem] = []
    free = list(range(len(cells)))
    open_fields = []
    for spec in fields:
        if spec.key not in manual:
            open_fields.append(spec)
            continue
        wanted = fold_header(manual[spec.key])
        column = next((i for i in free if fold_header(cells[i]) == wanted), None)
        if column is None:
            missing.append(FieldProblem(spec, _closest(cells, free, FieldSpec(spec.key, spec.label, True,
                                                                                (manual[spec.key],)))))
            continue
        free.remove(column)
        columns[column], scores[spec.key] = spec.key, 100.0
    matrix = _scores([cells[i] for i in free], open_fields) if free and open_fields else None
    paired: dict[int, int] = {}
    if matrix is not None:
        for row, col in zip(*linear_sum_assignment(matrix, maximize=True)):
            if matrix[row, col] >= settings.min_score:
                paired[col] = row
    ambiguous: list[FieldProblem] = []
    for index, spec in enumerate(open_fields):
        if index not in paired:
            if spec.required:
                missing.append(FieldProblem(spec, _closest(cells, free, spec)))
            continue
        row = paired[index]
        score = float(matrix[row, index])
        columns[free[row]], scores[spec.key] = spec.key, score
        rivals = [r for r in range(len(free)) if r not in paired.values()
                  and matrix[r, index] >= settings.min_score and matrix[r, index] > score - settings.ambiguity_margin]
        if rivals:
            ambiguous.append(FieldProblem(spec, _closest(cells, [free[r] for r in (row, *rivals)], spec)))
    return HeaderMatch(columns=dict(sorted(columns.items())), scores=scores, missing=tuple(missing),
                       ambiguous=tuple(ambiguous))


def _closest(cells: Sequence[str], among: Sequence[int], spec: FieldSpec, *, most: int = 3) -> tuple[Candidate, ...]:
    """The headers of ``among`` that score best for ``spec``, best first."""
    among = [i for i in among if cells[i].strip()]
    if not among:
        return ()
    matrix = _scores([cells[i] for i in among], [spec])
    ranked = sorted(((i, score) for i, score in zip(among, matrix[:, 0]) if score > 0), key=lambda p: -p[1])
    return tuple(Candidate(i, cells[i].strip(), round(float(score), 1)) for i, score in ranked[:most])


def describe(problems: Sequence[FieldProblem], what: str) -> str:
    """"Ngày hẹn trả mới (closest: 'Ngày hẹn' (72), …)" for each problem, joined by "; "."""
    return "; ".join(f"{what} {p.field.label}" + (f" (closest: {', '.join(map(str, p.closest))})" if p.closest
                                                    else "") for p in problems)
