"""Exception handlers: legwise's errors and bad requests become clear JSON responses.

Bad input is always a 4xx naming the field: `InputError` -> 422 in FastAPI's own shape
(`{"detail": [{"loc": ["body", ...field path...], "msg", "type": "input_error"}]}`), a body
that is not JSON (or not UTF-8) -> 422, a body over the limit -> 413. Nothing here logs a
request body or a message that could hold health data.
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from legwise.errors import InputError, KnowledgeError, StoreError
from legwise.interfaces.api.fhir_io import cds_error, outcome
from legwise.interfaces.api.middleware import TOO_LARGE, plain_too_large

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


def _error(status: int, loc: list[str | int], msg: str, kind: str) -> JSONResponse:
    return JSONResponse({"detail": [{"loc": loc, "msg": msg, "type": kind}]}, status_code=status)


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
    if not request.url.path.startswith("/v1/"):
        from legwise.interfaces.web.routes_diary import store_error_page

        return store_error_page(request, exc)
    return JSONResponse({"detail": exc.message}, status_code=503)


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 400 and exc.detail == _BODY_NOT_PARSED:
        # e.g. bytes that are not UTF-8: malformed JSON like any other (docs/contract.md: 422)
        return _error(422, ["body"], "the body is not valid JSON text", "json_invalid")
    if exc.status_code == 413:
        return too_large(request.url.path)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def too_large(path: str) -> JSONResponse:
    """The 413 in the shape the caller's protocol expects: a FHIR client gets an
    OperationOutcome, a CDS Hooks client its error object, everyone else FastAPI's detail.
    Used by the exception handler and by `BodyLimit` (a body refused before any route runs)."""
    if path.startswith("/fhir/"):
        return outcome(413, "too-costly", TOO_LARGE)
    if path.startswith("/cds-services"):
        return cds_error(413, "body", TOO_LARGE)
    return plain_too_large(path)


def install(app: FastAPI) -> None:
    """Register the handlers on `app`. FastAPI's own answers RequestValidationError (422);
    `middleware.ErrorBoundary` answers anything unexpected (500, type logged, no message)."""
    app.add_exception_handler(InputError, input_error)
    app.add_exception_handler(KnowledgeError, knowledge_error)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(HTTPException, http_error)
