"""Helpers shared by the web tests."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

TOKEN = "test-token-5755"


def tasks_of(api: TestClient, plan: int, **query) -> list[dict]:
    response = api.get(f"/api/plans/{plan}/tasks", params=query)
    assert response.status_code == 200, response.text
    return response.json()["tasks"]


def shown(page: str) -> tuple[str, str]:
    """The Vietnamese detail and the technical detail of the first error on a page."""
    said = re.search(r'<div class="detail">Chi tiết: (.*?)</div>', page, re.S)
    technical = re.search(r'<summary>Chi tiết kỹ thuật</summary><div class="detail">(.*?)</div>', page, re.S)
    assert said and technical, page
    return html.unescape(said.group(1)), html.unescape(technical.group(1))
