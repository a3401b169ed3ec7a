"""Tesseract, the one place it is run (through pytesseract).

Many small images (the cells of a page) go to one Tesseract run as a list file:
each image is recognised on its own, as a page of its own, while the Vietnamese
model is loaded once. Starting Tesseract per cell would cost a third of a second
each, ten times what recognising a cell takes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from ...errors import InputError, MissingDependencyError

LANGUAGE = "vie"
INSTALL_HINT = ("install Tesseract and its Vietnamese model (Debian/Ubuntu: "
                "`apt-get install tesseract-ocr tesseract-ocr-vie`)")
# Seconds one Tesseract run may take before the page is given up as unreadable.
TIMEOUT_SECONDS = 300
# Tesseract's OpenMP threads make it several times slower on a busy machine;
# pages and cells are run in parallel instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class Word:
    """A recognised word: which image of the batch, its line, its box in that
    image's pixels, and Tesseract's confidence (0–100)."""

    image: int
    line: tuple[int, int, int]  # block, paragraph, line
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float


@cache
def require_tesseract() -> None:
    """MissingDependencyError unless pytesseract, the ``tesseract`` program and its
    Vietnamese model are there."""
    try:
        import pytesseract
    except ImportError as exc:
        raise MissingDependencyError(f"reading scanned documents needs pytesseract (pip install pytesseract) "
                                     f"and Tesseract: {INSTALL_HINT}") from exc
    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, OSError, pytesseract.TesseractError) as exc:
        raise MissingDependencyError(f"reading scanned documents needs Tesseract, which was not found "
                                     f"({type(exc).__name__}): {INSTALL_HINT}") from exc
    if LANGUAGE not in languages:
        raise MissingDependencyError(f"Tesseract has no Vietnamese model ('{LANGUAGE}' is not among "
                                     f"{', '.join(sorted(languages)) or 'no languages'}): {INSTALL_HINT}")


def recognise_split(pool: Executor, images: Sequence, parts: int, *, psm: int, source: str) -> list[Word]:
    """:func:`recognise` over ``parts`` Tesseract runs at once in ``pool``, the images
    shared out in runs of about equal area (a page's cells over the machine's cores)."""
    total = sum(image.width * image.height for image in images)
    bounds, area = [0], 0
    for i, image in enumerate(images):
        area += image.width * image.height
        if area >= total * len(bounds) / parts and len(bounds) < parts:
            bounds.append(i + 1)
    bounds.append(len(images))
    jobs = [(start, pool.submit(recognise, images[start:end], psm=psm, source=source))
            for start, end in zip(bounds, bounds[1:]) if end > start]
    return [replace(word, image=word.image + start) for start, job in jobs for word in job.result()]


def recognise(images: Sequence, *, psm: int, source: str) -> list[Word]:
    """The words Tesseract reads on each of ``images`` (PIL images), with page
    segmentation mode ``psm``; ``Word.image`` indexes ``images``."""
    if not images:
        return []
    require_tesseract()
    import pytesseract

    with tempfile.TemporaryDirectory(prefix="tthc-ocr-") as folder:
        paths = []
        for i, image in enumerate(images):
            path = Path(folder) / f"{i:05d}.png"
            image.save(path, compress_level=1)
            paths.append(str(path))
        listing = Path(folder) / "images.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        try:
            data = pytesseract.image_to_data(str(listing), lang=LANGUAGE, config=f"--psm {psm}",
                                             output_type=pytesseract.Output.DICT, timeout=TIMEOUT_SECONDS)
        except RuntimeError as exc:  # pytesseract's timeout
            raise InputError(f"OCR took over {TIMEOUT_SECONDS} s on one page and was stopped", source) from exc
        except pytesseract.TesseractError as exc:
            raise InputError(f"Tesseract could not read the page: {exc.message or exc.status}", source) from exc
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if not text or float(data["conf"][i]) < 0:
            continue
        words.append(Word(
            image=int(data["page_num"][i]) - 1,
            line=(int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i])),
            text=text, left=int(data["left"][i]), top=int(data["top"][i]),
            width=int(data["width"][i]), height=int(data["height"][i]), confidence=float(data["conf"][i]),
        ))
    return words
