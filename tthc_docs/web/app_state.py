"""What the app keeps between requests: facts of stored plan versions, which
never change once added (their document header and warnings), read once."""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock
from typing import Any

from fastapi import Request

from ..models import DocumentInfo
from .task_view import warnings_by_task

_LOCK = Lock()
_MAX_KEPT = 256


@dataclass(frozen=True)
class VersionInfo:
    document: DocumentInfo
    source: str
    warnings_by_task: dict[str, tuple[str, ...]]
    general_warnings: tuple[str, ...]


def version_info(request: Request, registry: Any, plan: int, version: int) -> VersionInfo:
    cache: dict[tuple[int, int], VersionInfo] = request.app.state.version_cache
    with _LOCK:
        found = cache.get((plan, version))
    if found is not None:
        return found
    table = registry.export_table(plan, version)
    by_task, general = warnings_by_task(table.warnings)
    info = VersionInfo(document=table.document, source=table.source, warnings_by_task=by_task,
                       general_warnings=general)
    with _LOCK:
        if len(cache) >= _MAX_KEPT:
            cache.pop(next(iter(cache)))
        cache[(plan, version)] = info
    return info
