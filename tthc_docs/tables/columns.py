"""Column roles from header text, never from positions.

The vocabulary is ``data/columns.yaml``: ordered rules a domain expert can edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..datafile import load_mapping
from ..text.phrases import header_key

ROLES = ("stt", "stt2", "content", "lead", "coordinating", "implementing", "monitoring",
         "deadline", "product", "notes", "unit", "target", "evaluator", "target_or_content")



@dataclass(frozen=True)
class ColumnRule:
    role: str
    exact: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def matches(self, header: str) -> bool:
        if self.exact:
            return header in self.exact
        return all(word in header for word in self.all) and not any(word in header for word in self.unless)


@cache
def column_rules() -> tuple[ColumnRule, ...]:
    raw = load_mapping("columns.yaml")
    return tuple(
        ColumnRule(
            role=rule["role"],
            exact=tuple(header_key(w) for w in rule.get("exact", ())),
            all=tuple(header_key(w) for w in rule.get("all", ())),
            unless=tuple(header_key(w) for w in rule.get("unless", ())),
        )
        for rule in raw["rules"]
    )


def role_of(header: str) -> str | None:
    """The role of one header cell, or None when it names no known column."""
    key = header_key(header)
    if not key:
        return None
    for rule in column_rules():
        if rule.matches(key):
            return rule.role
    return None


@dataclass(frozen=True)
class ColumnMap:
    """Which column plays which role. ``roles[i]`` is the role of column i (or None)."""

    roles: tuple[str | None, ...]

    def index(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_indicator_table(self) -> bool:
        """A KPI table: it has a unit or an evaluator column, or its content is "Chỉ tiêu"."""
        return self.has("unit") or self.has("evaluator")


def map_columns(headers: tuple[str, ...]) -> ColumnMap:
    """Roles for a header row. The first column with an empty header is the row
    number (Word exports often leave "STT" blank); a role claimed twice keeps
    its first column. "Chỉ tiêu" alone is the content of a KPI table unless
    another column already holds the content."""
    roles: list[str | None] = []
    for position, header in enumerate(headers):
        role = role_of(header)
        if role is None and position == 0 and not header.strip():
            role = "stt"
        if role in roles and role != "target_or_content":
            role = None
        roles.append(role)
    if "target_or_content" in roles:
        resolved = "target" if "content" in roles else "content"
        roles = [resolved if r == "target_or_content" else r for r in roles]
    return ColumnMap(tuple(roles))


def looks_like_header(cells: tuple[str, ...]) -> bool:
    """A row is a header when at least two of its cells name roles and one of them
    is the content (or the KPI name)."""
    roles = [role_of(c) for c in cells]
    named = [r for r in roles if r is not None]
    return len(set(named)) >= 2 and ("content" in named or "target_or_content" in named)
