"""Which tasks of two long lists are worth comparing, when all pairs are too many.

Each text becomes a TF-IDF vector of its syllables and syllable pairs (the word
order a rewording keeps), and a task's candidates are the ``limit`` tasks of the
other side with the greatest cosine similarity, taken from both sides: every
old task keeps its best new ones and every new task its best old ones. A
rewording keeps most syllable pairs of a text, so its partner ranks first even
when hundreds of other tasks share a clause with it. A feature in more than a
tenth of the texts ("thực hiện", "các") is left out: it would weigh almost
nothing and make every product non-zero. Equal similarities (texts written alike) are ordered by
the distance between the two tasks' relative positions, so that a block of
near-identical tasks yields a different candidate for each, as the full
assignment would pair them.

The cosine is computed in blocks of rows, so memory stays at a block of the
dense matrix whatever the number of tasks.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

import numpy as np
from scipy.sparse import csr_matrix

_BLOCK_CELLS = 2_000_000  # cells of the cosine matrix held at once
# A pair's distance in relative position (at most 1) costs this much cosine: far
# more than the rounding errors of equal cosines, far less than a real difference.
_TIE_WEIGHT = 1e-10
_COMMON_SHARE = 0.1  # a feature in more than this share of the texts ...
_COMMON_TEXTS = 100  # ... and in more than this many is left out


def position_gap(left: np.ndarray, left_count: int, right: np.ndarray, right_count: int) -> np.ndarray:
    """How far apart item ``left`` of ``left_count`` and item ``right`` of
    ``right_count`` stand, as shares of their lists (in [0, 1]): what breaks
    ties between equal similarities, in order."""
    return np.abs((left + 0.5) / left_count - (right + 0.5) / right_count)


def _features(text: str) -> list[str]:
    syllables = text.split()
    return syllables + [f"{a} {b}" for a, b in zip(syllables, syllables[1:])]


def _vectors(features: Sequence[list[str]], vocabulary: dict[str, int], idf: np.ndarray) -> csr_matrix:
    """Rows of L2-normalised TF-IDF weights (``1 + log tf`` times the idf)."""
    indptr, indices, data = [0], [], []
    for text in features:
        counts = Counter(vocabulary[f] for f in text if f in vocabulary)
        indices += counts
        data += [1 + math.log(n) for n in counts.values()]
        indptr.append(len(indices))
    matrix = csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.intp), indptr),
                        shape=(len(features), len(vocabulary)))
    matrix = matrix.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return csr_matrix(matrix.multiply(1 / np.maximum(norms, 1e-12)[:, None]))


def _top(keys: np.ndarray, limit: int, axis: int) -> np.ndarray:
    """Indices along ``axis`` of the ``limit`` greatest keys (all when fewer)."""
    if keys.shape[axis] <= limit:
        return np.broadcast_to(np.expand_dims(np.arange(keys.shape[axis]), 1 - axis), keys.shape)
    last = keys.shape[axis] - limit
    return np.take(np.argpartition(keys, last, axis=axis), np.arange(last, keys.shape[axis]), axis=axis)


def _best(a: csr_matrix, b: csr_matrix, limit: int) -> set[tuple[int, int]]:
    """``(i, j)`` when row ``j`` of ``b`` is among the ``limit`` of greatest cosine
    with row ``i`` of ``a``, or row ``i`` among those of row ``j``."""
    b_t = b.T.tocsc()
    step = max(1, _BLOCK_CELLS // b.shape[0])
    found: set[tuple[int, int]] = set()
    # The best rows of ``a`` for each row of ``b`` among the blocks seen so far.
    best_keys = np.full((0, b.shape[0]), -np.inf)
    best_rows = np.zeros((0, b.shape[0]), dtype=np.intp)
    for start in range(0, a.shape[0], step):
        rows = np.arange(start, min(start + step, a.shape[0]))
        cosine = (a[rows] @ b_t).toarray()
        keys = position_gap(rows[:, None], a.shape[0], np.arange(b.shape[0])[None, :], b.shape[0])
        keys *= -_TIE_WEIGHT
        keys += cosine
        top = _top(keys, limit, axis=1)
        found.update(zip(np.repeat(rows, top.shape[1]).tolist(), top.ravel().tolist()))
        top = _top(keys, limit, axis=0)
        keys = np.vstack([best_keys, np.take_along_axis(keys, top, axis=0)])
        owners = np.vstack([best_rows, rows[top]])
        keep = _top(keys, limit, axis=0)
        best_keys = np.take_along_axis(keys, keep, axis=0)
        best_rows = np.take_along_axis(owners, keep, axis=0)
    found.update(zip(best_rows.ravel().tolist(), np.tile(np.arange(b.shape[0]), best_rows.shape[0]).tolist()))
    return found


def candidate_pairs(left: Sequence[str], right: Sequence[str], limit: int) -> list[tuple[int, int]]:
    """``(i, j)`` pairs, sorted, such that ``right[j]`` is among the ``limit``
    texts of ``right`` most like ``left[i]`` or the reverse (texts are
    :func:`~tthc_docs.diff.normal.match_key` forms)."""
    if not left or not right or limit < 1:
        return []
    documents = len(left) + len(right)
    common = max(_COMMON_SHARE * documents, _COMMON_TEXTS)
    left_features, right_features = [_features(t) for t in left], [_features(t) for t in right]
    counts = Counter(f for text in (*left_features, *right_features) for f in set(text))
    frequency = {feature: n for feature, n in counts.items() if n <= common}
    vocabulary = {feature: index for index, feature in enumerate(frequency)}
    idf = np.log((1 + documents) / (1 + np.array(list(frequency.values()), dtype=np.float64))) + 1
    a, b = _vectors(left_features, vocabulary, idf), _vectors(right_features, vocabulary, idf)
    return sorted(_best(a, b, limit))
