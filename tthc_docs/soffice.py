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
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .errors import CorruptFileError, MissingDependencyError

WRITER_PACKAGE = "libreoffice-writer-nogui"
CALC_PACKAGE = "libreoffice-calc-nogui"


def install_hint(package: str = WRITER_PACKAGE) -> str:
    """How to install LibreOffice with the Debian ``package`` a conversion needs."""
    return (f"install LibreOffice (Debian/Ubuntu: `apt-get install {package}`, "
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
                source: str, purpose: str, package: str = WRITER_PACKAGE) -> SofficeRun:
    """Run ``program`` headless with ``args`` and a private profile in ``profile_dir``.

    ``source`` (the file being converted) and ``purpose`` ("converting to PDF")
    name the run in errors: :class:`MissingDependencyError` when ``program`` is
    None (not installed) or cannot be started, :class:`CorruptFileError` when the
    run does not finish within ``timeout`` seconds; ``package`` is the Debian
    package the install hint names."""
    if program is None:
        raise MissingDependencyError(f"{source}: LibreOffice is needed for {purpose}: {install_hint(package)}")
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
                                     f"{install_hint(package)}") from exc
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


def convert_bytes(data: bytes, name: str, *, suffix: str, to: str, purpose: str, timeout: float,
                  program: str | None, package: str = WRITER_PACKAGE) -> bytes:
    """The file LibreOffice makes of ``data`` (saved as ``input<suffix>``) with
    ``--convert-to <to>`` run by ``program`` (:func:`find_soffice`), in a private
    temporary folder; raises
    MissingDependencyError without LibreOffice and CorruptFileError when it
    writes nothing (a damaged or password-protected file, or a missing filter)."""
    with tempfile.TemporaryDirectory(prefix="tthc-convert-", ignore_cleanup_errors=True) as work:
        folder = Path(work)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        done = run_soffice(["--convert-to", to, "--outdir", str(folder / "out"), str(source)],
                           timeout=timeout, profile_dir=folder / "profile", program=program,
                           source=name, purpose=purpose, package=package)
        converted = folder / "out" / f"input.{to.split(':')[0]}"
        if not converted.exists():
            raise CorruptFileError(
                f"LibreOffice could not convert it for {purpose} (exit code {done.returncode}: {done.detail}); "
                "it may be damaged or password protected, or LibreOffice lacks the filter for it",
                name,
            )
        return converted.read_bytes()
