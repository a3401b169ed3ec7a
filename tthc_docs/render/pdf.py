"""PDF through LibreOffice headless (``soffice --convert-to pdf``).

Each conversion uses its own throw-away LibreOffice profile, so it neither
disturbs nor waits for a LibreOffice the user has open, and runs under a time
limit. The PDF is written like every other output: atomically, and not over an
existing file unless ``force``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from ..errors import MissingDependencyError, TthcError
from ..files import check_writable, write_bytes_atomic

TIMEOUT_SECONDS = 180
INSTALL_HINT = ("LibreOffice is needed for --pdf: install it (Debian/Ubuntu: "
                "`apt-get install libreoffice-writer-nogui`, macOS: `brew install --cask libreoffice`) "
                "and make sure `soffice` is on PATH")


def soffice() -> str:
    """The path of ``soffice``, or :class:`MissingDependencyError` saying how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise MissingDependencyError(INSTALL_HINT)
    return found


def docx_to_pdf(sources: Sequence[str | Path], out_dir: str | Path, *, force: bool = False,
                timeout: float = TIMEOUT_SECONDS) -> tuple[Path, ...]:
    """Convert each .docx of ``sources`` to ``out_dir/<stem>.pdf`` in one
    LibreOffice run (starting LibreOffice costs far more than a conversion)."""
    docs = [Path(s) for s in sources]
    targets = [Path(out_dir) / f"{d.stem}.pdf" for d in docs]
    if len({t.name for t in targets}) != len(targets):
        raise TthcError(f"two of {', '.join(map(str, docs))} would give the same PDF name")
    for target in targets:
        check_writable(target, force=force)
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="tthc-soffice-") as work:
        work_dir = Path(work)
        profile = (work_dir / "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work_dir / "out"), *(str(d.resolve()) for d in docs)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise TthcError(f"LibreOffice did not finish converting {', '.join(map(str, docs))} to PDF "
                            f"within {timeout:.0f} s") from exc
        written = []
        for doc, target in zip(docs, targets):
            produced = work_dir / "out" / target.name
            if done.returncode != 0 or not produced.is_file():
                detail = (done.stderr or done.stdout).strip().splitlines()
                raise TthcError(f"{doc}: LibreOffice could not convert it to PDF (exit {done.returncode}"
                                f"{': ' + detail[-1] if detail else ''})")
            written.append(write_bytes_atomic(target, produced.read_bytes(), force=force))
    return tuple(written)
