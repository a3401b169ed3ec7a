"""Page images for OCR: image files and scanned PDF pages as grey pixels, each
checked against the pixel limit before it is decoded, scaled down when finer than
OCR needs, and turned upright when the scan is slightly skewed.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Iterator, Sequence

import numpy as np

from ...errors import CorruptFileError, UnsafeFileError
from ..safety import MAX_IMAGE_PIXELS, MAX_IMAGE_FRAMES

PDF_DPI = 200
# Finer than about 300 dpi on an A4 page only slows Tesseract down.
MAX_SIDE = 3600
# The skew a scan or a photo of a page may have, in degrees.
MAX_SKEW = 8.0
# A light region covering less of the image than this is a sheet photographed on a desk.
SHEET_SHARE = 0.97
EDGE_TRIM = 15  # pixels
_SKEW_WIDTH = 900  # pixels across the image the skew is measured on


def _check_pixels(width: float, height: float, where: str, source: str) -> None:
    if width * height > MAX_IMAGE_PIXELS:
        raise UnsafeFileError(
            f"{where} is {width:,.0f} × {height:,.0f} pixels, over the limit of {MAX_IMAGE_PIXELS:,} pixels "
            "a page may have: refusing a likely decompression bomb; scan at a lower resolution", source)


def image_pages(data: bytes, source: str) -> tuple[int, Iterator[tuple[int, np.ndarray]]]:
    """The number of pages of an image file (.png, .jpg, .tif; a multi-page TIFF
    has several), and the pages (number, grey pixels), each decoded when reached."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    bomb = (Image.DecompressionBombError, Image.DecompressionBombWarning)
    damaged = (OSError, ValueError, SyntaxError, EOFError)  # truncated or damaged image data
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
    except bomb as exc:
        raise UnsafeFileError(f"refusing a likely decompression bomb ({exc})", source) from exc
    except UnidentifiedImageError as exc:
        raise CorruptFileError("not an image Pillow can read (PNG, JPEG, TIFF)", source) from exc
    except damaged as exc:
        raise CorruptFileError(f"not a readable image, truncated or damaged ({exc})", source) from exc
    if frames > MAX_IMAGE_FRAMES:
        raise UnsafeFileError(f"the image has {frames:,} pages, over the limit of {MAX_IMAGE_FRAMES}", source)

    def pages() -> Iterator[tuple[int, np.ndarray]]:
        for index in range(frames):
            where = f"page {index + 1}" if frames > 1 else "the image"
            try:
                image.seek(index)
                _check_pixels(*image.size, where, source)
                with warnings.catch_warnings():
                    warnings.simplefilter("error", Image.DecompressionBombWarning)
                    frame = ImageOps.exif_transpose(image).convert("L")
            except bomb as exc:
                raise UnsafeFileError(f"{where}: refusing a likely decompression bomb ({exc})", source) from exc
            except damaged as exc:
                raise CorruptFileError(f"{where} is not readable, truncated or damaged ({exc})", source) from exc
            yield index + 1, _scaled(np.asarray(frame))

    return frames, pages()


def pdf_pages(data: bytes, numbers: Sequence[int], source: str) -> Iterator[tuple[int, np.ndarray]]:
    """Pages ``numbers`` (from 1) of a PDF rendered at ``PDF_DPI`` as grey pixels."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise CorruptFileError(f"the PDF cannot be rendered for OCR ({exc})", source) from exc
    try:
        scale = PDF_DPI / 72
        for number in numbers:
            page = pdf[number - 1]
            width, height = page.get_size()
            _check_pixels(width * scale, height * scale, f"page {number} at {PDF_DPI} dpi", source)
            bitmap = page.render(scale=scale, grayscale=True)
            yield number, _scaled(np.asarray(bitmap.to_pil().convert("L")))
    finally:
        pdf.close()


def _scaled(gray: np.ndarray) -> np.ndarray:
    import cv2

    side = max(gray.shape)
    if side <= MAX_SIDE:
        return np.ascontiguousarray(gray)
    factor = MAX_SIDE / side
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def _rotated(image: np.ndarray, degrees: float, border: int) -> np.ndarray:
    import cv2

    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def skew_angle(gray: np.ndarray) -> float:
    """The rotation (degrees, counter-clockwise) that makes text lines and table
    rules horizontal: the angle at which the ink's row profile is sharpest."""
    import cv2

    factor = min(1.0, _SKEW_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)

    def sharpness(degrees: float) -> float:
        profile = _rotated(ink, degrees, 0).sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    best, step = 0.0, 0.5
    candidates = np.arange(-MAX_SKEW, MAX_SKEW + step / 2, step)
    for _ in range(3):
        best = max(candidates, key=sharpness)
        step /= 5
        candidates = best + np.arange(-2.5, 2.6) * step
    return float(best)


def upright(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """The page turned so its lines are level, the table or desk around the sheet
    of a photo whitened, and the angle the page was turned by."""
    angle = skew_angle(gray)
    if not math.isclose(angle, 0.0, abs_tol=0.05):
        gray = _rotated(gray, angle, 255)
    else:
        angle = 0.0
    return _sheet_only(gray), angle


def _sheet_only(gray: np.ndarray) -> np.ndarray:
    """The image with what lies outside the largest light region (the sheet) made
    white: the sheet's edge would otherwise read as the rules of a table."""
    import cv2

    factor = min(1.0, _SKEW_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    _, light = cv2.threshold(cv2.GaussianBlur(small, (5, 5), 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(light, connectivity=4)
    if count < 2:
        return gray
    sheet = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if stats[sheet, cv2.CC_STAT_AREA] >= SHEET_SHARE * small.size:
        return gray  # a scan: the sheet is the whole image
    contours, _ = cv2.findContours((labels == sheet).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    inside = np.zeros_like(small)
    cv2.drawContours(inside, contours, -1, 255, thickness=cv2.FILLED)
    inside = cv2.resize(inside, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
    # Pull the edge in: its blurred dark rim is not part of the page.
    inside = cv2.erode(inside, np.ones((EDGE_TRIM, EDGE_TRIM), np.uint8))
    return np.where(inside > 0, gray, 255).astype(np.uint8)
