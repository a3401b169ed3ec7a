"""Inputs of the compare, apology and dashboard tests: a second version of seed
001 with known edits (the diff tests' own derivation), and dossier sheets."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.conftest import SEED_PHU_LUC_001
from tests.diff.diff_fixtures import Derived, derive_seed_001
from tthc_docs.extract import extract_path

DERIVED_NAME = "ke-hoach-5755-du-thao-2.json"


@pytest.fixture(scope="session")
def seed_001_derived() -> Derived:
    """Seed 001 as extracted, and a second version with 2 tasks added, 1 removed,
    1 split, 8 modified."""
    return derive_seed_001(extract_path(SEED_PHU_LUC_001))


def table_json(derived: Derived) -> bytes:
    return json.dumps(derived.table.to_dict(), ensure_ascii=False).encode("utf-8")


def zip_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()
