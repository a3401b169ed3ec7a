"""A second version of a plan: seed 001, then the version the diff tests derive
from it with known edits (2 added, 1 removed, 3 deadlines, 1 lead, 1 coordinating
agency, 2 rewordings, 1 move, 1 split)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from registry_fixtures import SEED_001_JSON, derive_seed_001, load_seed_json, table_bytes

from tthc_docs.errors import RegistryError
from tthc_docs.registry import Actor, Registry, Status, Via
from tthc_docs.registry.schema import ChangeRow, TaskKey
from tthc_docs.registry.versions import EventKind, TaskEvent

CLERK = Actor("lan", Via.CLI)
WEB = Actor("minh", Via.WEB)
# Old task id → how its statuses are set in version 1.
SET = {
    "I.1": ("done", date(2021, 6, 20), "deadline moved in v2"),
    "I.7": ("in_progress", None, "lead changes in v2"),
    "I.13": ("done", date(2021, 12, 1), "reworded in v2"),
    "I.23": ("in_progress", None, "moved to 2022 in v2"),
    "II.1": ("done", date(2022, 3, 1), "unchanged in v2"),
}


@pytest.fixture
def two_versions(registry: Registry):
    seed = load_seed_json(SEED_001_JSON)
    derived = derive_seed_001(seed)
    first = registry.add(Path(SEED_001_JSON), actor=CLERK)
    by_id = {r.task.id: r for r in registry.tasks(plan=first.plan)}
    for task_id, (status, on, note) in SET.items():
        record = by_id[task_id]
        registry.update_task(record.key, expected_version=record.version, actor=WEB,
                             changes={"status": status, "completed_on": on, "note": note})
    second = registry.add(Path(derived.table.source), data=table_bytes(derived.table), actor=CLERK)
    return registry, seed, derived, first, second, by_id


def _new_task_for(seed, derived, old_id: str):
    """The task of the derived version that the test's own edits made of ``old_id``:
    the same content, or the content as the derivation reworded it."""
    old = next(t for t in seed.tasks if t.id == old_id)
    wordings = {old.content, old.content.replace("các các", "các"),
                old.content.replace("Thực hiện đánh giá", "Tổ chức đánh giá")}
    found = [t for t in derived.table.tasks if t.content in wordings]
    assert len(found) == 1, old_id
    return found[0]


def test_second_version_is_found_by_number(two_versions) -> None:
    registry, seed, derived, first, second, _ = two_versions
    assert (second.plan, second.version) == (first.plan, 2)
    assert second.changes == {"unchanged": second.changes["unchanged"], "modified": 8, "added": 2, "removed": 1,
                              "split": 1, "merged": 0}
    assert second.tasks == len(derived.table.tasks)
    assert [p.latest.number for p in registry.plans()] == [2]


def test_statuses_carry_over_to_their_matches(two_versions) -> None:
    registry, seed, derived, first, _, by_id = two_versions
    latest = {r.task.id: r for r in registry.tasks(plan=first.plan)}
    for old_id, (status, on, note) in SET.items():
        new_task = _new_task_for(seed, derived, old_id)
        record = latest[new_task.id]
        assert record.key == by_id[old_id].key
        assert (record.status, record.completed_on, record.note) == (Status(status), on, note)
        assert record.plan_version == 2 and record.latest
    untouched = [r for r in latest.values() if r.key not in {by_id[i].key for i in SET}]
    assert {r.status for r in untouched} == {Status.NOT_STARTED}


def test_removed_task_stays_with_its_history(two_versions) -> None:
    registry, *_, first, _, by_id = two_versions
    removed = by_id["I.10"]
    assert removed.key not in {r.key for r in registry.tasks(plan=first.plan)}
    assert removed.key in {r.key for r in registry.tasks(plan=first.plan, version=1)}
    kept = registry.task(removed.key)
    assert (kept.plan_version, kept.latest, kept.task.content) == (1, False, removed.task.content)
    assert [(c.field, c.new, c.via, c.plan_version) for c in registry.history(removed.key)] == [
        ("task", "added in version 1", Via.EXTRACTION, 1),
        ("task", "removed in version 2", Via.EXTRACTION, 2),
    ]


def test_history_shows_each_change_with_its_origin(two_versions) -> None:
    registry, seed, derived, first, _, by_id = two_versions
    history = registry.history(by_id["I.1"].key)
    assert [(c.field, c.old, c.new, c.via, c.user, c.plan_version) for c in history] == [
        ("task", None, "added in version 1", Via.EXTRACTION, "lan", 1),
        ("status", "not_started", "done", Via.WEB, "minh", 1),
        ("completed_on", None, "2021-06-20", Via.WEB, "minh", 1),
        ("note", None, "deadline moved in v2", Via.WEB, "minh", 1),
        ("deadline", "Tháng 5/2021", "Tháng 6/2021", Via.EXTRACTION, "lan", 2),
    ]
    lead = registry.history(by_id["I.7"].key)[-1]
    assert (lead.field, lead.new, lead.via) == ("lead", "Sở Nội vụ", Via.EXTRACTION)
    assert "Sở Tư pháp" in registry.history(by_id["I.8"].key)[-1].new


def test_added_and_split_tasks_get_keys_of_their_own(two_versions) -> None:
    registry, seed, derived, first, _, by_id = two_versions
    latest = registry.tasks(plan=first.plan)
    keys = [r.key for r in latest]
    assert len(keys) == len(set(keys)) == len(derived.table.tasks)
    added = [r for r in latest if r.task.content in derived.added]
    assert len(added) == 2 and all(r.key not in {b.key for b in by_id.values()} for r in added)
    old_piece, new_piece = (next(r for r in latest if r.task.content == piece) for piece in derived.split[1])
    assert old_piece.key == by_id["I.2"].key and new_piece.key not in {b.key for b in by_id.values()}
    assert registry.history(new_piece.key)[0].new == f"split off in version 2 from {by_id['I.2'].key}"


def test_versions_export_as_their_own_tables(two_versions) -> None:
    registry, seed, derived, first, *_ = two_versions
    assert [t.content for t in registry.export_table(first.plan, 1).tasks] == [t.content for t in seed.tasks]
    assert [t.content for t in registry.export_table(first.plan).tasks] == [t.content for t in derived.table.tasks]


def test_life_events_come_back_typed(two_versions) -> None:
    registry, seed, derived, first, _, by_id = two_versions
    removed = registry.history(by_id["I.10"].key)
    assert [(c.old_event, c.new_event) for c in removed] == [
        (None, TaskEvent(EventKind.ADDED, 1)),
        (TaskEvent(EventKind.IN_VERSION, 1), TaskEvent(EventKind.REMOVED, 2)),
    ]
    assert removed[1].old == "version 1"
    latest = registry.tasks(plan=first.plan)
    pieces = [next(r for r in latest if r.task.content == piece) for piece in derived.split[1]]
    split = [c.new_event for c in registry.history(by_id["I.2"].key) if c.field == "task"]
    assert split[-1] == TaskEvent(EventKind.SPLIT, 2, pieces=" | ".join(p.task.id for p in pieces))
    assert registry.history(pieces[1].key)[0].new_event == TaskEvent(EventKind.SPLIT_OFF_FROM, 2,
                                                                       source=by_id["I.2"].key)
    edits = [c for c in registry.history(by_id["I.1"].key) if c.field != "task"]
    assert edits and all(c.old_event is None and c.new_event is None for c in edits)
    with registry.engine.connect() as connection:  # the events are stored, their words are not
        stored = connection.execute(sa.select(ChangeRow.old, ChangeRow.new).where(ChangeRow.field == "task")).all()
    assert stored and set(stored) == {(None, None)}


def test_an_event_kind_this_version_does_not_know_is_refused(two_versions) -> None:
    registry, *_, by_id = two_versions
    key = by_id["I.10"].key
    with registry.engine.begin() as connection:
        key_id = sa.select(TaskKey.id).where(TaskKey.key == key).scalar_subquery()
        connection.execute(sa.update(ChangeRow).where(ChangeRow.field == "task", ChangeRow.key_id == key_id)
                           .values(new_event={"kind": "teleported", "version": 2}))
    with pytest.raises(RegistryError, match="teleported"):
        registry.history(key)


def test_upgrading_a_database_reads_the_events_from_their_text(two_versions) -> None:
    """Rows written before revision 0003 had only the English text."""
    from alembic import command
    from alembic.config import Config

    from tthc_docs.registry.engine import MIGRATIONS

    registry, *_, by_id = two_versions
    before = {key: registry.history(by_id[key].key) for key in ("I.1", "I.2", "I.10")}
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with registry.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    with registry.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert {key: registry.history(by_id[key].key) for key in before} == before
