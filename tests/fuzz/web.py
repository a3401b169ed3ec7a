"""Fuzz commands that reach the toolkit through the web workspace: a damaged file
posted to an upload endpoint through the in-process ASGI client, the way a
browser (or a script with the token) sends it.

``main(["upload", FILE, DB])`` and its siblings run in the fuzz runner's forked
child like a ``tthc`` command line, and end the same way: exit 0 when the
workspace accepted the file, exit 1 with one ``Error:`` line (the Vietnamese
sentence the page or the JSON shows, and its detail) when it refused it with a
4xx, and a traceback-like report (exit 3) for anything else: a 500, a traceback
in the body, a refusal without the toolkit's message, a status no route gives.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

TOKEN = "fuzz-token"
# The Vietnamese detail when the error carries one, else the toolkit's own message
# (collapsed under "Chi tiết kỹ thuật").
_ALERT = re.compile(r'<div class="alert alert-error" role="alert">\s*<strong>(?P<summary>.*?)</strong>\s*'
                    r'(?:<div class="detail">Chi tiết: (?P<detail>.*?)</div>)?\s*'
                    r'(?:<details class="technical"><summary>Chi tiết kỹ thuật</summary>'
                    r'<div class="detail">(?P<technical>.*?)</div>)?', re.S)
APOLOGY_FIELDS = {"issuing_body": "Trung tâm Phục vụ\nhành chính công",
                  "parent_body": "Ủy ban nhân dân\ntỉnh An Giang",
                  "issuer_name": "Trung tâm Phục vụ hành chính công tỉnh An Giang",
                  "number": "{seq}/PXL-TTPVHCC",
                  "place": "An Giang", "date": "05/02/2025", "signature_title": "Giám đốc",
                  "signature_name": "Trần Thị B", "recipients": "Như trên;\nLưu: VT."}


class Unclean(Exception):
    """The workspace answered in a way no user should see."""


def _sentences() -> tuple[str, ...]:
    from tthc_docs.web.messages import _BY_CLASS

    return tuple(_BY_CLASS.values())


def _told(summary: str) -> bool:
    """The summary is one of the toolkit's Vietnamese sentences (a compare page
    puts which side and which file before it)."""
    return any(summary.endswith(sentence) for sentence in _sentences())


def _page_error(body: str, status: int) -> str:
    found = _ALERT.search(body)
    if found is None:
        raise Unclean(f"HTTP {status} without the error box")
    summary = html.unescape(found["summary"]).strip()
    detail = html.unescape(found["detail"] or found["technical"] or "").strip()
    if status != 413 and not _told(summary):
        raise Unclean(f"HTTP {status} with an error that is not the toolkit's: {summary!r}")
    return f"{summary} — {detail}" if detail else summary


def _files(paths: list[Path], *fields: str) -> list[tuple[str, tuple[str, bytes]]]:
    return [(field, (path.name, path.read_bytes())) for field, path in zip(fields, paths, strict=True)]


def _check(response, expected: tuple[int, ...]) -> None:
    if response.status_code >= 500 or "Traceback" in response.text:
        raise Unclean(f"HTTP {response.status_code}:\n{response.text[-3000:]}")
    if response.status_code not in expected and not 400 <= response.status_code < 500:
        raise Unclean(f"HTTP {response.status_code}, expected one of {expected}")


def _refused(response, what: str) -> str:
    """The error line of a 4xx answer (413: the request, sent for ``what``, was too big)."""
    text = _page_error(response.text, response.status_code)
    if response.status_code == 413:
        return f"{what}: {text}"
    return text


def _post(client, route: str, files: list[Path]) -> str | None:
    """Post to ``route``; None when accepted, else the error as the user reads it."""
    if route == "upload":
        response = client.post("/upload", files=_files(files, "files"), headers={"HX-Request": "true"})
        _check(response, (200,))
        if response.status_code != 200:
            return _refused(response, files[0].name)
        if 'class="upload-result is-error"' in response.text:
            return _page_error(response.text, response.status_code)
        if 'class="upload-result is-ok"' not in response.text:
            raise Unclean("HTTP 200 without an upload result")
        return None
    if route == "api-upload":
        response = client.post("/api/documents", files=_files(files, "file"))
        _check(response, (201,))
        if response.status_code == 201:
            return None
        answer = response.json()
        if not isinstance(answer, dict) or "error" not in answer:
            raise Unclean(f"HTTP {response.status_code} without an error: {response.text[:500]}")
        if response.status_code != 413 and not _told(answer.get("message", "")):
            raise Unclean(f"HTTP {response.status_code} with a message that is not the toolkit's: {answer}")
        return f"{answer.get('message', '')} — {answer['error']}"
    if route == "compare":
        response = client.post("/compare/upload", files=_files(files, "old_file", "new_file"))
        _check(response, (200,))  # the redirect to the comparison, followed
        return None if response.status_code == 200 else _refused(response, files[-1].name)
    if route == "apology":
        response = client.post("/apology", files=_files(files, "sheet"),
                               data=APOLOGY_FIELDS)
        _check(response, (200,))
        if response.status_code != 200:
            return _refused(response, files[0].name)
        key = re.search(r'name="key" value="([^"]+)"', response.text)
        if key is None:
            raise Unclean("HTTP 200 without the slips' key")
        response = client.post("/apology/zip", data={"key": key[1]})
        _check(response, (200,))
        return None if response.status_code == 200 else _refused(response, files[0].name)
    raise KeyError(route)


def main(args: list[str]) -> int:
    """``ROUTE FILE… DB``: post the files to ROUTE of a workspace on the SQLite file DB."""
    from fastapi.testclient import TestClient

    from tthc_docs.registry import Registry
    from tthc_docs.web import create_app

    route, *files, database = args
    with Registry(url=f"sqlite:///{database}") as registry:
        app = create_app(registry.url, TOKEN, registry=registry, user="fuzz")
        client = TestClient(app, raise_server_exceptions=False, headers={"Authorization": f"Bearer {TOKEN}"})
        try:
            error = _post(client, route, [Path(f) for f in files])
        except Unclean as exc:
            print(f"Traceback (unclean answer from {route}): {exc}", file=sys.stderr)
            return 3
    if error is not None:
        print(f"Error: {' '.join(error.split())}", file=sys.stderr)
        return 1
    print(f"{route}: accepted")
    return 0
