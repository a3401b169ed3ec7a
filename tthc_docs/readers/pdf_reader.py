"""Read a PDF with a text layer (typically exported from Word) into a :class:`RawDocument`.

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
from dataclasses import dataclass, field

from ..errors import CorruptFileError, EmptyInputError, EncryptedFileError, ScannedPdfError
from .assemble import HEADING_MAX_CHARS, ItemList
from .base import Item, RawDocument
from .boundary import check_page_operations, check_pdf_streams, describe, parser_boundary
from .safety import check_size, clean_text

_BROKEN_CODE = re.compile(r"\S[/-]$")  # "30/6/", "210/KH-": a code cut after its separator
_NO_WORD_START = frozenset("/.,;:)")  # a wrapped line opening with one of these was cut inside a token
_LIST_START = re.compile(r"[-+•–*●▪]\s|[a-zđ]\)\s|\d{1,2}(\.\d{1,2})*[.)]\s|[IVX]{1,5}\.\s")
_PAGE_NUMBER = re.compile(r"[-–\s]*\d{1,4}[-–\s]*|(Trang|Page)\s*\d{1,4}(\s*/\s*\d{1,4})?", re.IGNORECASE)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.IGNORECASE)
MARGIN_SHARE = 0.08  # of the page height, top and bottom: where running heads and page numbers sit
EDGE_TOLERANCE = 2.0
SAME_TABLE_TOLERANCE = 3.0


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
    if not any(page.has_text for page in pages):
        if any(page.has_images for page in pages):
            raise ScannedPdfError(
                f"the PDF ({len(pages)} page(s)) has no text layer: it is a scanned image; "
                "run OCR (e.g. ocrmypdf) first", name)
        raise EmptyInputError(f"the PDF ({len(pages)} page(s)) has no text", name)
    return RawDocument(name=name, layout="pdf", items=_assemble(pages))


@dataclass(frozen=True)
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    first_word_width: float
    size: float
    bold: bool
    whole: bool = True  # False: one of several segments sharing a baseline


@dataclass(frozen=True)
class _PageTable:
    top: float
    x0: float
    x1: float
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _PageParagraph:
    top: float
    text: str
    bold: bool
    margin: bool = False  # in the top or bottom margin: page furniture


@dataclass(frozen=True)
class _Page:
    number: int
    items: tuple[_PageTable | _PageParagraph, ...]
    has_text: bool
    has_images: bool


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


def _read_page(page) -> _Page:
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
    paragraphs = _paragraphs(_lines(outside, split_columns=True), page.height)
    return _Page(
        number=page.page_number,
        items=tuple(sorted([*tables, *paragraphs], key=lambda item: item.top)),
        has_text=any(not ch["text"].isspace() for ch in chars),
        has_images=bool(page.images),
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


def _table(table, chars: list) -> _PageTable:
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
    return _PageTable(top=top, x0=x0, x1=x1, rows=rows)


def _cell_text(chars: list, cell_x0: float, cell_x1: float) -> str:
    lines = _lines(chars, split_columns=False)
    if not lines:
        return ""
    padding = min(line.x0 for line in lines) - cell_x0
    right = max(max(line.x1 for line in lines), cell_x1 - padding)
    # Paragraph spacing inside a cell shows as a wider gap than between wrapped lines.
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    line_gap = min(gaps, default=0.0)
    parts = [lines[0].text]
    for prev, line in zip(lines, lines[1:]):
        spaced = line.top - prev.bottom > line_gap + 0.3 * prev.size
        parts.append("\n" if spaced or _hard_break(prev, line, right) else _wrap_joint(prev.text, line.text))
        parts.append(line.text)
    return clean_text("".join(parts))


def _wrap_joint(prev: str, line: str) -> str:
    """What joins a wrapped line to the one before: a space, or nothing when the line before
    stops inside a date, number or code that this line continues ("30/6/202" + "5",
    "210/KH-" + "UBND") or this line opens with what no word starts with ("/2025", ".")."""
    first = line[:1]
    broken = (first in _NO_WORD_START or (prev[-1:].isdigit() and first.isdigit())
              or (bool(_BROKEN_CODE.search(prev)) and first.isalnum()))
    return "" if broken else " "


def _hard_break(prev: _Line, line: _Line, right: float) -> bool:
    """Whether ``line`` starts on a new line by intent rather than by wrapping:
    the previous line stopped short of the first word that would have fitted, or
    the line opens a list item."""
    room = right - prev.x1
    return line.first_word_width + 0.3 * prev.size < room or bool(_LIST_START.match(line.text))


def _lines(chars: list, *, split_columns: bool) -> list[_Line]:
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
    lines: list[_Line] = []
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


def _line(clusters: list[list[dict]], *, whole: bool) -> _Line:
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
    return _Line(
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


def _paragraphs(lines: list[_Line], page_height: float) -> list[_PageParagraph]:
    def in_margin(line: _Line) -> bool:
        return line.bottom < MARGIN_SHARE * page_height or line.top > (1 - MARGIN_SHARE) * page_height

    lines = [line for line in lines if not (_PAGE_NUMBER.fullmatch(line.text) and in_margin(line))]
    if not lines:
        return []
    right = max((line.x1 for line in lines if line.whole), default=max(line.x1 for line in lines))
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.whole and b.whole and b.top > a.bottom]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    paragraphs: list[tuple[list[_Line], bool]] = []
    for prev, line in zip([None, *lines], lines):
        joined = (
            prev is not None and prev.whole and line.whole and prev.bold == line.bold
            and line.top - prev.bottom <= usual_gap + 0.4 * prev.size
            and line.x0 <= prev.x0 + 0.8 * prev.size
            and not _hard_break(prev, line, right)
        )
        if joined:
            paragraphs[-1][0].append(line)
        else:
            paragraphs.append(([line], line.bold))
    out = []
    for group, bold in paragraphs:
        text = clean_text("".join(
            [group[0].text] + [_wrap_joint(a.text, b.text) + b.text for a, b in zip(group, group[1:])]))
        out.append(_PageParagraph(top=group[0].top, text=text, bold=bold and len(text) <= HEADING_MAX_CHARS,
                                  margin=all(in_margin(line) for line in group)))
    return out


@dataclass
class _TableRun:
    """A table being assembled, possibly over several pages."""

    x0: float
    x1: float
    columns: int
    rows: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # (page, cells)

    def continues(self, table: _PageTable) -> bool:
        return (
            len(table.rows[0]) == self.columns
            and abs(table.x0 - self.x0) <= SAME_TABLE_TOLERANCE
            and abs(table.x1 - self.x1) <= SAME_TABLE_TOLERANCE
        )


def _assemble(pages: list[_Page]) -> tuple[Item, ...]:
    staged: list[tuple[int, _PageParagraph] | _TableRun] = []
    last_table: _TableRun | None = None  # the last item so far, margin text aside
    for page in pages:
        # Only a table that ended the previous page can continue, as this page's first item.
        carry = last_table
        for item in page.items:
            if isinstance(item, _PageParagraph):
                staged.append((page.number, item))
                if not item.margin:
                    carry = last_table = None
                continue
            if not item.rows or not item.rows[0]:
                continue
            if carry is None or not carry.continues(item):
                carry = _TableRun(item.x0, item.x1, len(item.rows[0]))
                staged.append(carry)
            carry.rows.extend((page.number, row) for row in item.rows)
            last_table, carry = carry, None
    items = ItemList()
    for entry in staged:
        if isinstance(entry, _TableRun):
            items.add_table([cells for _, cells in entry.rows], pages=[page for page, _ in entry.rows])
        else:
            number, paragraph = entry
            items.add_text(paragraph.text, heading=paragraph.bold, page=number)
    return items.items
