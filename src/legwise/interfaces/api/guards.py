"""Guards in front of the app: which Host is answered, how long a body may take, HEAD on GET
pages, and how many expensive requests may run at once.

Plain ASGI (no BaseHTTPMiddleware): nothing is buffered and no task is spawned per request.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException, Request
from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from legwise.interfaces.api.settings import Settings


class TrustedHost:
    """400 for a Host header not in `allowed` (none given: every Host is answered).

    A wildcard entry `*.example.org` allows its subdomains; `*` allows everything."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed
        self.wild = tuple(h[1:] for h in allowed if h.startswith("*.") and len(h) > 2)

    def _ok(self, host: str) -> bool:
        from legwise.interfaces.api.settings import _strip_port

        name = _strip_port(host.lower())
        return name in self.allowed or "*" in self.allowed or name.endswith(self.wild or ("\0",))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.allowed:
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "")
        if not self._ok(host):
            response = PlainTextResponse("Invalid host header", status_code=400)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class BodyTimeout(HTTPException):
    """The client took longer than the body timeout to send its body: 408. An HTTPException,
    so that FastAPI's body reading passes it on and the app's handler answers it."""

    def __init__(self) -> None:
        super().__init__(408, detail="request body timed out", headers={"Connection": "close"})


class ReadTimeout:
    """408 when a request body does not arrive within `seconds` (a slow client once held a
    connection and a worker slot for 45 s). Counted from the first read of the body; only
    the body is timed, not the wait for a disconnect after it."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline: float | None = None
        body_done = False
        started = False

        async def timed_receive() -> Message:
            nonlocal deadline, body_done
            if body_done:
                return await receive()
            loop = asyncio.get_running_loop()
            if deadline is None:
                deadline = loop.time() + self.seconds
            try:
                async with asyncio.timeout_at(deadline):  # no extra task, unlike wait_for
                    message = await receive()
            except TimeoutError:
                raise BodyTimeout() from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, timed_receive, watched_send)
        except BodyTimeout:  # read outside any route (normally the app's handler answers)
            if started:
                return
            response = PlainTextResponse(
                "request body timed out", status_code=408, headers={"Connection": "close"}
            )
            await response(scope, receive, send)


class HeadAsGet:
    """HEAD answered as the GET of the same path would be, without the body (HTTP requires
    it of every GET resource; FastAPI's routes answered 405)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)


class Busy(HTTPException):
    """Too many expensive requests at once: 503 with Retry-After."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            503,
            detail="the server is busy with other long requests; try again shortly",
            headers={"Retry-After": str(retry_after)},
        )


class ExpensiveGate:
    """At most `limit` expensive requests (a batch, free text, a PDF) run at once in this
    worker; the next is refused at once with 503 and Retry-After instead of queueing behind
    them (six 1000-case text batches once pushed /healthz to 2.8 s)."""

    def __init__(self, limit: int, retry_after: int) -> None:
        self.limit = limit
        self.retry_after = retry_after
        self.running = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.running >= self.limit:
            raise Busy(self.retry_after)
        self.running += 1  # the event loop is one thread: no lock needed
        try:
            yield
        finally:
            self.running -= 1


def gate(request: Request) -> ExpensiveGate:
    """The app's gate (a default one for apps built without `create_app`)."""
    found = getattr(request.app.state, "expensive", None)
    if isinstance(found, ExpensiveGate):
        return found
    settings = getattr(request.app.state, "settings", None) or Settings()
    made = ExpensiveGate(settings.max_expensive, settings.retry_after)
    request.app.state.expensive = made
    return made


async def expensive_slot(request: Request) -> AsyncIterator[None]:
    """A route dependency holding one of the app's expensive slots while the route runs."""
    async with gate(request).slot():
        yield
