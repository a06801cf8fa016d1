"""A bare FastAPI app for bench/serve_load.py: the framework's own cost, as a baseline.

    uvicorn --app-dir bench echo_app:app

POST /echo parses the JSON body and returns it as JSON (no middleware, no validation model,
no work): legwise's /v1/assess req/s is compared with this one's on the same server setup.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, FastAPI
from fastapi.responses import JSONResponse

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


@app.post("/echo")
async def echo(body: Annotated[dict[str, Any], Body()]) -> JSONResponse:
    """The JSON object it got."""
    return JSONResponse(body)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
