"""``tthc serve``: what it refuses before starting, and the demo corpus it loads.
(The server itself runs in the browser tests, tests/web/test_web_browser.py.)"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from tthc_docs.cli import main
from tthc_docs.cli.serve import demo_documents, load_demo
from tthc_docs.registry import Registry


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_a_reachable_host_without_a_token_is_refused(host: str, tmp_path, monkeypatch):
    monkeypatch.delenv("TTHC_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", host, "--db", f"sqlite:///{tmp_path / 'r.db'}"])
    assert result.exit_code == 2
    assert f"--host {host}" in result.output and "--token" in result.output
    assert not (tmp_path / "r.db").exists()  # refused before anything was opened


def test_serve_help_names_its_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--db", "--token", "--demo"):
        assert option in result.output


def test_demo_documents_are_the_corpus():
    assert sorted(p.name for p in demo_documents()) == sorted(p.name for p in SEEDS)


def test_load_demo_stores_every_corpus_plan_once(tmp_path, capsys):
    with Registry(url=f"sqlite:///{tmp_path / 'demo.db'}") as registry:
        load_demo(registry)
        load_demo(registry)  # a second start adds nothing
        plans = registry.plans()
    assert len(plans) == len(SEEDS) and all(len(p.versions) == 1 for p in plans)
    assert "41 nhiệm vụ" in capsys.readouterr().out
