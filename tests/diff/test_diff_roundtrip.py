"""A table compared with itself written to XLSX (and read back) has no changes,
though the sheet carries targets and deadlines as text."""

from tthc_docs.diff import diff_tables
from tthc_docs.readers.tasktable import load_task_table
from tthc_docs.writers import write_table
from tests.conftest import ROOT


def test_json_against_its_own_xlsx_has_no_changes(tmp_path):
    source = load_task_table(ROOT / "extract" / "ke-hoach-5755-2021-phu-luc-nhiem-vu-468.json")
    sheet = tmp_path / "ke-hoach.xlsx"
    sheet.write_bytes(write_table(source, "xlsx"))
    result = diff_tables(source, load_task_table(sheet))
    assert result.summary["unchanged"] == 41
    assert sum(count for status, count in result.summary.items() if status != "unchanged") == 0
