"""Input safety for the readers: the one empty check and the size limits of every
input format, zip-bomb and container checks, and the one place reader text is
cleaned before it leaves a reader.

Every check runs on the raw bytes before any library parses them, so a hostile
file is refused without being unpacked. Each error names the file and the problem.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from types import MappingProxyType

from ..errors import (
    CorruptFileError,
    EmptyInputError,
    EncryptedFileError,
    InputTooLargeError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from ..text.normalise import normalise_text
from .formats import INPUT_FORMATS, MB

# The size limit of each input format (see ``formats.INPUT_FORMATS``).
MAX_INPUT_BYTES = MappingProxyType({f.name: f.max_bytes for f in INPUT_FORMATS})

# Pixels of one page image (a scan, a photo, a PDF page rendered for OCR): an A4 page
# at 600 dpi is 35 million. A small file that declares more is a decompression bomb.
MAX_IMAGE_PIXELS = 64_000_000
# Pages of one multi-page image (TIFF).
MAX_IMAGE_FRAMES = 500

MAX_UNCOMPRESSED_BYTES = 200 * MB
MAX_COMPRESSION_RATIO = 100
# Small members (styles, settings) legitimately compress far better than 100:1;
# the ratio only matters once a member is big enough to hurt.
RATIO_CHECK_FROM_BYTES = 10 * MB
MAX_ZIP_MEMBERS = 10_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted Office Open XML file is an OLE compound file holding these
# streams; OLE directory entry names are stored as UTF-16LE.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def check_not_empty(data: bytes, name: str) -> None:
    if not data:
        raise EmptyInputError("the file is empty (0 bytes)", name)


def check_length(size: int, name: str, fmt: str) -> None:
    """Refuse ``size`` bytes of ``fmt`` input when over ``MAX_INPUT_BYTES[fmt]``; a
    file is checked by its size before it is read."""
    limit = MAX_INPUT_BYTES[fmt]
    if size > limit:
        raise InputTooLargeError(
            f"the file is {size:,} bytes ({size / MB:.1f} MB), over the {limit:,}-byte limit "
            f"({limit / MB:g} MB) for .{fmt} input; split the document or extract its appendix", name)


def check_size(data: bytes, name: str, fmt: str) -> None:
    """Refuse an empty input, or one over ``MAX_INPUT_BYTES[fmt]``."""
    check_not_empty(data, name)
    check_length(len(data), name, fmt)


def is_ole(data: bytes) -> bool:
    return data[:8] == OLE_MAGIC


def is_encrypted_ooxml(data: bytes) -> bool:
    """An OLE compound file wrapping an encrypted .docx/.xlsx ("EncryptedPackage")."""
    return is_ole(data) and _ENCRYPTED_PACKAGE in data


def check_zip(data: bytes, name: str, *, kind: str = "Word .docx") -> None:
    """Refuse a zip container that is not a zip, is password protected, or would
    unpack to more than the limits allow, reading only its central directory.

    The declared sizes are binding: :mod:`zipfile` stops each member at its
    declared size and fails on a CRC mismatch, so a member cannot inflate past
    what its directory entry says.
    """
    a = "an" if kind[:1] in "AEIOU" else "a"
    if is_encrypted_ooxml(data):
        raise EncryptedFileError(f"the {kind} file is password protected; save an unprotected copy first", name)
    if is_ole(data):
        raise UnsupportedFormatError(
            f"not {a} {kind} file: it is a legacy Office (OLE) file; give it the .doc/.xls extension", name
        )
    if not data.startswith(ZIP_MAGIC):
        raise CorruptFileError(f"not {a} {kind} file (not a zip archive)", name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error) as exc:
        raise CorruptFileError(f"not a readable {kind} file (truncated or damaged zip: {exc})", name) from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise UnsafeFileError(
            f"the archive holds {len(members):,} members, over the limit of {MAX_ZIP_MEMBERS:,}", name)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise EncryptedFileError(f"member {member.filename!r} is password protected", name)
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise UnsafeFileError(
                f"member {member.filename!r} would expand {ratio:,.0f}:1 to {member.file_size:,} bytes "
                f"(limit {MAX_COMPRESSION_RATIO}:1): refusing a likely zip bomb",
                name,
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeFileError(
            f"the archive would unpack to {total:,} bytes, over the {MAX_UNCOMPRESSED_BYTES:,}-byte limit: "
            "refusing a likely zip bomb",
            name,
        )


# Controls that survive normalisation (e.g. the form feed of a page break) and
# would otherwise split or glue words.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")


def clean_text(text: str) -> str:
    """Text as a reader hands it on: in the toolkit's canonical form
    (:func:`tthc_docs.text.normalise.normalise_text`, the readers' single call
    site), whitespace collapsed inside each line, blank lines removed, line
    breaks kept as ``\\n``."""
    text = _CONTROLS.sub(" ", normalise_text(text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
