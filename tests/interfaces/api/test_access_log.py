"""The access log `legwise serve` writes: one line per response with the method, the path
and the status, written in batches; never a body, a query string or a diary link's token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from legwise.interfaces.api.access_log import AccessLog
from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings

TOKEN = "k3Yq0wF8tW2xN5vB7mC9zL1pR4sD6hJ0aE8uI2oT5yQ"


@pytest.fixture
def written(api_app: FastAPI) -> Iterator[tuple[TestClient, AccessLog, list[bytes]]]:
    out: list[bytes] = []
    logged = AccessLog(api_app, write=out.append, every=60.0, batch=3, background=False)
    with TestClient(logged) as client:
        yield client, logged, out


def test_each_response_is_a_line_without_body_or_query(
    written: tuple[TestClient, AccessLog, list[bytes]],
) -> None:
    client, _, out = written
    case = {"id": "secret-id", "age": 58, "findings": {"one_leg_swollen": "present"}}
    assert client.post("/v1/assess?view=summary", json=case).status_code == 200
    assert client.post("/v1/assess", json={"findings": {"nope": "present"}}).status_code == 422
    assert out == []  # waiting for the batch (or the timer)
    client.get(f"/diary/open/{TOKEN}", follow_redirects=False)
    assert len(out) == 1  # the third line fills the batch: one write
    lines = out[0].decode().splitlines()
    assert lines[0].endswith('"POST /v1/assess HTTP/1.1" 200')
    assert lines[0].startswith("INFO:     ")
    assert lines[1].endswith('"POST /v1/assess HTTP/1.1" 422')
    assert '"GET /diary/open/[token] HTTP/1.1"' in lines[2]
    text = out[0].decode()
    assert TOKEN not in text and "secret-id" not in text and "view=" not in text


def test_waiting_lines_are_written_on_flush(
    written: tuple[TestClient, AccessLog, list[bytes]],
) -> None:
    client, log, out = written
    client.get("/healthz")
    log.flush()
    requests = [line.split('"')[1] for line in out[0].decode().splitlines()]
    assert requests == ["GET /healthz HTTP/1.1"]


def test_a_stalled_log_never_stalls_the_answers(api_app: FastAPI) -> None:
    """A log write that blocks (a slow disk, a full pipe) holds up no response; once it is
    free again, flush() writes every line, in order."""
    import threading

    stalled = threading.Event()
    out: list[bytes] = []

    def slow_write(data: bytes) -> None:
        stalled.wait(timeout=30)
        out.append(data)

    logged = AccessLog(api_app, write=slow_write, every=60.0, batch=2)
    with TestClient(logged) as client:
        for _ in range(6):  # three batches handed to the writer while it is stuck
            assert client.get("/healthz").status_code == 200
        assert out == []
        stalled.set()
        logged.flush()
    lines = b"".join(out).decode().splitlines()
    assert len(lines) == 6 and all(x.endswith('"GET /healthz HTTP/1.1" 200') for x in lines)


def test_the_setting_puts_it_on_the_app() -> None:
    on = create_app(Settings(access_log=True))
    off = create_app(Settings())
    on_classes: list[object] = [m.cls for m in on.user_middleware]
    off_classes: list[object] = [m.cls for m in off.user_middleware]
    assert AccessLog in on_classes
    assert AccessLog not in off_classes
