"""PDF through LibreOffice headless (``soffice --convert-to pdf``).

LibreOffice runs through :mod:`tthc_docs.soffice` (a throw-away profile, a time
limit, the whole process group stopped when it overruns). The PDF is written like
every other output: atomically, and not over an existing file unless ``force``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Sequence

from ..errors import TthcError
from ..files import check_writable, write_bytes_atomic
from ..soffice import find_soffice, run_soffice

TIMEOUT_SECONDS = 180


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
    with tempfile.TemporaryDirectory(prefix="tthc-soffice-", ignore_cleanup_errors=True) as work:
        work_dir = Path(work)
        arguments = ["--convert-to", "pdf", "--outdir", str(work_dir / "out"), *(str(d.resolve()) for d in docs)]
        done = run_soffice(arguments, timeout=timeout, profile_dir=work_dir / "profile", program=find_soffice(),
                           source=", ".join(map(str, docs)), purpose="converting to PDF")
        written = []
        for doc, target in zip(docs, targets):
            produced = work_dir / "out" / target.name
            if done.returncode != 0 or not produced.is_file():
                raise TthcError(f"{doc}: LibreOffice could not convert it to PDF (exit {done.returncode}: "
                                f"{done.detail})")
            written.append(write_bytes_atomic(target, produced.read_bytes(), force=force))
    return tuple(written)
