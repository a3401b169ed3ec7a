"""Apology slips in a batch: one file per dossier, the combined document, row
errors, no overwriting, custom templates checked before anything is written."""

from __future__ import annotations

import pytest
from render_helpers import DOSSIERS, dossier_row, full_text, make_template, paragraphs, write_sheet

from tthc_docs.errors import OutputExistsError, TemplateError
from tthc_docs.render.apology import COMBINED_NAME, prepare_batch, safe_file_name, slip_number, write_batch
from tthc_docs.render.check import check_docx
from tthc_docs.render.dossiers import read_dossiers
from tthc_docs.render.engine import CompiledTemplate

TITLE = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"


def run_batch(sheet, meta, template, out, force=False):
    batch = prepare_batch(sheet, meta, template, out, force=force)
    return batch, list(write_batch(batch, meta, template, force=force))


@pytest.fixture(scope="module")
def example_batch(tmp_path_factory, metas, templates):
    out = tmp_path_factory.mktemp("letters")
    sheet = read_dossiers(DOSSIERS)
    batch, outcomes = run_batch(sheet, metas["apology"], templates["apology"], out)
    return sheet, batch, outcomes, out


def test_eleven_slips_one_error_and_a_combined_document(example_batch):
    sheet, batch, outcomes, out = example_batch
    assert [e.row for e in sheet.errors] == [8]
    assert all(o.error is None for o in outcomes) and len(outcomes) == 11
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{d.code}.docx" for d in sheet.dossiers] + [COMBINED_NAME])
    combined = paragraphs(out / COMBINED_NAME)
    assert combined.count(TITLE) == 11
    for dossier in sheet.dossiers:
        assert any(dossier.code in p for p in combined)


@pytest.mark.parametrize(("code", "applicant", "procedure", "received", "new_date", "number"), [
    ("000.00.12.H01-250106-0001", "Nguyễn Văn Hùng", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
     "ngày 06 tháng 01 năm 2025", "ngày 14 tháng 02 năm 2025", "Số: 01/PXL-TTPVHCC"),
    ("000.00.12.H01-250107-0002", "Công ty TNHH Thương mại O'Neil & Cộng sự", "Đăng ký thành lập hộ kinh doanh",
     "ngày 07 tháng 01 năm 2025", "ngày 17 tháng 02 năm 2025", "Số: 02/PXL-TTPVHCC"),
    ("000.00.12.H01-250121-0012", "Ngô Thị Hạnh", "Cấp bản sao trích lục hộ tịch",
     "ngày 21 tháng 01 năm 2025", "ngày 11 tháng 02 năm 2025", "Số: 11/PXL-TTPVHCC"),
])
def test_each_slip_holds_its_dossier(example_batch, code, applicant, procedure, received, new_date, number):
    out = example_batch[3]
    text = full_text(out / f"{code}.docx")
    for expected in (code, f"Kính gửi: {applicant}", f"“{procedure}”", received, new_date, number,
                     "An Giang, ngày 05 tháng 02 năm 2025", "TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG", TITLE, "GIÁM ĐỐC",
                     "Trần Thị B"):
        assert expected in text, expected


def test_every_slip_passes_the_format_check(example_batch):
    out = example_batch[3]
    for path in sorted(out.iterdir()):
        assert check_docx(path) == (), path.name


def test_existing_files_are_kept_without_force(tmp_path, metas, templates):
    sheet = read_dossiers(write_sheet(tmp_path / "x.xlsx", [dossier_row(1), dossier_row(2)]))
    out = tmp_path / "letters"
    run_batch(sheet, metas["apology"], templates["apology"], out)
    first = out / f"{sheet.dossiers[0].code}.docx"
    first.write_bytes(b"edited by the clerk")
    with pytest.raises(OutputExistsError, match="already exist"):
        prepare_batch(sheet, metas["apology"], templates["apology"], out, force=False)
    assert first.read_bytes() == b"edited by the clerk"
    run_batch(sheet, metas["apology"], templates["apology"], out, force=True)
    assert first.read_bytes().startswith(b"PK")
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_custom_template_missing_data_fails_before_any_write(tmp_path, metas):
    sheet = read_dossiers(write_sheet(tmp_path / "x.xlsx", [dossier_row(1)]))
    template = CompiledTemplate(make_template("{{ code }} {{ citizen_id }}", "{{ signer.phone }}"), "custom.docx")
    out = tmp_path / "letters"
    with pytest.raises(TemplateError, match=r"citizen_id, signer.*row 2"):
        prepare_batch(sheet, metas["apology"], template, out, force=False)
    assert not out.exists()


