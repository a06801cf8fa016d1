"""POST /v1/assess takes a short path (`lean_assess`); its replies must be the documented
FastAPI route's, byte for byte, for good bodies and bad ones alike."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.lean_assess import LeanAssess
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
    app = create_app(Settings())
    app.router.routes[:] = [r for r in app.router.routes if not isinstance(r, LeanAssess)]
    with TestClient(app) as c:
        yield c


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


def test_the_short_path_is_in_front(client: TestClient) -> None:
    routes = client.app.router.routes  # type: ignore[attr-defined]
    assert isinstance(routes[0], LeanAssess)


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
