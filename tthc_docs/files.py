"""Writing files without losing what the user had.

Every output goes through :func:`write_bytes_atomic`: the bytes land in a temporary
file beside the target and are renamed over it only when complete, so an
interrupted run never leaves a half-written document; an existing file is kept
unless the caller passes ``force=True``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import OutputExistsError


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))


def check_writable(path: Path, *, force: bool) -> None:
    """Raise :class:`OutputExistsError` if ``path`` exists (a dangling link
    included) and ``force`` is off, or if it is anything but a regular file (or a
    link to one in the same folder): ``--force`` never replaces a folder, a
    device, a FIFO, or what a link points to outside the output folder."""
    if not os.path.lexists(path):
        return
    if not force:
        raise OutputExistsError(f"{path}: already exists; pass --force to overwrite it")
    refuse = "; --force only replaces regular files"
    if path.is_symlink():
        target = path.resolve()
        if target.parent != path.parent.resolve():
            raise OutputExistsError(f"{path}: is a link to a file outside its folder ({target}){refuse}")
    mode = os.stat(path).st_mode if path.exists() else stat.S_IFREG
    for test, kind in _KINDS:
        if test(mode):
            raise OutputExistsError(f"{path}: is {kind}{refuse}")


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
