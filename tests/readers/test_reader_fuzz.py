"""Whatever bytes arrive, a reader either reads them or raises a TthcError."""

from __future__ import annotations

from unittest import mock

import pytest
from builders import build_docx, build_html, build_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc_docs.errors import TthcError
from tthc_docs.readers import doc_reader, docx_reader, html_reader, pdf_reader
from tthc_docs.blocks import RawDocument

READERS = [docx_reader, pdf_reader, html_reader, doc_reader]
MAGIC = [b"", b"PK\x03\x04", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html><body><table><tr><td>",
         b"\xef\xbb\xbf", b"{\\rtf1"]
HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì"]
ROWS = [["1.", "Rà soát, đơn giản hóa thủ tục hành chính", "Sở Tư pháp"],
        ["2.", "Công bố, công khai thủ tục hành chính", "Văn phòng UBND tỉnh"]]


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> list[bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    return [
        build_docx(folder / "a.docx", HEADER, ROWS, vmerge=[(2, 0, 1)]).read_bytes(),
        build_pdf(folder / "a.pdf", HEADER, ROWS).read_bytes(),
        build_html(folder / "a.html", HEADER, ROWS, ["KẾ HOẠCH"]).read_bytes(),
    ]


def _read_all(data: bytes) -> None:
    # No LibreOffice during fuzzing: a .doc that passes the checks stops at the missing-dependency error.
    with mock.patch.object(doc_reader, "find_soffice", return_value=None):
        for reader in READERS:
            try:
                document = reader.read(data, "fuzz.bin")
            except TthcError as error:
                assert "fuzz.bin" in str(error)
            else:
                assert isinstance(document, RawDocument)


FUZZ = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(prefix=st.sampled_from(MAGIC), tail=st.binary(max_size=2048))
def test_random_bytes_behind_any_magic_number(prefix, tail):
    _read_all(prefix + tail)


@FUZZ
@given(which=st.integers(0, 2), cut=st.floats(0.0, 1.0), flips=st.lists(
    st.tuples(st.floats(0.0, 1.0, exclude_max=True), st.integers(0, 255)), max_size=8))
def test_damaged_real_documents(valid, which, cut, flips):
    data = bytearray(valid[which][: max(1, int(len(valid[which]) * cut))] if cut < 1.0 else valid[which])
    for position, value in flips:
        data[int(position * len(data))] = value
    _read_all(bytes(data))
