"""Run one fuzz case the way a user meets it: the ``tthc`` command line (or, for a
command starting with ``web``, an upload to the web workspace, ``web.py``) in a
child process, with its wall time and peak memory measured.

The child is forked from a process that has already imported the toolkit, so a
case costs the command's own work, not an interpreter start; it gets its own
address space, its own output files, and the kernel's account of its peak
memory (``os.wait4``). The child's address space is capped (``RLIMIT_AS``) so a
runaway allocation ends as a MemoryError, not a swapping machine. A command that
writes to a registry database and fails must leave that database as it was.
"""

from __future__ import annotations

import enum
import io
import os
import resource
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

TIME_LIMIT = 30.0  # seconds of wall time per case
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of peak resident memory per case
_HEADROOM = 2 * 1024 * 1024 * 1024  # address space a child may add to what it inherits


class Outcome(enum.Enum):
    OK = "ok"
    CLEAN_ERROR = "clean error"
    TRACEBACK = "traceback"
    TIMEOUT = "timeout"
    OVER_MEMORY = "over memory"
    DB_CHANGED = "db changed"  # a failed run left the database changed


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    exit_code: int | None
    seconds: float
    peak_bytes: int
    output: str

    def problem(self) -> str:
        return f"{self.outcome.value} (exit {self.exit_code}, {self.seconds:.1f} s, " \
               f"{self.peak_bytes / 2**20:.0f} MB):\n{self.output[-3000:]}"


def warm_up(commands: list[list[str]], workdir: Path) -> None:
    """Run ``commands`` once in this process, so that every child forked later
    starts with the modules imported and the models and data files loaded."""
    from contextlib import redirect_stderr, redirect_stdout

    from click.testing import CliRunner

    from fuzz import web
    from tthc_docs.cli import main

    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        for args in commands:
            if args[0] == "web":
                with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                    web.main(args[1:])
            else:
                runner.invoke(main, args)
    finally:
        os.chdir(cwd)


def _address_space() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(args: list[str], workdir: Path, output_fd: int) -> None:
    os.chdir(workdir)
    os.dup2(output_fd, 1)
    os.dup2(output_fd, 2)
    # The parent's sys.stdout may be a capture object (pytest): write to the real descriptors.
    sys.stdout = io.TextIOWrapper(open(1, "wb", closefd=False), encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(open(2, "wb", closefd=False), encoding="utf-8", write_through=True)
    limit = _address_space() + _HEADROOM
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    code = 3
    try:
        if args[0] == "web":
            from fuzz import web

            code = web.main(args[1:])
        else:
            from tthc_docs.cli import main

            main(args, prog_name="tthc", standalone_mode=True)
            code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # what a user would see: the interpreter prints it
        traceback.print_exc()
        code = 3
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _contents(database: Path) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _failed(output: str) -> bool:
    """The run reported the toolkit's error (not merely a partial result such as unknown keys)."""
    return any(line.startswith("Error:") or ": FAILED: " in line for line in output.splitlines())


def run_cli(args: list[str], workdir: Path, *, time_limit: float = TIME_LIMIT,
            database: Path | None = None) -> Result:
    """Run ``tthc ARGS`` in ``workdir`` in a forked child and classify what happened;
    with ``database``, a run that fails must leave it unchanged."""
    before = _contents(database) if database is not None else None
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            _child(args, workdir, output.fileno())
        status, usage, timed_out = 0, None, False
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.perf_counter() - start > time_limit:
                os.kill(pid, signal.SIGKILL)
                _, status, usage = os.wait4(pid, 0)
                timed_out = True
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    peak = usage.ru_maxrss * 1024 if usage else 0
    code = os.waitstatus_to_exitcode(status)
    if timed_out:
        outcome = Outcome.TIMEOUT
    elif peak > MEMORY_LIMIT or "MemoryError" in text:
        outcome = Outcome.OVER_MEMORY
    elif code not in (0, 1) or "Traceback" in text:
        outcome = Outcome.TRACEBACK
    elif before is not None and _failed(text) and _contents(database) != before:
        outcome = Outcome.DB_CHANGED
    else:
        outcome = Outcome.OK if code == 0 else Outcome.CLEAN_ERROR
    return Result(outcome, code, seconds, peak, text)


def clean_failure(result: Result, name: str) -> bool:
    """A failed run told the user what failed: one "Error:" line naming ``name``,
    or, for a batch, a line naming it among the items."""
    if result.outcome is not Outcome.CLEAN_ERROR:
        return True
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    return len(errors) <= 1 and name in (errors[0] if errors else result.output)
