"""The legacy .doc reader: conversion through LibreOffice, and what happens
without it or when it fails."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from builders import build_docx
from fake_soffice import ended, fake_soffice, hanging_soffice

from tthc_docs.errors import CorruptFileError, MissingDependencyError
from tthc_docs.readers import doc_reader

HEADER = ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian thực hiện"]
# Kế hoạch 5755/KH-UBND (seed 001)
ROWS = [
    ["I. Năm 2021", "", "", ""],
    ["1", "Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.", "Văn phòng UBND tỉnh", "Tháng 5/2021"],
    ["2", "Triển khai rà soát, nâng cấp, hoàn thiện cơ sở hạ tầng CNTT.", "Sở Thông tin và Truyền thông",
     "Quý IV/ 2021"],
    ["3", "Rà soát, chuẩn hóa dữ liệu thủ tục hành chính.", "", "Tháng 12/2022, chậm nhất tháng 03/2023"],
]

@pytest.fixture(scope="module")
def legacy_doc(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("doc")
    source = build_docx(folder / "ke-hoach-5755.docx", HEADER, ROWS, paragraphs_before=["PHỤ LỤC"],
                        paragraphs_after=["Nơi nhận:"], full_width_rows=[0], vmerge=[(2, 2, 3)])
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return (folder / "ke-hoach-5755.doc").read_bytes()


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_word_97_file_reads_like_its_docx(legacy_doc):
    document = doc_reader.read(legacy_doc, "ke-hoach-5755.doc")
    assert document.layout == "doc"
    assert document.name == "ke-hoach-5755.doc"
    assert [p.text for p in document.paragraphs] == ["PHỤ LỤC", "Nơi nhận:"]
    (table,) = document.tables
    assert [r.cells for r in table.rows] == [
        tuple(HEADER), ("I. Năm 2021",) * 4, tuple(ROWS[1]), tuple(ROWS[2]),
        ("3", "Rà soát, chuẩn hóa dữ liệu thủ tục hành chính.", "Sở Thông tin và Truyền thông",
         "Tháng 12/2022, chậm nhất tháng 03/2023")]


def test_docx_renamed_to_doc_is_read_directly(tmp_path, monkeypatch):
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: None)  # proves no conversion happens
    path = build_docx(tmp_path / "renamed.docx", HEADER, ROWS[1:2])
    document = doc_reader.read(path.read_bytes(), "renamed.doc")
    assert document.layout == "doc"
    assert document.tables[0].rows[1].cells == tuple(ROWS[1])


OLE_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 64


def test_without_libreoffice_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: None)
    with pytest.raises(MissingDependencyError, match="libreoffice-writer-nogui") as caught:
        doc_reader.read(OLE_WORD, "cong-van.doc")
    assert "cong-van.doc" in str(caught.value)
    assert "Word" in str(caught.value)


def test_conversion_without_output_is_a_corrupt_file(tmp_path, monkeypatch):
    fake = fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1')
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: fake)
    with pytest.raises(CorruptFileError, match="could not be loaded") as caught:
        doc_reader.read(OLE_WORD, "hong.doc")
    assert "hong.doc" in str(caught.value)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_conversion_that_hangs_is_stopped_with_its_worker(tmp_path, monkeypatch):
    pid_file = tmp_path / "worker.pid"
    fake = hanging_soffice(tmp_path, pid_file)
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: fake)
    monkeypatch.setattr(doc_reader, "CONVERT_TIMEOUT_SECONDS", 1)
    with pytest.raises(CorruptFileError, match="did not finish") as caught:
        doc_reader.read(OLE_WORD, "treo.doc")
    assert "treo.doc" in str(caught.value)
    assert ended(int(pid_file.read_text()))


def test_libreoffice_that_cannot_start_is_a_missing_dependency(tmp_path, monkeypatch):
    broken = tmp_path / "soffice"
    broken.write_text("not a program")
    broken.chmod(0o644)
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: str(broken))
    with pytest.raises(MissingDependencyError, match="cannot start LibreOffice") as caught:
        doc_reader.read(OLE_WORD, "cong-van.doc")
    assert "cong-van.doc" in str(caught.value)
