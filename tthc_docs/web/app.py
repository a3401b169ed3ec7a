"""The application factory: ``create_app(registry_url, token)``.

Every request passes the access check (cookie, or ``Authorization: Bearer`` for
the API; ``?token=`` once to get the cookie) and a size limit; every request that
changes something passes the CSRF check. The toolkit's errors become a page in
plain Vietnamese, or ``{"error": …}`` with HTTP 422 (409 for a stale edit) under
``/api``: no traceback ever reaches the browser.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import TthcError
from ..readers.safety import MAX_INPUT_BYTES
from .deps import STATIC_DIR, WebSettings, check_csrf, default_user, page
from .messages import ErrorMessage, error_status, explain
from .security import COOKIE_NAME, Secrets, new_token

log = logging.getLogger(__name__)

# Modules of .routers, each with a ``router``; a new area adds its module here.
ROUTERS = ("home", "plans", "tasks", "documents", "calendar", "api", "compare", "apology", "dashboard",
           "reminders")
# The navigation bar: (path, label, router module); an entry shows once its module is in ROUTERS.
NAV = (
    ("/", "Trang chủ", "home"),
    ("/dashboard", "Bảng điều khiển", "dashboard"),
    ("/compare", "So sánh", "compare"),
    ("/apology", "Phiếu xin lỗi", "apology"),
)
# The largest document a reader accepts, plus room for the multipart envelope.
DEFAULT_MAX_UPLOAD_BYTES = max(MAX_INPUT_BYTES.values())
_ENVELOPE_BYTES = 64 * 1024


def create_app(registry_url: str | None = None, token: str | None = None, *,
               registry: Any = None, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
               user: str | None = None) -> FastAPI:
    """The workspace on the registry at ``registry_url`` (None: the embedded default),
    or on ``registry`` when one is already open. Without ``token`` a random one is made;
    read it back from ``app.state.settings.secrets.token``."""
    app = FastAPI(title="tthc_docs — không gian làm việc", version="1",
                  description="API của không gian làm việc tthc_docs: tải văn bản lên, xem và sửa nhiệm vụ, "
                              "xuất bảng, so sánh phiên bản. Mọi yêu cầu cần mã truy cập "
                              "(`Authorization: Bearer …`).",
                  dependencies=[Depends(check_csrf)], docs_url=None, redoc_url=None, lifespan=_lifespan)
    app.state.settings = WebSettings(secrets=Secrets(token or new_token()), registry_url=registry_url,
                                     max_upload_bytes=max_upload_bytes, user=user or default_user())
    app.state.registry = registry
    app.state.version_cache = {}
    app.state.nav = tuple((path, label) for path, label, module in NAV if module in ROUTERS)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for name in ROUTERS:
        app.include_router(importlib.import_module(f"{__package__}.routers.{name}").router)
    _install_docs(app)
    app.middleware("http")(_guard)
    _install_error_handlers(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    owned = app.state.registry is None
    yield
    # A registry the app opened itself (on first use) is closed with it.
    if owned and app.state.registry is not None:
        app.state.registry.close()


def _install_docs(app: FastAPI) -> None:
    """/docs: Swagger UI from the files shipped in static/swagger (no CDN)."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title} — API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/swagger/favicon-32x32.png")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


async def _guard(request: Request, call_next) -> Response:
    settings: WebSettings = request.app.state.settings
    secrets = settings.secrets
    query_token = request.query_params.get("token")
    if query_token is not None and request.method == "GET" and secrets.is_token(query_token):
        # The start-up link: trade the token for the cookie, and drop it from the address bar.
        target = request.url.remove_query_params("token")
        response = RedirectResponse(target.path + (f"?{target.query}" if target.query else ""), status_code=303)
        response.set_cookie(COOKIE_NAME, secrets.session, httponly=True, samesite="strict", path="/")
        return response
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and secrets.is_token(credentials.strip()):
        request.state.auth = "bearer"
    elif secrets.is_session(request.cookies.get(COOKIE_NAME)):
        request.state.auth = "cookie"
    else:
        return _refuse(request, 401, "Cần mã truy cập. Hãy mở đường dẫn có mã (?token=…) mà lệnh "
                                     "'tthc serve' in ra khi khởi động.", headers={"WWW-Authenticate": "Bearer"})
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > settings.max_upload_bytes + _ENVELOPE_BYTES:
        return _refuse(request, 413, f"Yêu cầu quá lớn ({int(length):,} byte); giới hạn là "
                                     f"{settings.max_upload_bytes:,} byte cho mỗi tệp.")
    return await call_next(request)


def _refuse(request: Request, status: int, text: str, headers: dict[str, str] | None = None) -> Response:
    if _is_api(request) or request.url.path in ("/docs", "/openapi.json"):
        return JSONResponse({"error": text}, status_code=status, headers=headers)
    message = ErrorMessage(summary=text, detail="", kind=str(status))
    return _error_page(request, message, status, headers=headers, authenticated=False)


def _error_page(request: Request, message: ErrorMessage, status: int, *, headers: dict[str, str] | None = None,
                authenticated: bool = True) -> Response:
    fragment = request.headers.get("hx-request") == "true"
    # A refused visitor gets neither the navigation nor the CSRF value.
    extra = {} if authenticated else {"with_nav": False, "csrf": ""}
    response = page(request, "_error.html" if fragment else "error.html",
                    {"error": message, "status": status, **extra}, status_code=status)
    response.headers.update(headers or {})
    return response


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TthcError)
    async def toolkit_error(request: Request, exc: TthcError) -> Response:
        message, status = explain(exc), error_status(exc)
        if _is_api(request):
            return JSONResponse({"error": message.detail, "message": message.summary, "kind": message.kind,
                                 "detail": message.said}, status_code=status)
        return _error_page(request, message, status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        text = exc.detail if isinstance(exc.detail, str) else "Yêu cầu không hợp lệ."
        if exc.status_code == 404 and text == "Not Found":
            text = "Không tìm thấy trang này."
        if _is_api(request):
            return JSONResponse({"error": text}, status_code=exc.status_code, headers=exc.headers)
        return _error_page(request, ErrorMessage(summary=text, detail="", kind=str(exc.status_code)),
                           exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        if _is_api(request):
            return JSONResponse({"error": f"invalid request: {problems}"}, status_code=422)
        return _error_page(request, ErrorMessage(summary="Dữ liệu gửi lên không hợp lệ.", detail=problems,
                                                 kind="RequestValidationError"), 422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        text = "Có lỗi không mong muốn ở máy chủ; thao tác chưa được thực hiện. Chi tiết đã được ghi vào nhật ký."
        if _is_api(request):
            return JSONResponse({"error": text}, status_code=500)
        return _error_page(request, ErrorMessage(summary=text, detail="", kind="internal"), 500)
