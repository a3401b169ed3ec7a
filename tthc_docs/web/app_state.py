"""What the app keeps between requests: facts of stored plan versions, which
never change once added (their document header, warnings, sections and number
of tasks: edits change a task's fields, never its section or the count), read once."""

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
    sections: tuple[str, ...]
    task_count: int


def version_info(request: Request, registry: Any, plan: int, version: int) -> VersionInfo:
    cache: dict[tuple[int, int], VersionInfo] = request.app.state.version_cache
    with _LOCK:
        found = cache.get((plan, version))
    if found is not None:
        return found
    table = registry.export_table(plan, version)
    by_task, general = warnings_by_task(table.warnings)
    info = VersionInfo(document=table.document, source=table.source, warnings_by_task=by_task,
                       general_warnings=general, task_count=len(table.tasks),
                       sections=tuple(dict.fromkeys(t.section for t in table.tasks if t.section)))
    with _LOCK:
        if len(cache) >= _MAX_KEPT:
            cache.pop(next(iter(cache)))
        cache[(plan, version)] = info
    return info
