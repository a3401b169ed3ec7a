"""The one boundary between the toolkit and the parsers of container files.

openpyxl, :mod:`zipfile`, lxml, ElementTree and pdfminer raise dozens of
exception types on a damaged file, and raise them late: a workbook that opened
fine fails on its fifth row when a deflate stream or a cell reference is broken.
Every call into one of them that touches file content goes through
:func:`parser_boundary`, which turns exactly the errors a damaged file causes
(:data:`DAMAGED_FILE_ERRORS`) into a :class:`~tthc_docs.errors.CorruptFileError`
naming the file and what was being read; anything else (a bug of ours, memory
exhaustion, an interrupt) passes through unchanged.

Callers reading a spreadsheet use :func:`open_workbook` and :func:`sheet_rows`
(or :func:`~tthc_docs.readers.sheets.read_sheets` for all sheets at once); callers
reading a zip member use :func:`open_zip` and :func:`read_member`; a PDF is
checked by :func:`check_pdf_streams` before pdfminer opens it, by
:func:`check_pdf_objects` once it is open (and decrypted), and each page by
:func:`check_page_operations` before pdfminer interprets it.
"""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ElementTree
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lxml import etree

from ..errors import CorruptFileError
from . import safety
from .safety import check_limit, check_zip, over_limit

# What a parser raises on damaged bytes: zip structure and CRC (BadZipFile),
# deflate streams (zlib.error), unsupported zip features (NotImplementedError),
# truncation (EOFError, struct.error), XML syntax and forbidden entities
# (ParseError, lxml errors, defusedxml's ValueError subclasses), and values of
# the wrong type or shape where the format expects numbers, references or
# keys (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError).
DAMAGED_FILE_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError, struct.error, OSError,
    ElementTree.ParseError, etree.Error, UnicodeError, ValueError, TypeError, KeyError, IndexError,
    AttributeError, OverflowError, RecursionError,
)


def describe(exc: BaseException) -> str:
    """One line naming what the parser met: the exception type and its message."""
    text = " ".join(str(exc).split())
    text = f"{text[:200]}…" if len(text) > 200 else text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextmanager
def parser_boundary(source: str, what: str) -> Iterator[None]:
    """Run third-party parsing of ``source``; a damaged-file error becomes a
    :class:`CorruptFileError` saying ``what`` is damaged ("the Excel .xlsx file",
    "sheet 'Nhiệm vụ'")."""
    try:
        yield
    except DAMAGED_FILE_ERRORS as exc:
        raise CorruptFileError(f"{what} is damaged or not readable ({describe(exc)})", source) from exc


def open_zip(data: bytes, source: str, *, kind: str = "Word .docx") -> zipfile.ZipFile:
    """The zip archive of ``data`` after :func:`~tthc_docs.readers.safety.check_zip`."""
    check_zip(data, source, kind=kind)
    with parser_boundary(source, f"the {kind} file"):
        return zipfile.ZipFile(io.BytesIO(data))


def read_member(archive: zipfile.ZipFile, member: str, source: str) -> bytes:
    """The bytes of ``member``; a CRC, deflate or header error becomes a
    :class:`CorruptFileError` (sizes were bounded by ``check_zip``)."""
    with parser_boundary(source, f"zip member {member!r}"):
        return archive.read(member)


