"""PDF through LibreOffice: one document of each kind converted, its text read
back with pdfplumber to see the Vietnamese survived."""

from __future__ import annotations

import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from fake_soffice import ended, fake_soffice, hanging_soffice
from render_helpers import DOSSIERS

from tthc_docs.errors import CorruptFileError, MissingDependencyError, OutputExistsError, TthcError
from tthc_docs.render import pdf as pdf_module
from tthc_docs.render.apology import prepare_batch, write_batch
from tthc_docs.render.documents import render_decision, render_plan, render_report
from tthc_docs.render.dossiers import read_dossiers
from tthc_docs.render.pdf import docx_to_pdf

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def pdf_text(path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return unicodedata.normalize("NFC", " ".join(text.split()))


@pytest.mark.soffice
@needs_soffice
def test_one_document_of_each_kind(tmp_path, seed_001, metas, templates):
    docs = {
        "ke-hoach": render_plan(seed_001, metas["plan"], templates["plan"]),
        "quyet-dinh": render_decision(seed_001, metas["decision"], templates["decision"]),
        "bao-cao": render_report(seed_001, metas["report"], date(2022, 1, 1), templates["report"]),
    }
    sources = []
    for name, data in docs.items():
        sources.append(tmp_path / f"{name}.docx")
        sources[-1].write_bytes(data)
    batch = prepare_batch(read_dossiers(DOSSIERS), metas["apology"], templates["apology"], tmp_path / "slips",
                          force=False)
    list(write_batch(batch, metas["apology"], templates["apology"], force=False))
    sources.append(batch.slips[1].path)
    pdfs = docx_to_pdf(sources, tmp_path / "pdf")
    assert [p.name for p in pdfs] == ["ke-hoach.pdf", "quyet-dinh.pdf", "bao-cao.pdf",
                                      "000.00.12.H01-250107-0002.pdf"]
    common = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    expected = {
        "ke-hoach": ["An Giang, ngày 05 tháng 02 năm 2025", "KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "Hồ Văn Mừng",
                     "PHỤ LỤC", "Cơ quan phối hợp", "I. Năm 2021", "Tháng 5/2021"],
        "quyet-dinh": ["QUYẾT ĐỊNH", "Số: 242/QĐ-UBND", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Điều 1."],
        "bao-cao": ["BÁO CÁO", "NHIỆM VỤ QUÁ HẠN", "Hoàn thành đúng hạn", "tính đến ngày 01 tháng 01 năm 2022"],
        "000": ["PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Công ty TNHH Thương mại O'Neil & Cộng sự",
                "ngày 17 tháng 02 năm 2025", "Đăng ký thành lập hộ kinh doanh"],
    }
    for pdf in pdfs:
        text = pdf_text(pdf)
        for phrase in common + next(v for k, v in expected.items() if pdf.name.startswith(k)):
            assert phrase in text, (pdf.name, phrase)
    with pytest.raises(OutputExistsError):
        docx_to_pdf(sources[:1], tmp_path / "pdf")


def test_missing_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    source = tmp_path / "x.docx"
    source.write_bytes(b"PK")
    with pytest.raises(MissingDependencyError, match="apt-get install libreoffice"):
        docx_to_pdf([source], tmp_path)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_a_conversion_that_hangs_is_stopped_with_its_worker(tmp_path, monkeypatch):
    pid_file = tmp_path / "worker.pid"
    fake = hanging_soffice(tmp_path, pid_file)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: fake)
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(b"PK")
    # Before the fix only the launcher was killed: the worker went on writing and
    # removing the temporary folder could fail with a bare OSError.
    with pytest.raises(CorruptFileError, match="did not finish converting to PDF within 1 s") as caught:
        docx_to_pdf([source], tmp_path / "pdf", timeout=1)
    assert "ke-hoach.docx" in str(caught.value)
    assert ended(int(pid_file.read_text()))
    assert not (tmp_path / "pdf" / "ke-hoach.pdf").exists()


def test_libreoffice_failing_names_the_document_and_its_message(tmp_path, monkeypatch):
    fake = fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1')
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: fake)
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(b"PK")
    with pytest.raises(TthcError, match=r"bao-cao\.docx: LibreOffice could not convert it to PDF "
                                        r"\(exit 1: Error: source file could not be loaded\)"):
        docx_to_pdf([source], tmp_path)
