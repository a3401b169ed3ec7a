"""The schema comes from the shipped migrations, and they agree with the models."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import pytest

from tthc_docs.errors import RegistryError
from tthc_docs.registry import Registry
from tthc_docs.registry.schema import Base


def test_migrations_build_exactly_the_models(db_url: str) -> None:
    Registry(db_url).close()
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == "0003"
    finally:
        engine.dispose()


def test_opening_twice_keeps_the_data(db_url: str) -> None:
    from registry_fixtures import CORPUS
    from tthc_docs.registry import Actor, Via

    with Registry(db_url) as reg:
        reg.add(CORPUS[3], actor=Actor("lan", Via.CLI))
    with Registry(db_url) as reg:
        assert [p.latest.tasks for p in reg.plans()] == [41]


def test_upgrade_from_the_first_revision_fills_the_new_column(db_url: str) -> None:
    """A database made by revision 0001 (with data) is upgraded when opened."""
    from alembic import command
    from alembic.config import Config

    from registry_fixtures import CORPUS
    from tthc_docs.registry import Actor, Via
    from tthc_docs.registry.engine import MIGRATIONS

    with Registry(db_url) as reg:
        reg.add(CORPUS[3], actor=Actor("lan", Via.CLI))
    engine = sa.create_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
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
