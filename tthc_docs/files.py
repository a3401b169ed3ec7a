"""Writing files without losing what the user had.

Every output goes through :func:`write_bytes_atomic`: the bytes land in a temporary
file beside the target and are renamed over it only when complete, so an
interrupted run never leaves a half-written document; an existing file is kept
unless the caller passes ``force=True``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputExistsError


def check_writable(path: Path, *, force: bool) -> None:
    """Raise :class:`OutputExistsError` if ``path`` exists and ``force`` is off."""
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: already exists; pass --force to overwrite it")


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_bytes_atomic(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, then rename)."""
    target = Path(path)
    check_writable(target, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode any new file would get,
        # or keep the mode of the file it replaces.
        os.fchmod(fd, target.stat().st_mode & 0o7777 if target.exists() else _default_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target


def write_text_atomic(path: str | Path, text: str, *, force: bool = False, encoding: str = "utf-8") -> Path:
    return write_bytes_atomic(path, text.encode(encoding), force=force)
