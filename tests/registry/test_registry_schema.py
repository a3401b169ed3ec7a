"""The schema comes from the shipped migrations, and they agree with the models."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from tests.test_wording import EVENTS
from tthc_docs.errors import RegistryError
from tthc_docs.registry import Registry, TaskEvent
from tthc_docs.registry.engine import MIGRATIONS
from tthc_docs.registry.schema import Base


def test_migrations_build_exactly_the_models(db_url: str) -> None:
    Registry(db_url).close()
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == "0004"
    finally:
        engine.dispose()


def test_opening_twice_keeps_the_data(db_url: str) -> None:
    from registry_fixtures import CORPUS
    from tthc_docs.registry import Actor, Via

    with Registry(db_url) as reg:
        reg.add(CORPUS[3], actor=Actor("lan", Via.CLI))
    with Registry(db_url) as reg:
        assert [p.latest.tasks for p in reg.plans()] == [41]


def _alembic(engine: sa.Engine, step: str, revision: str) -> None:
    """Run the shipped migrations ``step`` ("upgrade", "downgrade") to ``revision``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, step)(config, revision)


def test_upgrade_from_the_first_revision_fills_the_new_column(db_url: str) -> None:
    """A database made by revision 0001 (with data) is upgraded when opened."""
    from registry_fixtures import CORPUS
    from tthc_docs.registry import Actor, Via

    with Registry(db_url) as reg:
        reg.add(CORPUS[3], actor=Actor("lan", Via.CLI))
    engine = sa.create_engine(db_url)
    try:
        _alembic(engine, "downgrade", "0001")
        with engine.connect() as connection:
            assert "issued" not in {c["name"] for c in sa.inspect(connection).get_columns("plan_versions")}
    finally:
        engine.dispose()
    with Registry(db_url) as reg:
        assert reg.tasks()[0].plan_date.isoformat() == "2021-05-27"


def test_a_newer_schema_is_refused(db_url: str) -> None:
    Registry(db_url).close()
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    with pytest.raises(RegistryError, match="9999.*newer than this tthc-docs"):
        Registry(db_url)


def _event(kind: str, version: int, pieces: str = "", others: int = 0, source: str = "") -> dict:
    return {"kind": kind, "version": version, "pieces": pieces, "others": others, "source": source}


# History rows as the registry wrote them at revision 0003 (key, field, old text,
# old event, new text, new event): task life events as English text and event,
# one left from before 0003 with its text only, one text that words no event,
# and an edit of another field.
OLD_STYLE = (
    ("P1-10", "task", None, None, "added in version 1", _event("added", 1)),
    ("P1-10", "task", "version 1", _event("in_version", 1), "removed in version 2", _event("removed", 2)),
    ("P1-2", "task", None, None, "split in version 2 into I.2 | I.3", _event("split", 2, pieces="I.2 | I.3")),
    ("P1-2", "task", None, None, "merged in version 3 with 1 other task(s)", _event("merged", 3, others=1)),
    ("P1-42", "task", None, None, "split off in version 2 from P1-2", _event("split_off_from", 2, source="P1-2")),
    ("P1-42", "task", "version 2", _event("in_version", 2), "merged in version 3", _event("merged_away", 3)),
    ("P1-43", "task", None, None, "split off in version 2", _event("split_off", 2)),
    ("P1-44", "task", "version 1", None, "removed in version 2", None),
    ("P1-44", "task", None, None, "gộp thủ công theo công văn 12/UBND", None),
    ("P1-44", "status", "not_started", None, "done", None),
)


