"""JSON: the tthc-tasks/1 contract."""

from __future__ import annotations

import json

from tthc_docs.models import TaskTable
from tthc_docs.writers import write_table


def test_json_round_trip_is_equal(plan):
    assert TaskTable.from_dict(json.loads(write_table(plan, "json"))) == plan


def test_json_is_the_contract(plan):
    data = json.loads(write_table(plan, "json").decode("utf-8"))
    assert data == plan.to_dict()
    assert data["schema"] == "tthc-tasks/1"


def test_json_keeps_vietnamese_unescaped_and_is_indented(plan):
    raw = write_table(plan, "json")
    text = raw.decode("utf-8")
    assert "Văn phòng UBND tỉnh" in text and "\\u" not in text
    assert text.endswith("}\n")
    assert text.splitlines()[1].startswith('  "schema"')
    assert not raw.startswith(b"\xef\xbb\xbf")


def test_empty_table_json(empty):
    data = json.loads(write_table(empty, "json"))
    assert data["tasks"] == [] and data["indicators"] == [] and data["warnings"] == []
