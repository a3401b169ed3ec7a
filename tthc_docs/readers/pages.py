"""Pages laid out in boxes, as the PDF reader finds them in a text layer and the OCR
reader on a page image: text lines with their geometry, ruled tables as grids of
cell text, and the assembly of pages into one run of paragraphs and tables.

Geometry is in any unit the page uses (PDF points, image pixels); ``size`` of a
line is its font size or text height in that unit.

* Text outside tables becomes paragraphs: lines are joined into a paragraph
  unless the previous line stopped short (the next line's first word would have
  fitted), the line starts a list item ("-", "+", "a)", "1."), is indented, is
  set apart by extra space, or changes from bold to regular. Bare page numbers in
  the top and bottom margins are dropped; other margin text is kept.
* Inside a cell the same test decides whether a line break is a real break
  (kept as "\\n") or wrapping (joined with a space).
* A wrapped line that stops inside a date, number or code ("30/6/202", "210/KH-")
  was cut by a column too narrow for the token, not at a space: the next line
  goes on without one when it continues the token ("5", "/2025", "UBND", ".").
* A table continues across a page break, and is emitted as one
  :class:`~tthc_docs.blocks.RawTable`, when it is the last thing on its
  page and the next page starts with a table of the same columns (count and outer
  edges); text in the margins does not count, any other text between the two
  tables does.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .assemble import HEADING_MAX_CHARS, ItemList
from ..blocks import Item
from .safety import clean_text

_BROKEN_CODE = re.compile(r"\S[/-]$")  # "30/6/", "210/KH-": a code cut after its separator
_NO_WORD_START = frozenset("/.,;:)")  # a wrapped line opening with one of these was cut inside a token
_LIST_START = re.compile(r"[-+•–*●▪]\s|[a-zđ]\)\s|\d{1,2}(\.\d{1,2})*[.)]\s|[IVX]{1,5}\.\s")
_PAGE_NUMBER = re.compile(r"[-–\s]*\d{1,4}[-–\s]*|(Trang|Page)\s*\d{1,4}(\s*/\s*\d{1,4})?", re.IGNORECASE)
MARGIN_SHARE = 0.08  # of the page height, top and bottom: where running heads and page numbers sit
SAME_TABLE_SHARE = 0.005  # of the page width: the outer edges of a table continued on the next page


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    first_word_width: float
    size: float
    bold: bool = False
    whole: bool = True  # False: one of several segments sharing a baseline


@dataclass(frozen=True)
class PageTable:
    """A ruled table on one page; ``confidence`` is the OCR confidence (0–100) of
    each row, when the text was recognised from an image."""

    top: float
    x0: float
    x1: float
    rows: tuple[tuple[str, ...], ...]
    confidence: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class PageParagraph:
    top: float
    text: str
    bold: bool
    margin: bool = False  # in the top or bottom margin: page furniture


@dataclass(frozen=True)
class Page:
    """A page's items, top to bottom. ``scan``: an image covers the page and its text
    layer is next to nothing (a watermark, a page number), so OCR reads it."""

    number: int
    items: tuple[PageTable | PageParagraph, ...]
    has_text: bool
    width: float = 595.0  # A4 in points
    scan: bool = False


def wrap_joint(prev: str, line: str) -> str:
    """What joins a wrapped line to the one before: a space, or nothing when the line before
    stops inside a date, number or code that this line continues ("30/6/202" + "5",
    "210/KH-" + "UBND") or this line opens with what no word starts with ("/2025", ".")."""
    first = line[:1]
    broken = (first in _NO_WORD_START or (prev[-1:].isdigit() and first.isdigit())
              or (bool(_BROKEN_CODE.search(prev)) and first.isalnum()))
    return "" if broken else " "


def hard_break(prev: Line, line: Line, right: float) -> bool:
    """Whether ``line`` starts on a new line by intent rather than by wrapping:
    the previous line stopped short of the first word that would have fitted, or
    the line opens a list item."""
    room = right - prev.x1
    return line.first_word_width + 0.3 * prev.size < room or bool(_LIST_START.match(line.text))


def cell_text(lines: list[Line], cell_x0: float, cell_x1: float) -> str:
    """The text of a table cell from its lines, top to bottom."""
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
        parts.append("\n" if spaced or hard_break(prev, line, right) else wrap_joint(prev.text, line.text))
        parts.append(line.text)
    return clean_text("".join(parts))


def paragraphs(lines: list[Line], page_height: float) -> list[PageParagraph]:
    """The paragraphs of the text lines outside tables, top to bottom."""
    def in_margin(line: Line) -> bool:
        return line.bottom < MARGIN_SHARE * page_height or line.top > (1 - MARGIN_SHARE) * page_height

    lines = [line for line in lines if not (_PAGE_NUMBER.fullmatch(line.text) and in_margin(line))]
    if not lines:
        return []
    right = max((line.x1 for line in lines if line.whole), default=max(line.x1 for line in lines))
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.whole and b.whole and b.top > a.bottom]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    groups: list[tuple[list[Line], bool]] = []
    for prev, line in zip([None, *lines], lines):
        joined = (
            prev is not None and prev.whole and line.whole and prev.bold == line.bold
            and line.top - prev.bottom <= usual_gap + 0.4 * prev.size
            and line.x0 <= prev.x0 + 0.8 * prev.size
            and not hard_break(prev, line, right)
        )
        if joined:
            groups[-1][0].append(line)
        else:
            groups.append(([line], line.bold))
    out = []
    for group, bold in groups:
        text = clean_text("".join(
            [group[0].text] + [wrap_joint(a.text, b.text) + b.text for a, b in zip(group, group[1:])]))
        out.append(PageParagraph(top=group[0].top, text=text, bold=bold and len(text) <= HEADING_MAX_CHARS,
                                 margin=all(in_margin(line) for line in group)))
    return out


@dataclass
class _TableRun:
    """A table being assembled, possibly over several pages."""

    x0: float
    x1: float
    columns: int
    tolerance: float
    rows: list[tuple[int, tuple[str, ...], int | None]] = field(default_factory=list)  # (page, cells, confidence)

    def continues(self, table: PageTable) -> bool:
        return (
            len(table.rows[0]) == self.columns
            and abs(table.x0 - self.x0) <= self.tolerance
            and abs(table.x1 - self.x1) <= self.tolerance
        )


def assemble_pages(pages: list[Page]) -> tuple[Item, ...]:
    """The items of all pages in reading order, a table continued over a page break as one."""
    staged: list[tuple[int, PageParagraph] | _TableRun] = []
    last_table: _TableRun | None = None  # the last item so far, margin text aside
    for page in pages:
        # Only a table that ended the previous page can continue, as this page's first item.
        carry = last_table
        for item in page.items:
            if isinstance(item, PageParagraph):
                staged.append((page.number, item))
                if not item.margin:
                    carry = last_table = None
                continue
            if not item.rows or not item.rows[0]:
                continue
            if carry is None or not carry.continues(item):
                carry = _TableRun(item.x0, item.x1, len(item.rows[0]), SAME_TABLE_SHARE * page.width)
                staged.append(carry)
            confidence = item.confidence or (None,) * len(item.rows)
            carry.rows.extend((page.number, row, c) for row, c in zip(item.rows, confidence))
            last_table, carry = carry, None
    items = ItemList()
    for entry in staged:
        if isinstance(entry, _TableRun):
            items.add_table([cells for _, cells, _ in entry.rows], pages=[page for page, _, _ in entry.rows],
                            confidence=[c for _, _, c in entry.rows])
        else:
            number, paragraph = entry
            items.add_text(paragraph.text, heading=paragraph.bold, page=number)
    return items.items
