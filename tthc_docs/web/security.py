"""Access token, session cookie and CSRF values, and safe names for uploads.

One secret, the access token, guards the workspace. The browser never keeps the
token itself: it gets a cookie holding a value derived from it (HttpOnly,
SameSite=Strict), and every form carries a CSRF value derived the same way, so a
page on another site can neither read nor forge either.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import PureWindowsPath

COOKIE_NAME = "tthc_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"

_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")
MAX_NAME_CHARS = 120


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _derive(token: str, purpose: str) -> str:
    return hmac.new(token.encode("utf-8"), purpose.encode("ascii"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Secrets:
    """The access token and the values derived from it."""

    token: str

    @property
    def session(self) -> str:
        return _derive(self.token, "session-cookie")

    @property
    def csrf(self) -> str:
        return _derive(self.token, "csrf")

    def is_token(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode("utf-8"), self.token.encode("utf-8"))

    def is_session(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode("utf-8"), self.session.encode("utf-8"))

    def is_csrf(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode("utf-8"), self.csrf.encode("utf-8"))


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost": addresses no other machine reaches."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def safe_upload_name(name: str | None) -> str:
    """The last part of an uploaded file's name, cleaned: what a browser sends is
    only a label, never a path ("../../x.docx" → "x.docx", "C:\\a\\b.pdf" → "b.pdf")."""
    base = PureWindowsPath(unicodedata.normalize("NFC", name or "")).name  # splits on / and \
    base = _UNSAFE_NAME.sub("", base).strip().lstrip(".").strip()
    if len(base) > MAX_NAME_CHARS:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[: MAX_NAME_CHARS - len(suffix) - 1] + dot + suffix) if dot and len(suffix) < 10 \
            else base[:MAX_NAME_CHARS]
    return base or "tai-lieu"
