"""Hostile PDFs written byte by byte: a page content stream under any chain of
filters (LZW, ASCII85, ASCIIHex, RunLength, Flate), optionally encrypted with
the standard security handler (RC4, 40-bit, revision 2) under a user password,
the empty one by default, as many producers do to set permissions only.

The encoders are the PDF specification's (ISO 32000-1, 7.4 and 7.6.3), small
enough to read: they exist so that the tests can build what a reader must refuse
(an LZW stream that decodes to 70 MB from 60 KB) without a PDF library.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from collections.abc import Sequence

from fuzz import mutators as mz

# Algorithm 2's padding string (ISO 32000-1, 7.6.3.3).
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = bytes.fromhex("6b6f2d74686f69686e2d6b686f6e672d")
PERMISSIONS = -4


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray(len(data))
    i = j = 0
    for n, byte in enumerate(data):
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out[n] = byte ^ state[(state[i] + state[j]) % 256]
    return bytes(out)


def lzw_run(byte: int, size: int) -> bytes:
    """The LZW code (early change 1) of ``size`` copies of ``byte``, written the way
    an encoder meets a run: the byte, then each new table entry in turn (one copy
    longer than the last), a clear-table code whenever the table is full."""
    bits = _Bits()
    left, width = size, 9
    while left > 0:
        bits.put(256, width)  # clear table
        bits.put(byte, 9)
        left -= 1
        width, entry, length = 9, 258, 2
        while left > 0 and entry < 4096:
            bits.put(entry, width)
            left -= length
            entry, length = entry + 1, length + 1
            if entry in (511, 1023, 2047):
                width += 1
    bits.put(257, width)  # end of data
    return bits.value()


class _Bits:
    def __init__(self) -> None:
        self.number, self.count = 0, 0

    def put(self, code: int, width: int) -> None:
        self.number, self.count = (self.number << width) | code, self.count + width

    def value(self) -> bytes:
        pad = -self.count % 8
        return (self.number << pad).to_bytes((self.count + pad) // 8, "big")


def run_length(byte: int, size: int) -> bytes:
    """The RunLengthDecode of ``size`` copies of ``byte`` (runs of 128)."""
    full, rest = divmod(size, 128)
    out = bytes((129, byte)) * full
    if rest:
        out += bytes((257 - rest, byte)) if rest > 1 else bytes((0, byte))
    return out + b"\x80"


ENCODERS = {
    "FlateDecode": lambda data: zlib.compress(data, 9),
    "ASCII85Decode": lambda data: base64.a85encode(data) + b"~>",
    "ASCIIHexDecode": lambda data: data.hex().encode() + b">",
}


def encode(content: bytes, filters: Sequence[str]) -> bytes:
    """``content`` encoded so that decoding with ``filters`` in order gives it back."""
    for name in reversed(filters):
        content = ENCODERS[name](content)
    return content


def _object_key(key: bytes, number: int) -> bytes:
    return hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:len(key) + 5]


def _padded(password: bytes) -> bytes:
    return (password + PAD)[:32]


def _security(user: bytes, owner: bytes) -> tuple[bytes, bytes, bytes]:
    """The file key, /O and /U of revision 2 (ISO 32000-1, algorithms 2, 3 and 4)."""
    owner_value = rc4(hashlib.md5(_padded(owner)).digest()[:5], _padded(user))
    key = hashlib.md5(_padded(user) + owner_value + PERMISSIONS.to_bytes(4, "little", signed=True)
                      + FILE_ID).digest()[:5]
    return key, owner_value, rc4(key, PAD)


def page_pdf(stream: bytes, filters: Sequence[str] = (), *, user_password: bytes | None = None) -> bytes:
    """A one-page PDF whose content is ``stream`` (already encoded) under ``filters``;
    with ``user_password`` (b"" for none) the file is encrypted."""
    names = b"[" + b" ".join(b"/" + f.encode() for f in filters) + b"]"
    key = owner = user = b""
    if user_password is not None:
        key, owner, user = _security(user_password, b"chu-so-huu")
        stream = rc4(_object_key(key, 4), stream)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), names) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if user_password is not None:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
                       % (owner.hex().encode(), user.hex().encode(), PERMISSIONS))
    encrypt = b" /Encrypt 6 0 R" if user_password is not None else b""
    return mz.pdf_file(objects, encrypt + b" /ID [<%s> <%s>]" % (FILE_ID.hex().encode(), FILE_ID.hex().encode()))


def _flate_stream(dictionary: bytes, content: bytes) -> bytes:
    data = zlib.compress(content, 9)
    return b"<< %s /Length %d /Filter /FlateDecode >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


def forms_pdf(page: bytes, forms: Sequence[tuple[bytes, Sequence[int]]], *, pages: int = 1,
              inherit: bool = False) -> bytes:
    """A PDF of ``pages`` pages, each of content ``page``, whose resources name the
    form XObjects ``forms`` /Fm0, /Fm1…; a form is its content and the forms its own
    /Resources name (with ``inherit`` no form has /Resources: it draws with the
    page's, as before PDF 1.2). Every stream is Flate-encoded."""
    first_form, first_page = 4, 4 + len(forms)

    def resources(indices: Sequence[int]) -> bytes:
        names = b" ".join(b"/Fm%d %d 0 R" % (i, first_form + i) for i in indices)
        return b"<< /Font << /F1 3 0 R >> /XObject << %s >> >>" % names

    kids = b" ".join(b"%d 0 R" % (first_page + 2 * n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for content, draws in forms:
        own = b"" if inherit else b" /Resources " + resources(draws)
        objects.append(_flate_stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]" + own, content))
    for n in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources %s >>"
                       % (first_page + 2 * n + 1, resources(range(len(forms)))))
        objects.append(_flate_stream(b"", page))
    return mz.pdf_file(objects)


def draws(name: bytes, times: int) -> bytes:
    """Content drawing the form ``name`` ``times`` times, each in its own graphics state."""
    return b"q 1 0 0 1 0 0 cm /%s Do Q\n" % name * times


def info_in_object_stream_pdf(padding: int, *, user_password: bytes = b"", encryption_inside: bool = False,
                              indirect: bool = False) -> bytes:
    """An encrypted PDF 1.5 (cross-reference stream, empty user password by default)
    whose /Info dictionary lies in an object stream padded with ``padding`` spaces:
    the stream pdfminer decrypts and decodes while it opens the file. With
    ``encryption_inside`` the encryption dictionary lies in that object stream too,
    which is then not encrypted (pdfminer reads it before it has the key); with
    ``indirect`` its values (/V, /R, /O, /U, /P) are objects of their own (10 to 14)."""
    key, owner, user = _security(user_password, b"chu-so-huu")
    content = b"BT /F1 12 Tf 50 800 Td (Ra soat thu tuc hanh chinh) Tj ET"
    values = {10: b"1", 11: b"2", 12: b"<%s>" % owner.hex().encode(), 13: b"<%s>" % user.hex().encode(),
              14: b"%d" % PERMISSIONS}
    encryption = b"<< /Filter /Standard /V %s /R %s /O %s /U %s /P %s >>" % tuple(
        b"%d 0 R" % number if indirect else value for number, value in values.items())
    info = b"<< /Title (Ke hoach ra soat) /Producer (hostile) >>"
    inside = [(6, encryption), (8, info)] if encryption_inside else [(8, info)]
    header = b" ".join(b"%d %d" % (number, sum(len(body) + 1 for _, body in inside[:i]))
                       for i, (number, _) in enumerate(inside)) + b" "
    packed = zlib.compress(header + b" ".join(body for _, body in inside) + b" " * padding, 9)
    page_stream = zlib.compress(content, 9)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(page_stream)
           + rc4(_object_key(key, 4), page_stream) + b"\nendstream",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: encryption,
        **(values if indirect else {}),
        7: b"<< /Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
           % (len(inside), len(header), len(packed))
           + (packed if encryption_inside else rc4(_object_key(key, 7), packed)) + b"\nendstream",
    }
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}
    for number, body in objects.items():
        if not (encryption_inside and number == 6):
            offsets[number] = len(out)
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    offsets[9] = len(out)
    packed_at = {number: index for index, (number, _) in enumerate(inside)}
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"]
    size = max(offsets) + 1
    for number in range(1, size):
        if number in packed_at:
            rows.append(b"\x02" + (7).to_bytes(4, "big") + packed_at[number].to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    table = zlib.compress(b"".join(rows), 9)
    file_id = FILE_ID.hex().encode()
    out += (b"9 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Info 8 0 R /Encrypt 6 0 R "
            b"/ID [<%s> <%s>] /Length %d /Filter /FlateDecode >>\nstream\n" % (size, file_id, file_id, len(table))
            + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[9])
    return bytes(out)
