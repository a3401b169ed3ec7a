"""Material shared by the registry tests: the corpus, the reviewed seed tables,
and the second version of seed 001 that the diff tests derive with known edits."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
EXTRACT = ROOT / "extract"
sys.path.insert(0, str(ROOT / "tests" / "diff"))

from diff_fixtures import (SEED_001_JSON, SEED_002_JSON, derive_seed_001, load_seed_json,  # noqa: E402
                           renumber)

__all__ = ["CORPUS", "EXTRACT", "SEED_001_JSON", "SEED_002_JSON", "add_three_versions", "derive_seed_001",
           "load_seed_json", "table_bytes"]


def table_bytes(table) -> bytes:
    return json.dumps(table.to_dict(), ensure_ascii=False).encode("utf-8")


def add_three_versions(registry, actor) -> dict[str, str]:
    """Seed 001, then its derived second version (I.10 removed, I.2 split in two,
    two tasks added), then a third that merges the two pieces of I.2 back into
    one task. The keys of the tasks whose lives this tells: ``removed`` (I.10),
    ``split`` (I.2, which keeps its key through the split and the merge) and
    ``piece`` (the second piece, split off in version 2, merged away in 3)."""
    seed = load_seed_json(SEED_001_JSON)
    derived = derive_seed_001(seed)
    first = registry.add(Path(SEED_001_JSON), actor=actor)
    keys = {r.task.id: r.key for r in registry.tasks(plan=first.plan)}
    registry.add(Path(derived.table.source), data=table_bytes(derived.table), actor=actor)
    first_piece, second_piece = derived.split[1]
    whole = next(t for t in seed.tasks if t.id == "I.2").content
    merged = [replace(t, content=whole) if t.content == first_piece else t
              for t in derived.table.tasks if t.content != second_piece]
    piece = next(r.key for r in registry.tasks(plan=first.plan) if r.task.content == second_piece)
    third = replace(derived.table, source="ke-hoach-5755-du-thao-3.json", tasks=renumber(merged))
    registry.add(Path(third.source), data=table_bytes(third), actor=actor)
    return {"removed": keys["I.10"], "split": keys["I.2"], "piece": piece}
