"""The task table as JSON: the contract every other stage reads (schema ``tthc-tasks/1``)."""

from __future__ import annotations

import json

from ..models import TaskTable


def write_json(table: TaskTable) -> bytes:
    """``TaskTable.to_dict()`` as UTF-8 JSON, Vietnamese kept as is (not ``\\u`` escapes),
    indented by 2, ending with a newline."""
    return (json.dumps(table.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
