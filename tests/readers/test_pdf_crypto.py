"""RC4 through OpenSSL gives pdfminer's plaintext, byte for byte: for the keys of
40 and 128 bits the standard handlers derive, for objects and generations whose
numbers need more than the three and two bytes the key takes, and on the
encrypted seed-like page the reader then reads word for word as the plain one."""

from __future__ import annotations

import random

import pytest
from pdfminer.pdfdocument import PDFStandardSecurityHandler

from hostile_pdf import encode, page_pdf
from tthc_docs.readers import read_bytes
from tthc_docs.readers.pdf_crypto import _OpenSSLRC4


def handlers(key: bytes) -> tuple[PDFStandardSecurityHandler, _OpenSSLRC4]:
    """pdfminer's handler and ours, with the file key set as a checked password sets it."""
    theirs = PDFStandardSecurityHandler.__new__(PDFStandardSecurityHandler)
    ours = _OpenSSLRC4()
    theirs.key = ours.key = key
    return theirs, ours


@pytest.mark.parametrize("key_bytes", [5, 16])
@pytest.mark.parametrize("objid, genno", [(1, 0), (4, 0), (255, 3), (70_000, 1), (2**24 + 5, 2**16 + 7)])
def test_openssl_rc4_decrypts_as_pdfminer(key_bytes, objid, genno):
    chance = random.Random(objid * 31 + genno + key_bytes)
    key = bytes(chance.randrange(256) for _ in range(key_bytes))
    for size in (0, 1, 17, 4096, 100_003):
        data = bytes(chance.randrange(256) for _ in range(size))
        theirs, ours = handlers(key)
        assert ours.decrypt_rc4(objid, genno, data) == theirs.decrypt_rc4(objid, genno, data)


def test_a_handler_without_a_key_refuses_to_guess():
    with pytest.raises(ValueError, match="key is not known"):
        _OpenSSLRC4().decrypt_rc4(4, 0, b"x")


LINES = [b"Ra soat thu tuc hanh chinh nhom %d, hoan thanh truoc ngay %d/12/2025" % (i, i) for i in range(1, 40)]


def test_a_long_encrypted_page_reads_as_the_plain_one():
    content = b"\n".join(b"BT /F1 11 Tf 40 %d Td (%s) Tj ET" % (800 - 20 * i, line) for i, line in enumerate(LINES))
    stream = encode(content, ("FlateDecode",))
    plain = read_bytes(page_pdf(stream, ("FlateDecode",)), "ro.pdf")
    locked = read_bytes(page_pdf(stream, ("FlateDecode",), user_password=b""), "khoa-chu.pdf")
    assert [item.text for item in locked.items] == [item.text for item in plain.items]
    assert "nhom 39" in " ".join(item.text for item in plain.items)
