"""Scans made from seed 001's task table (Kế hoạch 5755/KH-UBND, appendix): the
table set as a Word-like PDF, rasterised at 200 dpi and degraded as a scanner or
a phone would, built once per session."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from readers.builders import build_pdf, build_scan, degrade, rasterise
from tests.conftest import ROOT, SEED_PHU_LUC_001
from tthc_docs.extract import extract_document, extract_path
from tthc_docs.models import Task, TaskTable
from tthc_docs.readers import RawDocument, read_path

# Landscape A4, as appendices are printed: number, content, four agency columns, deadline, product.
COLUMN_WIDTHS = (28, 200, 70, 70, 90, 70, 80, 100)
TITLE = [("PHỤ LỤC", "Heading 1"),
         "Phân công nhiệm vụ cụ thể triển khai thực hiện Quyết định số 468/QĐ-TTg ngày 27/3/2021"]
SCAN_ROWS = slice(0, 14)  # header, part I and its tasks 1–12: four pages
PHOTO_ROWS = slice(14, 17)  # tasks 13–15: one page


@dataclass(frozen=True)
class Scan:
    path: Path
    source_tasks: tuple[Task, ...]  # the seed's tasks whose rows the scan shows

    @cached_property
    def read(self) -> RawDocument:
        return read_path(self.path)

    @cached_property
    def extracted(self) -> TaskTable:
        return extract_document(self.read)


def _seed_rows() -> list[tuple[str, ...]]:
    (table,) = read_path(SEED_PHU_LUC_001).tables
    return [row.cells for row in table.rows]


def _tasks_of(rows: list[tuple[str, ...]]) -> tuple[Task, ...]:
    numbers = {cells[0].strip() for cells in rows}
    return tuple(t for t in extract_path(SEED_PHU_LUC_001).tasks if t.id.startswith("I.")
                 and t.id.split(".")[1] in numbers)


@pytest.fixture(scope="session")
def scanned_pdf(tmp_path_factory) -> Scan:
    """Four pages of the seed table: skewed ±1°, noise, JPEG artefacts, an image-only PDF."""
    header, *rows = _seed_rows()[SCAN_ROWS]
    path = build_scan(tmp_path_factory.mktemp("scan") / "scan.pdf", header, rows, paragraphs_before=TITLE,
                      col_widths=COLUMN_WIDTHS)
    return Scan(path, _tasks_of(rows))


@pytest.fixture(scope="session")
def photo_png(tmp_path_factory) -> Scan:
    """One page of the seed table as a phone photo: turned 2°, uneven light, blur, a dark edge."""
    folder = tmp_path_factory.mktemp("photo")
    rows = _seed_rows()
    header, body = rows[0], rows[PHOTO_ROWS]
    typeset = build_pdf(folder / "typeset.pdf", header, body, landscape=True, font_size=10,
                        col_widths=COLUMN_WIDTHS)
    (page,) = rasterise(typeset)
    path = folder / "photo.png"
    degrade(page, skew=-2.0, seed=7, photo=True, noise=8.0).save(path)
    return Scan(path, _tasks_of(body))


@pytest.fixture(scope="session")
def example_scan() -> Scan:
    """The scan the README extracts: the first page of the seed table (part I, tasks 1–3)."""
    return Scan(ROOT / "examples" / "scan-phu-luc-5755.pdf", _tasks_of(_seed_rows()[1:5]))
