from __future__ import annotations

import pytest
from diff_fixtures import SEED_001_JSON, load_seed_json

from tthc_docs.models import TaskTable


@pytest.fixture(scope="session")
def seed_001() -> TaskTable:
    """Seed 001 (Kế hoạch 5755/KH-UBND, 41 tasks) as reviewed by the lead."""
    return load_seed_json(SEED_001_JSON)
