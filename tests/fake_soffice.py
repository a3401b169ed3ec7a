"""Stand-ins for LibreOffice's launcher, shared by the tests of everything that runs
it (reading a .doc, converting to PDF) through :mod:`tthc_docs.soffice`."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

# Like the real launcher, the fake forks a worker (soffice.bin) that keeps writing
# into the private profile; it records the worker's pid so the test can see it end.
_HANGING = """
for a in "$@"; do case "$a" in -env:UserInstallation=file://*) profile="${a#-env:UserInstallation=file://}";; esac; done
mkdir -p "$profile"
( while :; do touch "$profile/busy-$$" 2>/dev/null; sleep 0.05; done ) &
echo $! > "%s"
wait
"""


def fake_soffice(folder: Path, script: str) -> str:
    """An executable ``soffice`` in ``folder`` running the shell ``script``."""
    path = folder / "soffice"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)
    return str(path)


def hanging_soffice(folder: Path, pid_file: Path) -> str:
    """A ``soffice`` that never finishes, its worker's pid written to ``pid_file``."""
    return fake_soffice(folder, _HANGING % pid_file)


def ended(pid: int) -> bool:
    """Whether process ``pid`` has ended (gone, or a zombie left for init to reap);
    SIGKILL lands asynchronously, so give it a moment. A worker still running is
    killed here, so a failing test leaves nothing behind."""
    for _ in range(200):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return False
