"""Read a Word .docx into a :class:`RawDocument`.

python-docx opens the package (relationships, parts); the body XML is then
walked directly with lxml, because ``row.cells`` recomputes the grid for every
row and is far too slow for the 1,000-row appendices plans carry.

What the walk does, in document order:

* Body paragraphs become :class:`Paragraph` items, one per line: a paragraph
  holding line breaks (``w:br``) becomes one item per line. ``heading`` is set
  for Heading/Title styles, outline levels, and fully bold short paragraphs.
  ``SourceRef(line=k)`` counts the emitted paragraphs from 1.
* Automatic numbering is rendered as Word shows it ("1.", "a)", "II."), so a
  numbered STT column does not read as empty.
* Tables become :class:`RawTable` items on the table grid: a cell spanning
  columns (``w:gridSpan``) repeats its text in each; a vertically merged cell
  (``w:vMerge``) repeats the first cell's text in every row it covers; cells
  skipped by ``w:gridBefore``/``w:gridAfter`` are empty. Repeated header rows
  are kept. ``SourceRef(table=i, row=j)`` count from 1.
* Cell text keeps paragraphs and line breaks as ``\\n``. A table nested in a
  cell is flattened into that cell's text: one line per nested row, its
  distinct non-empty cells joined by "; ".
* Text boxes are read as paragraphs after the paragraph that anchors them
  (their "Fallback" copies are skipped); deleted revisions, field codes,
  headers, footers and footnotes are not read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .assemble import HEADING_MAX_CHARS, MAX_SPAN, ItemList, nested_table_lines
from ..blocks import Item, RawDocument
from .numerals import list_roman
from ..wordxml import VAL, StyleSheet, qualified, toggle, w as _w
from .boundary import parser_boundary
from .safety import check_limit, check_size, check_zip, clean_text

P, TBL, TR, TC, R, T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
BR, CR, TAB, NBH = _w("br"), _w("cr"), _w("tab"), _w("noBreakHyphen")
SDT, SDT_CONTENT, CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
TXBX_CONTENT, FALLBACK = _w("txbxContent"), qualified("mc", "Fallback")

MAX_LIST_START = 32767
_TEXT_TAGS = (T, BR, CR, TAB, NBH, TXBX_CONTENT, FALLBACK)


def read(data: bytes, name: str) -> RawDocument:
    """Read .docx bytes; ``name`` is used in messages and in the result."""
    check_size(data, name, "docx")
    check_zip(data, name)
    import docx

    with parser_boundary(name, "the Word .docx file"):
        document = docx.Document(io.BytesIO(data))
        styles, numbering = document.styles.element, document.part.numbering_part.element
        body = document.element.body
    paragraphs = sum(1 for _ in body.iter(P))
    check_limit("docx paragraphs", paragraphs, "the document holds paragraphs:", name)
    items = _Walker(_Styles(styles), _Numbering(numbering)).walk(body)
    return RawDocument(name=name, layout="docx", items=items)


def _int(element, default: int) -> int:
    try:
        return int(element.get(VAL)) if element is not None else default
    except (TypeError, ValueError):
        return default


@dataclass(frozen=True)
class _Style:
    heading: bool
    bold: bool | None
    num: tuple[str, int] | None


class _Styles:
    """Paragraph and character styles, resolved through ``w:basedOn``."""

    def __init__(self, root) -> None:
        self._sheet = StyleSheet(root)
        self._resolved: dict[str | None, _Style] = {}
        self.default = self._sheet.default_paragraph

    def get(self, style_id: str | None) -> _Style:
        """The style with what it inherits: the nearest style of the chain that sets a
        property gives it; any style of the chain named or outlined as a heading makes one."""
        if style_id in self._resolved:
            return self._resolved[style_id]
        heading, bold, num = False, None, None
        for raw in self._sheet.chain(style_id):
            name = (_attr(raw.find(_w("name"))) or "").lower()
            outline = raw.find(f"{_w('pPr')}/{_w('outlineLvl')}")
            heading = heading or name.startswith(("heading", "title")) or _int(outline, 9) < 9
            bold = toggle(raw.find(f"{_w('rPr')}/{_w('b')}")) if bold is None else bold
            num = num or _num_pr(raw.find(f"{_w('pPr')}/{_w('numPr')}"))
        style = self._resolved[style_id] = _Style(heading=heading, bold=bold, num=num)
        return style


def _attr(element) -> str | None:
    return element.get(VAL) if element is not None else None


def _num_pr(num_pr) -> tuple[str, int] | None:
    if num_pr is None:
        return None
    num_id = _attr(num_pr.find(_w("numId")))
    return (num_id, _int(num_pr.find(_w("ilvl")), 0)) if num_id not in (None, "0") else None


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bb, ...
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return list_roman(n)
    if fmt == "lowerRoman":
        return list_roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Word's automatic list numbering, rendered as displayed. Counters are kept
    per list instance (``w:num``); starting a level resets the deeper ones."""

    def __init__(self, root) -> None:
        abstract = {a.get(_w("abstractNumId")): a for a in root.iter(_w("abstractNum"))}
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        for num in root.iter(_w("num")):
            levels = {}
            base = abstract.get(_attr(num.find(_w("abstractNumId"))))
            for lvl in base.iter(_w("lvl")) if base is not None else ():
                levels[_int_attr(lvl.get(_w("ilvl")))] = (
                    _start(lvl.find(_w("start"))),
                    _attr(lvl.find(_w("numFmt"))) or "decimal",
                    _attr(lvl.find(_w("lvlText"))) or "",
                )
            for override in num.iter(_w("lvlOverride")):
                ilvl = _int_attr(override.get(_w("ilvl")))
                start = override.find(_w("startOverride"))
                if start is not None and ilvl in levels:
                    _, fmt, text = levels[ilvl]
                    levels[ilvl] = (_start(start), fmt, text)
            self._levels[num.get(_w("numId"))] = levels
        self._counters: dict[str, dict[int, int]] = {}

    def label(self, num: tuple[str, int]) -> str:
        num_id, ilvl = num
        levels = self._levels.get(num_id, {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else levels[ilvl][0]
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        start, fmt, text = levels[ilvl]
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return "-"

        def level_value(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            k_start, k_fmt, _ = levels.get(k, (1, "decimal", ""))
            return _format_number(counters.get(k, k_start), "decimal" if k_fmt == "bullet" else k_fmt)

        return re.sub(r"%([1-9])", level_value, text)


def _start(element) -> int:
    # Word allows list starts up to 32767; a hostile start would make a huge numeral.
    return max(0, min(_int(element, 1), MAX_LIST_START))


def _int_attr(value: str | None) -> int:
    return int(value) if value and value.isdecimal() and len(value) <= 6 else 0


def _children(parent, tags: tuple[str, ...]) -> Iterator:
    """Child elements with one of ``tags``, looking through content controls and
    custom XML wrappers, which Word may put around paragraphs, tables, rows, cells."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag == CUSTOM_XML:
            yield from _children(child, tags)
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tags)


class _Walker:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def walk(self, body) -> tuple[Item, ...]:
        items = ItemList()
        for kind, value in self._blocks(body):
            if kind == "table":
                items.add_table(value)
            else:
                text, heading = value
                items.add_text(text, heading=heading)
        return items.items

    def _blocks(self, container) -> Iterator[tuple[str, object]]:
        """("paragraph", (text, heading)) and ("table", rows) in reading order."""
        for element in _children(container, (P, TBL)):
            if element.tag == TBL:
                yield "table", self._table(element)
                continue
            text, heading, boxes = self._paragraph(element)
            yield "paragraph", (text, heading)
            for box in boxes:
                yield from self._blocks(box)

    def _paragraph(self, p) -> tuple[str, bool, list]:
        """The paragraph's cleaned text, whether it reads as a heading, and the
        text boxes anchored in it."""
        p_pr = p.find(_w("pPr"))
        style_id = _attr(p_pr.find(_w("pStyle"))) if p_pr is not None else None
        style = self.styles.get(style_id or self.styles.default)
        num_pr = p_pr.find(_w("numPr")) if p_pr is not None else None
        # A direct numPr wins over the style's, and numId 0 switches numbering off.
        num = _num_pr(num_pr) if num_pr is not None else style.num
        parts: list[str] = []
        boxes: list = []
        skip: list = []
        all_bold = True
        for element in p.iter(*_TEXT_TAGS):
            if skip and _inside(element, skip, p):
                continue
            tag = element.tag
            if tag == TXBX_CONTENT or tag == FALLBACK:
                skip.append(element)
                if tag == TXBX_CONTENT:
                    boxes.append(element)
            elif tag == T:
                if element.text:
                    parts.append(element.text)
                    all_bold = all_bold and self._bold(element.getparent(), style)
            elif tag in (BR, CR):
                parts.append("\n")
            elif tag == TAB:
                parts.append(" ")
            elif tag == NBH:
                parts.append("-")
        text = "".join(parts)
        if num is not None:
            label = self.numbering.label(num)
            text = f"{label} {text}" if label else text
        text = clean_text(text)
        short = all(len(line) <= HEADING_MAX_CHARS for line in text.split("\n"))
        heading = bool(text) and (style.heading or (all_bold and short))
        return text, heading, boxes

    def _bold(self, run, style: _Style) -> bool:
        if run is None or run.tag != R:
            return bool(style.bold)
        r_pr = run.find(_w("rPr"))
        if r_pr is not None:
            b = r_pr.find(_w("b"))
            if b is not None:
                return bool(toggle(b))
            char_style = self.styles.get(_attr(r_pr.find(_w("rStyle"))))
            if char_style.bold is not None:
                return char_style.bold
        return bool(style.bold)

    def _table(self, tbl) -> list[tuple[str, ...]]:
        grid = tbl.find(_w("tblGrid"))
        grid_width = min(len(grid.findall(_w("gridCol"))), MAX_SPAN) if grid is not None else 0
        rows: list[list[str]] = []
        merged: dict[int, str] = {}  # grid column → text of the cell a vMerge started
        for tr in _children(tbl, (TR,)):
            tr_pr = tr.find(_w("trPr"))
            before = min(_int(tr_pr.find(_w("gridBefore")), 0), MAX_SPAN) if tr_pr is not None else 0
            cells = [""] * before
            for tc in _children(tr, (TC,)):
                tc_pr = tc.find(_w("tcPr"))
                span, v_merge, h_merge = 1, None, None
                if tc_pr is not None:
                    span = max(1, min(_int(tc_pr.find(_w("gridSpan")), 1), MAX_SPAN))
                    v_merge, h_merge = tc_pr.find(_w("vMerge")), tc_pr.find(_w("hMerge"))
                start = len(cells)
                if v_merge is not None and v_merge.get(VAL) != "restart":
                    text = merged.get(start, "")
                else:
                    text = self._cell(tc)
                    for col in range(start, start + span):
                        if v_merge is not None:
                            merged[col] = text
                        else:
                            merged.pop(col, None)
                if h_merge is not None and h_merge.get(VAL) != "restart" and cells:
                    text = cells[-1]
                cells.extend([text] * span)
            rows.append(cells)
        width = max([grid_width, *(len(r) for r in rows)])
        return [tuple(r + [""] * (width - len(r))) for r in rows]

    def _cell(self, tc) -> str:
        lines = []
        for kind, value in self._blocks(tc):
            if kind == "paragraph":
                lines.append(value[0])
                continue
            lines.extend(nested_table_lines(value))
        return clean_text("\n".join(lines))


def _inside(element, ancestors: list, boundary) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not boundary:
        if any(parent is a for a in ancestors):
            return True
        parent = parent.getparent()
    return False
