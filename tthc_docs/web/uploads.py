"""An uploaded document into the registry: read within the size limit, named
safely, extracted and stored in one go (a bad file stores nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import UploadFile

from ..errors import TthcError
from ..readers.safety import Limit, too_large
from .messages import ErrorMessage, explain
from .security import safe_upload_name


@dataclass(frozen=True)
class UploadOutcome:
    """One file's result: what the registry stored, or why it stored nothing."""

    name: str
    added: Any = None  # registry.AddResult
    error: ErrorMessage | None = None


def read_upload(upload: UploadFile, limit: int) -> tuple[str, bytes]:
    """The safe name and the bytes of an upload; over ``limit`` bytes is refused
    before the rest is read."""
    name = safe_upload_name(upload.filename)
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise too_large(upload.size or len(data), limit, Limit.UPLOAD_BYTES, name,
                        f"the upload is over the {limit:,}-byte limit of this workspace")
    return name, data


def add_upload(registry: Any, upload: UploadFile, *, limit: int, version_of: str | None, actor: Any) -> Any:
    """Store one upload; the registry's and readers' errors propagate."""
    name, data = read_upload(upload, limit)
    return registry.add(name, data=data, name=name, version_of=version_of or None, actor=actor)


def add_uploads(registry: Any, uploads: list[UploadFile], *, limit: int, version_of: str | None,
                actor: Any) -> tuple[UploadOutcome, ...]:
    """Each upload on its own: a bad file is reported and the batch goes on."""
    outcomes = []
    for upload in uploads:
        name = safe_upload_name(upload.filename)
        try:
            outcomes.append(UploadOutcome(name, added=add_upload(registry, upload, limit=limit,
                                                                 version_of=version_of, actor=actor)))
        except TthcError as exc:
            outcomes.append(UploadOutcome(name, error=explain(exc)))
    return tuple(outcomes)
