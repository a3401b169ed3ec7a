"""Read a legacy Word 97–2003 .doc by converting it to .docx with LibreOffice.

``soffice --convert-to docx`` runs in a private temporary folder through
:mod:`tthc_docs.soffice` (own profile, time limit); the .docx it writes is read
by the .docx reader. The bytes are checked first (an OLE compound file holding a
"WordDocument" stream), so a file that is not a Word document never reaches
LibreOffice. A .docx that was merely renamed .doc is read directly.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import CorruptFileError, EncryptedFileError
from ..soffice import find_soffice, run_soffice
from . import docx_reader
from ..blocks import RawDocument
from .safety import ZIP_MAGIC, check_size, is_encrypted_ooxml, is_ole

CONVERT_TIMEOUT_SECONDS = 120
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_RTF_MAGIC = b"{\\rtf"


def read(data: bytes, name: str) -> RawDocument:
    """Read .doc bytes; ``name`` is used in messages and in the result."""
    check_size(data, name, "doc")
    if data.startswith(ZIP_MAGIC):
        return replace(docx_reader.read(data, name), layout="doc")
    if is_encrypted_ooxml(data):
        raise EncryptedFileError("the Word file is password protected; save an unprotected copy first", name)
    is_word = is_ole(data) and _WORD_STREAM in data
    if not is_word and not data.startswith(_RTF_MAGIC):
        kind = "an OLE file without a WordDocument stream (Excel/PowerPoint?)" if is_ole(data) else "no OLE header"
        raise CorruptFileError(f"not a Word .doc file ({kind})", name)
    return replace(docx_reader.read(convert_to_docx(data, name), name), layout="doc")


def convert_to_docx(data: bytes, name: str) -> bytes:
    """The .docx LibreOffice makes of ``data``; raises MissingDependencyError without it."""
    with tempfile.TemporaryDirectory(prefix="tthc-doc-", ignore_cleanup_errors=True) as work:
        folder = Path(work)
        source = folder / "input.doc"
        source.write_bytes(data)
        done = run_soffice(["--convert-to", "docx", "--outdir", str(folder / "out"), str(source)],
                           timeout=CONVERT_TIMEOUT_SECONDS, profile_dir=folder / "profile", program=find_soffice(),
                           source=name, purpose="reading a Word 97–2003 .doc")
        converted = folder / "out" / "input.docx"
        if not converted.exists():
            raise CorruptFileError(
                f"LibreOffice could not convert the .doc (exit code {done.returncode}: {done.detail}); "
                "it may be damaged or password protected",
                name,
            )
        return converted.read_bytes()
