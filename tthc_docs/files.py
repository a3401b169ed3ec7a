"""Writing files without losing what the user had.

Every output goes through :func:`write_bytes_atomic`: the bytes land in a temporary
file beside the target and are renamed over it only when complete, so an
interrupted run never leaves a half-written document; an existing file is kept
unless the caller passes ``force=True``.

A folder a command fills with many files is an :class:`OutputFolder`: a manifest
in it (``.tthc-manifest``, JSON) records each file tthc wrote there and a hash of
what it wrote, so running the command again replaces those files, while a file
tthc did not write, or one changed since (a workbook staff filled in), is still
kept unless ``force``. The manifest is saved by :meth:`OutputFolder.save`, which the
writer calls at the end, and on the way at most once every ``SAVE_INTERVAL`` seconds:
rewriting it after every file made a batch quadratic. A run killed in between leaves files the manifest does not list;
the next run keeps them, as files tthc did not write, unless ``force``.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path

from .errors import OutputExistsError

MANIFEST_NAME = ".tthc-manifest"
MANIFEST_SCHEMA = "tthc-manifest/1"
SAVE_INTERVAL = 1.0  # seconds


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


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class OutputFolder:
    """A folder of outputs with the manifest of the files tthc wrote in it."""

    def __init__(self, folder: str | Path, *, force: bool = False) -> None:
        self.folder = Path(folder)
        self.manifest = self.folder / MANIFEST_NAME
        self.force = force
        self._files = self._load()
        self._unsaved = False
        self._saved_at = time.monotonic()

    def _load(self) -> dict[str, str]:
        if not self.manifest.is_file():
            return {}
        try:
            data = json.loads(self.manifest.read_text(encoding="utf-8"))
            files = data["files"] if data.get("schema") == MANIFEST_SCHEMA else None
            if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
                raise ValueError(f"expected schema {MANIFEST_SCHEMA!r} with a 'files' mapping")
        except (OSError, UnicodeDecodeError, ValueError, AttributeError, KeyError) as exc:
            if self.force:
                return {}
            raise OutputExistsError(f"{self.manifest}: not a manifest tthc can read ({exc}); so no file in "
                                    "the folder counts as written by tthc: remove it, or pass --force") from exc
        return dict(files)

    def wrote(self, path: Path) -> bool:
        """Whether ``path`` holds exactly what tthc wrote there."""
        recorded = self._files.get(self._key(path))
        try:
            return recorded is not None and _digest(path.read_bytes()) == recorded
        except OSError:
            return False

    def _key(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def write(self, path: str | Path, data: bytes) -> Path:
        """Write ``data`` to ``path`` (inside the folder) atomically: over a file tthc
        wrote there and nobody changed since, or over anything with ``force``; then
        record it for the manifest."""
        path = Path(path)
        if path.exists() and not self.force and not self.wrote(path):
            raise OutputExistsError(f"{path}: already exists and tthc did not write it (or it was changed "
                                    "since); pass --force to overwrite it")
        write_bytes_atomic(path, data, force=True)
        self._files[self._key(path)] = _digest(data)
        self._unsaved = True
        if time.monotonic() - self._saved_at >= SAVE_INTERVAL:
            self.save()
        return path

    def save(self) -> None:
        """Write the manifest, if a file was written since it was last saved."""
        if not self._unsaved:
            return
        manifest = {"schema": MANIFEST_SCHEMA, "files": dict(sorted(self._files.items()))}
        write_text_atomic(self.manifest, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", force=True)
        self._unsaved, self._saved_at = False, time.monotonic()
