"""Every unusable input gives the toolkit's own error, naming the file and the problem."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from builders import (
    build_docx,
    build_encrypted_docx,
    build_encrypted_pdf,
    build_pdf,
    build_scanned_pdf,
    build_zip_bomb_docx,
    zip_with_encrypted_member,
)

from tthc_docs.errors import (
    CorruptFileError,
    EmptyInputError,
    EncryptedFileError,
    InputTooLargeError,
    ScannedPdfError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from tthc_docs.readers import (doc_reader, docx_reader, html_reader, image_reader, pdf_reader, read_bytes, read_path,
                               safety, txt_reader)

READERS = {"docx": docx_reader, "pdf": pdf_reader, "html": html_reader, "doc": doc_reader, "txt": txt_reader,
           "image": image_reader}
RANDOM = bytes(range(7, 256)) * 3 + os.urandom(64)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("bad")
    docx = build_docx(folder / "ok.docx", ["STT", "Nhiệm vụ"], [["1.", "Rà soát thủ tục hành chính"]]).read_bytes()
    pdf = build_pdf(folder / "ok.pdf", ["STT", "Nhiệm vụ"], [["1.", "Rà soát thủ tục hành chính"]]).read_bytes()
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    blank = io.BytesIO()
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(blank)
    page.showPage()
    page.save()
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    def png(image) -> bytes:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()

    # A scan on a 200-inch page: at 200 dpi, 1.6 billion pixels.
    huge = io.BytesIO()
    sheet = canvas.Canvas(huge, pagesize=(14_400, 14_400))
    sheet.drawImage(ImageReader(Image.new("L", (100, 100), 200)), 0, 0, width=14_400, height=14_400)
    sheet.showPage()
    sheet.save()
    return {
        "huge-scan.pdf": huge.getvalue(),
        "white.png": png(Image.new("L", (1200, 1700), 255)),
        # 80 million pixels in a few kilobytes: a decompression bomb.
        "bomb.png": png(Image.new("1", (10_000, 8_000), 1)),
        "docx": docx,
        "pdf": pdf,
        "encrypted.docx": build_encrypted_docx(folder / "enc.docx").read_bytes(),
        "bomb.docx": build_zip_bomb_docx(folder / "bomb.docx", uncompressed_mb=40).read_bytes(),
        "xlsx-like": workbook.getvalue(),
        "encrypted.pdf": build_encrypted_pdf(folder / "enc.pdf").read_bytes(),
        "scanned.pdf": build_scanned_pdf(folder / "scan.pdf", pages=2).read_bytes(),
        "blank.pdf": blank.getvalue(),
    }


CASES = [
    # (reader, file name, how to make the bytes, error, words the message must hold)
    ("docx", "empty.docx", lambda f: b"", EmptyInputError, "empty"),
    ("docx", "random.docx", lambda f: RANDOM, CorruptFileError, "not a Word .docx file (not a zip archive)"),
    ("docx", "truncated.docx", lambda f: f["docx"][: len(f["docx"]) // 2], CorruptFileError, "truncated"),
    ("docx", "tail-cut.docx", lambda f: f["docx"][:-30], CorruptFileError, "truncated"),
    ("docx", "encrypted.docx", lambda f: f["encrypted.docx"], EncryptedFileError, "password"),
    ("docx", "bomb.docx", lambda f: f["bomb.docx"], UnsafeFileError, "zip bomb"),
    ("docx", "zipcrypto.docx", lambda f: zip_with_encrypted_member(f["docx"]), EncryptedFileError, "password"),
    ("docx", "sheet.docx", lambda f: f["xlsx-like"], CorruptFileError, "Word .docx"),
    ("docx", "legacy.docx", lambda f: OLE_MAGIC + b"\0" * 600, UnsupportedFormatError, ".doc"),
    ("pdf", "empty.pdf", lambda f: b"", EmptyInputError, "empty"),
    ("pdf", "random.pdf", lambda f: RANDOM, CorruptFileError, "not a PDF"),
    ("pdf", "truncated.pdf", lambda f: f["pdf"][: len(f["pdf"]) // 2], CorruptFileError, "truncated"),
    ("pdf", "header-only.pdf", lambda f: b"%PDF-1.7\n", CorruptFileError, "PDF"),
    ("pdf", "encrypted.pdf", lambda f: f["encrypted.pdf"], EncryptedFileError, "password"),
    ("pdf", "scanned.pdf", lambda f: f["scanned.pdf"], ScannedPdfError, "is a scan and OCR found no text on it"),
    ("pdf", "blank.pdf", lambda f: f["blank.pdf"], EmptyInputError, "no text"),
    ("pdf", "huge-scan.pdf", lambda f: f["huge-scan.pdf"], UnsafeFileError,
     "page 1 at 200 dpi is 40,000 × 40,000 pixels, over the limit of 64,000,000"),
    ("html", "empty.html", lambda f: b"", EmptyInputError, "empty"),
    ("html", "spaces.html", lambda f: b" \n\t ", EmptyInputError, "text"),
    ("html", "binary.html", lambda f: bytes(range(0, 32)) * 20, UnsupportedFormatError, "binary"),
    ("doc", "empty.doc", lambda f: b"", EmptyInputError, "empty"),
    ("txt", "empty.txt", lambda f: b"", EmptyInputError, "empty"),
    ("doc", "random.doc", lambda f: RANDOM, CorruptFileError, "not a Word .doc file"),
    ("doc", "sheet.doc", lambda f: OLE_MAGIC + b"\0" * 600 + "Workbook".encode("utf-16-le"), CorruptFileError,
     "WordDocument"),
    ("doc", "encrypted.doc", lambda f: f["encrypted.docx"], EncryptedFileError, "password"),
    ("doc", "truncated.doc", lambda f: f["docx"][: len(f["docx"]) // 2], CorruptFileError, "truncated"),
    ("image", "empty.png", lambda f: b"", EmptyInputError, "empty"),
    ("image", "random.jpg", lambda f: RANDOM, CorruptFileError, "not an image"),
    ("image", "truncated.png", lambda f: f["white.png"][: len(f["white.png"]) // 2], CorruptFileError, "truncated"),
    ("image", "bomb.png", lambda f: f["bomb.png"], UnsafeFileError,
     "10,000 × 8,000 pixels, over the limit of 64,000,000 pixels"),
    ("image", "white.png", lambda f: f["white.png"], EmptyInputError, "OCR found no text"),
]


@pytest.mark.parametrize("reader, name, make, error, words", CASES, ids=[c[1] for c in CASES])
def test_bad_input_gives_the_right_error_naming_the_file(files, reader, name, make, error, words):
    with pytest.raises(error) as caught:
        READERS[reader].read(make(files), name)
    assert name in str(caught.value)
    assert words in str(caught.value)
    assert caught.value.source == name


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_oversized_input_says_the_limit_and_the_size(monkeypatch, fmt):
    monkeypatch.setattr(safety, "MAX_INPUT_BYTES", {**safety.MAX_INPUT_BYTES, fmt: 1000})
    with pytest.raises(InputTooLargeError) as caught:
        READERS[fmt].read(b"x" * 1500, f"big.{fmt}")
    assert "big." + fmt in str(caught.value)
    assert "1,500 bytes" in str(caught.value) and "1,000-byte limit" in str(caught.value)


@pytest.mark.parametrize(("name", "megabytes", "limit"), [
    ("ke-hoach.txt", 21, "20 MB"), ("ke-hoach.md", 21, "20 MB"), ("trang.htm", 21, "20 MB"),
    ("ke-hoach.docx", 51, "50 MB"), ("cong-van.doc", 51, "50 MB"), ("phu-luc.pdf", 101, "100 MB"),
    ("ban-chup.jpg", 51, "50 MB"), ("ban-quet.tiff", 51, "50 MB"),
    ("khong-duoi", 101, "100 MB"),  # the content will choose the reader: the largest limit
])
def test_a_file_over_its_limit_is_refused_by_its_size_before_it_is_read(tmp_path, monkeypatch, name, megabytes,
                                                                        limit):
    path = tmp_path / name
    with open(path, "wb") as handle:
        handle.truncate(megabytes * safety.MB)  # sparse: nothing is written
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    with pytest.raises(InputTooLargeError) as caught:
        read_path(path)
    message = str(caught.value)
    assert name in message and f"({megabytes}.0 MB)" in message and f"({limit})" in message


def test_the_limits_of_read_path_are_those_of_the_readers(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_INPUT_BYTES", {**safety.MAX_INPUT_BYTES, "txt": 1000})
    path = tmp_path / "chi-thi.txt"
    path.write_bytes(b"x" * 1500)
    with pytest.raises(InputTooLargeError, match="1,500 bytes .* 1,000-byte limit"):
        read_path(path)
    with pytest.raises(InputTooLargeError, match="1,500 bytes .* 1,000-byte limit"):
        read_bytes(b"x" * 1500, "chi-thi.txt")


def test_empty_input_is_empty_whatever_its_name(tmp_path):
    with pytest.raises(EmptyInputError, match="bang-tinh.xlsx: the file is empty"):
        read_bytes(b"", "bang-tinh.xlsx")
    (tmp_path / "trong.docx").write_bytes(b"")
    with pytest.raises(EmptyInputError, match="trong.docx: the file is empty"):
        read_path(tmp_path / "trong.docx")


def test_zip_declaring_more_than_the_total_limit_is_refused_before_unpacking(set_limit, files):
    set_limit("zip unpacked bytes", 10_000)
    with pytest.raises(UnsafeFileError, match=r"would unpack to [\d,]+, over the limit of 10,000 \(zip unpacked bytes\)"):
        safety.check_zip(files["docx"], "many.docx")


def test_zip_with_too_many_members_is_refused(set_limit, files):
    set_limit("zip members", 3)
    with pytest.raises(UnsafeFileError, match=r"holds members: \d+, over the limit of 3 \(zip members\)"):
        safety.check_zip(files["docx"], "members.docx")


def test_a_zip_check_never_inflates_a_member(files, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    with pytest.raises(UnsafeFileError):
        safety.check_zip(files["bomb.docx"], "bomb.docx")


def test_an_ordinary_docx_passes_the_zip_check(files):
    safety.check_zip(files["docx"], "ok.docx")  # raises on failure


def test_the_zip_check_names_other_office_formats(files):
    with pytest.raises(CorruptFileError, match="not an Excel .xlsx file"):
        safety.check_zip(RANDOM, "sheet.xlsx", kind="Excel .xlsx")


def test_builders_wrote_what_they_claim(tmp_path):
    bomb = build_zip_bomb_docx(tmp_path / "b.docx", uncompressed_mb=20)
    with zipfile.ZipFile(bomb) as archive:
        member = archive.getinfo("word/document.xml")
    assert member.file_size == 20 * 1024 * 1024 and member.compress_size * 100 < member.file_size
    assert Path(build_encrypted_docx(tmp_path / "e.docx")).read_bytes()[:8] == OLE_MAGIC
