"""Ruled tables are found on a page image from their lines, merged cells included,
after the page is turned level; the edge of a photographed sheet is no table."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from tthc_docs.readers.ocr.grid import find_tables, rules
from tthc_docs.readers.ocr.raster import upright

XS = (150, 240, 700, 900, 1100)
YS = (300, 380, 440, 700, 960, 1100)


def _page(skew: float, desk: bool) -> np.ndarray:
    """An A4 page at 150 dpi with a 4-column table: row 2 merged across (a part
    row), column 4 merged down rows 3–4 (one lead for two tasks)."""
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for y in (YS[0], YS[1], YS[2], YS[3], YS[5]):
        draw.line([(XS[0], y), (XS[-1], y)], fill=0, width=2)
    draw.line([(XS[0], YS[4]), (XS[3], YS[4])], fill=0, width=2)  # not under the merged cell
    for x in XS:
        for top, bottom in ((YS[0], YS[1]), (YS[2], YS[5])):
            draw.line([(x, top), (x, bottom)], fill=0, width=2)
    draw.line([(XS[0], YS[1]), (XS[0], YS[2])], fill=0, width=2)
    draw.line([(XS[-1], YS[1]), (XS[-1], YS[2])], fill=0, width=2)
    draw.text((XS[1] + 10, YS[1] + 20), "I. NĂM 2021", fill=0)
    if desk:
        image = Image.fromarray(np.pad(np.asarray(image), 80, constant_values=255))
    image = image.rotate(skew, resample=Image.BICUBIC, expand=True, fillcolor=60 if desk else 255)
    noise = np.random.default_rng(3).normal(0, 10, (image.height, image.width))
    return np.clip(np.asarray(image, dtype=np.float64) + noise, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("skew, desk", [(0.0, False), (1.2, False), (-2.5, False), (1.5, True)])
def test_a_table_with_merged_cells_is_found_on_its_grid(skew, desk):
    gray, angle = upright(_page(skew, desk))
    assert angle == pytest.approx(-skew, abs=0.15)
    (grid,) = find_tables(rules(gray))
    assert (len(grid.xs), len(grid.ys)) == (len(XS), len(YS))
    spans = sorted((c.row0, c.row1, c.col0, c.col1) for c in grid.cells)
    assert (1, 2, 0, 4) in spans  # the part row, merged across
    assert (3, 5, 3, 4) in spans  # the lead merged down two rows
    assert len(spans) == 4 + 1 + 4 + (3 + 1) + 3  # header, part row, task, two tasks sharing a lead


def test_a_page_without_rules_has_no_table():
    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).text((150, 200), "Kính gửi: Các sở, ban, ngành tỉnh", fill=0)
    assert find_tables(rules(np.asarray(image))) == []
