"""Running LibreOffice headless (``soffice``), the one place that does it.

Every run gets its own user profile (``-env:UserInstallation``), so parallel runs
do not fight over one profile lock and a LibreOffice the user has open is neither
disturbed nor waited for. The launcher ``soffice`` forks ``soffice.bin``, so a run
is started in a new session and, when it overruns its time limit, the whole
process group is killed: killing only the launcher would leave ``soffice.bin``
converting (and writing into the caller's temporary folder) in the background.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .errors import CorruptFileError, MissingDependencyError

INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: `apt-get install libreoffice-writer-nogui`, "
                "macOS: `brew install --cask libreoffice`) and make sure `soffice` is on PATH")


@dataclass(frozen=True)
class SofficeRun:
    """A run that finished in time: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def detail(self) -> str:
        """The last line LibreOffice printed (its error, when it failed), or "no output"."""
        lines = (self.stderr or self.stdout).strip().splitlines()
        return lines[-1] if lines else "no output"


def find_soffice() -> str | None:
    """The path of ``soffice`` (or ``libreoffice``) on PATH, None without it."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def run_soffice(args: Sequence[str], *, timeout: float, profile_dir: Path, program: str | None,
                source: str, purpose: str) -> SofficeRun:
    """Run ``program`` headless with ``args`` and a private profile in ``profile_dir``.

    ``source`` (the file being converted) and ``purpose`` ("converting to PDF")
    name the run in errors: :class:`MissingDependencyError` when ``program`` is
    None (not installed) or cannot be started, :class:`CorruptFileError` when the
    run does not finish within ``timeout`` seconds."""
    if program is None:
        raise MissingDependencyError(f"{source}: LibreOffice is needed for {purpose}: {INSTALL_HINT}")
    profile_dir = Path(profile_dir).resolve()
    profile_dir.mkdir(parents=True, exist_ok=True)
    command = [program, f"-env:UserInstallation={profile_dir.as_uri()}",
               "--headless", "--norestore", "--nologo", *args]
    # HOME in the profile too: some builds write ~/.config even with a private profile.
    environment = {**os.environ, "HOME": str(profile_dir)}
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True, env=environment)
    except OSError as exc:
        raise MissingDependencyError(f"{source}: cannot start LibreOffice ({program}: {exc.strerror or exc}); "
                                     f"{INSTALL_HINT}") from exc
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(process)
        raise CorruptFileError(f"LibreOffice did not finish {purpose} within {timeout:g} s", source) from None
    except BaseException:
        _end(process)
        raise
    return SofficeRun(process.returncode, stdout.decode("utf-8", errors="replace"),
                      stderr.decode("utf-8", errors="replace"))


def _end(process: subprocess.Popen) -> None:
    """Kill the whole session the run started (launcher and soffice.bin) and reap
    the launcher. Its pipes are closed rather than read to the end: a process that
    left the session could hold them open for ever."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()
