"""Fixtures of the web workspace tests: an app on a fresh SQLite registry, a
browser-like client (cookie + CSRF value) and an API client (Bearer token)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SEED_PHU_LUC_001
from tthc_docs.registry import Registry
from tthc_docs.web import create_app
from web_helpers import TOKEN



@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    with Registry(url=f"sqlite:///{tmp_path / 'registry.sqlite3'}") as opened:
        yield opened


@pytest.fixture
def app(registry: Registry):
    return create_app(registry.url, TOKEN, registry=registry, user="can-bo-test")


@pytest.fixture
def csrf(app) -> str:
    return app.state.settings.secrets.csrf


@pytest.fixture
def anonymous(app) -> TestClient:
    """A client without token, cookie or Bearer header."""
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def browser(app) -> TestClient:
    """A client that opened the start-up link, so it holds the session cookie."""
    client = TestClient(app, raise_server_exceptions=False)
    assert client.get(f"/?token={TOKEN}").status_code == 200
    return client


@pytest.fixture
def api(app) -> TestClient:
    return TestClient(app, raise_server_exceptions=False, headers={"Authorization": f"Bearer {TOKEN}"})


@pytest.fixture
def seed_001_bytes() -> bytes:
    return SEED_PHU_LUC_001.read_bytes()


@pytest.fixture
def plan_001(api: TestClient, seed_001_bytes: bytes) -> dict:
    """Seed 001 stored through the API; the 201 body."""
    response = api.post("/api/documents", files={"file": (SEED_PHU_LUC_001.name, seed_001_bytes)})
    assert response.status_code == 201, response.text
    return response.json()

