"""The PDF limits of the size-limit table hold whatever the filter: a stream that
decodes past "PDF stream bytes" is refused under LZW, ASCII85, ASCIIHex and
RunLength and their chains with Flate, and in an encrypted file (pdfminer opens
it with the empty user password) as in a plain one; a file that needs a password
is refused by name, never read as garbage. Operations are counted as pdfminer
runs them: a form XObject's each time a page (or a form) draws it; a form drawn
inside itself is refused. An encrypted file's object streams are measured before
pdfminer opens the file, which decodes the one holding /Info while it opens."""

from __future__ import annotations

import tracemalloc

import pytest
from click.testing import CliRunner
from hostile_pdf import draws, encode, forms_pdf, info_in_object_stream_pdf, lzw_run, page_pdf, run_length

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
    with pytest.raises(UnsafeFileError, match=r"^bom.pdf: (the stream at byte [\d,]+|stream object 4) decodes to at least [\d,]+, over the "
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


def _nested(depth: int, times: int) -> list[tuple[bytes, list[int]]]:
    """Forms /Fm0 … each drawing the next ``times`` times, the last showing one text."""
    return [(draws(b"Fm%d" % (level + 1), times), [level + 1]) for level in range(depth - 1)] \
        + [(mz.text_operations(1), [])]


# (what, page content, forms, the operations pdfminer runs)
FORM_BOMBS = [
    ("one form of 300,000 operations", b"/Fm0 Do", [(mz.text_operations(150_000), [])], 300_005),
    ("a form drawn 10,000 times", draws(b"Fm0", 10_000), [(mz.text_operations(8), [])], 240_000),
    ("forms nested six deep, each drawn ten times", draws(b"Fm0", 1), _nested(6, 10), 1_044_444),
    # The six operations at the bottom, times ten per level, plus the four of each drawing: 1, 0, then 4s.
    ("forms nested forty deep", draws(b"Fm0", 1), _nested(40, 10), int("10" + "4" * 39)),
    ("two forms each drawing a third 60,000 times", b"/Fm0 Do /Fm1 Do",
     [(draws(b"Fm2", 60_000), [2]), (draws(b"Fm2", 60_000), [2]), (b"0 0 m 1 1 l S", [])], 840_002),
]


@pytest.mark.parametrize("what, page, forms, operations", FORM_BOMBS, ids=[b[0] for b in FORM_BOMBS])
def test_the_operations_of_the_forms_a_page_draws_count_each_time_they_are_drawn(what, page, forms, operations):
    data = forms_pdf(page, forms)
    assert len(data) < 200_000
    with pytest.raises(UnsafeFileError, match=rf"^mau.pdf: page 1 holds operations: {operations:,}, over the "
                                              r"limit of 200,000 \(PDF operations per page\)$"):
        read_bytes(data, "mau.pdf")


CYCLES = [
    ("a form drawing itself", [(mz.text_operations(2) + b"/Fm0 Do", [0])], False),
    ("two forms drawing each other", [(b"/Fm1 Do", [1]), (mz.text_operations(2) + b"/Fm0 Do", [0])], False),
    ("a form drawing itself through the page's resources", [(mz.text_operations(2) + b"/Fm0 Do", [])], True),
]


@pytest.mark.parametrize("what, forms, inherit", CYCLES, ids=[c[0] for c in CYCLES])
def test_a_form_drawn_inside_itself_is_refused(what, forms, inherit):
    with pytest.raises(UnsafeFileError, match=r"^vong.pdf: page 1 draws form XObject /Fm0 \(object 4\) inside "
                                              r"itself"):
        read_bytes(forms_pdf(b"/Fm0 Do", forms, inherit=inherit), "vong.pdf")


@pytest.mark.parametrize("inherit", [False, True], ids=["own resources", "page's resources"])
def test_a_letterhead_drawn_as_a_form_on_every_page_is_read(inherit):
    letterhead = b"BT /F1 10 Tf 50 800 Td (UY BAN NHAN DAN TINH) Tj ET 50 790 m 200 790 l S"
    body = b"BT /F1 12 Tf 50 600 Td (Ke hoach ra soat thu tuc hanh chinh) Tj ET q /Fm0 Do Q"
    document = read_bytes(forms_pdf(body, [(letterhead, [])], pages=3, inherit=inherit), "thu.pdf")
    assert [item.text for item in document.items] == ["UY BAN NHAN DAN TINH",
                                                      "Ke hoach ra soat thu tuc hanh chinh"] * 3


# How the encryption dictionary is written: plainly, inside the object stream it opens,
# or with its values (/V, /R, /O, /U, /P) as objects of their own.
ENCRYPTION_LAYOUTS = {"decrypted": {}, "holding the encryption too": {"encryption_inside": True},
                      "encryption values indirect": {"indirect": True}}


@pytest.mark.parametrize("layout", ENCRYPTION_LAYOUTS.values(), ids=ENCRYPTION_LAYOUTS)
def test_an_encrypted_file_s_info_object_stream_is_measured_before_pdfminer_decodes_it(layout, set_limit):
    set_limit("PDF stream bytes", MB)
    data = info_in_object_stream_pdf(100 * MB, **layout)
    assert len(data) < 200_000
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeFileError, match=r"^info.pdf: .* decodes to at least [\d,]+, over the limit of "
                                                  r"1,048,576 \(PDF stream bytes\)$"):
            read_bytes(data, "info.pdf")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MB, f"{peak:,} bytes at the peak"


@pytest.mark.parametrize("layout", ENCRYPTION_LAYOUTS.values(), ids=ENCRYPTION_LAYOUTS)
def test_an_encrypted_file_with_its_info_in_an_object_stream_is_read(layout):
    document = read_bytes(info_in_object_stream_pdf(1000, **layout), "info.pdf")
    assert [item.text for item in document.items] == ["Ra soat thu tuc hanh chinh"]


@pytest.mark.parametrize("indirect", [False, True], ids=["values written", "values indirect"])
def test_an_encrypted_file_with_its_info_in_an_object_stream_that_needs_a_password_is_refused_by_name(indirect):
    with pytest.raises(EncryptedFileError, match=r"^khoa.pdf: the PDF is password protected"):
        read_bytes(info_in_object_stream_pdf(1000, user_password=b"mat-khau", indirect=indirect), "khoa.pdf")