def test_a_row_the_template_cannot_fill_is_an_outcome_error(tmp_path, metas):
    sheet = read_dossiers(write_sheet(tmp_path / "x.xlsx", [dossier_row(1), dossier_row(2)]))
    template = CompiledTemplate(make_template("{% if code.endswith('0002') %}{{ missing }}{% endif %}{{ code }}"),
                                "custom.docx")
    batch, outcomes = run_batch(sheet, metas["apology"], template, tmp_path / "out")
    assert [o.error is None for o in outcomes] == [True, False]
    assert outcomes[1].error.row == 3 and "missing" in outcomes[1].error.reason
    assert paragraphs(batch.combined) == [sheet.dossiers[0].code]


@pytest.mark.parametrize(("code", "name"), [
    ("000.00.12.H01-250106-0001", "000.00.12.H01-250106-0001"),
    ("H01/2025/0001", "H01_2025_0001"),
    ("../../etc/passwd", "etc_passwd"),
    ("Hồ sơ số 5 – Đợt 1", "Ho_so_so_5_Dot_1"),
    ("CON", "_CON"),
    ("...", "dong-7"),
])
def test_safe_file_names(code, name):
    assert safe_file_name(code, "dong-7") == name


def test_codes_made_equal_by_cleaning_get_distinct_files(tmp_path, metas, templates):
    sheet = read_dossiers(write_sheet(tmp_path / "x.xlsx", [dossier_row(1, **{"Mã hồ sơ": "A/1"}),
                                                            dossier_row(2, **{"Mã hồ sơ": "A_1"})]))
    batch = prepare_batch(sheet, metas["apology"], templates["apology"], tmp_path / "o", force=False)
    assert [s.path.name for s in batch.slips] == ["A_1.docx", "A_1-2.docx"]


@pytest.mark.parametrize("codes", [
    ["phieu-xin-loi-tat-ca", "000.00.12.H01-250101-0001"],
    ["PHIEU-XIN-LOI-TAT-CA", "A", "A/", "A-2"],
    ["A-2", "A", "A/", "phieu xin loi tat ca"],
])
def test_slip_names_never_collide_with_the_combined_file_or_each_other(tmp_path, metas, templates, codes):
    rows = [dossier_row(n, **{"Mã hồ sơ": code}) for n, code in enumerate(codes, 1)]
    sheet = read_dossiers(write_sheet(tmp_path / "x.xlsx", rows))
    out = tmp_path / "o"
    batch, outcomes = run_batch(sheet, metas["apology"], templates["apology"], out)
    names = [s.path.name.lower() for s in batch.slips] + [batch.combined.name]
    assert len(set(names)) == len(names) == len(sheet.dossiers) + 1
    assert all(o.error is None for o in outcomes)
    assert sorted(p.name.lower() for p in out.iterdir()) == sorted(names)


def test_slip_numbers(tmp_path, metas):
    headers = ["Số phiếu", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên tổ chức, cá nhân", "Ngày tiếp nhận",
               "Ngày hẹn trả", "Ngày hẹn trả mới", "Lý do chậm trễ"]
    rows = [["15/PXL-BPMC", *dossier_row(1)[1:]], [None, *dossier_row(2)[1:]]]
    sheet = read_dossiers(write_sheet(tmp_path / "x.xlsx", rows, headers=headers))
    meta = metas["apology"]
    assert [slip_number(meta, d, n) for n, d in enumerate(sheet.dossiers, 1)] == ["15/PXL-BPMC", "02/PXL-TTPVHCC"]
