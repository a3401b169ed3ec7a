"""The workspace in a real Chromium (Debian's, driven by Playwright) against
``tthc serve`` on a free loopback port: what a clerk does, click by click."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_helpers import CHROMIUM, chromium, running_server
from tests.conftest import SEED_PHU_LUC_001

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="needs Debian's chromium (scripts/test.sh installs it)")
TOKEN = "browser-test-token"


@pytest.fixture(scope="module")
def browser():
    with chromium() as opened:
        yield opened


@pytest.fixture
def server(tmp_path: Path):
    with running_server(tmp_path / "registry.sqlite3", TOKEN) as started:
        yield started


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    # What the page itself reported (script errors, failed requests), for a failure's message.
    opened.reported = []
    opened.on("console", lambda message: opened.reported.append(f"console {message.type}: {message.text}"))
    opened.on("pageerror", lambda error: opened.reported.append(f"page error: {error}"))
    opened.on("requestfailed", lambda request: opened.reported.append(
        f"request failed: {request.method} {request.url} {request.failure}"))
    opened.goto(f"{server.url}/?token={TOKEN}")
    yield opened
    context.close()


def upload(page, name: str, data: bytes) -> None:
    page.set_input_files("#file-input", files=[{"name": name, "mimeType": "text/plain", "buffer": data}])


def drop(page, name: str, data: bytes) -> None:
    """Drop a file on the drop zone as a dragged file would arrive."""
    page.evaluate("""([name, bytes]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name));
        const zone = document.getElementById("drop-zone");
        zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }""", [name, list(data)])


def open_plan_001(page) -> None:
    upload(page, SEED_PHU_LUC_001.name, SEED_PHU_LUC_001.read_bytes())
    page.locator(".upload-result.is-ok .task-count").wait_for()
    assert page.locator(".upload-result.is-ok .task-count").inner_text() == "41"
    page.locator("#plans a", has_text="5755/KH-UBND").click()  # the list refreshed itself
    page.wait_for_url("**/plans/*")


def wait_for_focus(page, name: str) -> None:
    """Until the field ``name`` has the focus: htmx focuses an edit form's autofocus field
    once it has wired the form's requests, so a click before then would post natively."""
    page.wait_for_function("name => document.activeElement && document.activeElement.name === name", arg=name)


def open_editor(page, row) -> None:
    row.get_by_role("button", name="Sửa").click()
    wait_for_focus(page, "content")


def test_upload_seed_001_gives_41_rows(page):
    assert page.url.endswith("/")  # the token left the address bar for the cookie
    open_plan_001(page)
    assert page.locator("tr.task").count() == 41
    assert page.locator("#shown-count").inner_text() == "41"
    # Filters apply as the clerk types or picks, and the address keeps them.
    page.locator("select[name=section]").select_option("Năm 2022")
    page.locator("#shown-count", has_text="9").wait_for()
    assert page.locator("tr.task").count() == 9 and "section=" in page.url
    page.locator("select[name=section]").select_option("")
    page.locator("#shown-count", has_text="41").wait_for()
    with page.expect_response(lambda r: "q=d" in r.url):
        page.locator("input[name=q]").fill("dịch vụ công")
    page.wait_for_function("document.querySelector('#shown-count').textContent !== '41'")
    shown = page.locator("tr.task td.content")
    assert shown.count() > 0 and all("dịch vụ công" in t.lower() for t in shown.all_inner_texts())
    page.get_by_role("link", name="Thời hạn").click()  # sort by due date
    page.wait_for_url("**sort=due**")


