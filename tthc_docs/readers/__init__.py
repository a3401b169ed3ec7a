"""Readers: bytes → :class:`~tthc_docs.readers.base.RawDocument`.

The reader is chosen from the content first (zip, PDF, OLE and HTML signatures)
and the extension second, so a .doc that is really a .docx, or a .txt that is
really a saved web page, still reads. Each reader lives in its own module and is
imported only when needed.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from ..errors import EmptyInputError, InputError, InputTooLargeError, UnsupportedFormatError
from .base import Paragraph, RawDocument, RawRow, RawTable

__all__ = ["read_path", "read_bytes", "SUFFIXES", "RawDocument", "Paragraph", "RawRow", "RawTable"]

# suffix -> reader module (relative to this package)
SUFFIXES: dict[str, str] = {
    ".txt": "txt_reader", ".text": "txt_reader", ".md": "txt_reader", ".markdown": "txt_reader",
    ".docx": "docx_reader", ".pdf": "pdf_reader", ".html": "html_reader", ".htm": "html_reader",
    ".doc": "doc_reader",
}
# Text is held in memory whole (and so are its tables); a directive's appendix
# is well under 1 MB, so anything this large is not one.
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_BINARY_BYTES = 100 * 1024 * 1024
_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<table[\s>]", re.IGNORECASE)


def _reader_for(head: bytes, suffix: str, name: str) -> str:
    if head.startswith(b"PK\x03\x04"):
        if suffix in (".xlsx", ".xlsm"):
            raise UnsupportedFormatError(
                "a spreadsheet is not a document to extract from; a task table saved by "
                "'tthc extract' is read by 'tthc render'/'tthc diff' directly", name)
        return "docx_reader"
    if head.startswith(b"%PDF"):
        return "pdf_reader"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "docx_reader" if suffix == ".docx" else "doc_reader"
    if suffix not in SUFFIXES and suffix != "":
        raise UnsupportedFormatError(
            f"unknown extension {suffix!r}; supported: {', '.join(sorted(SUFFIXES))}", name)
    if SUFFIXES.get(suffix) in ("docx_reader", "pdf_reader", "doc_reader"):
        return SUFFIXES[suffix]  # the reader says what is wrong with the content
    if _HTML_SNIFF.search(head[:4096]):
        return "html_reader"
    return "txt_reader"


def read_bytes(data: bytes, name: str) -> RawDocument:
    """Read a document held in memory; ``name`` (a file name) gives the extension."""
    if not data:
        raise EmptyInputError("the file is empty (0 bytes)", name)
    suffix = Path(name).suffix.lower()
    module = _reader_for(data[:8192], suffix, name)
    limit = MAX_TEXT_BYTES if module in ("txt_reader", "html_reader") else MAX_BINARY_BYTES
    if len(data) > limit:
        raise InputTooLargeError(
            f"{len(data) / 2**20:.1f} MB is over the {limit // 2**20} MB limit for this format; "
            "split the document or extract its appendix", name)
    reader = importlib.import_module(f".{module}", __name__)
    return reader.read(data, name)


def read_path(path: str | Path) -> RawDocument:
    """Read a document file, refusing oversized files before loading them."""
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder, not a document (give the files, or a folder to 'tthc extract')", path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path) from exc
    if size > MAX_BINARY_BYTES or (size > MAX_TEXT_BYTES and path.suffix.lower() in
                                   (".txt", ".text", ".md", ".markdown", ".html", ".htm")):
        limit = MAX_TEXT_BYTES if size <= MAX_BINARY_BYTES else MAX_BINARY_BYTES
        raise InputTooLargeError(
            f"{size / 2**20:.1f} MB is over the {limit // 2**20} MB limit for this format; "
            "split the document or extract its appendix", path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path) from exc
    return read_bytes(data, str(path))
