"""Fixtures of the render tests: the seed-derived task tables (extract/*.json,
reviewed output of `tthc extract` on seeds 001 and 002), the example metadata
files and the shipped templates."""

from __future__ import annotations

import pytest

from render_helpers import EXAMPLES, EXTRACT, SEED_001, SEED_002

from tthc_docs.readers.tasktable import load_task_table
from tthc_docs.render.documents import load_template
from tthc_docs.render.meta import load_meta


def seed_table(name: str):
    return load_task_table(EXTRACT / f"{name}.json")


@pytest.fixture(scope="session")
def seed_001():
    return seed_table(SEED_001)


@pytest.fixture(scope="session")
def seed_001_json():
    return EXTRACT / f"{SEED_001}.json"


@pytest.fixture(scope="session")
def seed_002():
    return seed_table(SEED_002)


@pytest.fixture(scope="session")
def metas():
    return {kind: load_meta(EXAMPLES / f"{kind}.meta.yaml", kind) for kind in ("plan", "decision", "report", "apology")}


@pytest.fixture(scope="session")
def templates():
    return {kind: load_template(kind) for kind in ("plan", "decision", "report", "apology")}
