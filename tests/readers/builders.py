"""Builders of test documents: task tables as .docx, .pdf and .html, and the bad
inputs the readers must refuse (scanned, encrypted, zip bomb).

Each builder writes ``path`` and returns it. Cell text may hold "\\n": in a .docx
it starts a new paragraph inside the cell, in HTML a ``<br>``, in a PDF a new
line of the cell. A paragraph is a string, or (text, style) for a styled one:
a Word style name in a .docx ("Heading 1", "Title"), bold in a PDF or HTML page.
Row indexes (``full_width_rows``, ``vmerge``) count ``rows`` from 0, the header
aside; a full-width row shows its first cell's text.

Tests in tests/readers import it as ``builders``; tests elsewhere as
``readers.builders`` (tests/ is on the path through its conftest).
"""

from __future__ import annotations

import functools
import html
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --------------------------------------------------------------------- .docx


def _docx_cell(text: str, *, span: int = 1, vmerge: str | None = None, width: int = 1500) -> str:
    props = [f'<w:tcW w:w="{width * span}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in text.split("\n")
    )
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{paragraphs}</w:tc>"


def docx_table_xml(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    full_width_rows: Iterable[int] = (),
    vmerge: Iterable[tuple[int, int, int]] = (),
    repeat_header: bool = True,
) -> str:
    """The ``w:tbl`` XML for a header row plus ``rows`` (row indexes refer to ``rows``)."""
    width = len(header)
    full = set(full_width_rows)
    merges = {}  # (row, column) → "restart" | "continue"
    for column, first, last in vmerge:
        merges[(first, column)] = "restart"
        for r in range(first + 1, last + 1):
            merges[(r, column)] = "continue"
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(width))
    borders = "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    header_pr = "<w:trPr><w:tblHeader/></w:trPr>" if repeat_header else ""
    out = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}'
           f"</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
           f"<w:tr>{header_pr}{''.join(_docx_cell(h) for h in header)}</w:tr>"]
    for i, row in enumerate(rows):
        if i in full:
            cells = _docx_cell(row[0], span=width)
        else:
            cells = "".join(
                _docx_cell("" if merges.get((i, c)) == "continue" else text, vmerge=merges.get((i, c)))
                for c, text in enumerate(row)
            )
        out.append(f"<w:tr>{cells}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _add_paragraphs(document, paragraphs: Iterable) -> None:
    for spec in paragraphs:
        text, style = (spec, None) if isinstance(spec, str) else spec
        document.add_paragraph(text, style=style)


def build_docx(
    path: str | Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    paragraphs_before: Iterable = (),
    paragraphs_after: Iterable = (),
    full_width_rows: Iterable[int] = (),
    vmerge: Iterable[tuple[int, int, int]] = (),
    repeat_header: bool = True,
) -> Path:
    """A .docx with paragraphs, one bordered table, more paragraphs.

    ``full_width_rows``: indexes into ``rows`` whose first cell is merged over the
    whole row (``w:gridSpan``). ``vmerge``: (column, first_row, last_row) merged
    vertically; the text of ``first_row`` is kept and the covered cells are left
    empty in the XML, as Word does. ``repeat_header`` marks the header row
    ``w:tblHeader`` (repeated on each page).
    """
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    _add_paragraphs(document, paragraphs_before)
    table = parse_xml(docx_table_xml(header, rows, full_width_rows=full_width_rows, vmerge=vmerge,
                                     repeat_header=repeat_header))
    # before sectPr, which must stay the body's last child (add_paragraph keeps it so too)
    document.element.body.find(f"{{{W_NS}}}sectPr").addprevious(table)
    _add_paragraphs(document, paragraphs_after)
    target = Path(path)
    document.save(str(target))
    return target


def docx_bytes_with_body(body_xml: str, *, numbering_xml: str = "") -> bytes:
    """A .docx whose body is ``body_xml`` (the ``w:`` prefix is bound, and so are
    ``mc``, ``wps``, ``v`` for text boxes); ``numbering_xml`` adds ``w:abstractNum``
    and ``w:num`` definitions to the numbering part. Patches python-docx's default
    document in the zip, which is much faster than building one per call."""
    from lxml import etree

    parts = dict(_default_docx_parts())
    document = etree.fromstring(parts["word/document.xml"])
    body = document.find(f"{{{W_NS}}}body")
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    for position, child in enumerate(etree.fromstring(f"<w:body {_NAMESPACES}>{body_xml}</w:body>")):
        body.insert(position, child)
    parts["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    if numbering_xml:
        numbering = etree.fromstring(parts["word/numbering.xml"])
        first_num = numbering.find(f"{{{W_NS}}}num")
        for child in etree.fromstring(f"<w:numbering {_NAMESPACES}>{numbering_xml}</w:numbering>"):
            # the schema wants every abstractNum before the first num
            if child.tag.endswith("abstractNum") and first_num is not None:
                first_num.addprevious(child)
            else:
                numbering.append(child)
        parts["word/numbering.xml"] = etree.tostring(numbering, xml_declaration=True, encoding="UTF-8",
                                                     standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, content in parts.items():
            archive.writestr(member, content)
    return buffer.getvalue()


@functools.cache
def _default_docx_parts() -> tuple[tuple[str, bytes], ...]:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return tuple((member, archive.read(member)) for member in archive.namelist())


_NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def zip_with_encrypted_member(data: bytes) -> bytes:
    """``data`` (a zip) with every member flagged as encrypted (general purpose
    bit 0 set in the local and central headers), as a password-zipped file is."""
    out = bytearray(data)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = out.find(signature)
        while start != -1:
            out[start + flag_offset] |= 0x01
            start = out.find(signature, start + 4)
    return bytes(out)


def build_encrypted_docx(path: str | Path, password: str = "matkhau") -> Path:
    """A password-protected .docx, encrypted by msoffcrypto-tool (agile encryption):
    an OLE compound file holding "EncryptionInfo" and "EncryptedPackage" streams,
    as Word writes it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    target = build_docx(path, ["STT", "Nhiệm vụ"], [["1", "Rà soát thủ tục hành chính"]])
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(target.read_bytes())).encrypt(password, encrypted)
    target.write_bytes(encrypted.getvalue())
    return target


def build_zip_bomb_docx(path: str | Path, *, uncompressed_mb: int = 300) -> Path:
    """A .docx-shaped zip whose word/document.xml really inflates to
    ``uncompressed_mb`` MB of zeros (about 1000:1), written in 1 MB chunks so
    building it never holds more than a chunk in memory."""
    target = Path(path)
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(uncompressed_mb):
                member.write(chunk)
    return target


# ---------------------------------------------------------------------- .pdf


def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = DEJAVU, DEJAVU_BOLD
    if not regular.exists():
        import matplotlib

        fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        regular, bold = fonts / "DejaVuSans.ttf", fonts / "DejaVuSans-Bold.ttf"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold"


def build_pdf(
    path: str | Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    paragraphs_before: Iterable = (),
    paragraphs_after: Iterable = (),
    full_width_rows: Iterable[int] = (),
    font_size: int = 9,
    col_widths: Sequence[float] | None = None,
    encrypt_password: str | None = None,
    landscape: bool = False,
) -> Path:
    """An A4 PDF like Word exports: paragraphs, then a ruled table whose header row
    repeats on every page and whose rows may split across a page break
    (``splitInRow``), then paragraphs. A paragraph given as (text, "Heading 1")
    is set in bold."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=font_size + 3, leading=(font_size + 3) * 1.3,
                          spaceAfter=6)
    heading = ParagraphStyle("heading", parent=body, fontName=bold)
    # Word wraps at spaces and keeps "01/01/2021" whole; reportlab would split it.
    cell = ParagraphStyle("cell", fontName=regular, fontSize=font_size, leading=font_size * 1.25, splitLongWords=0)

    def paragraphs(specs: Iterable) -> list:
        out = []
        for spec in specs:
            text, style = (spec, None) if isinstance(spec, str) else spec
            out.append(Paragraph(html.escape(text), heading if style else body))
        return out

    def cells(values: Sequence[str]) -> list:
        return [Paragraph(html.escape(v).replace("\n", "<br/>"), cell) for v in values]

    data = [cells(header)] + [cells(r) for r in rows]
    # Explicit lines above and below every row: reportlab draws GRID lines only
    # around whole rows, leaving the two halves of a split row without a border.
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black),
             ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for i in full_width_rows:
        style.append(("SPAN", (0, i + 1), (-1, i + 1)))
    page = (A4[1], A4[0]) if landscape else A4
    usable = page[0] - 50 * mm
    widths = list(col_widths) if col_widths else [usable / len(header)] * len(header)
    # Split inside the row at the page break first, as Word does by default ("Allow
    # row to break across pages"); reportlab's default (splitByRow) moves the row
    # to a continuation table and can then draw the header twice on one page.
    table = Table(data, colWidths=widths, repeatRows=1, splitByRow=0, splitInRow=1, style=TableStyle(style))
    target = Path(path)
    encrypt = None
    if encrypt_password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(encrypt_password, ownerPassword=encrypt_password + "-owner")
    document = SimpleDocTemplate(str(target), pagesize=page, leftMargin=30 * mm, rightMargin=20 * mm,
                                 topMargin=20 * mm, bottomMargin=20 * mm, encrypt=encrypt)
    document.build([*paragraphs(paragraphs_before), Spacer(1, 6), table, Spacer(1, 6),
                    *paragraphs(paragraphs_after)])
    return target


def build_encrypted_pdf(path: str | Path, password: str = "matkhau") -> Path:
    """A PDF that needs a user password to open (reportlab standard encryption)."""
    return build_pdf(path, ["STT", "Nhiệm vụ"], [["1", "Rà soát thủ tục hành chính"]],
                     encrypt_password=password)


def build_scanned_pdf(path: str | Path, pages: int = 1) -> Path:
    """A PDF whose pages are only an image (a "scan"): no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 850), 255)
    draw = ImageDraw.Draw(image)
    for y in range(60, 800, 24):  # lines of "text" as dark bars
        draw.rectangle([60, y, 60 + (y * 7) % 480, y + 10], fill=40)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    target = Path(path)
    pdf = canvas.Canvas(str(target), pagesize=A4)
    for _ in range(pages):
        buffer.seek(0)
        pdf.drawImage(ImageReader(buffer), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    return target


def degrade(image, *, skew: float, seed: int, jpeg_quality: int = 60, noise: float = 12.0, photo: bool = False):
    """A page image (PIL, grey) as a scanner or a phone gives it back: turned by ``skew``
    degrees, grey noise, JPEG artefacts; with ``photo`` also uneven light across the
    page, a slight blur and a dark background around the sheet."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    page = image.convert("L")
    if photo:
        page = page.filter(ImageFilter.GaussianBlur(0.8))
    fill = 70 if photo else 255
    if photo:
        page = Image.fromarray(np.pad(np.asarray(page), 60, constant_values=255))
    page = page.rotate(skew, resample=Image.BICUBIC, expand=True, fillcolor=fill)
    pixels = np.asarray(page, dtype=np.float64)
    if photo:
        height, width = pixels.shape
        light = np.linspace(0.72, 1.0, width)[None, :] * np.linspace(0.85, 1.0, height)[:, None]
        pixels = pixels * light
    pixels = pixels + rng.normal(0, noise, pixels.shape)
    specks = rng.random(pixels.shape) < 0.0005
    pixels[specks] = 0
    buffer = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype("uint8")).save(buffer, format="JPEG", quality=jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def rasterise(pdf: str | Path, dpi: int = 200, pages: int | None = None) -> list:
    """The pages of a PDF as grey PIL images (pdftoppm)."""
    import subprocess
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        limit = ["-l", str(pages)] if pages else []
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", *limit, str(pdf), f"{folder}/p"], check=True)
        return [Image.open(p).copy() for p in sorted(Path(folder).glob("p*.png"))]


def build_scan(path: str | Path, header: Sequence[str], rows: Sequence[Sequence[str]], *,
               paragraphs_before: Iterable = (), col_widths: Sequence[float] | None = None) -> Path:
    """A task table as a scanned appendix: set on landscape A4 pages like a Word
    export, printed, scanned at 200 dpi a little askew (±1°, each page its own way)
    with grain and JPEG artefacts, saved as an image-only PDF."""
    typeset = build_pdf(Path(path).with_suffix(".typeset.pdf"), header, rows, paragraphs_before=paragraphs_before,
                        landscape=True, font_size=10, col_widths=col_widths)
    pages = [degrade(page, skew=1.0 if i % 2 == 0 else -1.2, seed=i) for i, page in enumerate(rasterise(typeset))]
    return build_image_pdf(path, pages)


def build_image_pdf(path: str | Path, images: Sequence, dpi: int = 200) -> Path:
    """A PDF of page images only, like a scanner writes: no text layer."""
    target = Path(path)
    first, *rest = [image.convert("L") for image in images]
    first.save(target, format="PDF", resolution=dpi, save_all=True, append_images=rest)
    return target


# --------------------------------------------------------------------- .html

_HTML_JUNK_BEFORE = """<!DOCTYPE html>
<html lang="vi"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title} - Văn bản pháp luật</title>
<style>.menu {{ color: red }} td {{ padding: 2px }}</style>
<script>var ga = "Trang chủ"; function f() {{ return "<p>không phải văn bản</p>"; }}</script>
</head><body>
<nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/vb">Văn bản mới</a></li>
<li><a href="/tt">Tin tức pháp luật</a></li></ul></nav>
<div id="header"><a href="/login">Đăng nhập</a> | <a href="/reg">Đăng ký</a></div>
<div class="wrapper"><div class="left-col"><ul>
<li><a href="/a">Văn bản liên quan</a></li><li><a href="/b">Lược đồ</a></li><li><a href="/c">Tải về</a></li>
</ul></div>
<div class="content1"><div id="divContentDoc">
"""

_HTML_JUNK_AFTER = """</div></div>
<div class="right-col"><h3>Văn bản cùng lĩnh vực</h3><ul><li><a href="/x">Quyết định 1/2024</a></li></ul></div>
</div>
<footer><p>Bản quyền © Công ty Thư viện pháp luật</p></footer>
<script>document.write("<p>quảng cáo</p>")</script>
</body></html>
"""


def html_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    full_width_rows: Iterable[int] = (),
    vmerge: Iterable[tuple[int, int, int]] = (),
) -> str:
    """A ``<table>`` with a header row; merges like :func:`build_docx`, as colspan/rowspan."""
    full = set(full_width_rows)
    covered, spans = set(), {}
    for column, first, last in vmerge:
        spans[(first, column)] = last - first + 1
        covered.update((r, column) for r in range(first + 1, last + 1))

    def cell(text: str, tag: str = "td", attrs: str = "") -> str:
        return f"<{tag}{attrs}>{html.escape(text).replace(chr(10), '<br>')}</{tag}>"

    out = ['<table border="1" cellspacing="0">', "<tr>" + "".join(cell(h, "th") for h in header) + "</tr>"]
    for i, row in enumerate(rows):
        if i in full:
            out.append(f'<tr>{cell(row[0], attrs=f" colspan={len(header)}")}</tr>')
            continue
        cells = [
            cell(text, attrs=f' rowspan="{spans[(i, c)]}"' if (i, c) in spans else "")
            for c, text in enumerate(row) if (i, c) not in covered
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def build_html(
    path: str | Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    paragraphs_before: Iterable = (),
    *,
    paragraphs_after: Iterable = (),
    full_width_rows: Iterable[int] = (),
    vmerge: Iterable[tuple[int, int, int]] = (),
    charset: str = "utf-8",
) -> Path:
    """A page saved from a legal portal: menus, scripts and styles around a content
    div holding paragraphs, the table and more paragraphs, encoded in ``charset``
    (declared in the meta tag). A paragraph given as (text, style) is bold."""

    def paragraphs(specs: Iterable) -> str:
        out = []
        for spec in specs:
            text, style = (spec, None) if isinstance(spec, str) else spec
            inner = html.escape(text).replace("\n", "<br>")
            out.append(f"<p><b>{inner}</b></p>" if style else f"<p>{inner}</p>")
        return "\n".join(out)

    page = (_HTML_JUNK_BEFORE.format(charset=charset, title="Kế hoạch")
            + paragraphs(paragraphs_before) + "\n"
            + html_table(header, rows, full_width_rows=full_width_rows, vmerge=vmerge) + "\n"
            + paragraphs(paragraphs_after) + _HTML_JUNK_AFTER)
    if charset.lower() in ("windows-1258", "cp1258"):
        page = _cp1258_form(page)
    target = Path(path)
    target.write_bytes(page.encode(charset, errors="xmlcharrefreplace"))
    return target


# Windows-1258 has the vowels with circumflex/breve/horn but writes the five tone
# marks as separate combining characters after them.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258_form(text: str) -> str:
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(m for m in parts if m in _TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONE_MARKS)) + tones)
    return "".join(out)
