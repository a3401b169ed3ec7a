"""What a .docx looks like, read straight from its XML: each paragraph's text with
the effective font, size, bold, italic and caps of its runs, and each section's
page size and margins. Any .docx, not only the toolkit's own.

Run formatting is resolved the way Word does for the properties checked: the
run's own properties, then its character style, then the paragraph style (each
with its ``basedOn`` chain), then the document defaults; theme fonts
("minorHAnsi") are looked up in the theme. A Vietnamese letter is drawn with the
``hAnsi`` font, plain ASCII with the ``ascii`` font, so both are reported.

Sizes and page measures are read tolerantly: a bare number in the attribute's
unit or a measure with its unit ("12pt", "2cm", as ISO 29500 allows). A value
that is neither ("abc") is ignored, as Word and LibreOffice ignore it, and kept
in ``unreadable`` of its paragraph or section so the report can name it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import Iterator

from lxml import etree

from ..errors import CorruptFileError
from ..readers.boundary import open_zip, read_member
from ..wordxml import NS, StyleSheet, toggle, w

_W = w("")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
# Word's size when nothing in the style hierarchy sets one: 10 pt.
DEFAULT_HALF_POINTS = 20
TWIPS_PER_MM = 1440 / 25.4
_MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)(mm|cm|in|pt|pc|pi)?\s*$")
_POINTS_PER_UNIT = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "pc": 12.0, "pi": 12.0}
# The attribute units, per point: a font size is in half-points, page measures in twips.
HALF_POINTS, TWIPS = 2, 20


@dataclass(frozen=True)
class RunFormat:
    text: str
    fonts: tuple[str, ...]
    size: float
    bold: bool
    italic: bool
    caps: bool


@dataclass(frozen=True)
class ParagraphFormat:
    """A paragraph in document order (1-based ``index``, tables included);
    ``container`` numbers its table cell (0: the body itself), ``table`` its
    table, ``column`` its cell's position in the row."""

    index: int
    text: str
    runs: tuple[RunFormat, ...]
    container: int
    table: int | None
    column: int | None
    unreadable: tuple[str, ...] = ()

    @property
    def in_table(self) -> bool:
        return self.table is not None


@dataclass(frozen=True)
class SectionFormat:
    index: int
    width_mm: float | None
    height_mm: float | None
    margins_mm: dict[str, float]
    unreadable: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocxFormat:
    paragraphs: tuple[ParagraphFormat, ...]
    sections: tuple[SectionFormat, ...]


def _parse(archive: zipfile.ZipFile, member: str, source: str):
    if member not in archive.NameToInfo:
        return None
    blob = read_member(archive, member, source)
    try:
        return etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(f"{member} is not well-formed XML: {exc}", source) from exc


def measure(value: str | None, per_point: int) -> float | None:
    """An OOXML measure in the attribute's own unit (``per_point`` of them make a
    point): "26" → 26.0, "13pt" with half-points → 26.0; None when unreadable."""
    match = _MEASURE.match(value) if value is not None else None
    if match is None:
        return None
    number, unit = float(match.group(1)), match.group(2)
    return number if unit is None else number * _POINTS_PER_UNIT[unit] * per_point


def _shown(element, attribute: str) -> str:
    """How an unreadable attribute is named in a report: ``w:sz w:val="abc"``."""
    return f'w:{etree.QName(element).localname} w:{attribute}="{element.get(f"{_W}{attribute}", "")}"'


class _Styles:
    def __init__(self, styles, theme) -> None:
        self._sheet = StyleSheet(styles)
        self.default_paragraph = self._sheet.default_paragraph
        self._defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr") if styles is not None else None
        self._theme = {}
        if theme is not None:
            for kind in ("major", "minor"):
                latin = theme.find(f".//a:{kind}Font/a:latin", NS)
                if latin is not None:
                    self._theme[kind] = latin.get("typeface", "")

    def chain(self, style_id: str | None) -> Iterator:
        """The run properties of the style and of those it is based on, nearest first."""
        for style in self._sheet.chain(style_id):
            r_pr = style.find(f"{_W}rPr")
            if r_pr is not None:
                yield r_pr

    def levels(self, run, paragraph_style: str | None) -> list:
        r_pr = run.find(f"{_W}rPr")
        levels = [r_pr] if r_pr is not None else []
        char_style = r_pr.find(f"{_W}rStyle") if r_pr is not None else None
        if char_style is not None:
            levels += list(self.chain(char_style.get(f"{_W}val")))
        levels += list(self.chain(paragraph_style or self.default_paragraph))
        if self._defaults is not None:
            levels.append(self._defaults)
        return levels

    def font(self, levels: list, slot: str) -> str:
        for r_pr in levels:
            fonts = r_pr.find(f"{_W}rFonts")
            if fonts is None:
                continue
            theme = fonts.get(f"{_W}{slot}Theme")
            if theme:
                return self._theme.get("major" if theme.startswith("major") else "minor", theme)
            if fonts.get(f"{_W}{slot}"):
                return fonts.get(f"{_W}{slot}")
        return "(not set)"


