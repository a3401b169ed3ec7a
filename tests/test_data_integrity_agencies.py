"""Integrity of tthc_docs/data/agencies.yaml and tthc_docs/data/succession.yaml.

Run after every edit of either file: each failure names the entry to fix."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from datetime import date
from importlib import resources

import pytest
import yaml

from tthc_docs.nlp import succession
from tthc_docs.nlp.agencies import canonical_agency, split_agencies
from tthc_docs.nlp.gazetteer import DATA_FILE, LEVELS, AgencyEntry, agency_key, gazetteer
from tthc_docs.nlp.succession import succession_rules

DATA = resources.files("tthc_docs") / "data"
# Read as written (not through load_mapping, which normalises to NFC) so the checks see the file itself.
RAW = yaml.safe_load((DATA / DATA_FILE).read_text(encoding="utf-8"))
RAW_SUCCESSION = yaml.safe_load((DATA / succession.DATA_FILE).read_text(encoding="utf-8"))
ENTRIES = gazetteer()
NAMES = {e.name for e in ENTRIES}
# A tone mark on the second vowel of an open "oa", "oe", "uy" is the style the
# toolkit does not use ("hoá", "Uỷ"); "toán", "quý" are the same in both styles.
NEW_TONE_STYLE = re.compile(r"(?<![qQ])[oOuU][aAeEyY][\u0300\u0301\u0303\u0309\u0323](?!\w)")


def _forms(entry: AgencyEntry) -> list[str]:
    forms = [entry.name, *entry.aliases, *entry.abbreviations]
    return [f.replace("{province}", p) for f in forms for p in ("Hải Dương", "Thừa Thiên Huế")] if any(
        "{province}" in f for f in forms) else forms


def test_gazetteer_loads_with_every_listed_agency():
    assert len(ENTRIES) == len(RAW["agencies"]) > 100
    assert len(NAMES) == len(ENTRIES), "two entries share a canonical name"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_canonical_name_is_clean_full_and_in_house_tone_style(entry):
    name = entry.name
    assert name == unicodedata.normalize("NFC", name) == " ".join(name.split())
    assert not NEW_TONE_STYLE.search(unicodedata.normalize("NFD", name)), f"{name!r}: write hóa/hòa/Ủy/thủy"
    assert "&" not in name and "{" not in name
    assert not {w.casefold() for w in re.findall(r"\w+", name)} & set(RAW["expansions"]), f"{name!r} is abbreviated"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_level_and_kind_are_from_the_vocabulary(entry):
    assert entry.kind in RAW["kinds"]
    assert entry.level in LEVELS or (entry.level is None and entry.kind in {"collective", "service_centre", "media"})


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_every_wording_resolves_to_its_own_entry_only(entry):
    for form in _forms(entry):
        found = split_agencies(form).agencies
        assert [m.name for m in found] == [entry.name], f"{form!r} of {entry.name!r} splits as {found}"
        assert canonical_agency(form) == entry.name


def test_no_key_is_shared_by_two_entries():
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in ENTRIES:
        for form in _forms(entry):
            owners[agency_key(form)].add(entry.name)
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert not shared


def test_settings_are_well_formed():
    for hint in RAW["level_hints"]:
        re.compile(hint["pattern"])
        assert hint["level"] in LEVELS
    assert set(RAW["expansions"]) == {k.casefold() for k in RAW["expansions"]}
    assert all(isinstance(v, str) and v for v in RAW["expansions"].values())
    assert len(set(RAW["provinces"])) == len(RAW["provinces"]) >= 63
    for listed in ("fillers", "province_suffixes", "level_words", "list_heads", "scope_labels", "reference_markers",
                   "ignored_parentheticals", "dotted_abbreviations", "proper_heads", "common_heads",
                   "pattern_heads", "name_stop_words"):
        assert RAW[listed] and all(isinstance(x, str) and x.strip() == x and x for x in RAW[listed]), listed


def test_succession_table_loads_and_has_one_rule_per_agency():
    rules = succession_rules()
    assert len(rules) == len(RAW_SUCCESSION["successions"])
    assert len({r.old for r in rules}) == len(rules)


@pytest.mark.parametrize("row", RAW_SUCCESSION["successions"], ids=lambda r: r["old"])
def test_succession_row(row):
    assert set(row) <= {"old", "new", "effective", "basis", "needs_review", "note"}
    assert row["old"] in NAMES
    assert all(name in NAMES for name in row["new"]), "every successor must be a gazetteer entry"
    assert row["old"] not in row["new"]
    effective = row["effective"]
    assert isinstance(effective, date) or date.fromisoformat(effective)
    assert isinstance(row["needs_review"], bool)
    assert row["new"] or row["needs_review"], "no successor: mark needs_review"
    if row["needs_review"] or row["basis"] is None:
        assert row.get("note"), "say why a human must look, or why the basis is missing"


def test_successions_chain_forward_in_time_without_loops():
    rules = {r.old: r for r in succession_rules()}
    for rule in rules.values():
        seen, todo = {rule.old}, list(rule.new)
        while todo:
            name = todo.pop()
            assert name not in seen, f"loop through {name!r}"
            seen.add(name)
            if name in rules:
                assert rules[name].effective >= rule.effective, f"{rule.old!r} → {name!r} goes back in time"
                todo.extend(rules[name].new)
