"""RC4 decryption of PDFs through OpenSSL.

Offices often publish PDFs "secured" with an owner password only: anyone may open
them, but every stream is encrypted, most often with RC4. pdfminer decrypts RC4
in pure Python, about 15 s a megabyte, so a letter of 400 kB of page content took
half a minute before its first word was read. pdfminer's security handlers stay
the ones that check the password and derive the file's key; only their RC4 step
runs through ``cryptography`` (OpenSSL), byte for byte the same cipher (a test
compares them). AES (revisions 4 to 6) already runs through ``cryptography`` in
pdfminer.
"""

from __future__ import annotations

import struct
from functools import cache
from hashlib import md5
from typing import Any


def _rc4(key: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    from cryptography.hazmat.primitives.ciphers import Cipher

    return Cipher(ARC4(key), mode=None).decryptor().update(data)


class _OpenSSLRC4:
    """Mixed into a pdfminer security handler: its ``decrypt_rc4``, with the object's
    key derived as the PDF standard says (ISO 32000-1, 7.6.2, algorithm 1)."""

    key: bytes | None = None  # set by the handler once the password is checked

    def decrypt_rc4(self, objid: int, genno: int, data: bytes) -> bytes:
        if self.key is None:
            raise ValueError("the PDF's key is not known: the password was not checked")
        key = self.key + struct.pack("<L", objid)[:3] + struct.pack("<L", genno)[:2]
        return _rc4(md5(key).digest()[:min(len(key), 16)], data)


@cache
def _handlers() -> dict[int, type]:
    from pdfminer.pdfdocument import PDFDocument

    return {version: type(handler.__name__, (_OpenSSLRC4, handler), {})
            for version, handler in PDFDocument.security_handler_registry.items()}


def security_handler(version: int, docid: Any, param: dict[str, Any], password: str) -> Any:
    """pdfminer's security handler of the encryption ``version`` (/V) for the
    encryption dictionary ``param``, with RC4 through OpenSSL; a KeyError when the
    version is unknown, pdfminer's error when the password is wrong."""
    return _handlers()[version](docid, param, password)


def decrypt_quickly(document: Any) -> None:
    """Give an opened pdfminer ``PDFDocument`` the OpenSSL RC4 for every stream read
    from now on (pdfminer gives each stream the document's decipher as it parses it),
    opened with the empty user password as the reader opens every PDF."""
    if document.encryption is not None:
        from pdfminer.pdftypes import int_value

        docid, param = document.encryption
        document.decipher = security_handler(int_value(param.get("V", 0)), docid, param, "").decrypt