def _first(levels: list, tag: str):
    for r_pr in levels:
        found = r_pr.find(f"{_W}{tag}")
        if found is not None:
            return found
    return None


def _size(levels: list, unreadable: list[str]) -> float:
    """The run's size in points: the first readable ``w:sz`` of the hierarchy."""
    for r_pr in levels:
        found = r_pr.find(f"{_W}sz")
        if found is None:
            continue
        half_points = measure(found.get(f"{_W}val"), HALF_POINTS)
        if half_points is not None and half_points > 0:
            return half_points / 2
        unreadable.append(_shown(found, "val"))
    return DEFAULT_HALF_POINTS / 2


def _run_text(run) -> str:
    parts = []
    for child in run:
        if child.tag == f"{_W}t":
            parts.append(child.text or "")
        elif child.tag == f"{_W}tab":
            parts.append("\t")
        elif child.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _runs(paragraph) -> Iterator:
    # Runs of this paragraph only: not those of a text box anchored in it.
    for run in paragraph.iter(f"{_W}r"):
        owner = run.getparent()
        while owner is not None and owner.tag != f"{_W}p":
            owner = owner.getparent()
        if owner is paragraph:
            yield run


def read_format(data: bytes, source: str) -> DocxFormat:
    """The paragraphs and sections of a .docx."""
    archive = open_zip(data, source)
    with archive:
        document = _parse(archive, "word/document.xml", source)
        if document is None:
            raise CorruptFileError("not a Word document (no word/document.xml)", source)
        styles = _Styles(_parse(archive, "word/styles.xml", source), _parse(archive, "word/theme/theme1.xml", source))
    body = document.find(f"{_W}body")
    if body is None:
        raise CorruptFileError("word/document.xml has no body", source)
    paragraphs = []
    # Stable numbers for table cells and tables (lxml proxies have no stable id()).
    numbers: dict = {}
    for index, p in enumerate(body.iter(f"{_W}p"), 1):
        p_style = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = p_style.get(f"{_W}val") if p_style is not None else None
        runs = []
        unreadable: list[str] = []
        for run in _runs(p):
            text = _run_text(run)
            if not text.strip():
                continue
            levels = styles.levels(run, style_id)
            slots = (["ascii"] if any(ord(c) < 128 and c.strip() for c in text) else []) + \
                    (["hAnsi"] if any(ord(c) >= 128 for c in text) else [])
            runs.append(RunFormat(
                text=text,
                fonts=tuple(dict.fromkeys(styles.font(levels, slot) for slot in slots)),
                size=_size(levels, unreadable),
                bold=bool(toggle(_first(levels, "b"))),
                italic=bool(toggle(_first(levels, "i"))),
                caps=bool(toggle(_first(levels, "caps"))),
            ))
        cell = next(p.iterancestors(f"{_W}tc"), None)
        column = table = None
        if cell is not None:
            column = [c for c in cell.getparent() if c.tag == f"{_W}tc"].index(cell)
            table = numbers.setdefault(next(cell.iterancestors(f"{_W}tbl")), len(numbers) + 1)
        paragraphs.append(ParagraphFormat(
            index=index,
            text="".join(_run_text(r) for r in _runs(p)).strip(),
            runs=tuple(runs),
            container=numbers.setdefault(cell, len(numbers) + 1) if cell is not None else 0,
            table=table,
            column=column,
            unreadable=tuple(dict.fromkeys(unreadable)),
        ))
    return DocxFormat(paragraphs=tuple(paragraphs), sections=tuple(_sections(body)))


def _sections(body) -> Iterator[SectionFormat]:
    properties = [p for p in body.iter(f"{_W}sectPr")]
    for index, sect in enumerate(properties, 1):
        unreadable: list[str] = []

        def millimetres(element, attribute: str) -> float | None:
            value = element.get(f"{_W}{attribute}")
            if value is None:
                return None
            twips = measure(value, TWIPS)
            if twips is None:
                unreadable.append(_shown(element, attribute))
                return None
            return abs(twips) / TWIPS_PER_MM

        size = sect.find(f"{_W}pgSz")
        margins = sect.find(f"{_W}pgMar")
        width = height = None
        if size is not None:
            width, height = millimetres(size, "w"), millimetres(size, "h")
            if width is None or height is None:
                width = height = None
        found = {}
        if margins is not None:
            for side in ("top", "bottom", "left", "right"):
                value = millimetres(margins, side)
                if value is not None:
                    found[side] = value
        yield SectionFormat(index=index, width_mm=width, height_mm=height, margins_mm=found,
                            unreadable=tuple(unreadable))
