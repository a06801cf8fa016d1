"""Exception handlers: legwise's errors and bad requests become clear JSON responses.

Bad input is always a 4xx naming the field: `InputError` -> 422 in FastAPI's own shape
(`{"detail": [{"loc": ["body", ...field path...], "msg", "type": "input_error"}]}`), a body
that is not JSON (or not UTF-8) -> 422, a body over the limit -> 413. Nothing here logs a
request body or a message that could hold health data.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from legwise.errors import InputError, KnowledgeError, StoreError
from legwise.interfaces.api.fhir_io import cds_error, outcome
from legwise.interfaces.api.middleware import TOO_LARGE, plain_internal_error, plain_too_large

log = logging.getLogger("legwise.api")
_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
_BODY_NOT_PARSED = "There was an error parsing the body"  # FastAPI's words for it


def field_loc(field: str) -> list[str | int]:
    """`"[3].findings.calf_pain"` -> `["body", 3, "findings", "calf_pain"]`."""
    loc: list[str | int] = ["body"]
    if field == "case":  # parse_case's name for the whole body
        return loc
    for index, name in _PART.findall(field):
        loc.append(int(index) if index else name)
    return loc


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(value: Any) -> Any:
    """`value` with whatever JSON cannot carry made printable: lone surrogates become U+FFFD,
    NaN and infinities their names, anything else its type's name. An error body must never
    fail to encode (a 422 echoing a NaN once became a 500)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {str(encodable(str(k))): encodable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encodable(v) for v in value]
    return type(value).__name__


def safe_response(
    content: Any, status: int, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        encodable(content), status_code=status, headers=dict(headers) if headers else None
    )


def _error(status: int, loc: list[str | int], msg: str, kind: str) -> JSONResponse:
    return safe_response({"detail": [{"loc": loc, "msg": msg, "type": kind}]}, status)


async def input_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InputError)
    return _error(422, field_loc(exc.field), exc.message, "input_error")


async def knowledge_error(request: Request, exc: Exception) -> JSONResponse:
    # The server's own knowledge files are broken: not the caller's fault, and not fixable
    # by retrying with other input. The problems go to the log (they hold no health data).
    assert isinstance(exc, KnowledgeError)
    log.error("knowledge base failed validation: %d problem(s)", len(exc.problems))
    return JSONResponse({"detail": "the knowledge base failed validation"}, status_code=503)


async def store_error(request: Request, exc: Exception) -> Response:
    """The diary database failed: 503 with its plain message (a page for the web pages).
    Only the reason code is logged; the message never holds diary content anyway."""
    assert isinstance(exc, StoreError)
    log.warning("diary store failed: %s", exc.reason)
    # The web pages answer with their own page: mount_web puts its maker on the app, so the
    # API never imports the web package (the same way BodyLimit takes its 413 maker).
    page = getattr(request.app.state, "store_error_page", None)
    if page is not None and not request.url.path.startswith("/v1/"):
        response: Response = page(request, exc)
        return response
    return JSONResponse({"detail": exc.message}, status_code=503)


FHIR_ISSUE_CODE = {404: "not-found", 405: "not-supported", 406: "not-supported"}


def _protocol(path: str) -> str | None:
    if path == "/fhir" or path.startswith("/fhir/"):
        return "fhir"
    if path == "/cds-services" or path.startswith("/cds-services/"):
        return "cds"
    return None


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 400 and exc.detail == _BODY_NOT_PARSED:
        # e.g. bytes that are not UTF-8: malformed JSON like any other (docs/contract.md: 422)
        return _error(422, ["body"], "the body is not valid JSON text", "json_invalid")
    if exc.status_code == 413:
        return too_large(request.url.path)
    protocol = _protocol(request.url.path)
    if protocol is not None:
        # A FHIR client gets an OperationOutcome for every error (404 and 405 included).
        message = str(exc.detail)
        if protocol == "fhir":
            code = FHIR_ISSUE_CODE.get(exc.status_code, "processing")
            response: JSONResponse = outcome(exc.status_code, code, message)
        else:
            response = cds_error(exc.status_code, "request", message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response
    return safe_response({"detail": exc.detail}, exc.status_code, exc.headers)


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    """A bad query or path parameter: FastAPI's 422 shape, except on the FHIR and CDS Hooks
    routes, whose clients get an OperationOutcome or the CDS error object (400)."""
    assert isinstance(exc, RequestValidationError)
    protocol = _protocol(request.url.path)
    errors = exc.errors()
    where = ".".join(str(p) for p in errors[0]["loc"]) if errors else "request"
    message = str(errors[0]["msg"]) if errors else "invalid request"
    if protocol == "fhir":
        return outcome(400, "invalid", message, where)
    if protocol == "cds":
        return cds_error(400, where, message)
    # FastAPI's 422 shape without the `input` it echoes (a NaN, a surrogate, a deep value or
    # a patient's note) or pydantic's `ctx`: the field, the message and the kind are enough.
    detail = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
        for e in errors
    ]
    return safe_response({"detail": detail}, 422)


def too_large(path: str) -> JSONResponse:
    """The 413 in the shape the caller's protocol expects: a FHIR client gets an
    OperationOutcome, a CDS Hooks client its error object, everyone else FastAPI's detail.
    Used by the exception handler and by `BodyLimit` (a body refused before any route runs)."""
    if path.startswith("/fhir/"):
        return outcome(413, "too-costly", TOO_LARGE)
    if path.startswith("/cds-services"):
        return cds_error(413, "body", TOO_LARGE)
    return plain_too_large(path)


def internal_error(path: str) -> JSONResponse:
    """The last-resort 500 (middleware.ErrorBoundary), in the caller's protocol's shape."""
    protocol = _protocol(path)
    if protocol == "fhir":
        return outcome(500, "exception", "internal error")
    if protocol == "cds":
        return cds_error(500, "request", "internal error")
    return plain_internal_error(path)


def install(app: FastAPI) -> None:
    """Register the handlers on `app` (RequestValidationError: 422 without echoing input);
    `middleware.ErrorBoundary` answers anything unexpected (500, type logged, no message)."""
    app.add_exception_handler(InputError, input_error)
    app.add_exception_handler(KnowledgeError, knowledge_error)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
