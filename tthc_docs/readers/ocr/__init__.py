"""Reading scans: page images (image files, PDF pages without a text layer)
recognised by Tesseract with its Vietnamese model.

Each page is turned upright (:mod:`.raster`); its ruled tables are found from
their drawn lines (:mod:`.grid`) and every cell is recognised on its own, so the
cells become table rows as a .docx table's do; text outside tables becomes
paragraphs (:mod:`.page`). Slips that the vocabulary makes certain are repaired
and reported (:mod:`.repair`). Each table row carries its page and Tesseract's
confidence. On a terminal a progress bar counts the pages.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable
from contextlib import nullcontext

import numpy as np

from ..pages import Page
from .engine import require_tesseract
from .page import read_page

__all__ = ["read_scanned_pages", "require_tesseract"]


def read_scanned_pages(images: Iterable[tuple[int, np.ndarray]], count: int,
                       source: str) -> tuple[list[Page], tuple[str, ...]]:
    """``count`` page images (page number, grey pixels) read by OCR, and the
    repairs made to their text."""
    require_tesseract()
    pages: list[Page] = []
    warnings: list[str] = []
    bar = _progress(count, source)
    with bar as progress:
        for number, gray in images:
            reading = read_page(gray, number, source)
            pages.append(reading.page)
            warnings.extend(reading.warnings)
            if progress is not None:
                progress.update(1)
    return pages, tuple(warnings)


def _progress(count: int, source: str):
    """A progress bar on standard error when that is a terminal (never in a pipe or a
    log), and not from a worker process of ``tthc extract -j``: bars of documents read
    at once would be drawn over each other."""
    if not sys.stderr.isatty() or multiprocessing.parent_process() is not None:
        return nullcontext()
    import click

    return click.progressbar(length=count, label=f"OCR {source}", file=sys.stderr, show_pos=True)
