"""Faults with real processes: kill -9 in the middle of ``add``, two writers at
once, an edit based on a stale version."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from registry_fixtures import CORPUS

from tthc_docs.errors import StaleEditError
from tthc_docs.registry import Actor, Registry, Via

# Adds a document and stops inside its transaction, after every row is written
# and before the commit: the moment a kill hurts most.
HOLD_INSIDE_ADD = """
import sys, time
from pathlib import Path
import tthc_docs.registry.store as store
from tthc_docs.registry import Actor, Registry, Via

url, document, flag = sys.argv[1:4]
original = store._store_tasks

def store_then_wait(*args, **kwargs):
    original(*args, **kwargs)
    args[0].flush()
    Path(flag).write_text("inside the transaction")
    time.sleep(600)

store._store_tasks = store_then_wait
with Registry(url) as registry:
    registry.add(Path(document), actor=Actor("killed", Via.CLI))
"""
CLI = [sys.executable, "-c", "from tthc_docs.cli import main; main()"]


def snapshot(url: str) -> dict:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            tables = sa.inspect(connection).get_table_names()
            return {t: connection.execute(sa.text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in tables}
    finally:
        engine.dispose()


def hold_add(url: str, document: Path, flag: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", HOLD_INSIDE_ADD, url, str(document), str(flag)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while not flag.exists():
        if child.poll() is not None:
            pytest.fail(f"the adding process ended early: {child.stderr.read().decode(errors='replace')}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("the adding process never reached its transaction")
        time.sleep(0.1)
    return child


def integrity_ok(url: str) -> None:
    if not url.startswith("sqlite"):
        return
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        engine.dispose()


def test_kill_9_during_add_leaves_the_database_as_it_was(db_url: str, tmp_path: Path) -> None:
    with Registry(db_url) as registry:
        registry.add(CORPUS[3], actor=Actor("lan", Via.CLI))
        before_tasks = registry.tasks()
    before = snapshot(db_url)
    child = hold_add(db_url, CORPUS[0], tmp_path / "inside")
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    integrity_ok(db_url)
    assert snapshot(db_url) == before
    with Registry(db_url) as registry:
        assert registry.tasks() == before_tasks
        added = registry.add(CORPUS[0], actor=Actor("lan", Via.CLI))
        # (PostgreSQL does not give back the plan id the killed transaction drew)
        assert (added.version, added.already_stored, len(registry.plans())) == (1, False, 2)


def test_a_writer_that_waits_too_long_is_told_to_try_again(db_url: str, tmp_path: Path) -> None:
    Registry(db_url).close()
    child = hold_add(db_url, CORPUS[0], tmp_path / "inside")
    try:
        with Registry(db_url, busy_timeout=1) as registry:
            assert registry.plans() == ()  # reading is not blocked
            from tthc_docs.errors import DatabaseBusyError

            with pytest.raises(DatabaseBusyError, match="database is busy, try again"):
                registry.add(CORPUS[3], actor=Actor("lan", Via.CLI))
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
    integrity_ok(db_url)
    with Registry(db_url) as registry:
        assert registry.plans() == ()


def test_two_processes_adding_at_once(db_url: str) -> None:
    Registry(db_url).close()
    procs = [subprocess.Popen([*CLI, "registry", "add", str(path), "--db", db_url], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for path in (CORPUS[0], CORPUS[3])]
    results = [(p.wait(timeout=600), p.stdout.read().decode(), p.stderr.read().decode()) for p in procs]
    for code, out, err in results:
        assert code == 0 or (code == 1 and "database is busy, try again" in err), err
        assert "Traceback" not in err
    integrity_ok(db_url)
    succeeded = sum(1 for code, _, _ in results if code == 0)
    with Registry(db_url) as registry:
        plans = registry.plans()
        assert len(plans) == succeeded >= 1
        assert sorted(p.latest.tasks for p in plans) == sorted(
            {0: 126, 1: 41}[n] for n, (code, _, _) in enumerate(results) if code == 0)


def test_stale_edit_from_another_process_is_refused(db_url: str) -> None:
    with Registry(db_url) as registry:
        registry.add(CORPUS[3], actor=Actor("lan", Via.CLI))
        task = registry.tasks()[0]
    # someone else edits the same task through the command line
    other = subprocess.run([*CLI, "registry", "set", task.key, "--status", "in_progress", "--note", "Bắt đầu",
                            "--db", db_url], capture_output=True, text=True, timeout=300)
    assert other.returncode == 0, other.stderr
    with Registry(db_url) as registry:
        with pytest.raises(StaleEditError) as refused:
            registry.update_task(task.key, expected_version=task.version, changes={"status": "done"},
                                 actor=Actor("minh", Via.WEB))
        assert task.key in str(refused.value) and "version 1" in str(refused.value)
        now = registry.task(task.key)
        assert (now.status.value, now.note, now.version) == ("in_progress", "Bắt đầu", 2)
