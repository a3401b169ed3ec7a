"""Screenshots of the web workspace at 1366×768 for docs/ (README).

    .venv/bin/python scripts/web_screenshots.py            # every page
    .venv/bin/python scripts/web_screenshots.py compare    # only docs/web-compare.png

Starts ``tthc serve --demo`` on a throwaway database and a free loopback port,
adds a second version of seed 001 with known edits (the diff tests' derivation),
sets a few statuses, drives Debian's Chromium through Playwright and writes
docs/web-<page>.png for each page named (default: all of ``SHOTS``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "web"), str(ROOT / "tests" / "diff")]

from browser_helpers import chromium, running_server  # noqa: E402
from diff_fixtures import derive_seed_001  # noqa: E402

from tthc_docs.extract import extract_path  # noqa: E402

TOKEN = "screenshots"
OUT = ROOT / "docs"
SEED_001 = ROOT / "corpus" / "ke-hoach-5755-2021-phu-luc-nhiem-vu-468.txt"
STATUSES = ("done", "done", "in_progress", "done", "in_progress", "done")
HEADER = {"parent_body": "Ủy ban nhân dân\ntỉnh An Giang", "issuing_body": "Trung tâm Phục vụ\nhành chính công",
          "issuer_name": "Trung tâm Phục vụ hành chính công tỉnh An Giang", "number": "{seq}/PXL-TTPVHCC",
          "place": "An Giang", "signature_title": "Giám đốc", "signature_name": "Trần Thị B"}


@dataclass(frozen=True)
class Workspace:
    """The demo server with seed 001 in two versions: its URL, the plan id and its tasks."""

    url: str
    plan: int
    tasks: tuple[dict[str, Any], ...]


def _home(page: Any, ws: Workspace) -> None:
    page.goto(f"{ws.url}/")
    page.set_input_files("#file-input", files=[
        {"name": "ke-hoach-5755.txt", "mimeType": "text/plain", "buffer": SEED_001.read_bytes()},
        {"name": "ban-scan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}])
    page.locator(".upload-result.is-error").wait_for()
    page.locator(".upload-result.is-ok").wait_for()


def _plan(page: Any, ws: Workspace) -> None:
    page.goto(f"{ws.url}/plans/{ws.plan}")


def _edit(page: Any, ws: Workspace) -> None:
    page.goto(f"{ws.url}/plans/{ws.plan}")
    page.locator("tr.task").nth(6).get_by_role("button", name="Sửa").click()
    page.locator("tr.editing input[name=deadline]").fill("Trước ngày 30/09/2021")
    page.locator("tr.editing .preview", has_text="30/09/2021").wait_for()
    page.locator("tr.editing").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")


def _render(page: Any, ws: Workspace) -> None:
    page.goto(f"{ws.url}/plans/{ws.plan}/render?kind=decision")


def _history(page: Any, ws: Workspace) -> None:
    page.goto(f"{ws.url}/tasks/{ws.tasks[0]['key']}/history")


def _dashboard(page: Any, ws: Workspace) -> None:
    page.goto(f"{ws.url}/dashboard?as_of=30/06/2025")


def _compare(page: Any, ws: Workspace) -> None:
    page.goto(f"{ws.url}/compare?plan={ws.plan}")
    page.locator("table.diff").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, document.querySelector('#diff-results').offsetTop - 8)")


def _apology(page: Any, ws: Workspace) -> None:
    page.goto(f"{ws.url}/apology")
    page.set_input_files("input[name=sheet]", str(ROOT / "examples" / "ho-so-tre-han.xlsx"))
    for field, value in HEADER.items():
        page.locator(f"[name={field}]").fill(value)
    page.get_by_role("button", name="Xem trước").click()
    page.locator("#preview").wait_for()
    page.evaluate("window.scrollTo(0, document.querySelector('#preview').offsetTop - 8)")


SHOTS: dict[str, Callable[[Any, Workspace], None]] = {
    "home": _home, "plan": _plan, "edit": _edit, "render": _render, "history": _history,
    "dashboard": _dashboard, "compare": _compare, "apology": _apology,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", metavar="PAGE", help=f"pages to shoot (default: all): {', '.join(SHOTS)}")
    parser.add_argument("--out", type=Path, default=OUT, help="folder of the PNG files (default: docs/)")
    args = parser.parse_args()
    names = args.pages or list(SHOTS)
    if unknown := [name for name in names if name not in SHOTS]:
        parser.error(f"unknown page(s) {', '.join(unknown)}; pages: {', '.join(SHOTS)}")
    second = derive_seed_001(extract_path(SEED_001)).table
    with tempfile.TemporaryDirectory() as work, running_server(Path(work) / "demo.sqlite3", TOKEN,
                                                              demo=True) as server, chromium() as browser:
        with server.api() as api:
            plan = next(p["id"] for p in api.get("/api/plans").json()["plans"] if p["number"] == "5755/KH-UBND")
            api.post("/api/documents", data={"version_of": str(plan)}, files={
                "file": ("ke-hoach-5755-du-thao-2.json", json.dumps(second.to_dict(), ensure_ascii=False))})
            tasks = api.get(f"/api/plans/{plan}/tasks").json()["tasks"]
            for task, status in zip(tasks[::7], STATUSES * 4):
                api.patch(f"/api/tasks/{task['key']}", json={"version": task["version"], "status": status})
        workspace = Workspace(server.url, plan, tuple(tasks))
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_default_timeout(60_000)
        page.goto(f"{server.url}/?token={TOKEN}")
        for name in names:
            SHOTS[name](page, workspace)
            page.screenshot(path=str(args.out / f"web-{name}.png"))
    print("written:", ", ".join(str(args.out / f"web-{name}.png") for name in names))


if __name__ == "__main__":
    main()
