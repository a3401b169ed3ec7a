"""Screenshots of the web workspace at 1366×768 for docs/ (README).

    .venv/bin/python scripts/web_screenshots.py

Starts ``tthc serve --demo`` on a throwaway database and a free loopback port,
drives Debian's Chromium through Playwright, and writes docs/web-*.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

from browser_helpers import chromium, running_server  # noqa: E402

TOKEN = "screenshots"
OUT = ROOT / "docs"


def main() -> None:
    with tempfile.TemporaryDirectory() as work, running_server(Path(work) / "demo.sqlite3", TOKEN,
                                                              demo=True) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_default_timeout(60_000)
        page.goto(f"{server.url}/?token={TOKEN}")
        with server.api() as api:
            plans = {p["number"]: p["id"] for p in api.get("/api/plans").json()["plans"]}
            plan = plans["5755/KH-UBND"]
            tasks = api.get(f"/api/plans/{plan}/tasks").json()["tasks"]
            for task, status in zip(tasks[:6], ("done", "done", "in_progress", "done", "in_progress", "done")):
                api.patch(f"/api/tasks/{task['key']}", json={"version": task["version"], "status": status})
        page.set_input_files("#file-input", files=[
            {"name": "ke-hoach-5755.txt", "mimeType": "text/plain",
             "buffer": (ROOT / "corpus" / "ke-hoach-5755-2021-phu-luc-nhiem-vu-468.txt").read_bytes()},
            {"name": "ban-scan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}])
        page.locator(".upload-result.is-error").wait_for()
        page.locator(".upload-result.is-ok").wait_for()
        page.screenshot(path=str(OUT / "web-home.png"))
        page.goto(f"{server.url}/plans/{plan}")
        page.screenshot(path=str(OUT / "web-plan.png"))
        page.locator("tr.task").nth(6).get_by_role("button", name="Sửa").click()
        page.locator("tr.editing input[name=deadline]").fill("Trước ngày 30/09/2021")
        page.locator("tr.editing .preview", has_text="30/09/2021").wait_for()
        page.locator("tr.editing").scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -120)")
        page.screenshot(path=str(OUT / "web-edit.png"))
        page.goto(f"{server.url}/plans/{plan}/render?kind=decision")
        page.screenshot(path=str(OUT / "web-render.png"))
        page.goto(f"{server.url}/tasks/{tasks[0]['key']}/history")
        page.screenshot(path=str(OUT / "web-history.png"))
    print("written:", ", ".join(sorted(p.name for p in OUT.glob("web-*.png"))))


if __name__ == "__main__":
    main()
