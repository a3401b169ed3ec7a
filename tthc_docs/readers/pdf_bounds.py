"""How much a PDF may make pdfminer do, measured before it does it.

A PDF's size says little about its cost: a 2.6 MB file can hold a stream that
inflates to gigabytes, a 5 kB page can draw a form of a million operations. A PDF
is checked by :func:`check_pdf_streams` before pdfminer opens it, by
:func:`check_pdf_objects` once it is open (and decrypted), and each page by
:func:`check_page_operations` before pdfminer interprets it; each refuses with the
limit of the size-limit table (:mod:`~tthc_docs.readers.safety`) it meets.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import UnsafeFileError
from . import safety
from .boundary import DAMAGED_FILE_ERRORS, parser_boundary
from .safety import check_limit, over_limit

_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
# The operators of PDF content streams (ISO 32000-1, annex A), longest first so
# that "BDC" is not counted as "B".
_PDF_OPERATORS = sorted(
    "b b* B B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n "
    "q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"".split(),
    key=len, reverse=True)
_OPERATOR = re.compile(rb"(?<![^\s\])>}])(?:" + b"|".join(re.escape(op.encode()) for op in _PDF_OPERATORS)
                       + rb")(?=[\s\[(</%]|$)")
# The name a Do draws: a PDF name, its "#xx" escapes undone as pdfminer does.
_DRAWN = re.compile(rb"/([^\s/\[\]<>(){}%]*)\s*Do(?=[\s\[(</%]|$)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# The dictionary before a stream keyword, as far back as its object's start.
_OBJECT_HEAD = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_DIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R\b)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
# What the raw trailer says of the encryption: the dictionary's reference and the file's /ID.
_ENCRYPT_REFERENCE = re.compile(rb"/Encrypt\s+(\d+)\s+\d+\s+R\b")
_ID = re.compile(rb"/ID\s*\[")
_DICTIONARY_BYTES = 65_536  # read for the encryption dictionary or the /ID, far more than either takes
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_XREF_STREAM = re.compile(rb"/Type\s*/XRef\b")
# The filters pdfminer decodes a text stream with, by every name the format gives
# them; an image codec (DCT, JPX, JBIG2, CCITT) ends the measure: images are not
# decoded to read text.
_FILTERS = {"FlateDecode": "flate", "Fl": "flate", "LZWDecode": "lzw", "LZW": "lzw", "ASCII85Decode": "a85",
            "A85": "a85", "ASCIIHexDecode": "hex", "AHx": "hex", "RunLengthDecode": "rl", "RL": "rl"}
_INFLATE_CHUNK = 4096  # input bytes per step: at most ~4 MB of output before the next check
_A85_IGNORED = b" \t\r\n\f\x00z"


def _inflate(data: bytes, cap: int) -> bytes:
    """Flate-decode ``data`` until more than ``cap`` bytes come out; a damaged
    stream gives what precedes the damage, as pdfminer reads it."""
    inflater, out = zlib.decompressobj(), bytearray()
    for start in range(0, len(data), _INFLATE_CHUNK):
        try:
            out += inflater.decompress(data[start:start + _INFLATE_CHUNK])
        except zlib.error:
            break
        if len(out) > cap or inflater.eof:
            break
    return bytes(out)


def _lzw(data: bytes, cap: int) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for piece in LZWDecoder(io.BytesIO(data)).run():
        out += piece
        if len(out) > cap:
            break
    return bytes(out)


def _a85_size(data: bytes) -> int:
    """How many bytes ASCII85 ``data`` decodes to (each "z" is four zero bytes)."""
    body = data.split(b"~>", 1)[0].removeprefix(b"<~")
    return 4 * body.count(b"z") + len(body.translate(None, _A85_IGNORED)) * 4 // 5


def _a85(data: bytes, cap: int) -> bytes:
    from pdfminer.ascii85 import ascii85decode

    return ascii85decode(data)  # decode_within has checked _a85_size first


def _run_length(data: bytes, cap: int) -> bytes:
    out, at = bytearray(), 0
    while at < len(data) and len(out) <= cap:
        length = data[at]
        if length == 128:
            break
        if length < 128:
            out += data[at + 1:at + length + 2]
            at += length + 2
        else:
            out += data[at + 1:at + 2] * (257 - length)
            at += 2
    return bytes(out)


def _hex(data: bytes, cap: int) -> bytes:
    from pdfminer.ascii85 import asciihexdecode

    return asciihexdecode(data)  # half the input at most: nothing to bound


_DECODERS = {"flate": _inflate, "lzw": _lzw, "a85": _a85, "hex": _hex, "rl": _run_length}
# Output sizes known before decoding: "z" makes four bytes of one, so an ASCII85
# stream is measured rather than decoded past the limit.
_SIZES = {"a85": _a85_size}


def decode_within(data: bytes, filters: list[str], what: str, source: str) -> bytes:
    """``data`` decoded through ``filters`` (PDF filter names, applied in order)
    while it stays within "PDF stream bytes"; stops at the first filter that does
    not grow its input (an image codec). Over the limit raises, naming ``what``."""
    limit = safety.LIMITS["PDF stream bytes"]  # looked up at each call: a test may lower it
    for name in filters:
        kind = _FILTERS.get(name)
        if kind is None:
            break
        size = _SIZES[kind](data) if kind in _SIZES else 0
        if size <= limit:
            try:
                data = _DECODERS[kind](data, limit)
            except DAMAGED_FILE_ERRORS:  # a damaged stream: the reader meets it and says so
                break
            size = len(data)
        if size > limit:
            raise over_limit("PDF stream bytes", size, f"{what} decodes to at least", source)
    return data


@dataclass(frozen=True)
class _StreamHead:
    """What the dictionary before a stream keyword says, as written: the /Filter
    names (an indirect /Filter gives none), whether it is a cross-reference or an
    object stream, its object and generation numbers and a direct /Length."""

    filters: tuple[str, ...]
    xref: bool
    object_stream: bool
    objid: int | None
    genno: int
    length: int | None


def _stream_head(data: bytes, stream_start: int) -> _StreamHead:
    head = data[max(0, stream_start - 4096):stream_start]
    objects = list(_OBJECT_HEAD.finditer(head))
    number = objects[-1] if objects else None
    head = head[number.end():] if number else head
    found = _FILTER.search(head)
    length = _DIRECT_LENGTH.search(head)
    return _StreamHead(
        filters=tuple(n.decode("latin-1") for n in _NAME.findall(found[1])) if found else (),
        xref=bool(_XREF_STREAM.search(head)), object_stream=bool(_OBJECT_STREAM.search(head)),
        objid=int(number[1]) if number else None, genno=int(number[2]) if number else 0,
        length=int(length[1]) if length else None)


def _object_at(data: bytes, offset: int) -> Any:
    """The PDF object written at ``offset`` of the raw bytes."""
    from pdfminer.pdfparser import PDFStreamParser

    return PDFStreamParser(data[offset:offset + _DICTIONARY_BYTES]).nextobject()[1]


def _raw_object(data: bytes, objid: int) -> Any:
    """Object ``objid`` as the raw bytes write it (its last definition, as an
    incremental update leaves it; any generation, as pdfminer looks objects up);
    IndexError when no "objid … obj" is there (an object inside an object stream)."""
    return _object_at(data, list(re.finditer(rb"(?<!\d)%d\s+\d+\s+obj\b" % objid, data))[-1].end())


def _empty_password_decipher(data: bytes) -> Callable[[int, int, bytes], bytes] | None:
    """pdfminer's decryption of an encrypted PDF opened, as the reader opens it,
    with the empty user password: its security handler built from the encryption
    dictionary (its values resolved where they are objects of their own, as
    pdfminer resolves them) and the /ID the raw trailer names. None when the file
    needs a password (pdfminer refuses it once it has read the encryption
    dictionary) or when those cannot be read from the raw bytes (the dictionary in
    an object stream, which pdfminer reads as written)."""
    from pdfminer.pdftypes import PDFObjRef
    from pdfminer.psexceptions import PSException

    from .pdf_crypto import security_handler

    references = list(_ENCRYPT_REFERENCE.finditer(data))
    if not references:
        return None
    ids = list(_ID.finditer(data))
    try:
        written = _raw_object(data, int(references[-1][1]))
        param = {key: _raw_object(data, value.objid) if isinstance(value, PDFObjRef) else value
                 for key, value in written.items()}
        docid = _object_at(data, ids[-1].end() - 1) if ids else (b"", b"")
        handler = security_handler(int(param.get("V", 0)), docid, param, "")
    except (PSException, *DAMAGED_FILE_ERRORS):
        return None
    return lambda number, generation, raw: handler.decrypt(number, generation, raw)


def _decrypt_within(decipher: Callable[[int, int, bytes], bytes], head: _StreamHead, raw: bytes,
                    filters: list[str], what: str, source: str) -> bytes:
    """The encrypted stream ``raw`` decrypted (RC4 and AES through OpenSSL: a
    moment even for megabytes) and decoded within "PDF stream bytes". Bytes that
    do not decrypt give nothing: pdfminer meets them, and says so."""
    if head.objid is None:
        return b""
    try:
        plain = decipher(head.objid, head.genno, raw)
    except DAMAGED_FILE_ERRORS:
        return b""
    return decode_within(plain, filters, what, source)


def check_pdf_streams(data: bytes, source: str) -> None:
    """Refuse a PDF with a stream decoding past "PDF stream bytes", or all of them
    past "PDF inflated bytes", before pdfminer reads any: each stream is decoded
    through the filters its dictionary names (Flate when it names none it can
    read) only up to the limit, so a 2.5 GB stream costs 64 MB and a moment. In
    an encrypted file only the streams pdfminer decodes while it opens the file
    are measured here: the cross-reference streams, never encrypted, and the
    object streams (the one holding /Info or the catalog, decrypted with the
    empty user password the file opens with; the one holding the encryption
    dictionary, where a damaged file puts it, as written).
    :func:`check_pdf_objects` measures the others once pdfminer has the key,
    before any page is read."""
    total, encrypted = 0, b"/Encrypt" in data
    decipher = _empty_password_decipher(data) if encrypted else None
    for match in _STREAM_START.finditer(data):
        head = _stream_head(data, match.start())
        end = data.find(b"endstream", match.end())
        raw = data[match.end():end if end >= 0 else len(data)]
        if encrypted and not head.xref:
            if not head.object_stream or head.objid is None:
                continue
            if head.length is not None and match.end() + head.length <= len(data):
                raw = data[match.end():match.end() + head.length]
        what, filters = f"the stream at byte {match.end():,}", list(head.filters) or ["FlateDecode"]
        if encrypted and not head.xref and decipher is not None:
            decoded = _decrypt_within(decipher, head, raw, filters, what, source)
        else:
            decoded = decode_within(raw, filters, what, source)
        total += len(decoded)
        check_limit("PDF inflated bytes", total, "the streams decode to at least", source)


def check_pdf_objects(document: Any, source: str) -> None:
    """Refuse an opened PDF (a pdfminer ``PDFDocument``) with a stream that
    decrypts and decodes past "PDF stream bytes", or all of them past "PDF
    inflated bytes", before pdfminer decodes any page: each object stream is
    measured before the objects in it are read. Images are left alone (the
    reader never decodes them). An object that cannot be read is skipped here:
    the reader meets it, and reports it, if a page needs it."""
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psexceptions import PSException

    total, measured = 0, set()

    def measure(objid: int, stream: Any) -> None:
        nonlocal total
        if objid in measured or not isinstance(stream, PDFStream):
            return
        measured.add(objid)
        if getattr(stream.get("Subtype"), "name", None) == "Image":
            return
        if stream.rawdata is None:  # decoded while pdfminer opened the file
            size = len(stream.data or b"")
            check_limit("PDF stream bytes", size, f"stream object {objid} decodes to", source)
        else:
            data = stream.rawdata
            if stream.decipher:
                data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
            names = [getattr(f, "name", "") for f, _ in stream.get_filters()]
            size = len(decode_within(data, names, f"stream object {objid}", source))
        total += size
        check_limit("PDF inflated bytes", total, "the streams decode to at least", source)

    with parser_boundary(source, "the PDF's objects"):
        for xref in document.xrefs:
            for objid in list(xref.get_objids()):
                try:
                    container = xref.get_pos(objid)[0]
                    if container is not None:
                        measure(container, document.getobj(container))
                    measure(objid, document.getobj(objid))
                except (PSException, *DAMAGED_FILE_ERRORS):
                    continue


def check_page_operations(page: Any, number: int, source: str) -> None:
    """Refuse page ``number`` (a pdfminer ``PDFPage``) when pdfminer would run
    more operations on it than "PDF operations per page": those of its content
    streams, and at each ``Do`` of a form XObject the form's own (with the forms it
    draws in turn, through its /Resources or, lacking them, its drawer's), as many
    times as it is drawn. Each form is counted once per resources it is drawn
    with, so the count costs time linear in the file however often and deep the
    forms are drawn. A form drawn inside itself is refused: pdfminer only skips
    the innermost drawing, so forms drawing each other run once per path through
    them, a number that grows as the factorial of the forms."""
    from pdfminer.pdftypes import list_value, resolve1, stream_value

    what = f"page {number} of the PDF"
    with parser_boundary(source, what):
        streams = [stream_value(stream) for stream in list_value(resolve1(page.contents) or [])]
        count = _FormCounter(number, source).count(streams, page.resources, frozenset(
            stream.objid for stream in streams if stream.objid is not None))
    check_limit("PDF operations per page", count, f"page {number} holds operations:", source)



class _FormCounter:
    """The operations pdfminer runs for content streams of one page, the forms
    they draw included; see :func:`check_page_operations`."""

    def __init__(self, number: int, source: str) -> None:
        self.number, self.source = number, source
        self.counted: dict[tuple[int, int], int] = {}

    def count(self, streams: list[Any], resources: Any, drawing: frozenset[int]) -> int:
        """The operations of ``streams`` run with ``resources``, inside the forms
        (object numbers) ``drawing``."""
        from pdfminer.pdftypes import dict_value

        forms = dict_value(dict_value(resources).get("XObject")) if resources else {}
        total = 0
        for stream in streams:
            data = stream.get_data()
            total += sum(1 for _ in _OPERATOR.finditer(data))
            for match in _DRAWN.finditer(data):
                name = _NAME_ESCAPE.sub(lambda m: bytes.fromhex(m[1].decode()), match[1]).decode("utf-8", "replace")
                total += self.drawn(name, forms.get(name), resources, drawing)
        return total

    def drawn(self, name: str, form: Any, resources: Any, drawing: frozenset[int]) -> int:
        """The operations of drawing XObject ``name`` once: none for an image or a
        form pdfminer does not draw (no /BBox)."""
        from pdfminer.pdftypes import PDFStream, resolve1

        form = resolve1(form)
        if not isinstance(form, PDFStream) or getattr(form.get("Subtype"), "name", None) != "Form" \
                or "BBox" not in form:
            return 0
        own = resolve1(form.get("Resources"))
        used = own if own else resources
        if form.objid in drawing:
            raise UnsafeFileError(f"page {self.number} draws form XObject /{name} (object {form.objid}) inside "
                                  "itself; the PDF is damaged or hostile: print it to a new PDF", self.source)
        key = (form.objid, id(used))
        if key not in self.counted:
            self.counted[key] = self.count([form], used, drawing | {form.objid})
        return self.counted[key]
