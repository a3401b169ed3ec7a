"""Integrity of the registry's data files: collectives.yaml and registry.yaml."""

from __future__ import annotations

import pytest

from tthc_docs.datafile import load_mapping
from tthc_docs.nlp.gazetteer import gazetteer
from tthc_docs.registry.agencies import agencies_for_query, collective_members
from tthc_docs.registry.wording import wording


def test_every_collective_is_a_gazetteer_entry_with_members() -> None:
    names = {e.name: e for e in gazetteer()}
    members = collective_members()
    assert members
    for collective, found in members.items():
        assert collective in names
        assert found, f"{collective} has no members"
        assert found <= set(names), found - set(names)
        assert collective not in found


def test_every_gazetteer_collective_has_a_rule() -> None:
    collectives = {e.name for e in gazetteer() if e.kind == "collective"}
    assert collectives <= set(collective_members())


def test_rules_use_known_levels_and_kinds() -> None:
    raw = load_mapping("collectives.yaml")["collectives"]
    kinds = set(load_mapping("agencies.yaml")["kinds"])
    for name, rule in raw.items():
        assert set(rule.get("kinds") or ()) <= kinds, name
        assert set(rule.get("levels") or ()) <= {"trung_uong", "tinh", "huyen", "xa"}, name


@pytest.mark.parametrize("query, included, excluded", [
    ("Sở Y tế", "Các sở, ban, ngành", "Các địa phương"),
    ("Sở Tư pháp", "Các cơ quan, đơn vị, địa phương", "Ủy ban nhân dân các cấp"),
    ("UBND cấp huyện", "Các địa phương", "Các sở, ban, ngành"),
    ("Cục Thuế tỉnh", "Các cơ quan ngành dọc", "Các sở, ban, ngành"),
    ("Phòng Tư pháp huyện", "Các phòng, ban chuyên môn cấp huyện", "Các sở, ban, ngành"),
])
def test_queries_reach_their_collectives(query: str, included: str, excluded: str) -> None:
    found = agencies_for_query(query)
    assert included in found and excluded not in found


def test_unknown_names_are_kept_as_typed() -> None:
    assert agencies_for_query("  Ban   Chỉ đạo 389 ") == ("Ban Chỉ đạo 389",)


def test_registry_wording_is_complete() -> None:
    words = wording()
    assert {c.key for c in words.list_columns} >= {"key", "plan", "plan_version", "status", "category"}
    assert "{plans}" in words.reminder["subject"]
    assert words.is_key_header("mã theo dõi") and not words.is_key_header("Trạng thái")
