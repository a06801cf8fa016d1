"""Settings from LEGWISE_* variables, and an app built from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.max_body_bytes == 64 * 1024
    assert settings.knowledge_dir is None


def test_from_env() -> None:
    settings = Settings.from_env(
        {"LEGWISE_PORT": "9000", "LEGWISE_MAX_BODY_BYTES": "2048", "LEGWISE_KNOWLEDGE": "/kb"}
    )
    assert settings.port == 9000
    assert settings.max_body_bytes == 2048
    assert settings.knowledge_dir == Path("/kb")


def test_bad_env_is_refused() -> None:
    with pytest.raises(ValidationError):
        Settings.from_env({"LEGWISE_PORT": "eighty"})


def test_app_uses_its_settings() -> None:
    app = create_app(Settings(max_body_bytes=1024))
    with TestClient(app) as client:
        assert client.post("/v1/assess", json={"text": "x" * 1100}).status_code == 413
        assert client.post("/v1/assess", json={"findings": {}}).status_code == 200


def test_app_serves_another_knowledge_dir() -> None:
    fixture = Path(__file__).resolve().parents[1] / "kb_fixture"
    app = create_app(Settings(knowledge_dir=fixture))
    with TestClient(app) as client:
        health = client.get("/healthz").json()
    assert health["status"] == "ok"


def test_creating_the_app_loads_nothing() -> None:
    app = create_app(Settings(knowledge_dir=Path("/no/such/dir")))
    assert app.state.knowledge._knowledge is None
