"""The OpenAPI document, with request examples and the responses legwise gives them.

Built on the first request for /openapi.json (FastAPI caches it), not when the app is made.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from legwise.interfaces.api import examples


def add_examples(schema: dict[str, Any]) -> dict[str, Any]:
    """Put each operation's request examples and stored response example into `schema`."""
    stored = examples.responses()
    for operation, named in examples.REQUESTS.items():
        method, path = operation.split(" ", 1)
        op = schema["paths"][path][method.lower()]
        body = op["requestBody"]["content"]["application/json"]
        body["examples"] = named
        if operation in stored:
            ok = op["responses"]["200"].setdefault("content", {})
            ok.setdefault("application/json", {})["example"] = stored[operation]
    return schema


def install(app: FastAPI) -> None:
    """Make `app.openapi()` return the document with examples."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_examples(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
