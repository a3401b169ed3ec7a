"""Read a web page saved from a legal portal (thuvienphapluat, vbpl and the like)
into a :class:`RawDocument`.

* The charset comes from a byte-order mark, else the ``<meta>`` declaration
  when the bytes agree with it, else the toolkit's detection
  (:func:`tthc_docs.text.legacy.decode_bytes`: UTF-8, Windows-1258, TCVN3, VNI…).
* Scripts, styles, navigation, headers, footers, forms and hidden elements are
  dropped. The document is then found without any site-specific selector: from
  ``<body>`` the reader descends into the child holding most (80 %) of the
  non-link text, so menus and link lists around the content fall away. It
  descends into a table only when one cell holds that share laid out in
  paragraphs or divisions (a layout table, not a data table).
* Block elements (``<p>``, ``<div>``, ``<li>``, headings, …) become paragraphs,
  one per line: ``<br>`` ends a line. ``<h1>``–``<h6>`` and blocks whose text
  is all bold are headings. List items carry their marker ("1.", "a.", "-")
  unless the list style is ``none``.
* Tables are laid on their grid: ``colspan``/``rowspan`` repeat the cell text in
  every grid position covered, as the .docx reader does; inside a cell, block
  boundaries and ``<br>`` are kept as "\\n", and a nested table is flattened to
  one line per row, its distinct cells joined by "; ".

``SourceRef``: paragraphs carry ``line`` (counted from 1), rows ``table`` and
``row`` (from 1).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import CorruptFileError, EmptyInputError, TthcError, UnsafeFileError
from ..text.legacy import decode_bytes
from .assemble import HEADING_MAX_CHARS, MAX_SPAN, ItemList, nested_table_lines
from ..blocks import Item, RawDocument
from .numerals import list_roman
from .safety import check_size, clean_text

_DROP = frozenset(
    "script style noscript nav header footer aside form iframe svg button select input textarea "
    "template object embed head link meta canvas map area audio video".split()
)
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strike strong sub sup "
    "time tt u var wbr ins del label big nobr o:p".split()
)
_BOLD_TAGS = frozenset({"b", "strong"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_LAYOUT_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "center")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.IGNORECASE)
_NO_MARKER = re.compile(r"list-style(-type)?\s*:\s*none", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

CONTENT_SHARE = 0.8
# rowspan × colspan lets a few bytes fill a huge grid; no real table comes near this.
MAX_TABLE_CELLS = 1_000_000


def read(data: bytes, name: str) -> RawDocument:
    """Read HTML bytes; ``name`` is used in messages and in the result."""
    check_size(data, name, "html")
    text = _XML_DECLARATION.sub("", _decode(data, name))
    if not text.strip():
        raise EmptyInputError("the page holds no text", name)
    try:
        import lxml.html

        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        root = lxml.html.document_fromstring(text, parser=parser)
        body = root.find("body")
        if body is None:
            body = root
        _drop_junk(body)
        blocks = _Collector().collect(_content_root(body))
    except _TableTooLarge as exc:
        raise UnsafeFileError(f"a table spans {exc} cells or more (limit {MAX_TABLE_CELLS:,})", name) from exc
    except TthcError:
        raise
    except Exception as exc:  # lxml raises several types on hostile markup
        raise CorruptFileError(f"not a readable HTML page ({type(exc).__name__}: {exc})", name) from exc
    return RawDocument(name=name, layout="html", items=_items(blocks))


def _decode(data: bytes, name: str) -> str:
    """A byte-order mark or the page's own charset declaration wins; without
    one (or when the bytes contradict it) the toolkit's encoding detection decides."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        try:
            return data.decode(codecs.lookup(declared.group(1).decode("ascii")).name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, name)


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _drop_junk(body) -> None:
    doomed = [
        el for el in body.iter()
        if not isinstance(el.tag, str) or _tag(el) in _DROP or el.get("hidden") is not None
        or el.get("aria-hidden") == "true" or _HIDDEN.search(el.get("style") or "")
    ]
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent


def _weight(element) -> int:
    """Length of the text outside links: menus are mostly links, documents are not."""
    links = sum(len(a.text_content()) for a in element.iter("a"))
    return len(element.text_content()) - links


def _content_root(body):
    node = body
    while True:
        total = _weight(node)
        candidates = [c for c in node if isinstance(c.tag, str)]
        if _tag(node) == "table":
            candidates = [cell for row in _rows(node) for cell in _cells(row)]
        if total == 0 or not candidates:
            return node
        best = max(candidates, key=_weight)
        if _weight(best) < CONTENT_SHARE * total or _tag(best) in _ROW_GROUPS | {"tr", "p", "ul", "ol"}:
            return node
        if _tag(best) == "table" and not _is_layout(best):
            return node
        node = best


