"""The building blocks of the Word templates (used by build_templates.py):
page setup, paragraphs, rules, tables, and the parts every formal document
shares (header block, title, signature block with Nơi nhận, page numbers).

Page size, margins, font and the size of each part come from
tthc_docs/data/decree30.yaml (Nghị định 30/2020/NĐ-CP, Phụ lục I).
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from tthc_docs.render.settings import format_rules

RULES = format_rules()
FONT = RULES.font
SIZE = {role: rule.size[1] if role in ("document_type", "body", "place_date", "signature_authority",
                                       "signer_name") else rule.size[0]
        for role, rule in RULES.roles.items()}
TABLE_PT = 12
# Trích yếu of a Công văn, under its number: 12–13 pt, upright (Phụ lục I, mục II.6.b).
LETTER_SUBJECT_PT = 12
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
INDENT = Cm(1.27)


# --- low-level formatting --------------------------------------------------

def _fonts(element) -> None:
    """Times New Roman for every script, with no theme font overriding it."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)


def new_document(title: str) -> Document:
    doc = Document()
    styles = doc.styles.element
    for r_pr in styles.iter(qn("w:rPr")):
        _fonts(r_pr)
    default_rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = default_rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        default_rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    for key in ("w:sz", "w:szCs"):
        size = default_rpr.find(qn(key))
        if size is not None:
            size.set(qn("w:val"), str(int(SIZE["body"] * 2)))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(SIZE["body"])
    _fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_before, normal.paragraph_format.space_after = Pt(0), Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    doc.core_properties.title, doc.core_properties.author = title, "tthc_docs"
    page(doc.sections[0], landscape=False)
    return doc


def page(section, *, landscape: bool) -> None:
    width, height = (Mm(v) for v in RULES.page_mm)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    margins = RULES.margins_mm
    section.top_margin, section.bottom_margin = Mm(margins["top"][0]), Mm(margins["bottom"][0])
    section.left_margin, section.right_margin = Mm(margins["left"][0]), Mm(margins["right"][0])
    section.header_distance = Mm(10)


