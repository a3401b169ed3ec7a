"""One page image → a :class:`~tthc_docs.readers.pages.Page`: turned upright, its
ruled tables found and each cell recognised on its own (Tesseract ``--psm 6``, a
single block of text), the text outside the tables recognised as a page
(``--psm 3``), both then laid out as the PDF reader lays out a text layer.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from ..pages import Line, Page, PageTable, cell_text, paragraphs
from .engine import Word, recognise, recognise_split
from .grid import Grid, Rules, find_tables, rules
from .raster import upright
from .repair import repair_cell, repair_text

# Pixels cut from each side of a cell: its rules, blurred by the scan.
CELL_INSET = 3
# White margin around a cell image: Tesseract misreads text touching the edge.
CELL_MARGIN = 12
# A blot of fewer pixels is a speck or a mark, not a letter (at 200–300 dpi) ...
MIN_GLYPH_AREA = 20
# ... and a cell with fewer pixels of letters holds no text.
MIN_INK = 40
# Pixels around a letter where its tone marks and dots lie.
NEAR_LETTER = 11
# Pixels over which the paper's brightness is taken: wider than a stroke of a letter.
PAPER = 31
# Tesseract runs at once on a page (each a process of its own), at most one per core.
MAX_RUNS = 4
# Words Tesseract is less sure of than this are noise it tried to read.
MIN_WORD_CONFIDENCE = 10


@dataclass(frozen=True)
class PageReading:
    """A page as recognised, with what was repaired on it."""

    page: Page
    warnings: tuple[str, ...]


def read_page(gray: np.ndarray, number: int, source: str) -> PageReading:
    from PIL import Image

    gray, _ = upright(gray)
    found = rules(gray)
    gray = _even_light(gray)
    grids = [g for g in find_tables(found) if len(g.cells) >= 2]  # one cell is a framed box: text
    crops: list[Image.Image] = []
    owners: list[tuple[int, int]] = []
    for t, grid in enumerate(grids):
        for k, cell in enumerate(grid.cells):
            crop = _cell_image(gray, found, cell.box)
            if crop is not None:
                crops.append(Image.fromarray(crop))
                owners.append((t, k))
    ink = found.ink.copy()
    for grid in grids:
        x0, y0, x1, y1 = grid.box
        ink[max(0, y0 - CELL_INSET):y1 + CELL_INSET, max(0, x0 - CELL_INSET):x1 + CELL_INSET] = 0
    outside = _text_only(gray, ink, found.lines)
    runs = max(1, min(MAX_RUNS, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=runs) as pool:
        text_job = pool.submit(recognise, [Image.fromarray(outside)] if outside is not None else [], psm=3,
                               source=source)
        cell_words = _with_short_cells(crops, recognise_split(pool, crops, runs, psm=6, source=source), source)
        text_words = [w for w in text_job.result() if w.confidence >= MIN_WORD_CONFIDENCE]
    warnings: list[str] = []
    tables = [_table(grid, t, owners, cell_words, crops, number, warnings) for t, grid in enumerate(grids)]
    text = []
    for paragraph in paragraphs(_lines(text_words), gray.shape[0]):
        repaired, notes = repair_text(paragraph.text)
        warnings.extend(f"page {number}: {note}" for note in notes)
        text.append(replace(paragraph, text=repaired))
    page = Page(number=number, items=tuple(sorted([*tables, *text], key=lambda item: item.top)),
                has_text=bool(cell_words or text_words), width=gray.shape[1])
    return PageReading(page, tuple(warnings))


def _with_short_cells(crops: list, words: list[Word], source: str) -> list[Word]:
    """The cells' words, a cell read as a block again as a single line when the block
    gave nothing: Tesseract finds no block in a cell holding one short mark ("I")."""
    words = [w for w in words if w.confidence >= MIN_WORD_CONFIDENCE]
    read = {w.image for w in words}
    missing = [i for i in range(len(crops)) if i not in read]
    again = recognise([crops[i] for i in missing], psm=7, source=source)
    return words + [replace(w, image=missing[w.image]) for w in again if w.confidence >= MIN_WORD_CONFIDENCE]


def _cell_image(gray: np.ndarray, found: Rules, box: tuple[int, int, int, int]) -> np.ndarray | None:
    """The cell's pixels for Tesseract, its rules and specks whitened; None when it holds no text."""
    x0, y0, x1, y1 = box
    x0, y0, x1, y1 = x0 + CELL_INSET, y0 + CELL_INSET, x1 - CELL_INSET, y1 - CELL_INSET
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    crop = _text_only(gray[y0:y1, x0:x1], found.ink[y0:y1, x0:x1], found.lines[y0:y1, x0:x1])
    if crop is None:
        return None
    # Only the text and a margin: a lone "3" at the top of a tall cell is not found otherwise.
    rows, columns = np.nonzero(crop < 255)
    crop = crop[rows.min():rows.max() + 1, columns.min():columns.max() + 1]
    return np.pad(crop, CELL_MARGIN, constant_values=255)


