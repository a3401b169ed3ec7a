from __future__ import annotations

import pytest
from diff_fixtures import SEED_001_JSON, SEED_002_JSON, load_seed_json

from tthc_docs.models import TaskTable


@pytest.fixture(scope="session")
def seed_001() -> TaskTable:
    """Seed 001 (Kế hoạch 5755/KH-UBND, 41 tasks) as reviewed by the lead."""
    return load_seed_json(SEED_001_JSON)


@pytest.fixture(scope="session")
def seed_002() -> TaskTable:
    """Seed 002 (Quyết định 242/QĐ-UBND of An Giang, 126 tasks, 20 KPI rows) as reviewed."""
    return load_seed_json(SEED_002_JSON)
