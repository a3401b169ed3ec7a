"""Opening a registry database: which URL, the engine, the migrations, and the
one place where database errors become the toolkit's own.

SQLite (the default, a file in the user's data folder) runs in WAL mode with a
busy timeout, and every writing transaction starts with ``BEGIN IMMEDIATE`` so
that two writers queue for the lock instead of failing half-way; a writer that
waits longer than the timeout gets :class:`DatabaseBusyError`. PostgreSQL
serialises the writers that must not interleave (adding a document) with a
transaction-level advisory lock.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session

from ..errors import DatabaseBusyError, MissingDependencyError, RegistryError

ENV_URL = "TTHC_DATABASE_URL"
DEFAULT_FILE = "registry.sqlite3"
BUSY_TIMEOUT_S = 10.0
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key: "tthc" in ASCII
_PG_WRITE_LOCK = 0x74746863
_BUSY_MESSAGES = ("database is locked", "database is busy", "deadlock detected",
                  "could not serialize access", "lock timeout")


def _json(value: object) -> str:
    # Vietnamese as itself, not \\u escapes: a third of the size, faster to read back.
    return json.dumps(value, ensure_ascii=False)


def default_url() -> str:
    """``TTHC_DATABASE_URL`` when set, else a SQLite file in the user's data folder."""
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    from platformdirs import user_data_path

    folder = user_data_path("tthc-docs", appauthor=False)
    return f"sqlite:///{folder / DEFAULT_FILE}"


def _sqlite_pragmas(busy_timeout: float):
    def connect(dbapi_connection, _record) -> None:
        # pysqlite's own transaction handling would BEGIN lazily and defer locks;
        # the "begin" listener below issues BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()
    return connect


def _postgres_timeouts(busy_timeout: float):
    def connect(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(busy_timeout * 1000)}")
        dbapi_connection.commit()
    return connect


def _sqlite_begin(connection: Connection) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get("tthc_write") else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def create(url: str, busy_timeout: float = BUSY_TIMEOUT_S) -> Engine:
    """An engine for ``url``; RegistryError naming the URL when it cannot be used.
    A writer waits up to ``busy_timeout`` seconds for another one to finish."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError as error:
        raise RegistryError(f"not a database URL: {url!r} (expected sqlite:///FILE or "
                            "postgresql+psycopg://USER@HOST/DB)") from error
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": busy_timeout}, json_serializer=_json)
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        try:
            engine = create_engine(parsed, pool_pre_ping=True, json_serializer=_json)
        except ModuleNotFoundError as error:
            raise MissingDependencyError(
                f"{parsed.render_as_string(hide_password=True)} needs psycopg 3: pip install 'tthc-docs[postgres]'"
            ) from error
        event.listen(engine, "connect", _postgres_timeouts(busy_timeout))
        return engine
    raise RegistryError(f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)}: "
                        "use sqlite:///FILE or postgresql+psycopg://…")


def shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def translate(error: exc.SQLAlchemyError, engine: Engine) -> RegistryError:
    """The toolkit error for a database error: busy (try again) or failed (with the URL)."""
    message = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    if any(word in message.lower() for word in _BUSY_MESSAGES):
        return DatabaseBusyError(f"database is busy, try again ({shown(engine)}: {message})")
    return RegistryError(f"{shown(engine)}: database error: {message}")


@contextmanager
def guarded(engine: Engine) -> Iterator[None]:
    try:
        yield
    except exc.DBAPIError as error:
        if isinstance(error, exc.IntegrityError):
            # two writers racing for the same new row: the loser may simply retry
            raise DatabaseBusyError(f"database is busy, try again ({shown(engine)}: "
                                    f"{str(error.orig).splitlines()[0]})") from error
        raise translate(error, engine) from error
    except exc.SQLAlchemyError as error:
        raise translate(error, engine) from error


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A session in one writing transaction: committed at the end, rolled back on
    any error. Writers queue (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock)."""
    with guarded(engine):
        with Session(engine.execution_options(tthc_write=True), expire_on_commit=False) as session:
            with session.begin():
                if engine.dialect.name == "postgresql":
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})
                yield session


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    with guarded(engine):
        with Session(engine) as session:
            with session.begin():
                yield session


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision shipped with the package; a database
    made by a newer version of the toolkit is refused rather than misread. An
    up-to-date database is only read, so opening never waits for a writer."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    known = {script.revision for script in scripts.walk_revisions()}
    head = scripts.get_current_head()

    def current(connection: Connection) -> str | None:
        revision = MigrationContext.configure(connection).get_current_revision()
        if revision is not None and revision not in known:
            raise RegistryError(f"{shown(engine)}: the database has schema revision {revision!r}, newer than "
                                "this tthc-docs knows; upgrade tthc-docs")
        return revision

    with guarded(engine):
        with engine.connect() as connection:
            if current(connection) == head:
                return
        with engine.execution_options(tthc_write=True).begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})
            # another process may have migrated while this one waited for the lock
            if current(connection) != head:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
