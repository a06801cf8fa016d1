"""A bare FastAPI app for bench/serve_load.py: the framework's own cost, as a baseline.

    uvicorn --app-dir bench echo_app:app

POST /echo parses the JSON body and returns it as JSON (no middleware, no validation model,
no work): legwise's /v1/assess req/s is compared with this one's on the same server setup.
POST /echo-result parses the body the same way and returns legwise's result for the bench
case, encoded once at start-up: the framework's cost of a response of the real size, so the
bench can tell the cost of the bytes from the cost of the assessment.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, FastAPI
from fastapi.responses import JSONResponse, Response
from serve_load import CASE  # bench/ is the app dir

from legwise import assess

RESULT = JSONResponse(assess(CASE).to_dict()).body  # the bytes /v1/assess sends for CASE

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


@app.post("/echo")
async def echo(body: Annotated[dict[str, Any], Body()]) -> JSONResponse:
    """The JSON object it got."""
    return JSONResponse(body)


@app.post("/echo-result")
async def echo_result(body: Annotated[dict[str, Any], Body()]) -> Response:
    """legwise's result for the bench case, without assessing anything."""
    return Response(RESULT, media_type="application/json")


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
