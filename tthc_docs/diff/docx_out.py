"""The comparison as a Word "Bảng so sánh" whose edits are real tracked changes.

The layout follows Decree 30/2020 (A4 portrait, margins 20/20/30/15 mm, Times New
Roman 13 pt, the two-column header block, page numbers from page 2). The table
has the columns STT | old text | new text | changes; in the new-text column
every deletion is a ``w:del`` (text in ``w:delText``) and every insertion a
``w:ins``, so Word's Accept All gives the new version and Reject All the old.
python-docx has no API for revisions, so those runs are built as XML. The KPI
rows, when the versions have any, follow in a second table of the same form.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from itertools import count
from typing import Iterator

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ..vietnamese import date_in_words, upper_vi
from .report import Line, Report, Row
from .settings import settings
from .words import DELETE, INSERT, WordOp

FONT = "Times New Roman"
BODY_PT = 13
# Column widths in cm; they fill the 165 mm between the margins.
WIDTHS = (1.4, 5.7, 5.7, 3.7)
HEADER_WIDTHS = (6.0, 10.5)


def _font(run, size: float = BODY_PT, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _paragraph(container, text: str = "", *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
               align=None, after: float = 6):
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(after)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


class _Revisions:
    """Builds ``w:ins``/``w:del`` runs with document-unique ids."""

    def __init__(self, author: str, when: datetime) -> None:
        self.author = author
        self.date = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.ids = count(1)

    def _run(self, text: str, tag: str):
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(BODY_PT * 2))
        properties.extend([fonts, size])
        body = OxmlElement(tag)
        body.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        body.text = text
        run.extend([properties, body])
        return run

    def add(self, paragraph, op: WordOp) -> None:
        if op.kind not in (DELETE, INSERT):
            _font(paragraph.add_run(op.text))
            return
        revision = OxmlElement("w:del" if op.kind == DELETE else "w:ins")
        revision.set(qn("w:id"), str(next(self.ids)))
        revision.set(qn("w:author"), self.author)
        revision.set(qn("w:date"), self.date)
        revision.append(self._run(op.text, "w:delText" if op.kind == DELETE else "w:t"))
        paragraph._p.append(revision)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    # Page numbers from page 2, centred in the header.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    number._p.append(field)


def _widths(table, widths: tuple[float, ...]) -> None:
    """Fixed column widths in cm; Word reads the cells' widths, LibreOffice the grid's."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        column.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "nil")
        borders.append(border)
    table._tbl.tblPr.append(borders)


def _header_block(document, report: Report, when: datetime) -> None:
    words = settings().report
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, HEADER_WIDTHS)
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].alignment = center
    _font(left.paragraphs[0].add_run(upper_vi(report.issuer or words.issuer_placeholder)), bold=True)
    _paragraph(left, "________", align=center, after=0)
    right.paragraphs[0].alignment = center
    _font(right.paragraphs[0].add_run(words.nation), bold=True)
    _paragraph(right, words.motto, size=14, bold=True, align=center, after=0)
    _paragraph(right, "______________________________", align=center, after=0)
    _paragraph(right, f"{report.place or words.issuer_placeholder}, {date_in_words(when.date())}",
               italic=True, align=center)


def _paragraphs(cell) -> Iterator:
    """The cell's own empty first paragraph, then new ones."""
    first = cell.paragraphs[0]
    first.paragraph_format.space_after = Pt(3)
    yield first
    while True:
        yield _paragraph(cell, after=3)


def _cell(cell, label: str, lines: tuple[Line, ...], revisions: _Revisions | None) -> None:
    paragraphs = _paragraphs(cell)
    if label:
        _font(next(paragraphs).add_run(label), bold=True)
    for line in lines:
        paragraph = next(paragraphs)
        if line.label:
            _font(paragraph.add_run(f"{line.label}: "), italic=True)
        for op in line.words:
            if revisions is None:
                _font(paragraph.add_run(op.text))
            else:
                revisions.add(paragraph, op)


def _row(table, row: Row, revisions: _Revisions) -> None:
    cells = table.add_row().cells
    cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(cells[0].paragraphs[0].add_run(str(row.number)))
    _cell(cells[1], row.old_label, row.old, None)
    _cell(cells[2], row.new_label, row.new, revisions)
    for note, paragraph in zip(row.notes, _paragraphs(cells[3])):
        _font(paragraph.add_run(f"- {note}"))


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)


def _comparison(document, summary_text: str, rows: tuple[Row, ...], revisions: _Revisions) -> None:
    """A summary line, then the STT | old | new | changes table of ``rows``."""
    summary = _paragraph(document, summary_text)
    summary.paragraph_format.first_line_indent = Cm(1.27)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table.rows[0])
    for cell, name in zip(table.rows[0].cells, settings().report.columns):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(name), bold=True)
    for row in rows:
        _row(table, row, revisions)
    _widths(table, WIDTHS)


def render_docx(report: Report, *, when: datetime | None = None) -> bytes:
    """The .docx bytes of the report; ``when`` dates the document and its revisions."""
    when = when or datetime.now(timezone.utc)
    words = settings().report
    document = Document()
    _setup(document)
    document.core_properties.title = f"{report.title}: {report.subtitle}"
    document.core_properties.author = words.author
    _header_block(document, report, when)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, report.title, size=14, bold=True, align=center, after=0)
    _paragraph(document, report.subtitle, size=14, bold=True, align=center)
    revisions = _Revisions(words.author, when)
    _comparison(document, report.summary_text, report.rows, revisions)
    if report.indicator_summary:
        heading = _paragraph(document, words.indicator_title, size=14, bold=True, align=center)
        heading.paragraph_format.space_before = Pt(12)
        _comparison(document, report.indicator_summary_text, report.indicator_rows, revisions)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
