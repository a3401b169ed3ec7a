"""Screenshots of the dashboard, compare and apology pages at 1366×768 for docs/.

    .venv/bin/python scripts/web_pages_screenshots.py

Starts ``tthc serve --demo`` on a throwaway database, adds a second version of
seed 001 with known edits (the diff tests' derivation), sets a few statuses,
and drives Debian's Chromium through Playwright; writes docs/web-dashboard.png,
docs/web-compare.png and docs/web-apology.png.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "web"), str(ROOT / "tests" / "diff")]

from browser_helpers import chromium, running_server  # noqa: E402
from diff_fixtures import derive_seed_001  # noqa: E402

from tthc_docs.extract import extract_path  # noqa: E402

TOKEN = "screenshots"
OUT = ROOT / "docs"
SEED_001 = ROOT / "corpus" / "ke-hoach-5755-2021-phu-luc-nhiem-vu-468.txt"
HEADER = {"parent_body": "Ủy ban nhân dân\ntỉnh An Giang", "issuing_body": "Trung tâm Phục vụ\nhành chính công",
          "issuer_name": "Trung tâm Phục vụ hành chính công tỉnh An Giang", "number": "{seq}/PXL-TTPVHCC",
          "place": "An Giang", "signature_title": "Giám đốc", "signature_name": "Trần Thị B"}


def main() -> None:
    second = derive_seed_001(extract_path(SEED_001)).table
    with tempfile.TemporaryDirectory() as work, running_server(Path(work) / "demo.sqlite3", TOKEN,
                                                              demo=True) as server, chromium() as browser:
        with server.api() as api:
            plan = next(p["id"] for p in api.get("/api/plans").json()["plans"] if p["number"] == "5755/KH-UBND")
            api.post("/api/documents", data={"version_of": str(plan)}, files={
                "file": ("ke-hoach-5755-du-thao-2.json", json.dumps(second.to_dict(), ensure_ascii=False))})
            tasks = api.get("/api/plans/1/tasks").json()["tasks"]
            for task, status in zip(tasks[::7], ("done", "done", "in_progress", "done", "in_progress", "done") * 4):
                api.patch(f"/api/tasks/{task['key']}", json={"version": task["version"], "status": status})
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_default_timeout(60_000)
        page.goto(f"{server.url}/?token={TOKEN}")
        page.goto(f"{server.url}/dashboard?as_of=30/06/2025")
        page.screenshot(path=str(OUT / "web-dashboard.png"))
        page.goto(f"{server.url}/compare?plan={plan}")
        page.locator("table.diff").scroll_into_view_if_needed()
        page.evaluate("window.scrollTo(0, document.querySelector('#diff-results').offsetTop - 8)")
        page.screenshot(path=str(OUT / "web-compare.png"))
        page.goto(f"{server.url}/apology")
        page.set_input_files("input[name=sheet]", str(ROOT / "examples" / "ho-so-tre-han.xlsx"))
        for field, value in HEADER.items():
            page.locator(f"[name={field}]").fill(value)
        page.get_by_role("button", name="Xem trước").click()
        page.locator("#preview").wait_for()
        page.evaluate("window.scrollTo(0, document.querySelector('#preview').offsetTop - 8)")
        page.screenshot(path=str(OUT / "web-apology.png"))
    print("written: docs/web-dashboard.png, docs/web-compare.png, docs/web-apology.png")


if __name__ == "__main__":
    main()
