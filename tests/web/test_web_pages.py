"""The pages, as a browser gets them: home and upload, the plan table with its
filters, editing in place, the deadline preview, sources, history, rendering."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from fastapi.testclient import TestClient

from tests.conftest import SEED_PHU_LUC_001
from tests.registry.registry_fixtures import add_three_versions
from tests.test_wording import EVENTS
from tthc_docs.registry import Actor, Registry, Via
from tthc_docs.registry.versions import TaskEvent
from tthc_docs.web.routers.tasks import shown_value
from web_helpers import tasks_of

HTMX = {"HX-Request": "true"}


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="task[^"]*" data-key="([^"]+)"', html)


def test_home_before_and_after_an_upload(browser: TestClient, csrf: str):
    empty = browser.get("/")
    assert empty.status_code == 200 and "Chưa có kế hoạch nào" in empty.text
    assert 'src="/static/htmx.min.js"' in empty.text and "Kéo và thả" in empty.text
    for label in ("Trang chủ",):
        assert label in empty.text
    result = browser.post("/upload", files={"files": (SEED_PHU_LUC_001.name, SEED_PHU_LUC_001.read_bytes())},
                          data={"csrf_token": csrf}, headers=HTMX)
    assert result.status_code == 200
    assert '<strong class="task-count">41</strong>' in result.text and "<html" not in result.text
    home = browser.get("/").text
    assert "5755/KH-UBND" in home and "Chưa có kế hoạch nào" not in home
    assert re.search(r'<td class="num">41</td>\s*</tr>', home)  # the total of the status counts


def test_a_batch_goes_on_past_a_broken_file(browser: TestClient, csrf: str):
    files = [("files", ("hong.docx", b"PK\x03\x04 not a Word file")),
             ("files", (SEED_PHU_LUC_001.name, SEED_PHU_LUC_001.read_bytes())),
             ("files", ("trong.txt", b""))]
    page = browser.post("/upload", files=files, data={"csrf_token": csrf})
    assert page.status_code == 200
    assert page.text.count("upload-result is-error") == 2 and page.text.count("upload-result is-ok") == 1
    assert "Tệp bị hỏng hoặc không mở được" in page.text and "Tệp trống" in page.text
    assert "Traceback" not in page.text
    assert len(browser.get("/api/plans", headers={"X-CSRF-Token": csrf}).json()["plans"]) == 1


def test_plan_page_lists_every_task_with_warnings_beside_them(browser: TestClient, plan_001: dict):
    page = browser.get(f"/plans/{plan_001['plan']}")
    assert page.status_code == 200
    assert len(rows(page.text)) == 41
    assert page.text.count('class="section-row"') == 3
    # The gazetteer warning about task I.15 sits in I.15's row.
    i15 = re.search(r'<td class="id">I\.15</td>(.*?)</tr>', page.text, re.S).group(1)
    assert "Đơn vị cung cấp sản phẩm/ dịch vụ" in i15 and "⚠" in i15
    assert '<datalist id="agencies">' in page.text and '<option value="Sở Tư pháp">' in page.text


@pytest.mark.parametrize("query, expected", [
    ({"section": "Năm 2022"}, 9),
    ({"section": "Năm 2023 - 2025"}, 8),
    ({"q": "Dịch vụ công"}, None),
    ({"agency": "Sở Tư pháp"}, None),
])
def test_plan_filters(browser: TestClient, api: TestClient, plan_001: dict, query: dict, expected: int | None):
    plan = plan_001["plan"]
    page = browser.get(f"/plans/{plan}", params=query, headers={**HTMX, "HX-Target": "task-table"})
    assert page.status_code == 200 and "<html" not in page.text
    shown = rows(page.text)
    if expected is None:  # filtered by the registry: the same tasks as the API gives
        api_query = {"agency": query["agency"]} if "agency" in query else {"q": query["q"]}
        expected = len(tasks_of(api, plan, **api_query))
        assert expected > 0
    assert len(shown) == expected


def test_category_filter_and_sorting(browser: TestClient, api: TestClient, plan_001: dict):
    plan = plan_001["plan"]
    undated = [t for t in tasks_of(api, plan) if t["category"] == "no_deadline"]
    page = browser.get(f"/plans/{plan}", params={"category": "no_deadline"})
    assert sorted(rows(page.text)) == sorted(t["key"] for t in undated)
    by_due = browser.get(f"/plans/{plan}", params={"sort": "due"}).text
    dues = [tuple(reversed(d.split("/"))) for d in re.findall(r"Hạn: (\d\d/\d\d/\d{4})", by_due)]
    assert dues and dues == sorted(dues)
    newest_first = browser.get(f"/plans/{plan}", params={"sort": "due", "dir": "desc"}).text
    first_due = re.search(r"Hạn: (\d\d/\d\d/\d{4})", newest_first).group(1)
    assert tuple(reversed(first_due.split("/"))) == max(dues)


def test_edit_in_place_then_a_stale_edit_is_shown(browser: TestClient, csrf: str, plan_001: dict):
    key = tasks_of(browser, plan_001["plan"])[0]["key"]
    form = browser.get(f"/tasks/{key}/edit", headers=HTMX).text
    assert 'name="version" value="1"' in form and "Xây dựng Kế hoạch" in form
    headers = {**HTMX, "X-CSRF-Token": csrf}
    saved = browser.patch(f"/tasks/{key}", headers=headers, data={
        "version": "1", "content": "Xây dựng Kế hoạch triển khai Đề án", "lead": "Sở Tư pháp",
        "coordinating": "Sở Nội vụ; Sở Tài chính", "deadline": "Trước ngày 30/06/2021", "status": "in_progress",
        "completed_on": "", "note": "Đã có dự thảo"})
    assert saved.status_code == 200, saved.text
    assert '<td class="lead" data-field="lead">Sở Tư pháp</td>' in saved.text and "Hạn: 30/06/2021" in saved.text
    assert "Ghi chú: Đã có dự thảo" in saved.text and "saved-flash" in saved.text
    stale = browser.patch(f"/tasks/{key}", headers=headers, data={
        "version": "1", "content": "Nội dung của người thứ hai", "lead": "Sở Y tế", "coordinating": "",
        "deadline": "", "status": "not_started", "completed_on": "", "note": ""})
    assert stale.status_code == 409
    assert "vừa được người khác sửa" in stale.text
    assert "Nội dung của người thứ hai" in stale.text  # the clerk's text is kept in the form
    assert 'name="version" value="2"' in stale.text  # ready to save again over the current version
    assert tasks_of(browser, plan_001["plan"])[0]["lead"] == ["Sở Tư pháp"]


def test_status_select_saves_alone(browser: TestClient, csrf: str, plan_001: dict):
    key = tasks_of(browser, plan_001["plan"])[3]["key"]
    row = browser.patch(f"/tasks/{key}", data={"version": "1", "status": "done"},
                        headers={**HTMX, "X-CSRF-Token": csrf})
    assert row.status_code == 200
    assert '<option value="done" selected>' in row.text and "Hoàn thành" in row.text
    stale = browser.patch(f"/tasks/{key}", data={"version": "1", "status": "in_progress"},
                          headers={**HTMX, "X-CSRF-Token": csrf})
    assert stale.status_code == 409 and "vừa được người khác sửa" in stale.text
    assert '<option value="done" selected>' in stale.text


def test_a_bad_date_in_the_form_is_shown_not_saved(browser: TestClient, csrf: str, plan_001: dict):
    key = tasks_of(browser, plan_001["plan"])[0]["key"]
    response = browser.patch(f"/tasks/{key}", headers={**HTMX, "X-CSRF-Token": csrf}, data={
        "version": "1", "content": "Xây dựng Kế hoạch", "lead": "", "coordinating": "", "deadline": "",
        "status": "done", "completed_on": "30/02/2021", "note": ""})
    assert response.status_code == 422
    assert "Dữ liệu không hợp lệ" in response.text and "30/02/2021" in response.text
    assert tasks_of(browser, plan_001["plan"])[0]["version"] == 1


@pytest.mark.parametrize("text, shown", [
    ("Trước ngày 15/12/2024", "Hạn đọc được: <strong>15/12/2024</strong>"),
    ("chậm nhất ngày 15/11/2024", "Hạn đọc được: <strong>15/11/2024</strong>"),
    ("Quý IV/2021", "Hạn đọc được: <strong>31/12/2021</strong>"),
    ("Tháng 5/2021", "Hạn đọc được: <strong>31/05/2021</strong>"),
    ("Năm 2025", "Hạn đọc được: <strong>31/12/2025</strong>"),
    ("Trong tháng 4", "Hạn đọc được: <strong>30/04/2021</strong>"),  # the plan's year (27/05/2021)
    ("Hằng tháng", "định kỳ"),
    ("Thường xuyên", "Không đọc được ngày cụ thể"),
    ("", "Chưa nhập thời hạn"),
])
def test_deadline_preview(browser: TestClient, text: str, shown: str):
    response = browser.get("/deadline-preview", params={"deadline": text, "reference": "2021-05-27"}, headers=HTMX)
    assert response.status_code == 200 and shown in response.text


def test_source_on_demand_and_history(browser: TestClient, csrf: str, plan_001: dict):
    task = tasks_of(browser, plan_001["plan"])[0]
    source = browser.get(f"/tasks/{task['key']}/source", headers=HTMX).text
    assert f"dòng {task['source']['line']}" in source and SEED_PHU_LUC_001.name in source
    browser.patch(f"/tasks/{task['key']}", data={"version": "1", "status": "done", "completed_on": "02/06/2021"},
                  headers={"X-CSRF-Token": csrf})
    history = browser.get(f"/tasks/{task['key']}/history").text
    assert "Giao diện web" in history and "can-bo-test" in history and "02/06/2021" in history
    assert "Trạng thái" in history and "Ngày hoàn thành" in history and "Đã hoàn thành" in history
    assert "thêm mới ở phiên bản 1" in history and "Trích xuất" in history


def test_history_tells_a_task_life_in_vietnamese_and_the_api_in_english(browser: TestClient, api: TestClient,
                                                                         registry: Registry):
    keys = add_three_versions(registry, Actor("lan", Via.CLI))
    split_from = f"tách ra ở phiên bản 2 từ {keys['split']}"
    expected = {
        "removed": [("1", "—", "thêm mới ở phiên bản 1"), ("2", "phiên bản 1", "bị bỏ ở phiên bản 2")],
        "split": [("1", "—", "thêm mới ở phiên bản 1"), ("2", "—", "tách ở phiên bản 2 thành I.2 | I.3"),
                  ("3", "—", "gộp ở phiên bản 3 với 1 nhiệm vụ khác")],
        "piece": [("2", "—", split_from), ("3", "phiên bản 2", "được gộp ở phiên bản 3")],
    }
    for name, cells in expected.items():
        page = browser.get(f"/tasks/{keys[name]}/history").text
        assert re.findall(r'<td class="num">(\d*)</td><td>Nhiệm vụ</td>\s*<td>(.*?)</td><td>(.*?)</td>', page) == cells
    changes = api.get(f"/api/tasks/{keys['piece']}/history").json()["changes"]
    assert [(c["old"], c["new"], c["old_event"], c["new_event"]) for c in changes if c["field"] == "task"] == [
        (None, f"split off in version 2 from {keys['split']}", None,
         {"kind": "split_off_from", "version": 2, "pieces": "", "others": 0, "source": keys["split"]}),
        ("version 2", "merged in version 3",
         {"kind": "in_version", "version": 2, "pieces": "", "others": 0, "source": ""},
         {"kind": "merged_away", "version": 3, "pieces": "", "others": 0, "source": ""}),
    ]


@pytest.mark.parametrize("field, value, shown", [
    ("status", "in_progress", "Đang thực hiện"),
    ("status", "not_started", "Chưa thực hiện"),
    ("completed_on", "2025-07-01", "01/07/2025"),
    ("lead", "Sở Tư pháp; Sở Nội vụ", "Sở Tư pháp; Sở Nội vụ"),
    ("note", None, "—"),
])
def test_history_values_in_vietnamese(field: str, value: str | None, shown: str):
    assert shown_value(field, value) == shown


@pytest.mark.parametrize("event, shown", [(event, vietnamese) for event, _, vietnamese in EVENTS])
def test_task_life_events_in_vietnamese(event: TaskEvent, shown: str):
    # the page words the stored event, not the stored English text
    assert shown_value("task", "added in version 9", event) == shown


@pytest.mark.parametrize("path, words", [
    ("/plans/999", "Không có kế hoạch số 999"),
    ("/tasks/P999-1/history", "Không tìm thấy"),
    ("/nowhere", "Không tìm thấy trang này"),
])
def test_missing_things_are_404_in_vietnamese(browser: TestClient, plan_001: dict, path: str, words: str):
    response = browser.get(path)
    assert response.status_code == 404 and words in response.text and "Traceback" not in response.text


def test_render_form_is_prefilled_and_renders_a_plan(browser: TestClient, csrf: str, plan_001: dict):
    plan = plan_001["plan"]
    form = browser.get(f"/plans/{plan}/render", params={"kind": "plan"}).text
    assert 'value="5755/KH-UBND"' in form and 'value="27/05/2021"' in form
    values = {"csrf_token": csrf, "kind": "plan", "version": "1", "output": "docx",
              "issuing_body": "Ủy ban nhân dân\ntỉnh Thừa Thiên Huế", "issuer_name": "Ủy ban nhân dân tỉnh",
              "number": "5755/KH-UBND", "place": "Thừa Thiên Huế", "date": "27/05/2021",
              "subject": "Triển khai thực hiện Quyết định số 468/QĐ-TTg",
              "body": "Mục đích, yêu cầu\nNâng cao chất lượng giải quyết thủ tục hành chính.\n\nTổ chức thực hiện\n"
                      "Các sở, ban, ngành triển khai Kế hoạch này.",
              "signature_authority": "TM. Ủy ban nhân dân\nKT. Chủ tịch", "signature_title": "Phó Chủ tịch",
              "signature_name": "Nguyễn Văn Phương", "recipients": "Như trên;\nLưu: VT."}
    response = browser.post(f"/plans/{plan}/render", data=values)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Triển khai thực hiện Quyết định số 468/QĐ-TTg" in text and "Nguyễn Văn Phương" in cells
    assert "Xây dựng Kế hoạch, các văn bản chỉ đạo" in cells


def test_render_with_missing_fields_says_which(browser: TestClient, csrf: str, plan_001: dict):
    response = browser.post(f"/plans/{plan_001['plan']}/render", data={
        "csrf_token": csrf, "kind": "decision", "version": "1", "number": "12/QĐ-UBND", "place": "Huế",
        "date": "01/06/2021", "issuing_body": "UBND tỉnh", "recipients": "Lưu: VT"})
    assert response.status_code == 422
    assert "Dữ liệu không hợp lệ" in response.text
    for key in ("signature.name", "legal_bases", "articles", "authority_heading"):
        assert key in response.text
    assert 'value="12/QĐ-UBND"' in response.text  # what the clerk typed stays


@pytest.mark.soffice
def test_render_pdf(browser: TestClient, csrf: str, plan_001: dict):
    plan = plan_001["plan"]
    values = {"csrf_token": csrf, "kind": "report", "version": "1", "output": "pdf",
              "issuing_body": "Văn phòng UBND tỉnh", "number": "45/BC-VP", "place": "Huế", "date": "03/07/2021",
              "as_of": "01/07/2021", "subject": "Tình hình thực hiện Kế hoạch 5755/KH-UBND",
              "signature_title": "Chánh Văn phòng", "signature_name": "Trần Văn B", "recipients": "Lưu: VT"}
    response = browser.post(f"/plans/{plan}/render", data=values)
    assert response.status_code == 200, response.text[:500]
    assert response.content.startswith(b"%PDF")


def test_categories_as_of_a_date(browser: TestClient, plan_001: dict):
    plan = plan_001["plan"]
    early = browser.get(f"/plans/{plan}", params={"as_of": "01/01/2021", "category": "overdue"}).text
    late = browser.get(f"/plans/{plan}", params={"as_of": "01/07/2021", "category": "overdue"}).text
    assert rows(early) == []  # nothing of a plan of 27/05/2021 is late on 01/01/2021
    assert "I.1" in re.findall(r'<td class="id">([^<]+)</td>', late)  # due Tháng 5/2021
    bad = browser.get(f"/plans/{plan}", params={"as_of": "31/13/2021"})
    assert bad.status_code == 422 and "31/13/2021" in bad.text
