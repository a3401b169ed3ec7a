"""Read an image of a document (a scan or a photo of a page: .png, .jpg, .tif,
one page per TIFF frame) by OCR (:mod:`tthc_docs.readers.ocr`).

``SourceRef``: as the PDF reader's; table rows also carry ``ocr_confidence``.
"""

from __future__ import annotations

from ..errors import EmptyInputError
from ..blocks import RawDocument
from .ocr import read_scanned_pages, require_tesseract
from .ocr.raster import image_pages
from .pages import assemble_pages
from .safety import check_size


def read(data: bytes, name: str) -> RawDocument:
    """Read image bytes; ``name`` is used in messages and in the result."""
    check_size(data, name, "image")
    require_tesseract()
    count, frames = image_pages(data, name)
    pages, warnings = read_scanned_pages(frames, count, name)
    if not any(page.items for page in pages):
        raise EmptyInputError("OCR found no text in the image; is it a page of a document, upright?", name)
    return RawDocument(name=name, layout="scan", items=assemble_pages(pages), warnings=warnings)
