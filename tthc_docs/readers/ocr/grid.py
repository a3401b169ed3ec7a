"""Ruled tables on a page image, found from their drawn lines (OpenCV).

Long horizontal and vertical strokes are kept by a morphological opening (text
strokes are shorter than the kernel); each group of touching rules wide enough
is a table. Its row and column edges are where the rules run; two neighbouring
grid cells with no rule between them are one merged cell, so a section row
merged across the table or an agency merged down several rows comes out as one
cell, as in a .docx.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A rule is at least this share of the page's longer side long: longer than any
# text stroke, shorter than the side of the smallest cell.
RULE_SHARE = 0.025
# A table is at least this share of the page's width wide.
TABLE_MIN_WIDTH_SHARE = 0.25
# Share of a cell side a rule must cover to separate two cells.
BORDER_COVER = 0.6


@dataclass(frozen=True)
class Cell:
    """A cell of the grid: rows ``row0``–``row1`` and columns ``col0``–``col1``
    (end exclusive), and its box in pixels inside its rules."""

    row0: int
    row1: int
    col0: int
    col1: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Grid:
    xs: tuple[int, ...]  # column edges, left to right
    ys: tuple[int, ...]  # row edges, top to bottom
    cells: tuple[Cell, ...]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


@dataclass(frozen=True)
class Rules:
    """The page's ink and the rules found in it (binary masks, 255 = ink)."""

    ink: np.ndarray
    horizontal: np.ndarray
    vertical: np.ndarray

    @property
    def lines(self) -> np.ndarray:
        return self.horizontal | self.vertical


def rules(gray: np.ndarray) -> Rules:
    import cv2

    # A light blur takes the grain out of the paper, not a thin rule (a median would).
    ink = cv2.adaptiveThreshold(cv2.GaussianBlur(gray, (3, 3), 0), 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                31, 15)
    # Of the longer side: a strip of a page (one line scanned) has rules no shorter than a page's.
    length = max(15, int(RULE_SHARE * max(gray.shape)))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    # Bridge the breaks noise and JPEG leave in a thin rule.
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return Rules(ink, horizontal, vertical)


def _positions(values: list[float], tolerance: float) -> list[int]:
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [int(round(sum(g) / len(g))) for g in groups]


def _segments(mask: np.ndarray, axis: int, min_length: int) -> list[tuple[int, int, int, int]]:
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    boxes = [tuple(int(v) for v in stats[i][:4]) for i in range(1, count)]
    return [b for b in boxes if b[2 + axis] >= min_length]  # x, y, w, h


def find_tables(found: Rules) -> list[Grid]:
    """The ruled tables of the page, top to bottom."""
    import cv2

    height, width = found.ink.shape
    region_count, regions, region_stats, _ = cv2.connectedComponentsWithStats(found.lines, connectivity=8)
    grids = []
    for i in range(1, region_count):
        x, y, w, h = (int(v) for v in region_stats[i][:4])
        if w < TABLE_MIN_WIDTH_SHARE * width:
            continue
        # Only this region's rules: another table (or a sheet's edge) may lie within its box.
        own = regions[y:y + h, x:x + w] == i
        grid = _grid(found.horizontal[y:y + h, x:x + w] * own, found.vertical[y:y + h, x:x + w] * own, x, y,
                     tolerance=max(4.0, 0.004 * width))
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _grid(horizontal: np.ndarray, vertical: np.ndarray, x: int, y: int, tolerance: float) -> Grid | None:
    w = horizontal.shape[1]
    rows = _segments(horizontal, 0, int(0.05 * w))
    columns = _segments(vertical, 1, 0)
    ys = _positions([r[1] + r[3] / 2 for r in rows], tolerance)
    xs = _positions([c[0] + c[2] / 2 for c in columns], tolerance)
    if len(ys) < 2 or len(xs) < 2:
        return None
    parent = list(range((len(ys) - 1) * (len(xs) - 1)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    columns_count = len(xs) - 1
    band = int(tolerance)
    for r in range(len(ys) - 1):
        for c in range(columns_count):
            if c + 1 < columns_count and not _ruled(vertical, xs[c + 1], (ys[r], ys[r + 1]), band, axis=1):
                parent[find(r * columns_count + c + 1)] = find(r * columns_count + c)
            if r + 2 < len(ys) and not _ruled(horizontal, ys[r + 1], (xs[c], xs[c + 1]), band, axis=0):
                parent[find((r + 1) * columns_count + c)] = find(r * columns_count + c)
    members: dict[int, list[tuple[int, int]]] = {}
    for r in range(len(ys) - 1):
        for c in range(columns_count):
            members.setdefault(find(r * columns_count + c), []).append((r, c))
    cells = []
    for spots in members.values():
        r0, r1 = min(r for r, _ in spots), max(r for r, _ in spots) + 1
        c0, c1 = min(c for _, c in spots), max(c for _, c in spots) + 1
        cells.append(Cell(r0, r1, c0, c1, (x + xs[c0], y + ys[r0], x + xs[c1], y + ys[r1])))
    return Grid(tuple(x + v for v in xs), tuple(y + v for v in ys), tuple(cells))


def _ruled(mask: np.ndarray, at: int, span: tuple[int, int], band: int, *, axis: int) -> bool:
    """Whether a rule runs at ``at`` (a column when ``axis`` is 1, a row when 0)
    along most of ``span``."""
    start, end = span
    inset = (end - start) // 8  # the crossing rules at both ends are not evidence
    if axis == 1:
        strip = mask[start + inset:end - inset, max(0, at - band):at + band + 1]
        covered = strip.any(axis=1)
    else:
        strip = mask[max(0, at - band):at + band + 1, start + inset:end - inset]
        covered = strip.any(axis=0)
    return covered.size > 0 and covered.mean() >= BORDER_COVER
