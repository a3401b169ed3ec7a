"""The input formats, in one table: the suffixes that name each, the reader module
that reads it and the size it may have. ``readers.read_path`` and ``tthc extract``
(which files of a folder to take) and ``safety`` (the size limits) all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

MB = 1024 * 1024


@dataclass(frozen=True)
class InputFormat:
    """``binary``: a container format (zip, PDF, OLE) whose reader is chosen by the
    suffix even when the content does not match, so that it can say what is wrong
    with the file; text formats are sniffed (a .txt that is a saved web page)."""

    name: str
    reader: str
    suffixes: tuple[str, ...]
    max_bytes: int
    binary: bool = False


# Real administrative documents are far below these limits; they only stop a runaway
# input from exhausting memory (a reader holds the whole file, and text is held again
# decoded, with its tables).
INPUT_FORMATS = (
    InputFormat("txt", "txt_reader", (".txt", ".text", ".md", ".markdown"), 20 * MB),
    InputFormat("html", "html_reader", (".html", ".htm"), 20 * MB),
    InputFormat("docx", "docx_reader", (".docx",), 50 * MB, binary=True),
    InputFormat("doc", "doc_reader", (".doc",), 50 * MB, binary=True),
    InputFormat("pdf", "pdf_reader", (".pdf",), 100 * MB, binary=True),
    InputFormat("image", "image_reader", (".png", ".jpg", ".jpeg", ".tif", ".tiff"), 50 * MB, binary=True),
)

BY_SUFFIX = MappingProxyType({suffix: f for f in INPUT_FORMATS for suffix in f.suffixes})
