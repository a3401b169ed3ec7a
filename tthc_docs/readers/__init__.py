"""Readers: bytes → :class:`~tthc_docs.blocks.RawDocument`.

The reader is chosen from the content first (zip, PDF, OLE and HTML signatures)
and the extension second, so a .doc that is really a .docx, or a .txt that is
really a saved web page, still reads. Images (.png, .jpg, .tif) are read by OCR.
Each reader lives in its own module and is imported only when needed.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from ..errors import InputError, UnsupportedFormatError
from ..blocks import Paragraph, RawDocument, RawRow, RawTable
from . import safety
from .formats import BY_SUFFIX

__all__ = ["read_path", "read_bytes", "RawDocument", "Paragraph", "RawRow", "RawTable"]

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
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
    if head.startswith(_IMAGE_MAGIC):
        return "image_reader"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "docx_reader" if suffix == ".docx" else "doc_reader"
    named = BY_SUFFIX.get(suffix)
    if named is None and suffix != "":
        raise UnsupportedFormatError(
            f"unknown extension {suffix!r}; supported: {', '.join(sorted(BY_SUFFIX))}", name)
    if named is not None and named.binary:
        return named.reader  # the reader says what is wrong with the content
    if _HTML_SNIFF.search(head[:4096]):
        return "html_reader"
    return "txt_reader"


def read_bytes(data: bytes, name: str) -> RawDocument:
    """Read a document held in memory; ``name`` (a file name) gives the extension.
    Each reader refuses input over its format's size limit (:mod:`.safety`)."""
    safety.check_not_empty(data, name)
    module = _reader_for(data[:8192], Path(name).suffix.lower(), name)
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
    named = BY_SUFFIX.get(path.suffix.lower())
    # Without a known extension the content chooses the reader: only the largest limit applies yet.
    limits = safety.MAX_INPUT_BYTES
    safety.check_length(size, str(path), named.name if named else max(limits, key=limits.get))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path) from exc
    return read_bytes(data, str(path))