@contextmanager
def open_workbook(data: bytes, source: str, *, read_only: bool = True) -> Iterator[Any]:
    """An openpyxl workbook (cached values; read-only unless merged cells are
    wanted) of checked .xlsx bytes, closed on leaving; opening errors are
    :class:`CorruptFileError`."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_zip(data, source, kind="Excel .xlsx")
    try:
        with parser_boundary(source, "the Excel .xlsx workbook"):
            book = load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    except InvalidFileException as exc:
        raise CorruptFileError(f"not a readable Excel .xlsx workbook ({describe(exc)})", source) from exc
    try:
        yield book
    finally:
        with parser_boundary(source, "the Excel .xlsx workbook"):
            book.close()


def sheet_names(book: Any, source: str) -> list[str]:
    with parser_boundary(source, "the Excel .xlsx workbook"):
        return list(book.sheetnames)


def sheet_rows(book: Any, name: str, source: str) -> list[tuple[Any, ...]]:
    """The rows of sheet ``name`` as tuples of cell values, all as wide as the
    widest, up to the last row that holds a value. Rows, columns and cells are
    bounded by the limits table whatever the sheet's own dimension claims;
    reading errors (a broken deflate stream, a CRC error, a cell reference like
    "1A", a bad value type) are :class:`CorruptFileError`."""
    what = f"sheet {name!r}"
    rows: list[tuple[Any, ...]] = []
    width = last = 0
    with parser_boundary(source, what):
        sheet = book[name]
        # The declared dimension is often wrong (whole columns formatted) and a
        # hostile one pads every row to 16,384 columns: read what is there.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            rows.append(row)
            check_limit("sheet rows", len(rows), f"{what} has rows:", source)
            if len(row) > width:
                width = len(row)
                check_limit("sheet columns", width, f"{what} has columns:", source)
            check_limit("sheet cells", len(rows) * width, f"{what} has cells (rows × columns):", source)
            if any(value is not None for value in row):
                last = len(rows)
    return [tuple(row) + (None,) * (width - len(row)) for row in rows[:last]]


# --------------------------------------------------------------------- PDF

_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
# The operators of PDF content streams (ISO 32000-1, annex A), longest first so
# that "BDC" is not counted as "B".
_PDF_OPERATORS = sorted(
    "b b* B B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n "
    "q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"".split(),
    key=len, reverse=True)
_OPERATOR = re.compile(rb"(?<![^\s\])>}])(?:" + b"|".join(re.escape(op.encode()) for op in _PDF_OPERATORS)
                       + rb")(?=[\s\[(</%]|$)")
# The dictionary before a stream keyword, as far back as its object's start.
_OBJECT_START = re.compile(rb"\bobj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_XREF_STREAM = re.compile(rb"/Type\s*/XRef\b")
# The filters pdfminer decodes a text stream with, by every name the format gives
# them; an image codec (DCT, JPX, JBIG2, CCITT) ends the measure: images are not
# decoded to read text.
_FILTERS = {"FlateDecode": "flate", "Fl": "flate", "LZWDecode": "lzw", "LZW": "lzw", "ASCII85Decode": "a85",
            "A85": "a85", "ASCIIHexDecode": "hex", "AHx": "hex", "RunLengthDecode": "rl", "RL": "rl"}
_INFLATE_CHUNK = 4096  # input bytes per step: at most ~4 MB of output before the next check
_A85_IGNORED = b" \t\r\n\f\x00z"


def _inflate(data: bytes, cap: int) -> bytes:
    """Flate-decode ``data`` until more than ``cap`` bytes come out; a damaged
    stream gives what precedes the damage, as pdfminer reads it."""
    inflater, out = zlib.decompressobj(), bytearray()
    for start in range(0, len(data), _INFLATE_CHUNK):
        try:
            out += inflater.decompress(data[start:start + _INFLATE_CHUNK])
        except zlib.error:
            break
        if len(out) > cap or inflater.eof:
            break
    return bytes(out)


def _lzw(data: bytes, cap: int) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for piece in LZWDecoder(io.BytesIO(data)).run():
        out += piece
        if len(out) > cap:
            break
    return bytes(out)


def _a85_size(data: bytes) -> int:
    """How many bytes ASCII85 ``data`` decodes to (each "z" is four zero bytes)."""
    body = data.split(b"~>", 1)[0].removeprefix(b"<~")
    return 4 * body.count(b"z") + len(body.translate(None, _A85_IGNORED)) * 4 // 5


def _a85(data: bytes, cap: int) -> bytes:
    from pdfminer.ascii85 import ascii85decode

    return ascii85decode(data)  # decode_within has checked _a85_size first


def _run_length(data: bytes, cap: int) -> bytes:
    out, at = bytearray(), 0
    while at < len(data) and len(out) <= cap:
        length = data[at]
        if length == 128:
            break
        if length < 128:
            out += data[at + 1:at + length + 2]
            at += length + 2
        else:
            out += data[at + 1:at + 2] * (257 - length)
            at += 2
    return bytes(out)


def _hex(data: bytes, cap: int) -> bytes:
    from pdfminer.ascii85 import asciihexdecode

    return asciihexdecode(data)  # half the input at most: nothing to bound


_DECODERS = {"flate": _inflate, "lzw": _lzw, "a85": _a85, "hex": _hex, "rl": _run_length}
# Output sizes known before decoding: "z" makes four bytes of one, so an ASCII85
# stream is measured rather than decoded past the limit.
_SIZES = {"a85": _a85_size}


def decode_within(data: bytes, filters: list[str], what: str, source: str) -> bytes:
    """``data`` decoded through ``filters`` (PDF filter names, applied in order)
    while it stays within "PDF stream bytes"; stops at the first filter that does
    not grow its input (an image codec). Over the limit raises, naming ``what``."""
    limit = safety.LIMITS["PDF stream bytes"]  # looked up at each call: a test may lower it
    for name in filters:
        kind = _FILTERS.get(name)
        if kind is None:
            break
        size = _SIZES[kind](data) if kind in _SIZES else 0
        if size <= limit:
            try:
                data = _DECODERS[kind](data, limit)
            except DAMAGED_FILE_ERRORS:  # a damaged stream: the reader meets it and says so
                break
            size = len(data)
        if size > limit:
            raise over_limit("PDF stream bytes", size, f"{what} decodes to at least", source)
    return data


def _raw_filters(data: bytes, stream_start: int) -> tuple[list[str], bool]:
    """The /Filter names of the stream starting at ``stream_start`` (as written in
    its dictionary: an indirect /Filter gives none), and whether it is an XRef stream."""
    head = data[max(0, stream_start - 4096):stream_start]
    objects = list(_OBJECT_START.finditer(head))
    head = head[objects[-1].end():] if objects else head
    found = _FILTER.search(head)
    names = [n.decode("latin-1") for n in _NAME.findall(found[1])] if found else []
    return names, bool(_XREF_STREAM.search(head))


def check_pdf_streams(data: bytes, source: str) -> None:
    """Refuse a PDF with a stream decoding past "PDF stream bytes", or all of them
    past "PDF inflated bytes", before pdfminer reads any: each stream is decoded
    through the filters its dictionary names (Flate when it names none it can
    read) only up to the limit, so a 2.5 GB stream costs 64 MB and a moment. In
    an encrypted PDF only the cross-reference streams, which are never
    encrypted, are decoded here; :func:`check_pdf_objects` decodes the others
    once pdfminer has the key."""
    total, encrypted = 0, b"/Encrypt" in data
    for match in _STREAM_START.finditer(data):
        filters, xref = _raw_filters(data, match.start())
        if encrypted and not xref:
            continue
        end = data.find(b"endstream", match.end())
        raw = data[match.end():end if end >= 0 else len(data)]
        decoded = decode_within(raw, filters or ["FlateDecode"], f"the stream at byte {match.end():,}", source)
        total += len(decoded)
        check_limit("PDF inflated bytes", total, "the streams decode to at least", source)


def check_pdf_objects(document: Any, source: str) -> None:
    """Refuse an opened PDF (a pdfminer ``PDFDocument``) with a stream that
    decrypts and decodes past "PDF stream bytes", or all of them past "PDF
    inflated bytes", before pdfminer decodes any page: each object stream is
    measured before the objects in it are read. Images are left alone (the
    reader never decodes them). An object that cannot be read is skipped here:
    the reader meets it, and reports it, if a page needs it."""
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psexceptions import PSException

    total, measured = 0, set()

    def measure(objid: int, stream: Any) -> None:
        nonlocal total
        if objid in measured or not isinstance(stream, PDFStream) or stream.rawdata is None:
            return
        measured.add(objid)
        if getattr(stream.get("Subtype"), "name", None) == "Image":
            return
        data = stream.rawdata
        if stream.decipher:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        names = [getattr(f, "name", "") for f, _ in stream.get_filters()]
        total += len(decode_within(data, names, f"stream object {objid}", source))
        check_limit("PDF inflated bytes", total, "the streams decode to at least", source)

    with parser_boundary(source, "the PDF's objects"):
        for xref in document.xrefs:
            for objid in list(xref.get_objids()):
                try:
                    container = xref.get_pos(objid)[0]
                    if container is not None:
                        measure(container, document.getobj(container))
                    measure(objid, document.getobj(objid))
                except (PSException, *DAMAGED_FILE_ERRORS):
                    continue


def check_page_operations(page: Any, number: int, source: str) -> None:
    """Refuse page ``number`` (a pdfminer ``PDFPage``) when its content streams
    hold more operations than "PDF operations per page"."""
    from pdfminer.pdftypes import list_value, resolve1, stream_value

    count = 0
    with parser_boundary(source, f"page {number} of the PDF"):
        for stream in list_value(resolve1(page.contents) or []):
            count += sum(1 for _ in _OPERATOR.finditer(stream_value(stream).get_data()))
    check_limit("PDF operations per page", count, f"page {number} holds operations:", source)
