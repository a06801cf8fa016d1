"""The OpenAPI document, with request examples and the responses legwise gives them.

Built on the first request for /openapi.json (FastAPI caches it), not when the app is made.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from legwise.interfaces.api import examples, schemas


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


def protocol_shapes(schema: dict[str, Any]) -> dict[str, Any]:
    """The FHIR and CDS Hooks routes answer bad parameters in their own shape (see
    errors.validation_error), never FastAPI's 422: drop the 422 FastAPI adds to them."""
    for path, operations in schema["paths"].items():
        if not path.startswith(("/fhir", "/cds-services")):
            continue
        for op in operations.values():
            response = op.get("responses", {}).get("422")
            if response and "HTTPValidationError" in str(response):
                del op["responses"]["422"]
    return schemas.install(schema)


def install(app: FastAPI) -> None:
    """Make `app.openapi()` return the document with examples."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = protocol_shapes(
                add_examples(
                    get_openapi(
                        title=app.title,
                        version=app.version,
                        description=app.description,
                        routes=app.routes,
                    )
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
