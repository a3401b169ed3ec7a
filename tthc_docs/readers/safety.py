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
from enum import StrEnum
from types import MappingProxyType

from ..errors import (
    CorruptFileError,
    EmptyInputError,
    EncryptedFileError,
    ErrorDetail,
    ErrorKind,
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

class Limit(StrEnum):
    """A limit an input may pass; its Vietnamese name is in ``data/messages.yaml``."""

    ZIP_MEMBERS = "zip members"
    ZIP_UNPACKED_BYTES = "zip unpacked bytes"
    ZIP_MEMBER_BYTES = "zip member bytes"
    ZIP_COMPRESSION_RATIO = "zip compression ratio"
    PDF_STREAM_BYTES = "PDF stream bytes"
    PDF_INFLATED_BYTES = "PDF inflated bytes"
    PDF_OPERATIONS = "PDF operations per page"
    SHEET_ROWS = "sheet rows"
    SHEET_COLUMNS = "sheet columns"
    SHEET_CELLS = "sheet cells"
    DOCX_PARAGRAPHS = "docx paragraphs"
    INPUT_BYTES = "input bytes"  # MAX_INPUT_BYTES, by format
    UPLOAD_BYTES = "upload bytes"  # the web workspace's own


# Limits on what a file holds, whatever it claims about itself: each is checked
# where the content is met and its error names the limit and the value met. Real
# documents are far below them; they bound the time and memory of a hostile file.
LIMITS = MappingProxyType({
    Limit.ZIP_MEMBERS: 10_000,
    Limit.ZIP_UNPACKED_BYTES: 200 * MB,  # all members together, as the zip directory declares them
    Limit.ZIP_MEMBER_BYTES: 100 * MB,  # one member
    Limit.ZIP_COMPRESSION_RATIO: 100,  # a member of at least RATIO_CHECK_FROM_BYTES
    Limit.PDF_STREAM_BYTES: 64 * MB,  # one stream, inflated
    Limit.PDF_INFLATED_BYTES: 256 * MB,  # all streams together, inflated
    Limit.PDF_OPERATIONS: 200_000,
    Limit.SHEET_ROWS: 100_000,
    Limit.SHEET_COLUMNS: 1_000,
    Limit.SHEET_CELLS: 5_000_000,  # rows × columns of one sheet
    Limit.DOCX_PARAGRAPHS: 500_000,
})
# Small members (styles, settings) legitimately compress far better than 100:1;
# the ratio only matters once a member is big enough to hurt.
RATIO_CHECK_FROM_BYTES = 10 * MB
# What :mod:`zipfile` can unpack: stored and deflated members of a zip up to version 6.3.
ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
ZIP_MAX_VERSION = 63

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted Office Open XML file is an OLE compound file holding these
# streams; OLE directory entry names are stored as UTF-16LE.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def over_limit(limit: str, met: int, what: str, name: str) -> UnsafeFileError:
    """The error for ``what`` reaching ``met``, over ``LIMITS[limit]``."""
    limit = Limit(limit)
    detail = ErrorDetail(ErrorKind.OVER_LIMIT, name, limit, f"{LIMITS[limit]:,}", f"{met:,}")
    return UnsafeFileError(f"{what} {met:,}, over the limit of {LIMITS[limit]:,} ({limit})", name, detail=detail)


def too_large(size: int, limit_bytes: int, limit: Limit, name: str, message: str) -> InputTooLargeError:
    """The error for ``size`` bytes of input, over ``limit_bytes`` (``limit``, in ``message``)."""
    detail = ErrorDetail(ErrorKind.TOO_LARGE, name, limit, megabytes(limit_bytes), megabytes(size))
    return InputTooLargeError(message, name, detail=detail)


def megabytes(size: int) -> str:
    """A size in either language: "2.5 MB", "25,000 B"."""
    return f"{size / MB:.1f} MB".replace(".0 MB", " MB") if size >= MB // 10 else f"{size:,} B"


def check_limit(limit: str, met: int, what: str, name: str) -> None:
    """Raise :func:`over_limit` when ``met`` is over ``LIMITS[limit]``."""
    if met > LIMITS[limit]:
        raise over_limit(limit, met, what, name)


def check_not_empty(data: bytes, name: str) -> None:
    if not data:
        raise EmptyInputError("the file is empty (0 bytes)", name)


def check_length(size: int, name: str, fmt: str) -> None:
    """Refuse ``size`` bytes of ``fmt`` input when over ``MAX_INPUT_BYTES[fmt]``; a
    file is checked by its size before it is read."""
    limit = MAX_INPUT_BYTES[fmt]
    if size > limit:
        raise too_large(size, limit, Limit.INPUT_BYTES, name,
                        f"the file is {size:,} bytes ({size / MB:.1f} MB), over the {limit:,}-byte limit "
                        f"({limit / MB:g} MB) for .{fmt} input; split the document or extract its appendix")


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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError,
            struct.error) as exc:
        raise CorruptFileError(f"not a readable {kind} file (truncated or damaged zip: {exc})", name) from exc
    check_limit("zip members", len(members), "the archive holds members:", name)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise EncryptedFileError(f"member {member.filename!r} is password protected", name)
        if member.compress_type not in ZIP_METHODS or member.extract_version > ZIP_MAX_VERSION:
            raise CorruptFileError(
                f"member {member.filename!r} uses zip method {member.compress_type} (version "
                f"{member.extract_version / 10:.1f}), which is not a plain deflate: save the file again", name)
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECK_FROM_BYTES and ratio > LIMITS[Limit.ZIP_COMPRESSION_RATIO]:
            detail = ErrorDetail(ErrorKind.OVER_LIMIT, name, Limit.ZIP_COMPRESSION_RATIO,
                                 f"{LIMITS[Limit.ZIP_COMPRESSION_RATIO]}:1", f"{ratio:,.0f}:1")
            raise UnsafeFileError(
                f"member {member.filename!r} would expand {ratio:,.0f}:1 to {member.file_size:,} bytes, "
                f"over the limit of {LIMITS['zip compression ratio']}:1 (zip compression ratio): "
                "refusing a likely zip bomb", name, detail=detail)
        check_limit("zip member bytes", member.file_size, f"member {member.filename!r} would unpack to", name)
    check_limit("zip unpacked bytes", total, "the archive (a likely zip bomb) would unpack to", name)


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
