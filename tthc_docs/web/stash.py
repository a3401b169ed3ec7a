"""Uploads a page works on over several requests (the two files of a
comparison, the dossier sheet between its preview and its ZIP), kept in memory
under a random id: a browser cannot send a file twice, and these files are not
the registry's to keep. The oldest go first once ``MAX_KEPT`` are held, and
nothing survives a restart: a lost id is a clear "upload it again"."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from threading import Lock
from typing import Any

from fastapi import HTTPException, Request

MAX_KEPT = 32
_LOCK = Lock()


def _store(request: Request) -> OrderedDict[str, Any]:
    """The app's stash; call with ``_LOCK`` held."""
    state = request.app.state
    if getattr(state, "stash", None) is None:
        state.stash = OrderedDict()
    return state.stash


def keep(request: Request, value: Any) -> str:
    """Keep ``value``; its id, safe in a URL."""
    key = secrets.token_urlsafe(12)
    with _LOCK:
        store = _store(request)
        store[key] = value
        while len(store) > MAX_KEPT:
            store.popitem(last=False)
    return key


def kept(request: Request, key: str, kind: type) -> Any:
    """What ``keep`` stored under ``key``, if it is a ``kind``; else 404 in Vietnamese."""
    with _LOCK:
        value = _store(request).get(key)
    if not isinstance(value, kind):
        raise HTTPException(status_code=404, detail="Tệp tải lên trước đó không còn trên máy chủ (máy chủ đã "
                                                    "khởi động lại hoặc đã có nhiều tệp mới hơn). Hãy tải lên lại.")
    return value
