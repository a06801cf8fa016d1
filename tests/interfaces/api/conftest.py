"""A test client over one app for the whole session (the knowledge base loads once)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings


@pytest.fixture(scope="session")
def api_app() -> FastAPI:
    return create_app(Settings())


@pytest.fixture(scope="session")
def client(api_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(api_app) as c:  # runs the lifespan: the knowledge base is loaded
        yield c
