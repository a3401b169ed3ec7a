"""Read a PDF into a :class:`RawDocument`: its text layer (typically exported from
Word), and, on a page that holds only an image (a scan), the text OCR finds on it
(:mod:`tthc_docs.readers.ocr`). Paragraph and table assembly is :mod:`.pages`.

* Ruled tables are found by pdfplumber from their drawn borders. Each table is
  laid on the grid of its cell borders; a cell spanning several grid columns or
  rows repeats its text in each, as the .docx reader does. A table with a single
  cell is a framed box, read as paragraphs.
* A table continues across a page break, and is emitted as one
  :class:`RawTable`, when it is the last thing on its page and the next page
  starts with a table of the same columns (count and outer edges), whether or
  not that repeats the header row. Text in the top and bottom margins (running
  heads, page numbers) does not count, but any other text between the two
  tables does: an appendix that starts on a new page under its own title is a
  new table even when its header is the same. Rows are emitted as they appear:
  the repeated header stays a row, and a row broken by the page break appears
  twice, its remainder with an empty first cell (the table builder joins them).
* Text outside tables becomes paragraphs: lines are joined into a paragraph
  unless the previous line stopped short (the next line's first word would have
  fitted), the line starts a list item ("-", "+", "a)", "1."), is indented, is
  set apart by extra space, or changes from bold to regular. Text on one line
  separated by a wide gap (the two-column heading block) gives separate
  paragraphs. Bare page numbers in the top and bottom margins are dropped;
  other margin text is kept (after a table that continues past it).
* Inside a cell the same test decides whether a line break is a real break
  (kept as "\\n") or Word wrapping the text (joined with a space).
* A wrapped line that stops inside a date, number or code ("30/6/202", "210/KH-")
  was cut by a column too narrow for the token, not at a space: the next line
  goes on without one when it continues the token ("5", "/2025", "UBND", ".").

``SourceRef``: rows carry (page, table, row), paragraphs (line, page); tables,
rows and paragraphs are counted from 1 over the whole document.
"""

from __future__ import annotations

import bisect
import io
import math
import re
import statistics
import unicodedata

from ..errors import CorruptFileError, EmptyInputError, EncryptedFileError, ScannedPdfError
from ..blocks import RawDocument
from .boundary import describe, parser_boundary
from .pages import Line, Page, PageTable, assemble_pages, cell_text, paragraphs
from .pdf_bounds import check_page_operations, check_pdf_objects, check_pdf_streams
from .pdf_crypto import decrypt_quickly
from .safety import check_size, clean_text

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.IGNORECASE)
EDGE_TOLERANCE = 2.0
# A page is a scan, read by OCR, when an image covers this share of it and its text
# layer holds no more than a scanner app's watermark or a page number.
SCAN_IMAGE_SHARE = 0.5
SCAN_MAX_CHARS = 40


def read(data: bytes, name: str) -> RawDocument:
    """Read PDF bytes; ``name`` is used in messages and in the result."""
    check_size(data, name, "pdf")
    if b"%PDF-" not in data[:1024]:
        raise CorruptFileError("not a PDF file (no %PDF- header)", name)
    check_pdf_streams(data, name)
    import pdfplumber
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        with parser_boundary(name, "the PDF file"), pdfplumber.open(io.BytesIO(data)) as pdf:
            decrypt_quickly(pdf.doc)
            check_pdf_objects(pdf.doc, name)
            pages = []
            for number, page in enumerate(pdf.pages, 1):
                check_page_operations(page.page_obj, number, name)
                pages.append(_read_page(page))
    except (PSException, MalformedPDFException, PdfminerException) as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if "Password" in type(cause).__name__ or "Encrypt" in type(cause).__name__:
            raise EncryptedFileError("the PDF is password protected; open it and save an unprotected copy",
                                     name) from exc
        raise CorruptFileError(f"not a readable PDF file, truncated or damaged ({describe(cause)})", name) from exc
    if not pages:
        raise CorruptFileError("the PDF has no pages", name)
    scanned = [page.number for page in pages if page.scan]
    warnings: tuple[str, ...] = ()
    if scanned:
        from .ocr import read_scanned_pages
        from .ocr.raster import pdf_pages

        recognised, warnings = read_scanned_pages(pdf_pages(data, scanned, name), len(scanned), name)
        by_number = {page.number: page for page in recognised}
        pages = [by_number.get(page.number, page) for page in pages]
    if not any(page.has_text for page in pages):
        if scanned:
            raise ScannedPdfError(f"the PDF ({len(pages)} page(s)) is a scan and OCR found no text on it; "
                                  "is it a document, upright, scanned at 200 dpi or more?", name)
        raise EmptyInputError(f"the PDF ({len(pages)} page(s)) has no text", name)
    return RawDocument(name=name, layout="scan" if scanned else "pdf", items=assemble_pages(pages),
                       warnings=warnings)


def _unique_chars(chars: list) -> list:
    """Chars without the copies some producers overprint to fake bold or a
    shadow: the same glyph again within a point. (pdfplumber's dedupe_chars does
    this too, but in time quadratic in the chars of a line.)"""
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    unique = []
    for ch in chars:
        x, y = ch["x0"], ch["top"]
        cx, cy = math.floor(x), math.floor(y)
        nearby = (
            (px, py)
            for bx in (cx - 1, cx, cx + 1) for by in (cy - 1, cy, cy + 1)
            for px, py in seen.get((ch["text"], bx, by), ())
        )
        if not any(abs(px - x) <= 1 and abs(py - y) <= 1 for px, py in nearby):
            seen.setdefault((ch["text"], cx, cy), []).append((x, y))
            unique.append(ch)
    return unique


