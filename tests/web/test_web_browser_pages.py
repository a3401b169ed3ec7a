"""The compare, apology and dashboard pages in a real Chromium against
``tthc serve`` (the harness of test_web_browser)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from page_fixtures import DERIVED_NAME, seed_001_derived, table_json  # noqa: F401  (fixture)
from test_web_browser import browser, open_plan_001, page, server  # noqa: F401  (fixtures)

from browser_helpers import CHROMIUM
from tests.render.render_helpers import DOSSIERS, dossier_row, write_sheet

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="needs Debian's chromium (scripts/test.sh installs it)")


def category_count(page, key: str) -> int:
    return int(page.locator(f'.category[data-category="{key}"] .count').inner_text())


def test_three_statuses_change_the_dashboard_counts(page, server):
    open_plan_001(page)
    page.goto(server.url + "/dashboard")
    page.fill("input[name=as_of]", "01/01/2022")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**as_of=01%2F01%2F2022**")
    before = {k: category_count(page, k) for k in ("done_on_time", "overdue")}
    assert before["done_on_time"] == 0 and before["overdue"] >= 3
    page.goto(server.url + "/plans/1?category=overdue")
    for index in (0, 1, 2):
        row = page.locator("tr.task").nth(index)
        with page.expect_response(lambda r: r.request.method == "PATCH" and r.status == 200):
            row.locator("select.status").select_option("done")
    page.goto(server.url + "/dashboard?as_of=01/01/2022")
    assert category_count(page, "done_on_time") == 3
    assert category_count(page, "overdue") == before["overdue"] - 3


def test_a_second_version_lists_its_changes(page, server, seed_001_derived):
    open_plan_001(page)
    page.goto(server.url + "/")
    page.select_option("select[name=version_of]", "1")
    page.set_input_files("#file-input", files=[{"name": DERIVED_NAME, "mimeType": "application/json",
                                                "buffer": table_json(seed_001_derived)}])
    page.locator(".upload-result.is-ok", has_text=DERIVED_NAME).wait_for()
    page.get_by_role("link", name="So sánh").click()
    page.wait_for_url("**/compare")
    rows = page.locator("table.diff tbody tr")
    assert rows.count() == 12
    assert page.locator("table.diff ins", has_text="Sở Nội vụ").count() >= 1
    # Only the added tasks: the filter swaps the table in place (htmx) and keeps the address.
    for kind in ("modified", "removed", "split"):
        with page.expect_response(lambda r: "/compare?" in r.url and r.status == 200):
            page.locator(f"input[name=kind][value={kind}]").uncheck()
        page.wait_for_function(f"!document.querySelector('input[name=kind][value={kind}]').checked")
    page.wait_for_function("document.querySelectorAll('table.diff tbody tr').length == 2")
    assert "kind=added" in page.url and "kind=modified" not in page.url  # a link to this view
    assert page.locator("table.diff tbody tr.added").count() == 2
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (theo dõi thay đổi)").click()
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"


def test_a_dossier_sheet_gives_a_zip_with_one_slip_per_good_row(page, server, tmp_path):
    rows = [dossier_row(n) for n in range(1, 8)]
    rows[4] = dossier_row(5, **{"Mã hồ sơ": None})
    sheet = write_sheet(tmp_path / "ho-so.xlsx", rows)
    page.goto(server.url + "/apology")
    page.set_input_files("input[name=sheet]", str(sheet))
    for field, value in (("issuing_body", "Trung tâm Phục vụ\nhành chính công"),
                         ("issuer_name", "Trung tâm Phục vụ hành chính công tỉnh An Giang"),
                         ("place", "An Giang"), ("signature_title", "Giám đốc"), ("signature_name", "Trần Thị B")):
        page.locator(f"[name={field}]").fill(value)
    page.get_by_role("button", name="Xem trước").click()
    page.locator("#preview").wait_for()
    assert page.locator("tr.ok").count() == 6 and page.locator("tr.problem").count() == 1
    assert "Mã hồ sơ" in page.locator("tr.problem").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp ZIP (6 phiếu)").click()
    with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as archive:
        names = archive.namelist()
    assert len([n for n in names if n.startswith("phieu/")]) == 6 and "phieu-xin-loi-tat-ca.docx" in names


def test_the_example_sheet_with_a_missing_header_field(page, server):
    page.goto(server.url + "/apology")
    page.set_input_files("input[name=sheet]", str(DOSSIERS))
    page.get_by_role("button", name="Xem trước").click()
    error = page.locator(".alert-error")
    error.wait_for()
    assert "Dữ liệu không hợp lệ" in error.inner_text() and "Traceback" not in page.content()
