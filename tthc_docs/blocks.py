"""What a reader produces: the document as an ordered run of paragraphs and
tables, before anything is understood about it.

A reader turns bytes into these; it does not decide which table row is a header,
a section or a task (``tables/`` does that), nor what a cell means (``nlp/``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from .models import SourceRef


@dataclass(frozen=True)
class Paragraph:
    """A line or paragraph of body text. ``heading`` marks text the source
    styled as a heading (bold title, Markdown ``#``), when the format says so."""

    text: str
    source: SourceRef = field(default_factory=SourceRef)
    heading: bool = False


@dataclass(frozen=True)
class RawRow:
    """One table row as cells of text. A cell merged over several columns
    (gridSpan) repeats its text in each column it covers; a cell merged over
    several rows (vMerge) repeats it in each row. Line breaks inside a cell are
    kept as ``\\n``."""

    cells: tuple[str, ...]
    source: SourceRef = field(default_factory=SourceRef)


@dataclass(frozen=True)
class RawTable:
    """A table as read. ``caption`` is the paragraph right before it, when the
    layout has one (e.g. "3. Tiếp tục triển khai …" above a table)."""

    rows: tuple[RawRow, ...]
    caption: str | None = None
    source: SourceRef = field(default_factory=SourceRef)

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


Item = Union[Paragraph, RawTable]


@dataclass(frozen=True)
class RawDocument:
    """A document as read: its items in reading order, the portal metadata
    ("Số hiệu | 242/QĐ-UBND |") when the source carries it, the layout the reader
    recognised, and warnings about what it had to repair."""

    name: str
    layout: str
    items: tuple[Item, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(i for i in self.items if isinstance(i, Paragraph))

    @property
    def tables(self) -> tuple[RawTable, ...]:
        return tuple(i for i in self.items if isinstance(i, RawTable))

    @property
    def text(self) -> str:
        """The body text (paragraphs only), one per line."""
        return "\n".join(p.text for p in self.paragraphs)
