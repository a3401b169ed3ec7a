"""create_app on its own: a registry opened from a URL, tokens, the navigation."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tthc_docs.web import create_app
from tthc_docs.web.app import NAV, ROUTERS


def test_an_app_opens_its_registry_from_the_url(tmp_path: Path):
    app = create_app(f"sqlite:///{tmp_path / 'own.sqlite3'}", "t0ken")
    with TestClient(app, headers={"Authorization": "Bearer t0ken"}) as client:
        assert client.get("/api/plans").json() == {"plans": []}
        assert app.state.registry is not None
    assert (tmp_path / "own.sqlite3").exists()


def test_without_a_token_each_app_makes_its_own(tmp_path: Path):
    first = create_app(f"sqlite:///{tmp_path / 'a.sqlite3'}").state.settings.secrets.token
    second = create_app(f"sqlite:///{tmp_path / 'a.sqlite3'}").state.settings.secrets.token
    assert len(first) >= 24 and first != second


def test_the_navigation_shows_the_areas_that_exist(browser: TestClient):
    html = browser.get("/").text
    for path, label, module in NAV:
        assert (f'href="{path}"' in html) is (module in ROUTERS), label
    assert "Trang chủ" in html
