"""Image files read by OCR: every frame of a TIFF is a page, text outside tables is
paragraphs with their page, quarter numbers are repaired with a warning, and a
terminal sees a progress bar while a pipe or a log does not."""

from __future__ import annotations

import io
import sys

import pytest
from PIL import Image, ImageDraw, ImageFont

from readers.builders import DEJAVU
from tthc_docs.readers import read_bytes

LINES = ("Kế hoạch số 12/KH-UBND", "Hoàn thành trong Quý 1/2026")


def _tiff(*lines: str) -> bytes:
    font = ImageFont.truetype(str(DEJAVU), 40) if DEJAVU.exists() else ImageFont.load_default(40)
    frames = []
    for line in lines:
        frame = Image.new("L", (1400, 300), 255)
        ImageDraw.Draw(frame).text((60, 110), line, fill=0, font=font)
        frames.append(frame)
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return buffer.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def tiff() -> bytes:
    return _tiff(*LINES)


def test_each_tiff_frame_is_a_page_of_paragraphs(tiff):
    doc = read_bytes(tiff, "ban-quet.tif")
    assert [(p.text, p.source.page) for p in doc.paragraphs] == [
        ("Kế hoạch số 12/KH-UBND", 1), ("Hoàn thành trong Quý I/2026", 2)]
    (warning,) = doc.warnings
    assert warning.startswith("page 2: OCR read 'Quý 1'") and "'Quý I'" in warning


@pytest.mark.parametrize("terminal", [True, False])
def test_a_progress_bar_only_on_a_terminal(monkeypatch, tiff, terminal):
    stream = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    read_bytes(tiff, "ban-quet.tiff")
    assert ("OCR ban-quet.tiff" in stream.getvalue() and "2/2" in stream.getvalue()) is terminal
