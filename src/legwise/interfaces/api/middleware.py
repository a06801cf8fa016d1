"""ASGI middleware: security headers on every response, a limit on request bodies, CORS on
the EHR-facing routes.

Plain ASGI (not BaseHTTPMiddleware) so that neither buffers a body or costs a task switch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from legwise.interfaces.api.guards import BodyTimeout

log = logging.getLogger("legwise.api")

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
# Sent only over HTTPS (directly, or behind a proxy that says so in X-Forwarded-Proto and is
# trusted by uvicorn's --forwarded-allow-ips): over plain HTTP the header means nothing.
HSTS = "max-age=31536000; includeSubDomains"
# Results, diaries and forms hold health data: no cache keeps them. Only the static files
# and the public descriptions (OpenAPI, knowledge) may be cached.
CACHEABLE = ("/static/", "/openapi.json", "/v1/knowledge/")


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (keeping any a route set itself), HSTS
    over HTTPS, and `Cache-Control: no-store` unless the path is CACHEABLE or the route set
    its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if https:
                    headers.setdefault("strict-transport-security", HSTS)
                if not cacheable:
                    headers.setdefault("cache-control", "no-store")
            await send(message)

        https = scope.get("scheme") == "https"
        cacheable = str(scope["path"]).startswith(CACHEABLE)
        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=413, detail="request body too large")


TOO_LARGE = "request body too large"


def plain_too_large(path: str) -> JSONResponse:
    """FastAPI's own shape for a 413; `BodyLimit` takes another maker for other protocols."""
    return JSONResponse({"detail": TOO_LARGE}, status_code=413)


class BodyLimit:
    """Rejects request bodies over the path's limit with 413: `per_path[path]`, else the
    longest matching `per_prefix` entry, else `max_bytes`.

    The Content-Length header is checked before the app runs; the streamed body is counted
    as it is read, so a client that sends no length (or a false one) is stopped too.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        per_path: Mapping[str, int] | None = None,
        too_large: Callable[[str], Response] = plain_too_large,
        per_prefix: Sequence[tuple[str, int]] = (),
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.per_path = dict(per_path or {})
        self.per_prefix = sorted(per_prefix, key=lambda rule: -len(rule[0]))
        self.too_large = too_large  # path -> the 413 response

    def limit(self, path: str) -> int:
        if path in self.per_path:
            return self.per_path[path]
        for prefix, limit in self.per_prefix:
            if path.startswith(prefix):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope["path"])
        length = Headers(scope=scope).get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await self.too_large(scope["path"])(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            # Normally the app's handlers answer 413; this catches a body read elsewhere.
            if started:
                raise
            await self.too_large(scope["path"])(scope, receive, send)


class PathCORS:
    """CORS (Starlette's CORSMiddleware, preflight included) on paths under `prefixes` only:
    SMART apps and CDS Hooks clients call /fhir and /cds-services from browsers; the web
    pages and /v1 stay same-origin."""

    def __init__(self, app: ASGIApp, prefixes: Sequence[str], origins: Sequence[str]) -> None:
        from starlette.middleware.cors import CORSMiddleware

        self.app = app
        self.prefixes = tuple(prefixes)
        self.cors = CORSMiddleware(
            app,
            allow_origins=list(origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["authorization", "content-type", "accept", "prefer"],
            expose_headers=["location", "www-authenticate"],
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.prefixes):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def plain_internal_error(path: str) -> JSONResponse:
    return JSONResponse({"detail": "internal error"}, status_code=500)


class ErrorBoundary:
    """Turns an unexpected exception into a bare 500 and logs only its type and the path.

    Starlette's own last-resort handler re-raises to the server, which logs the message and
    traceback; either could quote a request's health data. `internal_error` makes the 500
    in the caller's protocol (an OperationOutcome for FHIR).
    """

    def __init__(
        self, app: ASGIApp, internal_error: Callable[[str], Response] = plain_internal_error
    ) -> None:
        self.app = app
        self.internal_error = internal_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        except (BodyTooLarge, BodyTimeout):
            raise  # BodyLimit and ReadTimeout answer them
        except Exception as exc:
            log.error("unexpected %s on %s %s", type(exc).__name__, scope["method"], scope["path"])
            if started:
                return  # too late for a status; the response is cut short
            await self.internal_error(scope["path"])(scope, receive, send)
