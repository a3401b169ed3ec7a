"""What the layout readers (.docx, .html, .pdf) share once they have found
paragraphs and tables: the limits on what they believe, the flattening of a table
nested in a cell, and the numbering of items in reading order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models import SourceRef
from ..blocks import Item, Paragraph, RawRow, RawTable

# A longer paragraph is body text however it is styled (a bold lead-in sentence).
HEADING_MAX_CHARS = 200
# Wider grids than this only come from damaged or hostile files.
MAX_SPAN = 64


def nested_table_lines(rows: Iterable[Sequence[str]]) -> list[str]:
    """A table nested in a cell, as lines of that cell's text: one line per row,
    its distinct non-empty cells joined by "; " (a merged cell repeats its text
    in every column it covers, and counts once)."""
    lines = []
    for row in rows:
        distinct = [c.replace("\n", " ") for i, c in enumerate(row) if c and c not in row[:i]]
        lines.append("; ".join(distinct))
    return lines


class ItemList:
    """Items in reading order, with their sources: paragraphs count ``line`` from
    1, tables and their rows count ``table`` and ``row`` from 1; a table's caption
    is the paragraph right before it."""

    def __init__(self) -> None:
        self._items: list[Item] = []
        self._lines = 0
        self._tables = 0

    def add_text(self, text: str, *, heading: bool, page: int | None = None) -> None:
        """One paragraph per line of ``text``."""
        for line in text.split("\n") if text else ():
            self._lines += 1
            self._items.append(Paragraph(line, SourceRef(line=self._lines, page=page), heading=heading))

    def add_table(self, rows: Sequence[tuple[str, ...]], *, pages: Sequence[int | None] = (),
                  confidence: Sequence[int | None] = ()) -> None:
        """A table of ``rows``, unless it has no cells; ``pages`` is the page of each
        row, for a table that runs over several pages (the table's page is its first);
        ``confidence`` the OCR confidence of each row read from an image."""
        if not any(rows):
            return
        self._tables += 1
        last = self._items[-1] if self._items else None
        # a parenthesised note ("(Kèm theo Kế hoạch số …)", "(Đơn vị tính: …)") is no caption
        caption = last.text if isinstance(last, Paragraph) and not last.text.startswith("(") else None
        pages = pages or (None,) * len(rows)
        confidence = confidence or (None,) * len(rows)
        self._items.append(RawTable(
            tuple(RawRow(cells, SourceRef(page=page, table=self._tables, row=j, ocr_confidence=c))
                  for j, (page, cells, c) in enumerate(zip(pages, rows, confidence), 1)),
            caption=caption,
            source=SourceRef(page=pages[0], table=self._tables),
        ))

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(self._items)