def _tables(connection: sa.Connection) -> dict[str, sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(connection, only=("sources", "plans", "plan_versions", "task_keys", "tasks", "changes"))
    return metadata.tables


def _store_old_style(engine: sa.Engine) -> None:
    at = datetime(2021, 6, 1, 8, 0)
    with engine.begin() as connection:
        t = _tables(connection)
        connection.execute(t["sources"].insert(), [{"id": 1, "name": "ke-hoach.txt", "sha256": "0" * 64, "size": 1,
                                                    "content": b"x", "meta": {}, "added_at": at, "added_by": "lan"}])
        connection.execute(t["plans"].insert(), [{"id": 1, "number": "5755/KH-UBND", "kind": "plan", "latest": 3,
                                                  "created_at": at}])
        connection.execute(t["plan_versions"].insert(), [
            {"id": n, "plan_id": 1, "number": n, "source_id": 1, "document": {}, "warnings": [], "changes": {},
             "added_at": at, "added_by": "lan", "via": "extraction"} for n in (1, 2, 3)])
        keys = sorted({row[0] for row in OLD_STYLE})
        connection.execute(t["task_keys"].insert(), [{"id": n, "plan_id": 1, "serial": int(key.split("-")[1]),
                                                      "key": key} for n, key in enumerate(keys, 1)])
        connection.execute(t["tasks"].insert(), [
            {"key_id": n, "version_id": 1, "position": n, "task_id": f"I.{n}", "content": "Rà soát thủ tục",
             "search": "rà soát thủ tục", "data": {"id": f"I.{n}", "content": "Rà soát thủ tục"},
             "status": "not_started", "version": 1} for n in range(1, len(keys) + 1)])
        connection.execute(t["changes"].insert(), [
            {"id": n, "key_id": keys.index(key) + 1, "version_id": None, "field": field, "old": old, "new": new,
             "old_event": old_event, "new_event": new_event, "at": at, "user": "lan", "via": "extraction"}
            for n, (key, field, old, old_event, new, new_event) in enumerate(OLD_STYLE, 1)])


def _stored_changes(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as connection:
        changes = _tables(connection)["changes"]
        rows = connection.execute(sa.select(changes.c.field, changes.c.old, changes.c.old_event, changes.c.new,
                                            changes.c.new_event).order_by(changes.c.id)).all()
    return [tuple(row) for row in rows]


def test_upgrade_keeps_only_the_events_of_a_task_life_and_downgrade_words_them_again(db_url: str) -> None:
    engine = sa.create_engine(db_url)
    try:
        _alembic(engine, "upgrade", "0003")
        _store_old_style(engine)
        with Registry(db_url) as reg:  # opening upgrades to the newest revision
            words = {key: [(c.old, c.new) for c in reg.history(key)] for key in ("P1-2", "P1-10", "P1-42", "P1-44")}
        assert words == {key: [(old, new) for k, _, old, _, new, _ in OLD_STYLE if k == key] for key in words}
        assert _stored_changes(engine) == [
            *((field, None, old_event, None, new_event) for _, field, _, old_event, _, new_event in OLD_STYLE[:7]),
            ("task", None, _event("in_version", 1), None, _event("removed", 2)),
            ("task", None, None, "gộp thủ công theo công văn 12/UBND", None),
            ("status", "not_started", None, "done", None),
        ]
        _alembic(engine, "downgrade", "0003")
        assert _stored_changes(engine) == [
            *((field, old, old_event, new, new_event) for _, field, old, old_event, new, new_event in OLD_STYLE[:7]),
            ("task", "version 1", _event("in_version", 1), "removed in version 2", _event("removed", 2)),
            *((field, old, old_event, new, new_event) for _, field, old, old_event, new, new_event in OLD_STYLE[8:]),
        ]
    finally:
        engine.dispose()


@pytest.mark.parametrize("event, english", [(event, english) for event, english, _ in EVENTS])
def test_the_downgrade_writes_the_texts_revision_0003_reads(event: TaskEvent, english: str) -> None:
    scripts = ScriptDirectory(str(MIGRATIONS))
    assert scripts.get_revision("0004").module.english(event.to_dict()) == english
    assert scripts.get_revision("0003").module.event_of_text(english) == event.to_dict()
