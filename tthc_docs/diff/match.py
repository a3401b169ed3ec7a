"""Which task of the old version became which task of the new one.

Renumbering, moving a task to another section and light rewording must not break
the pairing, so tasks are matched on what they say, not where they stand:

1. tasks whose normalised text is identical and occurs once on each side are
   paired at once (the overwhelming majority between two drafts; it keeps the
   matrix below small);
2. for the rest, a similarity matrix: the content similarity (rapidfuzz
   ``fuzz.ratio`` through ``process.cdist``) is the main evidence; the lead and
   coordinating agencies, the deadline and the section add supporting evidence
   (weights in ``data/diff.yaml``);
3. a one-to-one assignment maximising the total score over the whole table
   (``scipy.optimize.linear_sum_assignment``), so a task never takes a partner
   that a better pairing needed; pairs below the thresholds are dropped;
4. splits and merges: an old task whose text went almost verbatim into two or
   more new tasks (or the reverse), found among what step 3 left unpaired.

KPI rows (:class:`~tthc_docs.models.Indicator`) are paired by steps 1–3 alone
(:func:`pair_rows`): they carry content, lead and coordinating agencies and a
section like tasks, and no deadline (so that evidence is equal for all).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from ..models import Indicator, Task
from .normal import match_key
from .settings import MatchSettings, settings

_RAW_SEPARATORS = re.compile(r"[;\n]+")
# What can be paired: a task, or a KPI row (which has no deadline and no part).
Item = Task | Indicator


@dataclass(frozen=True)
class Pair:
    """Old task ``old`` is new task ``new`` (indices into the two task lists).
    ``content`` is the content similarity, ``score`` the weighted score."""

    old: int
    new: int
    content: float
    score: float


@dataclass(frozen=True)
class Group:
    """A split (one old task, several new ones) or a merge (the reverse)."""

    old: tuple[int, ...]
    new: tuple[int, ...]


@dataclass(frozen=True)
class Matching:
    pairs: tuple[Pair, ...]
    splits: tuple[Group, ...]
    merges: tuple[Group, ...]
    added: tuple[int, ...]
    removed: tuple[int, ...]


def agencies(task: Item, role: str) -> tuple[str, ...]:
    """The agencies of ``role``: the canonical names, or, when the NLP stage has not
    filled them, the raw cell cut at the separators that never occur inside a name."""
    names = getattr(task, role)
    if names:
        return names
    raw = getattr(task, f"{role}_raw") or ""
    return tuple(part.strip() for part in _RAW_SEPARATORS.split(raw) if part.strip())


def deadline_key(task: Item) -> str:
    deadline = getattr(task, "deadline", None)
    if deadline is None:
        return ""
    if deadline.due is not None:
        return f"{deadline.kind}:{deadline.due.isoformat()}"
    return match_key(deadline.text)


def section_key(task: Item) -> str:
    return f"{match_key(getattr(task, 'part', None))}|{match_key(task.section)}"


def content_similarity(old: Sequence[str], new: Sequence[str], *, cutoff: float = 0.0,
                       workers: int = 1) -> np.ndarray:
    """``fuzz.ratio`` of every old text against every new one, in [0, 1]; values
    under ``cutoff`` are 0 (rapidfuzz then skips the exact computation)."""
    if not old or not new:
        return np.zeros((len(old), len(new)))
    matrix = process.cdist(old, new, scorer=fuzz.ratio, score_cutoff=cutoff * 100, dtype=np.float32,
                           workers=workers)
    return matrix.astype(np.float64) / 100


@dataclass(frozen=True)
class _Evidence:
    """What supports a pairing besides the text."""

    lead: frozenset[str]
    coordinating: frozenset[str]
    deadline: str
    section: str


def _evidence(task: Item) -> _Evidence:
    return _Evidence(frozenset(map(match_key, agencies(task, "lead"))),
                     frozenset(map(match_key, agencies(task, "coordinating"))),
                     deadline_key(task), section_key(task))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def pair_support(old: Item, new: Item, config: MatchSettings) -> float:
    """The weighted supporting evidence of one pair (equal to the matrix entry)."""
    a, b, weights = _evidence(old), _evidence(new), config.weights
    return (weights["lead"] * _overlap(a.lead, b.lead) + weights["coordinating"] * _overlap(a.coordinating,
            b.coordinating) + weights["deadline"] * (a.deadline == b.deadline)
            + weights["section"] * (a.section == b.section))


def _incidence(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(sets), len(vocabulary)), dtype=np.float32)
    for row, names in enumerate(sets):
        matrix[row, [vocabulary[n] for n in names]] = 1
    return matrix


def _shared(old: list[frozenset[str]], new: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """How many members every old set shares with every new one, and the set sizes."""
    vocabulary = {name: i for i, name in enumerate(sorted(set().union(*old, *new)))}
    a, b = _incidence(old, vocabulary), _incidence(new, vocabulary)
    return (a @ b.T).astype(np.float64), a.sum(1).astype(np.float64), b.sum(1).astype(np.float64)


def _jaccard(old: list[frozenset[str]], new: list[frozenset[str]]) -> np.ndarray:
    inter, size_old, size_new = _shared(old, new)
    union = size_old[:, None] + size_new[None, :] - inter
    return np.where(union == 0, 1.0, inter / np.maximum(union, 1))


def _codes(old: list[str], new: list[str]) -> tuple[np.ndarray, np.ndarray]:
    table: dict[str, int] = {}
    encode = [table.setdefault(key, len(table)) for key in old + new]
    return np.array(encode[:len(old)]), np.array(encode[len(old):])


def support_similarity(old: Sequence[Item], new: Sequence[Item], config: MatchSettings) -> np.ndarray:
    """The weighted supporting evidence of every pair: agencies, deadline, section."""
    weights = config.weights
    a, b = [_evidence(t) for t in old], [_evidence(t) for t in new]
    total = weights["lead"] * _jaccard([e.lead for e in a], [e.lead for e in b])
    total += weights["coordinating"] * _jaccard([e.coordinating for e in a], [e.coordinating for e in b])
    for role in ("deadline", "section"):
        codes_old, codes_new = _codes([getattr(e, role) for e in a], [getattr(e, role) for e in b])
        total += weights[role] * (codes_old[:, None] == codes_new[None, :])
    return total


def assign(score: np.ndarray, eligible: np.ndarray) -> list[tuple[int, int]]:
    """The one-to-one pairing with the greatest total score among eligible pairs."""
    if score.size == 0:
        return []
    rows, cols = linear_sum_assignment(np.where(eligible, score, 0.0), maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if eligible[i, j]]


def _anchors(old_keys: list[str], new_keys: list[str]) -> list[tuple[int, int]]:
    old_count, new_count = Counter(old_keys), Counter(new_keys)
    new_index = {key: j for j, key in enumerate(new_keys)}
    return [(i, new_index[key]) for i, key in enumerate(old_keys)
            if key and old_count[key] == 1 and new_count[key] == 1]


def _pairs(old: Sequence[Item], new: Sequence[Item], old_keys: list[str], new_keys: list[str],
           config: MatchSettings) -> list[Pair]:
    weights = config.weights
    anchored = _anchors(old_keys, new_keys)
    done_old = {i for i, _ in anchored}
    done_new = {j for _, j in anchored}
    rest_old = [i for i in range(len(old)) if i not in done_old]
    rest_new = [j for j in range(len(new)) if j not in done_new]
    pairs = [Pair(i, j, 1.0, weights["content"] + pair_support(old[i], new[j], config)) for i, j in anchored]
    content = content_similarity([old_keys[i] for i in rest_old], [new_keys[j] for j in rest_new],
                                 cutoff=config.content_min, workers=config.workers)
    score = weights["content"] * content + support_similarity([old[i] for i in rest_old],
                                                              [new[j] for j in rest_new], config)
    eligible = (content >= config.content_min) & (score >= config.score_min)
    pairs += [Pair(rest_old[a], rest_new[b], float(content[a, b]), float(score[a, b]))
              for a, b in assign(score, eligible)]
    return sorted(pairs, key=lambda p: p.old)


def _words(key: str) -> set[str]:
    return set(key.split())


def _contributing(whole: set[str], pieces: list[int], words: dict[int, set[str]], gain: float) -> list[int]:
    """Drop, weakest first, the pieces that cover less than ``gain`` of the whole's
    words that no other piece covers: a task that only repeats part of another
    is not a piece of a split."""
    pieces = list(pieces)
    while pieces:
        unique = []
        for p in pieces:
            others = set().union(*(words[q] for q in pieces if q != p))
            unique.append(len((whole & words[p]) - others) / max(len(whole), 1))
        weakest = min(range(len(pieces)), key=unique.__getitem__)
        if unique[weakest] >= gain:
            break
        pieces.pop(weakest)
    return pieces


def _inside(part_keys: list[str], whole_keys: list[str], parts: list[int], wholes: list[int],
            config: MatchSettings) -> np.ndarray:
    """Which parts are found almost verbatim in which wholes. The word overlap,
    computed for all pairs at once, picks the few pairs worth the costlier
    ``partial_ratio`` (best-aligned substring similarity)."""
    part_words = [frozenset(part_keys[p].split()) for p in parts]
    shared, sizes, _ = _shared(part_words, [frozenset(whole_keys[w].split()) for w in wholes])
    lengths = np.array([len(part_keys[p]) for p in parts])[:, None]
    plausible = ((shared >= config.piece_min * np.maximum(sizes, 1)[:, None])
                 & (sizes[:, None] >= config.piece_min_words)
                 & (lengths < np.array([len(whole_keys[w]) for w in wholes])[None, :]))
    inside = np.zeros(plausible.shape, dtype=bool)
    for row, col in zip(*np.nonzero(plausible)):
        inside[row, col] = fuzz.partial_ratio(part_keys[parts[row]], whole_keys[wholes[col]],
                                              score_cutoff=config.piece_min * 100) > 0
    return inside


def _groups(whole_keys: list[str], part_keys: list[str], wholes: list[int], free_parts: list[int],
            partner: dict[int, int], config: MatchSettings) -> list[tuple[int, tuple[int, ...]]]:
    """Wholes whose text went into several parts: ``(whole, parts)``. Candidate parts
    of a whole are the free parts and its own partner, if it has one."""
    candidates = sorted(set(free_parts) | {partner[w] for w in wholes if w in partner})
    if not wholes or not candidates:
        return []
    inside = _inside(part_keys, whole_keys, candidates, wholes, config)
    free, used = set(free_parts), set()
    words = {p: _words(part_keys[p]) for p in candidates}
    groups = []
    for col, whole in enumerate(wholes):
        whole_words = _words(whole_keys[whole])
        pieces = [p for row, p in enumerate(candidates)
                  if inside[row, col] and p not in used and (p in free or partner.get(whole) == p)]
        pieces = _contributing(whole_words, pieces, words, config.piece_gain)
        together = len(whole_words & set().union(*(words[p] for p in pieces))) / max(len(whole_words), 1)
        if len(pieces) >= 2 and together >= config.coverage_min:
            groups.append((whole, tuple(pieces)))
            used.update(pieces)
    return groups


def pair_rows(old: Sequence[Item], new: Sequence[Item], config: MatchSettings | None = None) -> Matching:
    """Pair rows one to one (steps 1–3 of the module docstring, no splits or
    merges): for KPI rows, which a new version rewords, re-targets, adds or drops."""
    config = config or settings().matching
    pairs = _pairs(old, new, [match_key(r.content) for r in old], [match_key(r.content) for r in new], config)
    paired_old, paired_new = {p.old for p in pairs}, {p.new for p in pairs}
    return Matching(pairs=tuple(pairs), splits=(), merges=(),
                    added=tuple(j for j in range(len(new)) if j not in paired_new),
                    removed=tuple(i for i in range(len(old)) if i not in paired_old))


def match_tasks(old: Sequence[Task], new: Sequence[Task], config: MatchSettings | None = None) -> Matching:
    """Pair the tasks of two versions; see the module docstring for how."""
    config = config or settings().matching
    old_keys, new_keys = [match_key(t.content) for t in old], [match_key(t.content) for t in new]
    pairs = _pairs(old, new, old_keys, new_keys, config)
    # Identical text cannot be a split or a merge: only imperfect pairs and the unpaired compete.
    loose = [p for p in pairs if p.content < 1.0]
    paired_old, paired_new = {p.old for p in pairs}, {p.new for p in pairs}
    free_old = [i for i in range(len(old)) if i not in paired_old]
    free_new = [j for j in range(len(new)) if j not in paired_new]
    splits = _groups(old_keys, new_keys, free_old + [p.old for p in loose], free_new,
                     {p.old: p.new for p in loose}, config)
    in_split_old = {whole for whole, _ in splits}
    in_split_new = {j for _, parts in splits for j in parts}
    merges = _groups(new_keys, old_keys,
                     [j for j in free_new + [p.new for p in loose] if j not in in_split_new],
                     [i for i in free_old if i not in in_split_old],
                     {p.new: p.old for p in loose if p.old not in in_split_old}, config)
    grouped_old = in_split_old | {i for _, parts in merges for i in parts}
    grouped_new = in_split_new | {whole for whole, _ in merges}
    kept = tuple(p for p in pairs if p.old not in grouped_old and p.new not in grouped_new)
    kept_old, kept_new = {p.old for p in kept}, {p.new for p in kept}
    return Matching(
        pairs=kept,
        splits=tuple(Group((whole,), parts) for whole, parts in sorted(splits)),
        merges=tuple(Group(parts, (whole,)) for whole, parts in sorted(merges)),
        added=tuple(j for j in range(len(new)) if j not in kept_new and j not in grouped_new),
        removed=tuple(i for i in range(len(old)) if i not in kept_old and i not in grouped_old),
    )
