"""``data/registry.yaml``: the registry's sheet columns, calendar and letter wording."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..datafile import load_mapping, require
from ..errors import DataError
from ..sheet_layout import Column
from ..text.phrases import header_key

DATA_FILE = "registry.yaml"


@dataclass(frozen=True)
class Wording:
    key_column: Column
    list_columns: tuple[Column, ...]
    calendar: dict[str, Any]
    reminder: dict[str, Any]
    summary_columns: tuple[Column, ...]

    def is_key_header(self, header: str) -> bool:
        return header_key(header) in self.key_column.names


def _columns(raw: Any, where: str) -> tuple[Column, ...]:
    try:
        return tuple(Column(key=c["key"], header=c["header"], width=int(c["width"]), markdown=False) for c in raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{DATA_FILE}: {where}: each column needs key, header and width ({exc!r})") from exc


@cache
def wording() -> Wording:
    raw = load_mapping(DATA_FILE)
    key = require(DATA_FILE, raw, "key_column", dict)
    reminder = require(DATA_FILE, raw, "reminder", dict)
    return Wording(
        key_column=Column(key="key", header=require(DATA_FILE, key, "header", str), width=12, markdown=False,
                          aliases=tuple(key.get("aliases") or ())),
        list_columns=_columns(require(DATA_FILE, raw, "list_columns", list), "list_columns"),
        calendar=require(DATA_FILE, raw, "calendar", dict),
        reminder=reminder,
        summary_columns=_columns(require(DATA_FILE, reminder, "summary_columns", list), "reminder.summary_columns"),
    )