def _read_page(page) -> Page:
    chars = _unique_chars(page.chars)
    found = [t for t in page.find_tables() if len(t.cells) >= 2]
    boxes = [t.bbox for t in found]
    in_table: list[list] = [[] for _ in found]
    outside = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        index = next((i for i, (x0, top, x1, bottom) in enumerate(boxes) if x0 <= cx <= x1 and top <= cy <= bottom),
                     None)
        (outside if index is None else in_table[index]).append(ch)
    tables = [_table(t, c) for t, c in zip(found, in_table)]
    text = paragraphs(_lines(outside, split_columns=True), page.height)
    visible = sum(not ch["text"].isspace() for ch in chars)
    covered = max(((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) for i in page.images), default=0.0)
    return Page(
        number=page.page_number,
        items=tuple(sorted([*tables, *text], key=lambda item: item.top)),
        has_text=visible > 0,
        width=page.width,
        scan=visible <= SCAN_MAX_CHARS and covered >= SCAN_IMAGE_SHARE * page.width * page.height,
    )


def _edges(values: list[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _nearest(edges: list[float], value: float) -> int:
    i = bisect.bisect_left(edges, value)
    return min((j for j in (i - 1, i) if 0 <= j < len(edges)), key=lambda j: abs(edges[j] - value))


def _table(table, chars: list) -> PageTable:
    cells = table.cells
    xs = _edges([c[0] for c in cells] + [c[2] for c in cells])
    ys = _edges([c[1] for c in cells] + [c[3] for c in cells])
    grid: list[list[int | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for index, (x0, top, x1, bottom) in enumerate(cells):
        for r in range(_nearest(ys, top), _nearest(ys, bottom)):
            for c in range(_nearest(xs, x0), _nearest(xs, x1)):
                grid[r][c] = index
    cell_chars: dict[int, list] = {}
    for ch in chars:
        r = bisect.bisect_right(ys, (ch["top"] + ch["bottom"]) / 2) - 1
        c = bisect.bisect_right(xs, (ch["x0"] + ch["x1"]) / 2) - 1
        if 0 <= r < len(grid) and 0 <= c < len(grid[r]) and grid[r][c] is not None:
            cell_chars.setdefault(grid[r][c], []).append(ch)
    texts = {i: _cell_text(cs, cells[i][0], cells[i][2]) for i, cs in cell_chars.items()}
    rows = tuple(tuple(texts.get(i, "") if i is not None else "" for i in row) for row in grid)
    x0, top, x1, _ = table.bbox
    return PageTable(top=top, x0=x0, x1=x1, rows=rows)


def _cell_text(chars: list, cell_x0: float, cell_x1: float) -> str:
    return cell_text(_lines(chars, split_columns=False), cell_x0, cell_x1)


def _lines(chars: list, *, split_columns: bool) -> list[Line]:
    """Chars grouped into text lines, top to bottom; with ``split_columns`` a wide
    horizontal gap splits a line into separate segments."""
    rows: list[list[tuple[int, dict]]] = []
    mids: list[float] = []
    for order, ch in sorted(enumerate(chars), key=lambda oc: (oc[1]["top"] + oc[1]["bottom"]) / 2):
        mid = (ch["top"] + ch["bottom"]) / 2
        if rows and abs(mid - mids[-1]) <= 0.5 * max(ch["size"], 1.0):
            rows[-1].append((order, ch))
        else:
            rows.append([(order, ch)])
            mids.append(mid)
    lines: list[Line] = []
    for row in rows:
        # A combining mark belongs to the glyph drawn before it, wherever its box lies.
        clusters: list[list[dict]] = []
        for _, ch in sorted(row, key=lambda oc: oc[0]):
            if clusters and unicodedata.combining(ch["text"][:1] or "a"):
                clusters[-1].append(ch)
            else:
                clusters.append([ch])
        clusters.sort(key=lambda cl: cl[0]["x0"])
        segments: list[list[list[dict]]] = [[]]
        for cluster in clusters:
            prev = segments[-1][-1][0] if segments[-1] else None
            if split_columns and prev is not None and cluster[0]["x0"] - prev["x1"] > 2.5 * prev["size"]:
                segments.append([])
            segments[-1].append(cluster)
        lines.extend(_line(segment, whole=len(segments) == 1) for segment in segments if segment)
    return [line for line in lines if line.text]


def _line(clusters: list[list[dict]], *, whole: bool) -> Line:
    parts: list[str] = []
    first_word_end = None
    prev = None
    for cluster in clusters:
        ch = cluster[0]
        gap = ch["x0"] - prev["x1"] if prev is not None else 0.0
        if prev is not None and (ch["text"].isspace() or gap > 0.25 * ch["size"]) and first_word_end is None:
            first_word_end = prev["x1"]
        if prev is not None and gap > 0.25 * ch["size"] and not prev["text"].isspace():
            parts.append(" ")
        parts.extend(c["text"] for c in cluster)
        prev = ch
    glyphs = [cl[0] for cl in clusters if not cl[0]["text"].isspace()]
    x0 = clusters[0][0]["x0"]
    return Line(
        text=clean_text("".join(parts)).replace("\n", " "),
        top=min(c["top"] for c in glyphs) if glyphs else clusters[0][0]["top"],
        bottom=max(c["bottom"] for c in glyphs) if glyphs else clusters[0][0]["bottom"],
        x0=x0,
        x1=max(c["x1"] for c in glyphs) if glyphs else x0,
        first_word_width=(first_word_end if first_word_end is not None else clusters[-1][0]["x1"]) - x0,
        size=statistics.median(c["size"] for c in glyphs) if glyphs else 1.0,
        bold=bool(glyphs) and all(_BOLD_FONT.search(c.get("fontname", "")) for c in glyphs),
        whole=whole,
    )
