"""Reading rendered documents back in tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Callable

from docx import Document

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = ROOT / "extract"
EXAMPLES = ROOT / "examples"
SEED_001 = "ke-hoach-5755-2021-phu-luc-nhiem-vu-468"
SEED_002 = "an-giang-2025-quyet-dinh-242-ke-hoach-kiem-soat-tthc"
DOSSIERS = EXAMPLES / "ho-so-tre-han.xlsx"


def open_docx(data: bytes | Path):
    return Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def paragraphs(data: bytes | Path) -> list[str]:
    """Every paragraph's text in document order, table cells included."""
    document = open_docx(data)
    body = document.element.body
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = []
    for p in body.iter(f"{ns}p"):
        parts = []
        for node in p.iter(f"{ns}t", f"{ns}br", f"{ns}tab"):
            if node.getparent().tag != f"{ns}r":
                continue  # a tab stop of the paragraph's properties, not a tab character
            parts.append((node.text or "") if node.tag == f"{ns}t" else "\n" if node.tag == f"{ns}br" else "\t")
        out.append("".join(parts))
    return out


def full_text(data: bytes | Path) -> str:
    return "\n".join(paragraphs(data))


def find_table(data: bytes | Path, *header: str):
    """The first table whose first row starts with the cells ``header``."""
    for table in open_docx(data).tables:
        if [c.text for c in table.rows[0].cells][:len(header)] == list(header):
            return table
    raise AssertionError(f"no table with header {header}")


def rewrite(data: bytes, member: str, change: Callable[[str], str]) -> bytes:
    """The same .docx with one XML member changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == member:
                changed = change(blob.decode("utf-8"))
                assert changed != blob.decode("utf-8"), f"the change did not apply to {member}"
                blob = changed.encode("utf-8")
            target.writestr(info, blob)
    return out.getvalue()


def make_template(*texts: str, picture: tuple[str, bytes] | None = None) -> bytes:
    """A small .docx template: one paragraph per text (each a single run), and
    optionally a picture whose alt text is ``picture[0]``."""
    document = Document()
    for text in texts:
        document.add_paragraph(text)
    if picture is not None:
        shape = document.add_paragraph().add_run().add_picture(io.BytesIO(picture[1]))
        shape._inline.docPr.set("descr", picture[0])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png(width: int = 4, height: int = 3, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A tiny solid PNG made with matplotlib's writer."""
    import numpy as np
    from matplotlib.image import imsave

    out = io.BytesIO()
    imsave(out, np.full((height, width, 3), colour, dtype=np.uint8), format="png")
    return out.getvalue()


DOSSIER_HEADERS = ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên tổ chức, cá nhân", "Ngày tiếp nhận",
                   "Ngày hẹn trả", "Ngày hẹn trả mới", "Lý do chậm trễ"]


def dossier_row(n: int, **changes) -> list:
    """A late dossier as a one-stop export gives it (seed-like wording)."""
    from datetime import datetime

    row = {"STT": n, "Mã hồ sơ": f"000.00.12.H01-2501{n:02d}-{n:04d}",
           "Tên thủ tục hành chính": "Cấp Phiếu lý lịch tư pháp", "Tên tổ chức, cá nhân": f"Công dân {n}",
           "Ngày tiếp nhận": datetime(2025, 1, 8), "Ngày hẹn trả": "07/02/2025",
           "Ngày hẹn trả mới": datetime(2025, 2, 12), "Lý do chậm trễ": "Chờ kết quả xác minh"}
    row.update(changes)
    return list(row.values())


def write_sheet(path: Path, rows: list[list], headers: list[str] | None = None, title: str | None = None,
                sheet_name: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(headers or DOSSIER_HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
