"""Routes whose JSON bodies are read by `legwise.strict_json`: 422, never 500, for NaN,
lone surrogates, absurd integers and deep nesting.

FastAPI reads a body with `Request.json()`; this route class hands its handler a request
whose `json()` is the strict reader. A refused value is an HTTPException 422 in FastAPI's own
shape (`detail[].loc` names the field), which the app's handler passes through.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute

from legwise import strict_json
from legwise.errors import InputError


def refused(exc: InputError) -> HTTPException:
    """A refused JSON value as FastAPI's 422 shape."""
    from legwise.interfaces.api.errors import field_loc

    detail = [{"loc": field_loc(exc.field), "msg": exc.message, "type": "value_error"}]
    return HTTPException(422, detail=detail)


class StrictRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                self._json = strict_json.loads(body)
            except InputError as exc:
                raise refused(exc) from None
            except UnicodeDecodeError:
                raise HTTPException(422, detail=_NOT_JSON) from None
            except json.JSONDecodeError:
                raise  # FastAPI words it (json_invalid, with the position)
        return self._json


_NOT_JSON = [{"loc": ["body"], "msg": "the body is not valid JSON text", "type": "json_invalid"}]


class StrictJSONRoute(APIRoute):
    """An APIRoute whose handler reads JSON with `strict_json` (set as a router's
    `route_class`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictRequest(request.scope, request.receive))

        return strict_handler
