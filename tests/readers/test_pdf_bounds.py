"""The PDF limits of the size-limit table hold whatever the filter: a stream that
decodes past "PDF stream bytes" is refused under LZW, ASCII85, ASCIIHex and
RunLength and their chains with Flate, and in an encrypted file (pdfminer opens
it with the empty user password) as in a plain one; a file that needs a password
is refused by name, never read as garbage."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hostile_pdf import encode, lzw_run, page_pdf, run_length

from fuzz import mutators as mz
from tthc_docs.cli import main
from tthc_docs.errors import EncryptedFileError, UnsafeFileError
from tthc_docs.readers import read_bytes

MB = 1024 * 1024
TEXT = mz.text_operations(3)
# The bombs are built against a limit lowered to 8 MB (the table's is 64 MB), to
# keep the pure-Python RC4 of the encrypted ones quick; one is built full size.
LOWERED = 8 * MB
OVER = LOWERED + MB


def _spaces_after_text(filters: tuple[str, ...]) -> bytes:
    return encode(TEXT + b" " * OVER, filters)


# (what, filters, the encoded page content)
BOMBS = [
    ("LZW", ("LZWDecode",), lambda: lzw_run(0x20, OVER)),
    ("RunLength", ("RunLengthDecode",), lambda: run_length(0x20, OVER)),
    ("ASCII85 over Flate", ("ASCII85Decode", "FlateDecode"),
     lambda: _spaces_after_text(("ASCII85Decode", "FlateDecode"))),
    ("ASCIIHex over Flate", ("ASCIIHexDecode", "FlateDecode"),
     lambda: _spaces_after_text(("ASCIIHexDecode", "FlateDecode"))),
    ("Flate over LZW", ("FlateDecode", "LZWDecode"), lambda: encode(lzw_run(0x20, OVER), ("FlateDecode",))),
    ("ASCII85 of zeros", ("ASCII85Decode",), lambda: b"z" * (OVER // 4) + b"~>"),
]


@pytest.mark.parametrize("what, filters, stream", BOMBS, ids=[b[0] for b in BOMBS])
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_stream_decoding_past_the_limit_is_refused_whatever_the_filter(what, filters, stream, encrypted, set_limit):
    set_limit("PDF stream bytes", LOWERED)
    data = page_pdf(stream(), filters, user_password=b"" if encrypted else None)
    assert len(data) < OVER / 3
    with pytest.raises(UnsafeFileError, match=r"^bom.pdf: (the stream at byte|stream object) [\d,]+ decodes to at "
                                              r"least [\d,]+, over the limit of 8,388,608 \(PDF stream bytes\)"):
        read_bytes(data, "bom.pdf")


@pytest.mark.parametrize("filters", [("FlateDecode",), ("LZWDecode",)], ids=["Flate", "LZW"])
def test_an_encrypted_bomb_under_the_table_s_own_limit_is_refused(filters):
    over = 65 * MB
    stream = encode(TEXT + b" " * over, filters) if filters == ("FlateDecode",) else lzw_run(0x20, over)
    data = page_pdf(stream, filters, user_password=b"")
    with pytest.raises(UnsafeFileError, match=r"^bom.pdf: stream object 4 decodes to at least [\d,]+, over the "
                                              r"limit of 67,108,864 \(PDF stream bytes\)"):
        read_bytes(data, "bom.pdf")


@pytest.mark.parametrize("filters", [(), ("LZWDecode",), ("ASCII85Decode", "FlateDecode"), ("RunLengthDecode",)],
                         ids=["none", "LZW", "ASCII85 over Flate", "RunLength"])
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_page_under_the_limits_is_read_whatever_the_filter(filters, encrypted):
    content = b"BT /F1 12 Tf 50 800 Td (Ra soat thu tuc hanh chinh) Tj ET"
    if filters == ("LZWDecode",):
        stream = _lzw_literal(content)
    elif filters == ("RunLengthDecode",):
        stream = bytes((len(content) - 1,)) + content + b"\x80"
    else:
        stream = encode(content, filters)
    document = read_bytes(page_pdf(stream, filters, user_password=b"" if encrypted else None), "it.pdf")
    assert document.items[0].text == "Ra soat thu tuc hanh chinh"


def _lzw_literal(content: bytes) -> bytes:
    """LZW codes that spell ``content`` byte by byte (9 bits each, no table use)."""
    number = 256
    for byte in content:
        number = (number << 9) | byte
    number = (number << 9) | 257
    bits = 9 * (len(content) + 2)
    return (number << (-bits % 8)).to_bytes((bits + 7) // 8, "big")


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_operations_are_counted_in_an_lzw_or_encrypted_page(encrypted):
    operations = mz.text_operations(110_000)  # 220,003 operations
    data = page_pdf(encode(operations, ("ASCIIHexDecode", "FlateDecode")), ("ASCIIHexDecode", "FlateDecode"),
                    user_password=b"" if encrypted else None)
    with pytest.raises(UnsafeFileError, match=r"nhieu.pdf: page 1 holds operations: 220,00\d, over the limit "
                                              r"of 200,000 \(PDF operations per page\)"):
        read_bytes(data, "nhieu.pdf")


def test_a_pdf_that_needs_a_password_is_refused_by_name(tmp_path):
    data = page_pdf(encode(TEXT, ("FlateDecode",)), ("FlateDecode",), user_password=b"mat-khau")
    with pytest.raises(EncryptedFileError, match=r"^khoa.pdf: the PDF is password protected"):
        read_bytes(data, "khoa.pdf")
    (tmp_path / "khoa.pdf").write_bytes(data)
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "khoa.pdf"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{tmp_path / 'khoa.pdf'}: the PDF is password protected; open it and save an unprotected copy" \
        in result.output