def _even_light(gray: np.ndarray) -> np.ndarray:
    """The page as if lit evenly: each pixel over the paper's brightness around it
    (a photo is darker at one side; Tesseract binarises a cell with one threshold)."""
    import cv2

    paper = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (PAPER, PAPER)))
    return cv2.divide(gray, np.maximum(paper, 1), scale=255)


def _text_only(gray: np.ndarray, ink: np.ndarray, rules_mask: np.ndarray) -> np.ndarray | None:
    """``gray`` with everything but letters and their marks whitened (rules, specks,
    grain); None when fewer than ``MIN_INK`` pixels of letters are left."""
    import cv2

    lines = rules_mask > 0
    ink = ((ink > 0) & ~lines).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    glyphs = stats[:, cv2.CC_STAT_AREA] >= MIN_GLYPH_AREA
    glyphs[0] = False
    if int(stats[glyphs, cv2.CC_STAT_AREA].sum()) < MIN_INK:
        return None
    # Tone marks and dots are small, but sit next to a letter; specks stand alone.
    near = cv2.dilate(glyphs[labels].astype(np.uint8),
                      cv2.getStructuringElement(cv2.MORPH_RECT, (NEAR_LETTER, NEAR_LETTER)))
    keep = cv2.dilate(ink & near, np.ones((3, 3), np.uint8)) > 0
    return np.where(keep & ~lines, gray, 255).astype(np.uint8)


def _lines(words: Sequence[Word]) -> list[Line]:
    """Words grouped into the lines Tesseract found, top to bottom; lines of two
    blocks side by side (the two-column heading of a document) are not whole."""
    grouped: dict[tuple[int, tuple[int, int, int]], list[Word]] = {}
    for word in words:
        grouped.setdefault((word.image, word.line), []).append(word)
    lines = []
    for (_, (block, _, _)), members in grouped.items():
        members.sort(key=lambda w: w.left)
        top = min(w.top for w in members)
        bottom = max(w.top + w.height for w in members)
        lines.append((block, Line(
            text=" ".join(w.text for w in members), top=top, bottom=bottom, x0=members[0].left,
            x1=max(w.left + w.width for w in members), first_word_width=members[0].width,
            size=float(statistics.median(w.height for w in members)),
        )))
    out = []
    for block, line in lines:
        beside = any(other_block != block and min(line.bottom, other.bottom) - max(line.top, other.top)
                     > 0.5 * (line.bottom - line.top) for other_block, other in lines)
        out.append(line if not beside else Line(**{**line.__dict__, "whole": False}))
    return sorted(out, key=lambda line: (line.top, line.x0))


def _table(grid: Grid, t: int, owners: list[tuple[int, int]], words: list[Word], crops: list,
           number: int, warnings: list[str]) -> PageTable:
    by_image: dict[int, list[Word]] = {}
    for word in words:
        by_image.setdefault(word.image, []).append(word)
    texts: dict[int, str] = {}
    confidence: dict[int, list[float]] = {}
    for image, (table, k) in enumerate(owners):
        if table != t:
            continue
        cell_words = by_image.get(image, [])
        texts[k], notes = repair_cell(cell_text(_lines(cell_words), CELL_MARGIN, crops[image].width - CELL_MARGIN))
        cell = grid.cells[k]
        warnings.extend(f"page {number}, row {cell.row0 + 1}, column {cell.col0 + 1}: {note}" for note in notes)
        confidence[k] = [w.confidence for w in cell_words]
    cover: dict[tuple[int, int], int] = {}
    for k, cell in enumerate(grid.cells):
        for r in range(cell.row0, cell.row1):
            for c in range(cell.col0, cell.col1):
                cover[(r, c)] = k
    rows, row_confidence = [], []
    for r in range(len(grid.ys) - 1):
        keys = [cover.get((r, c)) for c in range(len(grid.xs) - 1)]
        rows.append(tuple(texts.get(k, "") if k is not None else "" for k in keys))
        scores = [s for k in dict.fromkeys(keys) if k is not None for s in confidence.get(k, ())]
        row_confidence.append(round(statistics.fmean(scores)) if scores else None)
    x0, y0, x1, _ = grid.box
    return PageTable(top=y0, x0=x0, x1=x1, rows=tuple(rows), confidence=tuple(row_confidence))
