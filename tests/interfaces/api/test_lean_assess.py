"""POST /v1/assess takes a short path (`lean_assess`: a lane in front of the middleware stack,
and a route in front of FastAPI's); its replies must be the documented FastAPI route's behind
the whole stack, byte for byte and header for header, for good bodies and bad ones alike."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.lean_assess import AssessFastLane, LeanAssess
from legwise.interfaces.api.settings import Settings
from legwise.kb.loader import Knowledge
from tests.tables.cases import random_cases

BAD = [
    b'{"age": NaN}',
    b'{"age": Infinity}',
    b'{"age": 1e400}',
    b'{"id": 123456789012345678901234567890123456789012345}',
    b'{"findings": {"pain_score": 1234567890123456789012345678901234567890123}}',
    b'{"id": "\\ud800"}',
    b'{"findings": {"nope": "present"}}',
    b'{"findings": {"one_leg_swollen": "maybe"}}',
    b'{"age": 300}',
    b'{"extra": 1}',
    b'{"findings": {"a": {"b": {}}}}',
    b"not json",
    b"\xff\xfe",
    b"",
    b"[" * 100 + b"]" * 100,
]


@pytest.fixture(scope="module")
def documented() -> Iterator[TestClient]:
    """The app without the short path: FastAPI's route answers every POST /v1/assess."""
    with TestClient(_documented(Settings())) as c:
        yield c


def _documented(settings: Settings) -> Any:
    app = create_app(settings)
    app.router.routes[:] = [r for r in app.router.routes if not isinstance(r, LeanAssess)]
    fast: object = AssessFastLane
    app.user_middleware[:] = [m for m in app.user_middleware if m.cls is not fast]
    return app


def _same(a: TestClient, b: TestClient, url: str, body: bytes, ctype: str) -> None:
    headers = {"content-type": ctype}
    one, two = (
        a.post(url, content=body, headers=headers),
        b.post(url, content=body, headers=headers),
    )
    assert (one.status_code, one.headers["content-type"]) == (
        two.status_code,
        two.headers["content-type"],
    ), body
    assert one.content == two.content, body
    assert one.headers.raw == two.headers.raw, body


def test_the_short_path_is_in_front(client: TestClient) -> None:
    routes = client.app.router.routes  # type: ignore[attr-defined]
    assert isinstance(routes[0], LeanAssess)
    stack = client.app.user_middleware  # type: ignore[attr-defined]
    assert stack[0].cls is AssessFastLane  # outermost (the access log, when on, outside it)


def test_good_bodies_get_the_routes_replies(
    client: TestClient, documented: TestClient, kb: Knowledge
) -> None:
    for case in random_cases(kb, 60, seed=7):
        body = json.dumps(case).encode()
        _same(client, documented, "/v1/assess", body, "application/json")
        _same(client, documented, "/v1/assess?view=summary", body, "application/json")


def test_bad_bodies_get_the_routes_replies(client: TestClient, documented: TestClient) -> None:
    for body in BAD:
        reply = client.post(
            "/v1/assess", content=body, headers={"content-type": "application/json"}
        )
        assert reply.status_code == 422, body  # never a 500
        _same(client, documented, "/v1/assess", body, "application/json")
    _same(client, documented, "/v1/assess", b'{"age": 50}', "text/plain")
    _same(client, documented, "/v1/assess?view=tiny", b'{"age": 50}', "application/json")
    _same(client, documented, "/v1/assess?view=summary&x=1", b'{"age": 50}', "application/json")


def test_requests_the_stack_refuses_get_its_replies() -> None:
    """A Host not answered, a body over the limit (by its length or by what came), a
    text to read: the lane passes them to the stack, which answers as before."""
    settings = Settings(trusted_hosts=("legwise.example",), max_body_bytes=2048)
    with TestClient(create_app(settings)) as lane, TestClient(_documented(settings)) as plain:
        case = b'{"age": 50, "findings": {"pain_at_night": "present"}}'
        for host in ("legwise.example", "evil.example"):
            _same_host(lane, plain, host, case)
        big = b'{"id": "' + b"x" * 3000 + b'"}'
        _same(lane, plain, "/v1/assess", big, "application/json")
        text = b'{"text": "my calf hurts at night and it is swollen"}'
        _same(lane, plain, "/v1/assess", text, "application/json")


def _same_host(a: TestClient, b: TestClient, host: str, body: bytes) -> None:
    headers = {"content-type": "application/json", "host": host}
    one = a.post("/v1/assess", content=body, headers=headers)
    two = b.post("/v1/assess", content=body, headers=headers)
    assert (one.status_code, one.content, one.headers.raw) == (
        two.status_code,
        two.content,
        two.headers.raw,
    ), host


def _asgi_reply(app: Any, messages: list[dict[str, Any]], wait: bool) -> list[dict[str, Any]]:
    """POST /v1/assess straight to the ASGI app: `messages` as the body, then (`wait`) a
    client that sends nothing more, or a disconnect."""
    body = b"".join(m.get("body", b"") for m in messages)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/assess",
        "raw_path": b"/v1/assess",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body) + (100 if wait else 0)).encode()),
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    waiting = list(messages)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if waiting:
            return waiting.pop(0)
        if wait:
            await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def run() -> None:
        async with app.router.lifespan_context(app):
            await app(scope, receive, send)

    # In a thread of its own: a session-wide browser fixture (Playwright's sync API) may keep
    # an event loop running in this one, and asyncio.run refuses to nest.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()
    return sent


def test_slow_and_cut_short_bodies_get_the_stacks_replies() -> None:
    """A body that stops coming (408 after the body timeout) or that ends in a disconnect:
    the same messages from the lane as from the stack."""
    settings = Settings(body_timeout=0.2)
    part = {"type": "http.request", "body": b'{"age": 5', "more_body": True}
    for wait in (True, False):
        lane = _asgi_reply(create_app(settings), [part], wait)
        plain = _asgi_reply(_documented(settings), [part], wait)
        assert lane == plain
        if wait:
            assert lane[0]["status"] == 408
