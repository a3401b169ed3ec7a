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
reading a zip member use :func:`open_zip` and :func:`read_member`. What pdfminer
is allowed to decode is measured in :mod:`~tthc_docs.readers.pdf_bounds`.
"""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ElementTree
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lxml import etree

from ..errors import CorruptFileError
from .safety import check_limit, check_zip

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