def _is_layout(table) -> bool:
    """A table used to place the page's parts: one cell holds most of its text,
    laid out in paragraphs or divisions of its own (a data cell holds text)."""
    cells = [cell for row in _rows(table) for cell in _cells(row)]
    if not cells:
        return False
    main = max(cells, key=_weight)
    has_blocks = next(main.iter(*_LAYOUT_BLOCKS), None) is not None
    return has_blocks and _weight(main) >= CONTENT_SHARE * _weight(table)


def _rows(table) -> list:
    rows = []
    for child in table:
        if _tag(child) == "tr":
            rows.append(child)
        elif _tag(child) in _ROW_GROUPS:
            rows.extend(tr for tr in child if _tag(tr) == "tr")
    return rows


def _cells(row) -> list:
    return [cell for cell in row if _tag(cell) in ("td", "th")]


def _span(value: str | None, limit: int) -> int:
    digits = (value or "").strip()
    return max(1, min(int(digits), limit)) if digits.isdecimal() and len(digits) <= 6 else 1


@dataclass(frozen=True)
class _Block:
    text: str
    heading: bool = False
    rows: tuple[tuple[str, ...], ...] | None = None  # set for a table


class _Collector:
    """Turns a subtree into blocks: paragraphs (text with "\\n" line breaks) and tables."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.pieces: list[tuple[str, bool]] = []  # (text, bold) of the open block
        self.heading = False

    def collect(self, element) -> list[_Block]:
        self._walk(element, bold=False)
        self._flush()
        return self.blocks

    def _flush(self) -> None:
        text = clean_text("".join(t for t, _ in self.pieces))
        if text:
            all_bold = all(b for t, b in self.pieces if t.strip())
            short = len(text) <= HEADING_MAX_CHARS and "\n" not in text
            self.blocks.append(_Block(text, heading=self.heading or (all_bold and short)))
        self.pieces, self.heading = [], False

    def _walk(self, element, bold: bool, marker: str = "") -> None:
        tag = _tag(element)
        bold = bold or tag in _BOLD_TAGS or bool(_BOLD_STYLE.search(element.get("style") or ""))
        if marker:
            self.pieces.append((marker + " ", bold))
        if element.text:
            self.pieces.append((element.text, bold))
        markers = _list_markers(element) if tag in ("ol", "ul") else {}
        for child in element:
            child_tag = _tag(child)
            if child_tag == "br":
                self.pieces.append(("\n", bold))
            elif child_tag == "table":
                self._flush()
                self.blocks.append(_Block("", rows=_table(child)))
            elif child_tag in _INLINE:
                self._walk(child, bold)
            elif child_tag:
                self._flush()
                self._walk(child, bold, markers.get(id(child), ""))
                self.heading = self.heading or child_tag in _HEADINGS
                self._flush()
            if child.tail:
                self.pieces.append((child.tail, bold))


def _list_markers(element) -> dict[int, str]:
    items = [li for li in element if _tag(li) == "li"]
    if _NO_MARKER.search(element.get("style") or "") or element.get("type") == "none":
        return {}
    if _tag(element) == "ul":
        return {id(li): "-" for li in items if not _NO_MARKER.search(li.get("style") or "")}
    kind = element.get("type", "1")
    start = _span(element.get("start"), 10_000)
    return {
        id(li): _ordinal(start + i, kind) + "."
        for i, li in enumerate(items) if not _NO_MARKER.search(li.get("style") or "")
    }


def _ordinal(n: int, kind: str) -> str:
    if kind in ("a", "A"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if kind == "A" else letter
    if kind in ("i", "I"):
        return list_roman(n) if kind == "I" else list_roman(n).lower()
    return str(n)


class _TableTooLarge(Exception):
    """A table whose spans expand past MAX_TABLE_CELLS."""


def _table(table) -> tuple[tuple[str, ...], ...]:
    rows = _rows(table)
    grid: dict[tuple[int, int], str] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in _cells(row):
            while (r, c) in grid:
                c += 1
            colspan = _span(cell.get("colspan"), MAX_SPAN)
            rowspan = _span(cell.get("rowspan"), len(rows) - r)
            if (cell.get("rowspan") or "").strip() == "0":  # HTML: to the end of the table
                rowspan = len(rows) - r
            if len(grid) + rowspan * colspan > MAX_TABLE_CELLS:
                raise _TableTooLarge(f"{len(grid) + rowspan * colspan:,}")
            text = _cell_text(cell)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text
            c += colspan
            width = max(width, c)
    return tuple(tuple(grid.get((r, c), "") for c in range(width)) for r in range(len(rows)))


def _cell_text(cell) -> str:
    lines = []
    for block in _Collector().collect(cell):
        if block.rows is None:
            lines.append(block.text)
            continue
        lines.extend(nested_table_lines(block.rows))
    return clean_text("\n".join(lines))


def _items(blocks: list[_Block]) -> tuple[Item, ...]:
    items = ItemList()
    for block in blocks:
        if block.rows is None:
            items.add_text(block.text, heading=block.heading)
        else:
            items.add_table(block.rows)
    return items.items