def test_edit_a_lead_in_place_survives_reload_and_export(page, server):
    open_plan_001(page)
    open_editor(page, page.locator("tr.task").first)
    form = page.locator("tr.editing form")
    form.locator("input[name=lead]").fill("Sở Tư pháp")
    form.locator("input[name=deadline]").fill("Trước ngày 15/07/2021")
    page.locator("tr.editing .preview", has_text="15/07/2021").wait_for()  # parsed while typing
    with page.expect_response(lambda r: r.request.method == "PATCH") as saved:
        form.get_by_role("button", name="Lưu").click()
    assert saved.value.status == 200
    try:
        page.locator("tr.task.saved-flash td.lead", has_text="Sở Tư pháp").wait_for(timeout=20_000)
    except PlaywrightTimeout:
        rows = page.evaluate("Array.from(document.querySelectorAll('#task-table tr')).slice(0, 3)"
                             ".map(row => row.outerHTML.slice(0, 400))")
        raise AssertionError(f"the saved row was not swapped in; PATCH answered {saved.value.text()[:600]!r}; "
                             f"first rows now {rows}; the page reported {page.reported}") from None
    page.reload()
    assert page.locator("tr.task").first.locator("td.lead").inner_text() == "Sở Tư pháp"
    assert "15/07/2021" in page.locator("tr.task").first.locator("td.deadline").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))["Nhiệm vụ"]
    header, first_row = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
    assert dict(zip(header, first_row))["Cơ quan chủ trì"] == "Sở Tư pháp"


def test_a_double_click_edits_that_cell(page):
    open_plan_001(page)
    second = page.locator("tr.task").nth(1)
    key = second.get_attribute("data-key")
    second.locator("td.lead").dblclick()
    editing = page.locator(f'tr.editing[data-key="{key}"]')
    editing.wait_for()
    wait_for_focus(page, "lead")
    editing.get_by_role("button", name="Hủy").click()
    page.locator(f'tr.task[data-key="{key}"]').wait_for()
    assert page.locator("tr.editing").count() == 0


def test_three_statuses_change_the_counts(page, server):
    open_plan_001(page)
    for index in (1, 2, 3):
        row = page.locator("tr.task").nth(index)
        with page.expect_response(lambda r: r.request.method == "PATCH" and r.status == 200):
            row.locator("select.status").select_option("done")
    page.reload()
    statuses = [page.locator("tr.task").nth(i).locator("select.status").input_value() for i in range(5)]
    assert statuses == ["not_started", "done", "done", "done", "not_started"]
    # Done without a completion date counts as on time (render.yaml); the home page says so.
    page.goto(server.url + "/")
    assert page.locator("#plans td[data-category=done_on_time]").inner_text() == "3"
    page.goto(server.url + "/plans/1?category=done_on_time")
    assert page.locator("tr.task").count() == 3


def test_a_broken_file_shows_an_error_and_stores_nothing(page, server):
    drop(page, "hong.docx", b"PK\x03\x04 not really a Word file")
    error = page.locator(".upload-result.is-error")
    error.wait_for()
    assert "hong.docx" in error.inner_text() and "Tệp bị hỏng" in error.inner_text()
    assert "Traceback" not in page.content()
    with server.api() as api:
        assert api.get("/api/plans").json() == {"plans": []}
    assert page.locator("#plans").inner_text().strip().startswith("Chưa có kế hoạch")


def test_a_stale_edit_is_shown_not_saved(page, server):
    open_plan_001(page)
    open_editor(page, page.locator("tr.task").first)
    with server.api() as api:  # someone else saves first
        key = api.get("/api/plans/1/tasks").json()["tasks"][0]["key"]
        assert api.patch(f"/api/tasks/{key}", json={"version": 1, "note": "Người khác sửa"}).status_code == 200
    form = page.locator("tr.editing form")
    form.locator("input[name=lead]").fill("Sở Y tế")
    form.get_by_role("button", name="Lưu").click()
    page.locator("tr.editing .alert-error", has_text="vừa được người khác sửa").wait_for()
    with server.api() as api:
        task = api.get(f"/api/tasks/{key}").json()
    assert task["note"] == "Người khác sửa" and task["lead"] != ["Sở Y tế"]
