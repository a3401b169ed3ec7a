"""Every registry test runs twice: on SQLite and on a real PostgreSQL server
(see ``postgres_server``). Without one the PostgreSQL run is skipped with a
message saying how to enable it; with ``CI=true`` it fails instead."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from postgres_server import ENV_URL, HOW_TO, fresh_database, initdb_binary, throwaway_cluster

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    if os.environ.get(ENV_URL):
        yield os.environ[ENV_URL]
        return
    initdb = initdb_binary()
    if initdb is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but no PostgreSQL to test on. {HOW_TO}")
        pytest.skip(HOW_TO)
    with throwaway_cluster(initdb) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty registry database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'registry.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_server")
    with fresh_database(server, f"tthc_test_{os.getpid()}_{next(_counter)}") as url:
        yield url


@pytest.fixture
def registry(db_url: str):
    from tthc_docs.registry import Registry

    with Registry(db_url) as reg:
        yield reg
