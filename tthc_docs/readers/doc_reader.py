"""Read a legacy Word 97–2003 .doc by converting it to .docx with LibreOffice.

``soffice --headless --convert-to docx`` runs in a private temporary folder with
its own user profile, so parallel conversions do not fight over one profile
lock, under a time limit; the .docx it writes is read by the .docx reader. The
bytes are checked first (an OLE compound file holding a "WordDocument" stream),
so a file that is not a Word document never reaches LibreOffice. A .docx that
was merely renamed .doc is read directly.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import CorruptFileError, EncryptedFileError, MissingDependencyError
from . import docx_reader
from .base import RawDocument
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


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, name: str) -> bytes:
    """The .docx LibreOffice makes of ``data``; raises MissingDependencyError without it."""
    soffice = find_soffice()
    if soffice is None:
        raise MissingDependencyError(
            f"{name}: reading .doc needs LibreOffice: apt-get install libreoffice-writer-nogui "
            "(or convert the file to .docx in Word)"
        )
    with tempfile.TemporaryDirectory(prefix="tthc-doc-") as work:
        folder = Path(work)
        source = folder / "input.doc"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--norestore", "--nologo",
            "--convert-to", "docx", "--outdir", str(folder / "out"), str(source),
        ]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True, env={**os.environ, "HOME": work})
        try:
            _, stderr = process.communicate(timeout=CONVERT_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            # soffice forks soffice.bin: end the whole session it started, not just the launcher.
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise CorruptFileError(
                f"LibreOffice did not finish converting the .doc within {CONVERT_TIMEOUT_SECONDS} s", name
            ) from None
        converted = folder / "out" / "input.docx"
        if not converted.exists():
            detail = stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or ["no output"]
            raise CorruptFileError(
                f"LibreOffice could not convert the .doc (exit code {process.returncode}: {detail[0]}); "
                "it may be damaged or password protected",
                name,
            )
        return converted.read_bytes()
