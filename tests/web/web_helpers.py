"""Helpers shared by the web tests."""

from __future__ import annotations

from fastapi.testclient import TestClient

TOKEN = "test-token-5755"


def tasks_of(api: TestClient, plan: int, **query) -> list[dict]:
    response = api.get(f"/api/plans/{plan}/tasks", params=query)
    assert response.status_code == 200, response.text
    return response.json()["tasks"]
