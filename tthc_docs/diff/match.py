"""Which task of the old version became which task of the new one.

Renumbering, moving a task to another section and light rewording must not break
the pairing, so tasks are matched on what they say, not where they stand:

1. tasks whose normalised text is identical are paired at once (the
   overwhelming majority between two drafts; it keeps the matrix below small):
   one on each side directly, several on each side among themselves by their
   supporting evidence (in order of appearance past ``group_pairs`` pairs);
2. for the rest, a similarity matrix: the content similarity (rapidfuzz
   ``fuzz.ratio`` through ``process.cdist``) is the main evidence; the lead and
   coordinating agencies, the deadline and the section add supporting evidence
   (weights in ``data/diff.yaml``);
3. a one-to-one assignment maximising the total score over the whole table
   (``scipy.optimize.linear_sum_assignment``), so a task never takes a partner
   that a better pairing needed; pairs below the thresholds are dropped;
4. splits and merges: an old task whose text went almost verbatim into two or
   more new tasks (or the reverse), found among what step 3 left unpaired.

Past ``exact_pairs`` pairs (a plan of thousands of tasks against one reworded
throughout; ``data/diff.yaml``), steps 2 and 4 look only at candidates: for each
task, the ``candidates`` tasks of the other side most like it
(:mod:`~tthc_docs.diff.candidates`), and step 3 runs on that sparse graph with
the same scores; time and memory then grow with the number of tasks, not with
its square.

KPI rows (:class:`~tthc_docs.models.Indicator`) are paired by steps 1–3 alone
(:func:`pair_rows`): they carry content, lead and coordinating agencies and a
section like tasks, and no deadline (so that evidence is equal for all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from ..models import Indicator, Task
from .candidates import candidate_pairs, position_gap
from .normal import match_key
from .settings import MatchSettings, settings

_RAW_SEPARATORS = re.compile(r"[;\n]+")
_TIE_WEIGHT = 1e-12  # score given up per unit of position_gap: far below any difference of scores
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
    return _support(_evidence(old), _evidence(new), config)


def _support(a: _Evidence, b: _Evidence, config: MatchSettings) -> float:
    weights = config.weights
    return (weights["lead"] * _overlap(a.lead, b.lead) + weights["coordinating"] * _overlap(a.coordinating,
            b.coordinating) + weights["deadline"] * (a.deadline == b.deadline)
            + weights["section"] * (a.section == b.section))


def _incidence(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> csr_matrix:
    indices = [vocabulary[n] for names in sets for n in names]
    indptr = np.cumsum([0] + [len(names) for names in sets])
    return csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(sets), len(vocabulary)))


def _incidences(old: list[frozenset[str]], new: list[frozenset[str]]) -> tuple[csr_matrix, csr_matrix]:
    """Which members each set has, as rows of 0 and 1 over the members of all."""
    vocabulary = {name: i for i, name in enumerate(sorted(set().union(*old, *new)))}
    return _incidence(old, vocabulary), _incidence(new, vocabulary)


def _shared(old: list[frozenset[str]], new: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """How many members every old set shares with every new one, and the set sizes."""
    a, b = _incidences(old, new)
    return ((a @ b.T).toarray().astype(np.float64), np.asarray(a.sum(1), dtype=np.float64).ravel(),
            np.asarray(b.sum(1), dtype=np.float64).ravel())


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
    """The one-to-one pairing with the greatest total score among eligible pairs;
    among equal totals, the one nearest in relative position."""
    if score.size == 0:
        return []
    count_old, count_new = score.shape
    gap = position_gap(np.arange(count_old)[:, None], count_old, np.arange(count_new)[None, :], count_new)
    rows, cols = linear_sum_assignment(np.where(eligible, score - _TIE_WEIGHT * gap, 0.0), maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if eligible[i, j]]


def _identical(old: Sequence[Item], new: Sequence[Item], old_keys: list[str], new_keys: list[str],
               config: MatchSettings) -> list[tuple[int, int]]:
    """Pairs of identical texts: one on each side at once; several on each side
    by the best assignment of their supporting evidence, or, past ``group_pairs``
    pairs, those with the same evidence in order of appearance, then the rest in
    order. A surplus on one side is left to the similarity matrix."""
    old_at: dict[str, list[int]] = {}
    new_at: dict[str, list[int]] = {}
    for i, key in enumerate(old_keys):
        if key:
            old_at.setdefault(key, []).append(i)
    for j, key in enumerate(new_keys):
        if key:
            new_at.setdefault(key, []).append(j)
    found: list[tuple[int, int]] = []
    for key, olds in old_at.items():
        news = new_at.get(key)
        if not news:
            continue
        if len(olds) == len(news) == 1:
            found.append((olds[0], news[0]))
        elif len(olds) * len(news) <= config.group_pairs:
            support = support_similarity([old[i] for i in olds], [new[j] for j in news], config)
            rows, cols = linear_sum_assignment(support, maximize=True)
            found += [(olds[a], news[b]) for a, b in zip(rows, cols)]
        else:
            found += _in_order(olds, news, old, new)
    return found


def _in_order(olds: list[int], news: list[int], old: Sequence[Item], new: Sequence[Item]) -> list[tuple[int, int]]:
    by_evidence: dict[_Evidence, list[int]] = {}
    for j in news:
        by_evidence.setdefault(_evidence(new[j]), []).append(j)
    taken, pairs, rest = set(), [], []
    for i in olds:
        same = by_evidence.get(_evidence(old[i]))
        if same:
            j = same.pop(0)
            pairs.append((i, j))
            taken.add(j)
        else:
            rest.append(i)
    pairs += zip(rest, (j for j in news if j not in taken))
    return pairs


@dataclass(frozen=True)
class _Paired:
    """The pairs of steps 1–3 and, past ``exact_pairs``, the (old, new) candidate
    pairs that were compared, one row each (``None``: every pair was)."""

    pairs: list[Pair]
    compared: np.ndarray | None


def _sparse_pairs(old: Sequence[Item], new: Sequence[Item], old_keys: list[str], new_keys: list[str],
                  rest_old: list[int], rest_new: list[int], config: MatchSettings) -> _Paired:
    """Steps 2 and 3 on candidates only (past ``exact_pairs``): the optimal
    one-to-one pairing of the sparse graph of eligible candidate pairs, scored as
    the full matrix scores them."""
    found = candidate_pairs([old_keys[i] for i in rest_old], [new_keys[j] for j in rest_new], config.candidates)
    compared = np.array([(rest_old[a], rest_new[b]) for a, b in found], dtype=np.intp).reshape(-1, 2)
    if not found:
        return _Paired([], compared)
    content = process.cpdist([old_keys[rest_old[a]] for a, _ in found], [new_keys[rest_new[b]] for _, b in found],
                             scorer=fuzz.ratio, score_cutoff=config.content_min * 100, dtype=np.float32,
                             workers=config.workers).astype(np.float64) / 100
    old_evidence = {a: _evidence(old[rest_old[a]]) for a in {a for a, _ in found}}
    new_evidence = {b: _evidence(new[rest_new[b]]) for b in {b for _, b in found}}
    edges: dict[tuple[int, int], tuple[float, float]] = {}
    for (a, b), similarity in zip(found, content.tolist()):
        if similarity < config.content_min:
            continue
        score = config.weights["content"] * similarity + _support(old_evidence[a], new_evidence[b], config)
        if score >= config.score_min:
            edges[a, b] = (similarity, score)
    return _Paired([Pair(rest_old[a], rest_new[b], *edges[a, b])
                    for a, b in _sparse_assign(edges, len(rest_old), len(rest_new))], compared)


def _sparse_assign(edges: dict[tuple[int, int], tuple[float, float]], rows: int, cols: int) -> list[tuple[int, int]]:
    """The one-to-one pairing of greatest total score among ``edges`` ((row, col) →
    (content, score)). Every row and column also gets a stand-in partner, and each
    edge a mirror between the two stand-ins, so a full matching always exists and
    a real edge is taken exactly when it beats leaving both ends unpaired. Among
    equal totals, the pairing nearest in relative position, as in :func:`assign`."""
    if not edges:
        return []
    keys = list(edges)
    size = rows + cols
    shift = 2.0  # every edge costs shift - score > 0: sparse matrices drop explicit zeros
    r = [a for a, _ in keys] + [rows + b for _, b in keys] + list(range(rows)) + [rows + b for b in range(cols)]
    c = [b for _, b in keys] + [cols + a for a, _ in keys] + [cols + a for a in range(rows)] + list(range(cols))
    ends = np.array(keys, dtype=np.intp)
    gap = position_gap(ends[:, 0], rows, ends[:, 1], cols)
    cost = np.concatenate([shift - np.array([edges[k][1] for k in keys]) + _TIE_WEIGHT * gap,
                           np.full(len(keys) + rows + cols, shift)])
    graph = csr_matrix((cost, (r, c)), shape=(size, size))
    _, matched = min_weight_full_bipartite_matching(graph)
    return sorted((a, int(matched[a])) for a in range(rows) if matched[a] < cols)


def _pairs(old: Sequence[Item], new: Sequence[Item], old_keys: list[str], new_keys: list[str],
           config: MatchSettings) -> _Paired:
    weights = config.weights
    anchored = _identical(old, new, old_keys, new_keys, config)
    done_old = {i for i, _ in anchored}
    done_new = {j for _, j in anchored}
    rest_old = [i for i in range(len(old)) if i not in done_old]
    rest_new = [j for j in range(len(new)) if j not in done_new]
    pairs = [Pair(i, j, 1.0, weights["content"] + pair_support(old[i], new[j], config)) for i, j in anchored]
    if len(rest_old) * len(rest_new) > config.exact_pairs:
        pruned = _sparse_pairs(old, new, old_keys, new_keys, rest_old, rest_new, config)
        return _Paired(sorted(pairs + pruned.pairs, key=lambda p: p.old), pruned.compared)
    content = content_similarity([old_keys[i] for i in rest_old], [new_keys[j] for j in rest_new],
                                 cutoff=config.content_min, workers=config.workers)
    score = weights["content"] * content + support_similarity([old[i] for i in rest_old],
                                                              [new[j] for j in rest_new], config)
    eligible = (content >= config.content_min) & (score >= config.score_min)
    pairs += [Pair(rest_old[a], rest_new[b], float(content[a, b]), float(score[a, b]))
              for a, b in assign(score, eligible)]
    return _Paired(sorted(pairs, key=lambda p: p.old), None)


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
            config: MatchSettings, compared: np.ndarray | None) -> np.ndarray:
    """Which parts are found almost verbatim in which wholes. The word overlap,
    computed for all pairs at once (past ``exact_pairs``, for the (whole, part)
    pairs ``compared`` only), picks the few pairs worth the costlier
    ``partial_ratio`` (best-aligned substring similarity)."""
    part_words = [frozenset(part_keys[p].split()) for p in parts]
    whole_words = [frozenset(whole_keys[w].split()) for w in wholes]
    sizes = np.array([len(words) for words in part_words], dtype=np.float64)
    part_lengths = np.array([len(part_keys[p]) for p in parts])
    whole_lengths = np.array([len(whole_keys[w]) for w in wholes])
    if compared is not None:
        part_at = np.full(len(part_keys), -1, dtype=np.intp)
        part_at[parts] = np.arange(len(parts))
        whole_at = np.full(len(whole_keys), -1, dtype=np.intp)
        whole_at[wholes] = np.arange(len(wholes))
        rows, cols = part_at[compared[:, 1]], whole_at[compared[:, 0]]
        known = (rows >= 0) & (cols >= 0)
        rows, cols = rows[known], cols[known]
        a, b = _incidences(part_words, whole_words)
        shared = np.asarray(a[rows].multiply(b[cols]).sum(axis=1), dtype=np.float64).ravel()
    else:
        matrix, _, _ = _shared(part_words, whole_words)
        rows, cols = np.indices(matrix.shape).reshape(2, -1)
        shared = matrix.reshape(-1)
    plausible = ((shared >= config.piece_min * np.maximum(sizes[rows], 1)) & (sizes[rows] >= config.piece_min_words)
                 & (part_lengths[rows] < whole_lengths[cols]))
    inside = np.zeros((len(parts), len(wholes)), dtype=bool)
    for row, col in zip(rows[plausible], cols[plausible]):
        inside[row, col] = fuzz.partial_ratio(part_keys[parts[row]], whole_keys[wholes[col]],
                                              score_cutoff=config.piece_min * 100) > 0
    return inside


def _groups(whole_keys: list[str], part_keys: list[str], wholes: list[int], free_parts: list[int],
            partner: dict[int, int], config: MatchSettings,
            compared: np.ndarray | None) -> list[tuple[int, tuple[int, ...]]]:
    """Wholes whose text went into several parts: ``(whole, parts)``. Candidate parts
    of a whole are the free parts and its own partner, if it has one (past
    ``exact_pairs``, only those ``compared`` with it, rows of (whole, part))."""
    candidates = sorted(set(free_parts) | {partner[w] for w in wholes if w in partner})
    if not wholes or not candidates:
        return []
    inside = _inside(part_keys, whole_keys, candidates, wholes, config, compared)
    free, used = set(free_parts), set()
    words = {p: _words(part_keys[p]) for p in candidates}
    groups = []
    found: dict[int, list[int]] = {}
    for row, col in zip(*np.nonzero(inside)):
        found.setdefault(int(col), []).append(candidates[row])
    for col, whole in enumerate(wholes):
        whole_words = _words(whole_keys[whole])
        pieces = [p for p in found.get(col, ()) if p not in used and (p in free or partner.get(whole) == p)]
        # Pruning the weakest one by one costs the square of the pieces: start from the likeliest few.
        pieces = sorted(sorted(pieces, key=lambda p: -len(whole_words & words[p]))[:config.candidates])
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
    pairs = _pairs(old, new, [match_key(r.content) for r in old], [match_key(r.content) for r in new], config).pairs
    paired_old, paired_new = {p.old for p in pairs}, {p.new for p in pairs}
    return Matching(pairs=tuple(pairs), splits=(), merges=(),
                    added=tuple(j for j in range(len(new)) if j not in paired_new),
                    removed=tuple(i for i in range(len(old)) if i not in paired_old))


def match_tasks(old: Sequence[Task], new: Sequence[Task], config: MatchSettings | None = None) -> Matching:
    """Pair the tasks of two versions; see the module docstring for how."""
    config = config or settings().matching
    old_keys, new_keys = [match_key(t.content) for t in old], [match_key(t.content) for t in new]
    paired = _pairs(old, new, old_keys, new_keys, config)
    pairs = paired.pairs
    swapped = None if paired.compared is None else paired.compared[:, ::-1]
    # Identical text cannot be a split or a merge: only imperfect pairs and the unpaired compete.
    loose = [p for p in pairs if p.content < 1.0]
    paired_old, paired_new = {p.old for p in pairs}, {p.new for p in pairs}
    free_old = [i for i in range(len(old)) if i not in paired_old]
    free_new = [j for j in range(len(new)) if j not in paired_new]
    splits = _groups(old_keys, new_keys, free_old + [p.old for p in loose], free_new,
                     {p.old: p.new for p in loose}, config, paired.compared)
    in_split_old = {whole for whole, _ in splits}
    in_split_new = {j for _, parts in splits for j in parts}
    merges = _groups(new_keys, old_keys,
                     [j for j in free_new + [p.new for p in loose] if j not in in_split_new],
                     [i for i in free_old if i not in in_split_old],
                     {p.new: p.old for p in loose if p.old not in in_split_old}, config, swapped)
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
