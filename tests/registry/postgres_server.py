"""A throwaway PostgreSQL server for the registry tests.

``TTHC_TEST_POSTGRES_URL`` (a server URL whose user may create databases) is used
when set; otherwise, when the Debian server binaries are installed
(``/usr/lib/postgresql/*/bin/initdb``), a cluster is created in a temporary folder,
started on a free local port and removed afterwards. PostgreSQL refuses to run as
root, so under root (as in CI) the cluster belongs to the ``postgres`` user (or
``nobody``) and its commands run through ``runuser``/``setpriv``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_URL = "TTHC_TEST_POSTGRES_URL"
HOW_TO = (f"PostgreSQL tests skipped: set {ENV_URL}=postgresql+psycopg://USER@HOST:PORT/DB, or install the "
          "Debian package 'postgresql' (scripts/test.sh does) so that the tests start a throwaway server")


def initdb_binary() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]) if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user() -> tuple[list[str], str | None]:
    """The command prefix that runs a program as a non-root user, and that user."""
    if os.geteuid() != 0:
        return [], None
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        if shutil.which("runuser"):
            return ["runuser", "-u", user, "--"], user
        return ["setpriv", f"--reuid={user}", f"--regid={pwd.getpwnam(user).pw_gid}", "--clear-groups"], user
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


@contextmanager
def throwaway_cluster(initdb: Path) -> Iterator[str]:
    """Start a cluster, yield its server URL (database ``postgres``), then stop and delete it."""
    bindir = initdb.parent
    prefix, user = _as_user()
    root = Path(tempfile.mkdtemp(prefix="tthc-pg-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    if user is not None:
        info = pwd.getpwnam(user)
        for path in (root, sockets):
            os.chown(path, info.pw_uid, info.pw_gid)
    port = _free_port()
    log = root / "server.log"

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, cwd=root, timeout=120)

    try:
        run(str(initdb), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        finally:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    except subprocess.CalledProcessError as exc:
        text = log.read_text(errors="replace") if log.exists() else ""
        raise RuntimeError(f"could not start PostgreSQL: {exc.stderr.decode(errors='replace')}\n{text}") from exc
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_database(server_url: str, name: str) -> Iterator[str]:
    """A new empty database on the server, dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
