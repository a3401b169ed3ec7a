"""``tthc render`` and ``tthc check`` from the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from render_helpers import DOSSIERS, EXAMPLES, full_text, make_template, paragraphs

from tthc_docs.cli import main
from tthc_docs.render.apology import COMBINED_NAME


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def meta(kind: str):
    return EXAMPLES / f"{kind}.meta.yaml"


@pytest.mark.parametrize("kind", ["plan", "decision", "report"])
def test_render_each_kind_then_check_it(tmp_path, seed_001_json, kind):
    out = tmp_path / f"{kind}.docx"
    result = run("render", kind, seed_001_json, "--meta", meta(kind), "-o", out, "--as-of", "01/01/2022")
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    checked = run("check", out)
    assert checked.exit_code == 0 and checked.output.strip() == f"{out}: OK"


def test_default_output_name_and_no_overwrite(tmp_path, seed_001_json):
    data = tmp_path / "ke-hoach-5755.json"
    data.write_bytes(seed_001_json.read_bytes())
    first = run("render", "plan", data, "--meta", meta("plan"))
    assert first.exit_code == 0, first.output
    target = tmp_path / "ke-hoach-5755-ke-hoach.docx"
    before = target.read_bytes()
    again = run("render", "plan", data, "--meta", meta("plan"))
    assert again.exit_code == 1 and "already exists; pass --force" in again.output
    assert target.read_bytes() == before
    assert run("render", "plan", data, "--meta", meta("plan"), "--force").exit_code == 0


def test_report_date_from_the_option(tmp_path, seed_001_json):
    out = tmp_path / "r.docx"
    assert run("render", "report", seed_001_json, "--meta", meta("report"), "-o", out, "--as-of", "2022-01-01"
               ).exit_code == 0
    assert "tính đến ngày 01 tháng 01 năm 2022" in full_text(out)
    bad = run("render", "report", seed_001_json, "--meta", meta("report"), "-o", out, "--as-of", "31/13/2022",
              "--force")
    assert bad.exit_code == 2 and "Invalid value for '--as-of': date '31/13/2022' is not a real date" in bad.output


def test_apology_batch(tmp_path):
    out = tmp_path / "letters"
    result = run("render", "apology", DOSSIERS, "--meta", meta("apology"), "-o", out)
    assert result.exit_code == 1                       # one row failed
    assert "row 8 (000.00.12.H01-250110-0005): missing Ngày hẹn trả mới" in result.stderr
    assert "11 slip(s) written, 1 row(s) failed" in result.stderr
    assert len(list(out.glob("*.docx"))) == 12
    assert paragraphs(out / COMBINED_NAME).count("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ") == 11
    again = run("render", "apology", DOSSIERS, "--meta", meta("apology"), "-o", out)
    assert again.exit_code == 1 and "already exist" in again.output


def test_custom_template_is_checked_before_the_batch(tmp_path):
    template = tmp_path / "mau.docx"
    template.write_bytes(make_template("{{ code }} {{ so_cccd }} {{ nguoi_ky.chuc_vu }}"))
    out = tmp_path / "letters"
    result = run("render", "apology", DOSSIERS, "--meta", meta("apology"), "-o", out, "--template", template)
    assert result.exit_code == 1
    assert "no data for the placeholder(s) so_cccd, nguoi_ky" in result.output
    assert not out.exists()


def test_metadata_errors_name_every_key(tmp_path, seed_001_json):
    bad = tmp_path / "m.yaml"
    bad.write_text("number: 12/KH-UBND\nplace: An Giang\n", encoding="utf-8")
    result = run("render", "plan", seed_001_json, "--meta", bad, "-o", tmp_path / "x.docx")
    assert result.exit_code == 1
    for key in ("issuing_body", "date", "signature", "recipients", "subject", "issuer_name"):
        assert key in result.output


def test_pdf_without_libreoffice_says_how_to_install(tmp_path, seed_001_json, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    out = tmp_path / "plan.docx"
    result = run("render", "plan", seed_001_json, "--meta", meta("plan"), "-o", out, "--pdf")
    assert result.exit_code == 1 and "LibreOffice is needed for converting to PDF" in result.output
    assert "apt-get install" in result.output


def test_check_reports_deviations_with_exit_1(tmp_path):
    from docx import Document

    path = tmp_path / "plain.docx"
    Document().save(path)
    result = run("check", path)
    assert result.exit_code == 1
    assert "no quốc hiệu (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)" in result.output
    assert "page 216 × 279 mm, expected A4 210 × 297 mm portrait" in result.output


def test_usage_errors(tmp_path):
    assert run("render", "letter", DOSSIERS, "--meta", meta("plan")).exit_code == 2
    assert run("render", "plan", tmp_path / "missing.json", "--meta", meta("plan")).exit_code == 2
    assert run("check").exit_code == 2


def test_apology_columns_by_hand(tmp_path):
    from render_helpers import DOSSIER_HEADERS, dossier_row, write_sheet

    sheet = write_sheet(tmp_path / "tre-han.xlsx", [dossier_row(1)], headers=[*DOSSIER_HEADERS[:-1], "Diễn giải"])
    refused = run("render", "apology", sheet, "--meta", meta("apology"), "-o", tmp_path / "a")
    assert refused.exit_code == 1 and "no column for Lý do chậm trễ" in refused.output
    assert "--columns FIELD=HEADER" in refused.output and not (tmp_path / "a").exists()
    done = run("render", "apology", sheet, "--meta", meta("apology"), "-o", tmp_path / "b",
               "--columns", "reason=Diễn giải")
    assert done.exit_code == 0, done.output
    assert "Chờ kết quả xác minh" in full_text(tmp_path / "b" / COMBINED_NAME)


@pytest.mark.parametrize("args, message", [
    (["--columns", "reason"], "expected FIELD=HEADER"),
    (["--columns", "=Diễn giải"], "expected FIELD=HEADER"),
])
def test_apology_columns_usage_errors(tmp_path, args, message):
    result = run("render", "apology", DOSSIERS, "--meta", meta("apology"), "-o", tmp_path / "a", *args)
    assert result.exit_code == 2 and message in result.output


def test_columns_only_with_apology(tmp_path, seed_001_json):
    result = run("render", "plan", seed_001_json, "--meta", meta("plan"), "-o", tmp_path / "p.docx",
                 "--columns", "reason=Lý do")
    assert result.exit_code == 2 and "use it with 'apology'" in result.output


@pytest.mark.parametrize("document", ["ke-hoach-5755-2021-phu-luc-nhiem-vu-468.txt", "excel"])
def test_rendering_a_raw_document_says_to_extract_it_first(tmp_path, document):
    from pathlib import Path

    from openpyxl import Workbook

    source = Path(__file__).parents[2] / "corpus" / document
    if document == "excel":  # a task table kept in Excel, in an office's own layout
        source = tmp_path / "phu-luc.xlsx"
        book = Workbook()
        book.active.append(["TT", "Nhiệm vụ cụ thể", "Đơn vị chủ trì triển khai", "Thời gian hoàn thành"])
        book.active.append(["1", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Quý I/2025"])
        book.save(source)
    result = run("render", "plan", source, "--meta", meta("plan"), "-o", tmp_path / "p.docx")
    assert result.exit_code == 1
    assert f"not a task table: extract it first with `tthc extract {source} -o {source.stem}.json`" in result.output
    assert "b'" not in result.output and not (tmp_path / "p.docx").exists()
