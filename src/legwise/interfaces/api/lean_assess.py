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
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from legwise.interfaces.api import services
from legwise.interfaces.api.deps import KnowledgeHolder
from legwise.interfaces.api.guards import gate
from legwise.interfaces.api.models import CaseIn

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
