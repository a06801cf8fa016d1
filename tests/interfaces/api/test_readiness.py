"""GET /readyz: a load balancer (or the browser tests) can wait until the free-text reader is
built, so that nobody's first text waits a build out; /healthz stays plain liveness."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from legwise.intake.phrase_pipeline import reader_ready
from legwise.interfaces.api import services
from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings
from legwise.kb import load_knowledge


def test_without_the_warm_up_the_server_is_ready_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "text_ready", lambda kb: False)
    with TestClient(create_app(Settings())) as client:
        reply = client.get("/readyz")
    assert reply.status_code == 200
    assert reply.json()["status"] == "ready"
    assert reply.json()["text_reader"] == "on_first_use"


def test_while_the_warm_up_builds_the_server_says_it_is_starting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(services, "warm_text", lambda kb: None)  # a build that never ends
    monkeypatch.setattr(services, "text_ready", lambda kb: False)
    with TestClient(create_app(Settings(warm_text=True))) as client:
        reply = client.get("/readyz")
        health = client.get("/healthz")
    assert reply.status_code == 503
    assert reply.json()["status"] == "starting" and reply.json()["text_reader"] == "building"
    assert health.status_code == 200  # alive meanwhile


def test_the_warm_up_builds_the_text_reader_and_then_the_server_is_ready() -> None:
    with TestClient(create_app(Settings(warm_text=True))) as client:
        deadline = time.monotonic() + 600  # a loaded machine: the build is CPU work
        while (reply := client.get("/readyz")).status_code == 503:
            assert time.monotonic() < deadline, "the text reader was never built"
            time.sleep(0.5)
        assert reply.json() == {
            "status": "ready",
            "knowledge_version": load_knowledge().version,
            "text_reader": "ready",
        }
        assert reader_ready(load_knowledge())
        parsed = client.post("/v1/parse", json={"text": "my calf is swollen and hot"})
    assert parsed.status_code == 200
