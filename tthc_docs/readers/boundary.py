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
checked by :func:`check_pdf_streams` before pdfminer opens it and each page by
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
from .safety import LIMITS, check_limit, check_zip, over_limit

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


def check_pdf_streams(data: bytes, source: str) -> None:
    """Refuse a PDF with a Flate stream inflating past "PDF stream bytes", or all
    of them past "PDF inflated bytes", before pdfminer reads any: each stream is
    inflated only up to the limit, so a 2.5 GB stream costs 64 MB and a moment.
    A stream that is not Flate (or is encrypted) does not inflate here and is
    left to the reader."""
    limit, total, view = LIMITS["PDF stream bytes"], 0, memoryview(data)
    for match in _STREAM_START.finditer(data):
        end = data.find(b"endstream", match.end())
        try:
            inflated = zlib.decompressobj().decompress(view[match.end():end if end >= 0 else len(data)], limit + 1)
        except zlib.error:
            continue
        if len(inflated) > limit:
            raise over_limit("PDF stream bytes", len(inflated),
                             f"the stream at byte {match.end():,} inflates to at least", source)
        total += len(inflated)
        check_limit("PDF inflated bytes", total, "the streams inflate to at least", source)


def check_page_operations(page: Any, number: int, source: str) -> None:
    """Refuse page ``number`` (a pdfminer ``PDFPage``) when its content streams
    hold more operations than "PDF operations per page"."""
    from pdfminer.pdftypes import list_value, resolve1, stream_value

    count = 0
    with parser_boundary(source, f"page {number} of the PDF"):
        for stream in list_value(resolve1(page.contents) or []):
            count += sum(1 for _ in _OPERATOR.finditer(stream_value(stream).get_data()))
    check_limit("PDF operations per page", count, f"page {number} holds operations:", source)
