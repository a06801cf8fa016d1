"""Reading FHIR / CDS Hooks request bodies and writing FHIR responses, for the routes.

Malformed JSON (or JSON nested absurdly deep) is a 400; a resource that is not valid is a
422 with an OperationOutcome naming the element. Messages never quote the body.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from legwise import strict_json
from legwise.errors import InputError
from legwise.interfaces.api.responses import FastJSONResponse

FHIR_JSON = "application/fhir+json"
MAX_NESTING = 64


class MalformedBody(Exception):
    """The body is not JSON (or nests deeper than MAX_NESTING): HTTP 400."""


class FHIRResponse(FastJSONResponse):
    media_type = FHIR_JSON


def _depth(value: Any) -> int:
    """Nesting depth, without recursion (a hostile body must not exhaust the stack)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            return depth
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


async def read_json(request: Request) -> Any:
    raw = await request.body()
    try:
        data = strict_json.loads(raw)  # NaN, lone surrogates, huge numbers: refused too
    except InputError as exc:
        raise MalformedBody(f"{exc.field}: {exc.message}") from None
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise MalformedBody("the body is not valid JSON") from None
    if _depth(data) > MAX_NESTING:
        raise MalformedBody(f"the body nests deeper than {MAX_NESTING} levels")
    return data


def outcome(status: int, code: str, message: str, expression: str | None = None) -> FHIRResponse:
    """An OperationOutcome with one error issue."""
    issue: dict[str, Any] = {"severity": "error", "code": code, "diagnostics": message}
    if expression:
        issue["expression"] = [expression]
    return FHIRResponse({"resourceType": "OperationOutcome", "issue": [issue]}, status_code=status)


def cds_error(status: int, field: str, message: str) -> FastJSONResponse:
    """A CDS Hooks error body: what went wrong and the request field it is about."""
    return FastJSONResponse({"error": message, "field": field}, status_code=status)


def input_outcome(exc: InputError) -> FHIRResponse:
    return outcome(422, "invalid", exc.message, exc.field)
