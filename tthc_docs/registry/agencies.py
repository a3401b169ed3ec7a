"""Agencies as the registry queries them: a name the user types resolved to its
canonical gazetteer name, and the collectives that include an agency
(``data/collectives.yaml``), so that the tasks of "Các sở, ban, ngành" are in
the list of every department."""

from __future__ import annotations

from functools import cache

from ..datafile import load_mapping, require
from ..errors import DataError
from ..nlp.gazetteer import AgencyEntry, gazetteer, resolve_agency

DATA_FILE = "collectives.yaml"
_RULE_KEYS = ("levels", "kinds", "names", "includes")


def _names(rule: dict, key: str, where: str) -> tuple[str, ...]:
    value = rule.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{DATA_FILE}: {where}: {key!r} must be a list of names, found {value!r}")
    return tuple(value)


@cache
def collective_members() -> dict[str, frozenset[str]]:
    """Every collective's canonical name → the canonical names of its members."""
    raw = require(DATA_FILE, load_mapping(DATA_FILE), "collectives", dict)
    entries = {e.name: e for e in gazetteer()}
    rules: dict[str, dict] = {}
    for name, rule in raw.items():
        if name not in entries:
            raise DataError(f"{DATA_FILE}: {name!r} is not the name of a gazetteer entry (data/agencies.yaml)")
        if not isinstance(rule, dict) or set(rule) - set(_RULE_KEYS):
            raise DataError(f"{DATA_FILE}: {name!r}: expected some of {', '.join(_RULE_KEYS)}, found {rule!r}")
        for key in ("names", "includes"):
            unknown = [n for n in _names(rule, key, name) if n not in entries]
            if unknown:
                raise DataError(f"{DATA_FILE}: {name!r}: {key} names no gazetteer entry: {unknown!r}")
        rules[name] = rule

    def members(name: str, seen: tuple[str, ...]) -> set[str]:
        if name in seen:
            raise DataError(f"{DATA_FILE}: {name!r} includes itself through {' → '.join(seen)}")
        rule = rules.get(name, {})
        levels, kinds = _names(rule, "levels", name), _names(rule, "kinds", name)
        found = {e.name for e in entries.values() if e.level in levels and e.kind in kinds}
        found.update(_names(rule, "names", name))
        for other in _names(rule, "includes", name):
            found |= members(other, (*seen, name)) | {other}
        found.discard(name)
        return found

    return {name: frozenset(members(name, ())) for name in rules}


def collectives_of(agency: str) -> tuple[str, ...]:
    """The collectives whose members include ``agency`` (a canonical name), sorted."""
    return tuple(sorted(name for name, members in collective_members().items() if agency in members))


def resolve_query(text: str) -> AgencyEntry | None:
    """The gazetteer entry a user's ``--agency`` text names (any alias or
    abbreviation, "Sở YT" or "sở y tế"); None when it names none."""
    return resolve_agency(" ".join(text.split()), True)


def agencies_for_query(text: str) -> tuple[str, ...]:
    """The stored agency names a query for ``text`` covers: its canonical name (or
    the text as typed, for names outside the gazetteer) and every collective that
    includes it."""
    entry = resolve_query(text)
    name = entry.name if entry else " ".join(text.split())
    return (name, *collectives_of(name))