def text_width(section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def para(container, text: str = "", *, size: float | None = None, bold: bool = False, italic: bool = False,
         align=JUSTIFY, indent: bool = False, after: float = 6, keep: bool = False):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment, fmt.space_before, fmt.space_after = align, Pt(0), Pt(after)
    fmt.first_line_indent = INDENT if indent else None
    fmt.keep_with_next = keep or None
    if text:
        run(p, text, size=size, bold=bold, italic=italic)
    return p


def run(p, text: str, *, size: float | None = None, bold: bool = False, italic: bool = False):
    r = p.add_run(text)
    r.font.name, r.font.size = FONT, Pt(size or SIZE["body"])
    r.font.bold, r.font.italic = bold or None, italic or None
    _fonts(r._element.get_or_add_rPr())
    return r


def tag(container, statement: str) -> None:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag."""
    para(container, f"{{%p {statement} %}}", after=0)


def rule(container, width_mm: float, cell_mm: float) -> None:
    """A centred horizontal line ``width_mm`` long (a paragraph's bottom border)."""
    p = para(container, after=4, align=CENTER)
    side = Mm(max(cell_mm - width_mm, 0) / 2)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = side
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:line"), "120")
    spacing.set(qn("w:lineRule"), "exact")
    p_pr.append(spacing)


def table(container, widths_mm: list[float], *, borders: bool):
    t = container.add_table(rows=0, cols=len(widths_mm))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    if borders:
        t.style = "Table Grid"
    else:
        margins = OxmlElement("w:tblCellMar")
        for side in ("w:left", "w:right"):
            m = OxmlElement(side)
            m.set(qn("w:w"), "0")
            m.set(qn("w:type"), "dxa")
            margins.append(m)
        t._tbl.tblPr.append(margins)
    for column, width in zip(t.columns, widths_mm):
        column.width = Mm(width)
    return t


def row(t, cells: list[str], *, bold: bool = False, header: bool = False, size: float = TABLE_PT,
        aligns: list | None = None):
    r = t.add_row()
    if header:
        tr_pr = r._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        tr_pr.append(repeat)
    for n, (cell, text) in enumerate(zip(r.cells, cells)):
        cell.width = t.columns[n].width
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.alignment = (aligns[n] if aligns else CENTER) if not header else CENTER
        if text:
            run(p, text, size=size, bold=bold or header)
    return r


def merged_row(t, text: str, *, bold: bool = True):
    r = row(t, [text] + [""] * (len(t.columns) - 1), bold=bold, aligns=[LEFT] * len(t.columns))
    r.cells[0].merge(r.cells[-1])
    return r


def tag_row(t, statement: str) -> None:
    r = row(t, [f"{{%tr {statement} %}}"] + [""] * (len(t.columns) - 1))
    r.cells[0].merge(r.cells[-1])


# --- the parts of a formal document ---------------------------------------

def header_block(doc, *, with_number: bool = True, subject: str | None = None) -> None:
    """Issuing body (left) and national title with motto (right); the number
    and the place-and-date line below them, each under its column; a letter's
    subject ("V/v …", trích yếu of a Công văn) under its number."""
    width = text_width(doc.sections[-1]) / 36000
    left_mm, right_mm = 70.0, width - 70.0
    t = table(doc, [left_mm, right_mm], borders=False)
    top = t.add_row().cells
    for cell, width_mm in zip(top, (left_mm, right_mm)):
        cell.width = Mm(width_mm)
    left, right = top
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    tag(left, "if parent_body")
    para(left, "{{ parent_body }}", size=SIZE["parent_body"], align=CENTER, after=0)
    tag(left, "endif")
    para(left, "{{ issuing_body }}", size=SIZE["issuing_body"], bold=True, align=CENTER, after=0)
    rule(left, 22, left_mm)
    para(right, RULES.national_title, size=SIZE["national_title"], bold=True, align=CENTER, after=0)
    para(right, RULES.motto, size=SIZE["motto"], bold=True, align=CENTER, after=0)
    rule(right, 62, right_mm)
    if with_number:
        bottom = t.add_row().cells
        para(bottom[0], "{{ number_line }}", size=SIZE["number"], align=CENTER, after=0)
        para(bottom[1], "{{ place_date }}", size=SIZE["place_date"], italic=True, align=CENTER, after=0)
        if subject:
            para(bottom[0], subject, size=LETTER_SUBJECT_PT, align=CENTER, after=0)
        for cell in bottom:
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    para(doc, after=6)


def title_block(doc, kind: str, subject: str | None = None, note: str | None = None) -> None:
    para(doc, kind, size=SIZE["document_type"], bold=True, align=CENTER, after=0, keep=True)
    if subject:
        para(doc, subject, size=SIZE["document_type"], bold=True, align=CENTER, after=0, keep=True)
    if note:
        para(doc, note, italic=True, align=CENTER, after=0, keep=True)
    rule(doc, 40, text_width(doc.sections[-1]) / 36000)
    para(doc, after=6)


def body_loop(doc, variable: str) -> None:
    tag(doc, f"for s in {variable}")
    para(doc, "{{ s.heading }}", bold=True, indent=True, keep=True)
    tag(doc, "for text in s.paragraphs")
    para(doc, "{{ text }}", indent=True)
    tag(doc, "endfor")
    tag(doc, "for sub in s.subsections")
    para(doc, "{{ sub.heading }}", bold=True, indent=True, keep=True)
    tag(doc, "for text in sub.paragraphs")
    para(doc, "{{ text }}", indent=True)
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endfor")


def signature_block(doc) -> None:
    width = text_width(doc.sections[-1]) / 36000
    para(doc, after=0)
    t = table(doc, [width * 0.5, width * 0.5], borders=False)
    left, right = t.add_row().cells
    for cell in (left, right):
        cell.width = Mm(width * 0.5)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    p = para(left, after=0, align=LEFT)
    run(p, "Nơi nhận:", size=SIZE["recipients_heading"], bold=True, italic=True)
    tag(left, "for line in recipients")
    para(left, "{{ line }}", size=SIZE["recipients"], align=LEFT, after=0)
    tag(left, "endfor")
    tag(right, "for line in signature.authority")
    para(right, "{{ line }}", size=SIZE["signature_authority"], bold=True, align=CENTER, after=0)
    tag(right, "endfor")
    para(right, "{{ signature.title }}", size=SIZE["signature_authority"], bold=True, align=CENTER, after=0)
    for _ in range(4):
        para(right, after=0)
    para(right, "{{ signature.name }}", size=SIZE["signer_name"], bold=True, align=CENTER, after=0)


def page_numbers(doc) -> None:
    """Page number centred in the header, from page 2 (the first page has an empty header)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.paragraph_format.alignment = CENTER
    _field_char(run(p, ""), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run(p, "")._element.append(instruction)
    _field_char(run(p, ""), "separate")
    run(p, "2")
    _field_char(run(p, ""), "end")


def _field_char(r, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    r._element.append(char)


def landscape_section(doc):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page(section, landscape=True)
    section.different_first_page_header_footer = False
    return section


def portrait_section(doc):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page(section, landscape=False)
    section.different_first_page_header_footer = False
    return section
