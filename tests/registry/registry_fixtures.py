"""Material shared by the registry tests: the corpus, the reviewed seed tables,
and the second version of seed 001 that the diff tests derive with known edits."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
EXTRACT = ROOT / "extract"
sys.path.insert(0, str(ROOT / "tests" / "diff"))

from diff_fixtures import SEED_001_JSON, SEED_002_JSON, derive_seed_001, load_seed_json  # noqa: E402

__all__ = ["CORPUS", "EXTRACT", "SEED_001_JSON", "SEED_002_JSON", "derive_seed_001", "load_seed_json",
           "table_bytes"]


def table_bytes(table) -> bytes:
    return json.dumps(table.to_dict(), ensure_ascii=False).encode("utf-8")
