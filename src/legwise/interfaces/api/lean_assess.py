"""POST /v1/assess on a short path: the raw body validated once, the reply sent as bytes.

FastAPI's way costs ~60-80 us a request before the engine starts: it parses the body with
the strict reader (a Python walk), validates it into `CaseIn`, solves the dependencies and
the query, then wraps the encoded bytes in a Response. Here the body goes straight to
`CaseIn.model_validate_json` (pydantic-core's parser and validator in one pass) and the
engine's bytes go out as two ASGI messages.

Only a body this path is sure about takes it: an `application/json` body that validates,
with `view` absent, `full` or `summary`, and no value in it that the strict reader
(`legwise.strict_json`) refuses (NaN, Infinity, huge numbers; lone surrogates and deep
nesting fail validation anyway). Everything else (bad JSON, an unknown key, a wrong
type, an odd `view`) is handed, with its body, to the documented FastAPI route, which answers
exactly as before: the same 422 naming the field, the same OpenAPI document. A body that
validates but fails the engine's checks raises `InputError`, which the app's handler turns
into the same 422 as before. So the replies are byte for byte the route's replies.

`AssessFastLane` goes one step further, in front of the middleware stack (inside the access
log only): a plain request (see `AssessFastLane`) is answered there, with the checks and
headers the stack would have given it; anything else, or any error, goes through the whole
stack with its body, which answers it as before.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from legwise.interfaces.api import services
from legwise.interfaces.api.deps import KnowledgeHolder
from legwise.interfaces.api.guards import BodyTimeout, gate
from legwise.interfaces.api.middleware import HSTS, SECURITY_HEADERS
from legwise.interfaces.api.models import CaseIn

log = logging.getLogger("legwise.api")

PATH = "/v1/assess"
# pydantic's parser reads NaN, Infinity and integers of any length, which the strict reader
# refuses; a number this large or not finite goes the long way (a 41-digit integer read as a
# float is about 1e40).
_HUGE = 1e39
_VIEWS = {b"": "full", b"view=full": "full", b"view=summary": "summary"}
_JSON_TYPES = (b"application/json", b"application/json; charset=utf-8")


def _content_type(scope: Scope) -> bytes | None:
    for name, value in scope["headers"]:
        if name == b"content-type":
            return bytes(value).lower()
    return None


def _plain(case: CaseIn) -> bool:
    """No number in `case` that the strict reader would refuse. (Lone surrogates, invalid
    UTF-8 and nesting deeper than a case's fail validation, so they go the long way too.)"""
    if isinstance(case.id, int) and not -_HUGE < case.id < _HUGE:
        return False
    if case.age is not None and not (math.isfinite(case.age) and -_HUGE < case.age < _HUGE):
        return False
    return all(
        isinstance(v, str) or (math.isfinite(v) and -_HUGE < v < _HUGE)
        for v in case.findings.values()
    )


_PASSED_ON = "legwise.passed_on"  # set in the scope of a request handed to the router again


class LeanAssess(BaseRoute):
    """A route put first in `router`, in front of the documented POST /v1/assess (FastAPI's
    route, which stays in the OpenAPI document and answers every body this one passes on:
    the request goes through `router` again, marked so that this route lets it by)."""

    def __init__(self, router: ASGIApp) -> None:
        self.path = PATH
        self.router = router

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if (
            scope["type"] == "http"
            and scope["path"] == PATH
            and scope["method"] == "POST"
            and _PASSED_ON not in scope
        ):
            return Match.FULL, {}
        return Match.NONE, {}

    def url_path_for(self, name: str, /, **path_params: Any) -> Any:
        from starlette.routing import NoMatchFound

        raise NoMatchFound(name, path_params)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await _read_body(receive)
        view = _VIEWS.get(scope.get("query_string", b""))
        case: CaseIn | None = None
        if view is not None and _content_type(scope) in _JSON_TYPES:
            try:
                case = CaseIn.model_validate_json(body)
            except ValidationError:
                case = None
        if case is None or view is None or not _plain(case):
            scope[_PASSED_ON] = True
            await self.router(scope, _replay(body, receive), send)
            return
        data = case.case()
        app = scope["app"]
        holder: KnowledgeHolder = app.state.knowledge
        kb = holder.get() if holder.loaded else await run_in_threadpool(holder.get)
        if data.get("text"):  # as the route does: off the event loop, a few at a time
            async with gate(Request(scope)).slot():
                content = await run_in_threadpool(services.assess_one_json, kb, data, view)
        else:
            content = services.assess_one_json(kb, data, view)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-length", str(len(content)).encode()),
                    (b"content-type", b"application/json"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": content})


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break  # a disconnect: what came so far (the fallback sees the same)
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives `body` once, then whatever the connection says next."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def install(router: Any) -> None:
    """Put the short path first in `router`'s routes, in front of FastAPI's POST /v1/assess."""
    router.routes.insert(0, LeanAssess(router))


# What `middleware.SecurityHeaders` adds to a /v1/assess reply, in its order (the route sets
# none of them): the security headers, HSTS over HTTPS, and no-store (results hold health data).
_SECURE = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
_NO_STORE = (b"cache-control", b"no-store")
_TAIL = {
    False: [*_SECURE, _NO_STORE],
    True: [*_SECURE, (b"strict-transport-security", HSTS.encode()), _NO_STORE],
}


class AssessFastLane:
    """POST /v1/assess answered in front of the middleware stack (about 15-20 us of CPU a
    request less in-process: a dozen layers, each with its own wrapped receive and send, then
    the router).

    It takes a request only when it is sure what the stack would do with it: a Host the app
    answers, a Content-Length within the body limit, a whole body that arrives before the
    body timeout and stays within the limit, a `view` of full or summary, a JSON content
    type, a body that validates (as `LeanAssess` checks it) without `text`, and an engine
    that returns a result. Then it sends the bytes `LeanAssess` would send, with the headers
    `SecurityHeaders` would add. Everything else, an error included, is passed with the body
    read so far to the stack (`app`), which answers it exactly as before: the 400, 408, 413,
    422 or 500, with its logging. The engine is pure, so running it again there is safe.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        timeout: float,
        host_ok: Callable[[str], bool] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.host_ok = host_ok  # None: every Host is answered

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        view = _VIEWS.get(scope.get("query_string", b""))
        if view is None or not self._headers_plain(scope):
            await self.app(scope, receive, send)
            return
        got: list[Message] = []
        body = await self._read(receive, got)
        case = _valid(body) if body is not None else None
        if body is None or case is None:
            await self._pass_on(scope, receive, send, got)
            return
        data = case.case()
        holder: KnowledgeHolder = scope["app"].state.knowledge
        if data.get("text") or not holder.loaded:
            await self._pass_on(scope, receive, send, got)
            return
        try:
            content = services.assess_one_json(holder.get(), data, view)
        except Exception:  # the stack answers it (and logs what it must)
            await self._pass_on(scope, receive, send, got)
            return
        headers = [
            (b"content-length", str(len(content)).encode()),
            (b"content-type", b"application/json"),
            *_TAIL[scope.get("scheme") == "https"],
        ]
        try:
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": content})
        except Exception as exc:  # as `middleware.ErrorBoundary` does once a reply started
            log.error("unexpected %s on %s %s", type(exc).__name__, scope["method"], PATH)

    def _headers_plain(self, scope: Scope) -> bool:
        """A JSON content type, a Content-Length within the limit, and a Host answered."""
        ctype = length = host = None
        for name, value in scope["headers"]:
            if name == b"content-type":
                ctype = ctype or bytes(value).lower()
            elif name == b"content-length":
                length = length or value
            elif name == b"host":
                host = host or value
        if ctype not in _JSON_TYPES or length is None or not length.isdigit():
            return False
        if int(length) > self.max_bytes:
            return False
        if self.host_ok is not None:
            return self.host_ok(bytes(host or b"").decode("latin-1"))
        return True

    async def _read(self, receive: Receive, got: list[Message]) -> bytes | None:
        """The whole body, read within the body timeout (the messages kept in `got`), or
        None when it is not plain: too long, cut short by a disconnect, or too slow (then
        `got` ends with a marker that the stack's next read raises the timeout)."""
        deadline = asyncio.get_running_loop().time() + self.timeout
        size = 0
        try:
            async with asyncio.timeout_at(deadline):
                while True:
                    message = await receive()
                    got.append(message)
                    if message["type"] != "http.request":
                        return None
                    size += len(message.get("body", b""))
                    if size > self.max_bytes:
                        return None
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            got.append(_TIMED_OUT)
            return None
        if len(got) == 1:
            return bytes(got[0].get("body", b""))
        return b"".join(m.get("body", b"") for m in got)

    async def _pass_on(
        self, scope: Scope, receive: Receive, send: Send, got: list[Message]
    ) -> None:
        """The request, with the messages already read, through the whole stack; `LeanAssess`
        has nothing to add to what this lane found, so it lets it by."""
        scope[_PASSED_ON] = True
        await self.app(scope, _replay_all(got, receive), send)


_TIMED_OUT: Message = {"type": "legwise.timed_out"}


def _valid(body: bytes) -> CaseIn | None:
    try:
        case = CaseIn.model_validate_json(body)
    except ValidationError:
        return None
    return case if _plain(case) else None


def _replay_all(got: list[Message], receive: Receive) -> Receive:
    """A receive that gives the messages in `got` in turn, then whatever the connection says
    next; the timeout marker raises what the stack's own body timeout raises."""
    waiting = list(got)

    async def replayed() -> Message:
        if waiting:
            message = waiting.pop(0)
            if message is _TIMED_OUT:
                raise BodyTimeout()
            return message
        return await receive()

    return replayed


def fast_lane_options(
    max_bytes: int, timeout: float, allowed_hosts: frozenset[str]
) -> dict[str, Any]:
    """The keyword arguments of `AssessFastLane` for these settings (`host_ok` from the
    app's own `guards.TrustedHost` rule)."""
    from legwise.interfaces.api.guards import TrustedHost

    host_ok: Callable[[str], bool] | None = None
    if allowed_hosts:
        host_ok = TrustedHost(_no_app, allowed_hosts)._ok
    return {"max_bytes": max_bytes, "timeout": timeout, "host_ok": host_ok}


async def _no_app(scope: Scope, receive: Receive, send: Send) -> None:  # pragma: no cover
    raise RuntimeError("only the Host rule of this TrustedHost is used")
