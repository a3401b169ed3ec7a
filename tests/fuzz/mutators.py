"""Structure-aware damage for the fuzz suite and the defect tests: each mutator
takes the bytes of a valid file and returns them damaged the way a real copy,
download or hostile author damages that kind of container.

- zip (.docx, .xlsx): truncation, CRC and header fields, declared member sizes,
  compression method and version, a member's deflate stream, a member replaced;
- XML inside a zip: truncation, a DOCTYPE with entities, bad references,
  control characters, deep nesting;
- PDF: a content stream corrupted, a stream inflating to a large size, many
  text operations on a page;
- text: long lines, NUL bytes, invalid UTF-8, zero-width and right-to-left marks.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable

CENTRAL = b"PK\x01\x02"
LOCAL = b"PK\x03\x04"
# Offsets of fields in a central directory entry and a local file header.
CENTRAL_FIELDS = {"version": (6, "<H"), "method": (10, "<H"), "crc": (16, "<I"),
                  "compressed": (20, "<I"), "size": (24, "<I")}
LOCAL_FIELDS = {"version": (4, "<H"), "method": (8, "<H"), "crc": (14, "<I"),
                "compressed": (18, "<I"), "size": (22, "<I")}


# --------------------------------------------------------------------- zip

def members(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def rewrite(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The archive with ``member`` replaced by ``change(its bytes)``, all else kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info)
            target.writestr(info.filename, change(blob) if info.filename == member else blob)
    return out.getvalue()


def _entries(data: bytes, magic: bytes) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(magic), data)]


def _entry_of(data: bytes, magic: bytes, member: str) -> int:
    name_at = 46 if magic == CENTRAL else 30
    for start in _entries(data, magic):
        length = struct.unpack_from("<H", data, start + (28 if magic == CENTRAL else 26))[0]
        if data[start + name_at:start + name_at + length] == member.encode():
            return start
    raise KeyError(member)


def set_field(data: bytes, member: str, field: str, value: int, *, where: str = "both") -> bytes:
    """Overwrite a header field of ``member`` in its central directory entry, its
    local header, or both."""
    out = bytearray(data)
    for magic, fields, side in ((CENTRAL, CENTRAL_FIELDS, "central"), (LOCAL, LOCAL_FIELDS, "local")):
        if where in (side, "both"):
            offset, fmt = fields[field]
            limit = (1 << (8 * struct.calcsize(fmt))) - 1
            struct.pack_into(fmt, out, _entry_of(data, magic, member) + offset, value & limit)
    return bytes(out)


def data_span(data: bytes, member: str) -> tuple[int, int]:
    """Where the compressed bytes of ``member`` lie."""
    start = _entry_of(data, LOCAL, member)
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    compressed = struct.unpack_from("<I", data, _entry_of(data, CENTRAL, member) + 20)[0]
    begin = start + 30 + name_length + extra_length
    return begin, begin + compressed


def flip_payload(data: bytes, member: str, at: float = 0.5, xor: int = 0x5A) -> bytes:
    """One byte of ``member``'s compressed stream changed: a deflate or CRC error."""
    begin, end = data_span(data, member)
    if end <= begin:
        return data
    out = bytearray(data)
    out[begin + int((end - begin - 1) * at)] ^= xor
    return bytes(out)


def truncate(data: bytes, keep: float) -> bytes:
    return data[:max(1, int(len(data) * keep))]


# --------------------------------------------------------------------- XML

def xml_truncate(keep: float) -> Callable[[bytes], bytes]:
    return lambda xml: xml[:max(1, int(len(xml) * keep))]


def xml_doctype(entities: str = '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">',
                use: str = "&b;") -> Callable[[bytes], bytes]:
    """A DOCTYPE declaring entities, used in the first text node."""
    def change(xml: bytes) -> bytes:
        body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
        root = re.match(rb"\s*<([\w:]+)", body)
        name = root.group(1) if root else b"root"
        body = re.sub(rb">([^<>]+)<", lambda m: b">" + use.encode() + m.group(1) + b"<", body, count=1)
        return b'<?xml version="1.0"?><!DOCTYPE ' + name + b" [" + entities.encode() + b"]>" + body
    return change


def xml_replace(pattern: bytes, replacement: bytes, count: int = 1) -> Callable[[bytes], bytes]:
    return lambda xml: re.sub(pattern, replacement, xml, count=count)


def xml_deep(depth: int) -> Callable[[bytes], bytes]:
    """``depth`` nested elements inserted after the root's first child opens."""
    def change(xml: bytes) -> bytes:
        nest = b"<x>" * depth + b"</x>" * depth
        return re.sub(rb"(<[\w:]+[^<>]*[^/]>)(?![\s\S]*<\?)", lambda m: m.group(1) + nest, xml, count=1)
    return change


# --------------------------------------------------------------------- PDF

def pdf_with_stream(content: bytes, *, raw_length: int | None = None) -> bytes:
    """A one-page PDF whose page content is the FlateDecode stream of ``content``
    (``raw_length`` overrides the /Length written)."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % (raw_length or len(stream)) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_file(objects)


def pdf_file(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of ``objects`` (numbered from 1, the first the catalog) with its
    cross-reference table; ``trailer`` adds entries to the trailer dictionary."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref))
    return out.getvalue()


def text_operations(count: int) -> bytes:
    """A page content of ``count`` text-showing operations."""
    return b"BT /F1 10 Tf 50 800 Td\n" + b"(a) Tj 1 0 Td\n" * count + b"ET\n"


def corrupt_streams(data: bytes, at: float = 0.5) -> bytes:
    """Every ``stream`` body with one byte changed."""
    out = bytearray(data)
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        if end > match.end():
            out[match.end() + int((end - match.end() - 1) * at)] ^= 0x5A
    return bytes(out)


# --------------------------------------------------------------------- text

ZERO_WIDTH_RTL = "\u200b\u200c\u200d\u2060\ufeff\u200f\u202e\u2067"


def long_line(text: str, length: int) -> str:
    return text + ("Rà soát thủ tục hành chính " * (length // 27 + 1))[:length]


def with_nuls(data: bytes, every: int = 7) -> bytes:
    return b"".join(data[i:i + every] + b"\x00" for i in range(0, len(data), every))


def invalid_utf8(data: bytes, every: int = 11) -> bytes:
    return b"".join(data[i:i + every] + b"\xc3\x28\xff" for i in range(0, len(data), every))


def sprinkle(text: str, marks: str = ZERO_WIDTH_RTL, every: int = 5) -> str:
    return "".join(ch + (marks[i % len(marks)] if i % every == 0 else "") for i, ch in enumerate(text))
