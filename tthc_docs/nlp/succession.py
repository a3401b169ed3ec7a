"""Which agency took over from one that no longer exists, as of a date.

A plan written in 2024 names "Sở Thông tin và Truyền thông"; from 1 March 2025 its
work belongs to "Sở Khoa học và Công nghệ", and from 1 July 2025 the district level
("Ủy ban nhân dân cấp huyện") is gone with no single successor. The rules live in
``data/succession.yaml``; rules chain (A → B, later B → C gives A → C). A rule marked
``needs_review`` is reported but never applied: a human decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from ..datafile import load_mapping
from ..errors import DataError
from ..models import Succession
from .agencies import canonical_agency
from .gazetteer import gazetteer

DATA_FILE = "succession.yaml"


@dataclass(frozen=True)
class SuccessionRule:
    """One row of ``data/succession.yaml``."""

    old: str
    new: tuple[str, ...]
    effective: date
    basis: str | None = None
    needs_review: bool = False
    note: str | None = None


def _date(value: Any, old: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DataError(f"{DATA_FILE}: {old!r} has effective date {value!r}, expected YYYY-MM-DD") from exc


def _rule(row: Any, known: frozenset[str]) -> SuccessionRule:
    if not isinstance(row, dict) or not isinstance(row.get("old"), str):
        raise DataError(f"{DATA_FILE}: succession rule without an old name: {row!r}")
    rule = SuccessionRule(old=row["old"], new=tuple(row.get("new") or ()),
                          effective=_date(row.get("effective"), row["old"]), basis=row.get("basis"),
                          needs_review=bool(row.get("needs_review")), note=row.get("note"))
    for name in (rule.old, *rule.new):
        if name not in known:
            raise DataError(f"{DATA_FILE}: {name!r} (rule for {rule.old!r}) is not a canonical name in agencies.yaml")
    if not rule.new and not rule.needs_review:
        raise DataError(f"{DATA_FILE}: {rule.old!r} has no successor and is not marked needs_review")
    return rule


@cache
def succession_rules() -> tuple[SuccessionRule, ...]:
    """Every rule of ``data/succession.yaml``, in file order (loaded once)."""
    try:
        rows = load_mapping(DATA_FILE)["successions"]
    except (OSError, KeyError, TypeError) as exc:
        raise DataError(f"{DATA_FILE}: cannot read the succession table: {exc!r}") from exc
    known = frozenset(entry.name for entry in gazetteer())
    rules = tuple(_rule(row, known) for row in rows)
    olds = [rule.old for rule in rules]
    if len(set(olds)) != len(olds):
        twice = sorted({old for old in olds if olds.count(old) > 1})
        raise DataError(f"{DATA_FILE}: more than one rule for {twice}")
    return rules


def _follow(name: str, as_of: date, rules: dict[str, SuccessionRule],
            seen: frozenset[str]) -> tuple[tuple[str, ...], tuple[SuccessionRule, ...]]:
    rule = rules.get(name)
    if rule is None or rule.effective > as_of:
        return (name,), ()
    if name in seen:
        raise DataError(f"succession rules loop back to {name!r}")
    if rule.needs_review:
        return rule.new, (rule,)
    names: list[str] = []
    applied: list[SuccessionRule] = [rule]
    for successor in rule.new:
        more, links = _follow(successor, as_of, rules, seen | {name})
        names.extend(more)
        applied.extend(links)
    return tuple(dict.fromkeys(names)), tuple(applied)


def resolve_succession(name: str, as_of: date, rules: tuple[SuccessionRule, ...]) -> Succession | None:
    """What ``name`` (exactly as written in ``rules``) has become by ``as_of``
    under ``rules``, chains followed; None while it still exists."""
    new, applied = _follow(name, as_of, {rule.old: rule for rule in rules}, frozenset())
    if not applied:
        return None
    bases = tuple(dict.fromkeys(rule.basis for rule in applied if rule.basis))
    return Succession(old=name, new=new, effective=max(rule.effective for rule in applied),
                      basis="; ".join(bases) or None, needs_review=any(rule.needs_review for rule in applied))


def successor_of(name: str, as_of: date) -> Succession | None:
    """The succession of an agency as of a date, or None when it still exists (or is
    not in the gazetteer). ``name`` may be any known wording ("Sở TT&TT");
    ``Succession.old`` is its canonical name. With ``needs_review`` set, ``new``
    only lists candidates."""
    return _resolved(canonical_agency(name) or name, as_of)


@lru_cache(maxsize=1024)  # a table names the same few agencies over and over
def _resolved(name: str, as_of: date) -> Succession | None:
    return resolve_succession(name, as_of, succession_rules())


def migrate_names(names: tuple[str, ...], as_of: date) -> tuple[tuple[str, ...], tuple[Succession, ...]]:
    """Replace every agency that no longer exists by its successor(s).

    Returns the new names (order kept, duplicates removed) and every succession met —
    applied ones and ``needs_review`` ones, whose old name is kept unchanged."""
    out: list[str] = []
    changes: list[Succession] = []
    for name in names:
        succession = successor_of(name, as_of)
        if succession is not None:
            changes.append(succession)
        keep = succession is None or succession.needs_review or not succession.new
        out.extend((name,) if keep else succession.new)
    return tuple(dict.fromkeys(out)), tuple(dict.fromkeys(changes))
