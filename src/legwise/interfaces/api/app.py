"""The app factory: `create_app(settings)` builds the FastAPI app; nothing runs at import.

    uvicorn --factory legwise.interfaces.api.app:create_app

The knowledge base is loaded in the lifespan (at server start-up), or on the first request
when the app runs without one. Interactive docs (Swagger UI, ReDoc) are off: they load
scripts from a CDN, which the Content-Security-Policy forbids; /openapi.json is served.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from legwise.fhir.units import warm as warm_fhir
from legwise.interfaces.api import (
    errors,
    lean_assess,
    log_redact,
    openapi,
    routes_cds,
    routes_diary,
    routes_fhir,
    routes_health,
    routes_v1,
    services,
)
from legwise.interfaces.api.cds_auth import CDSAuth, JWKSFetch, fetch_jwks
from legwise.interfaces.api.deps import KnowledgeHolder
from legwise.interfaces.api.ehr_settings import EHRSettings, startup_warnings
from legwise.interfaces.api.guards import ExpensiveGate, HeadAsGet, ReadTimeout, TrustedHost
from legwise.interfaces.api.middleware import BodyLimit, ErrorBoundary, PathCORS, SecurityHeaders
from legwise.interfaces.api.settings import Settings
from legwise.interfaces.api.store_holder import StoreHolder
from legwise.interfaces.signing_key import ENV_DATA_DIR, SigningKey
from legwise.kb.loader import Knowledge

DESCRIPTION = (
    "Leg pain at rest or at night: how urgent it is and why, the likely causes with their "
    "evidence, validated scores, and advice that is safe for the cause. Every number and "
    "rule names its source. Information, not a diagnosis.\n\n"
    "Bad input is HTTP 422 naming the field (`detail[].loc`); bodies over the size limit "
    "are 413."
)


def _warm_text(kb: Knowledge) -> None:
    """Build the free-text reader, then freeze it out of the garbage collector's walks as the
    lifespan does the knowledge base (built, a full collection walked it in 0.1-0.2 s)."""
    services.warm_text(kb)
    gc.collect()
    gc.freeze()


def create_app(
    settings: Settings | None = None,
    ehr: EHRSettings | None = None,
    jwks_fetch: JWKSFetch | None = None,
) -> FastAPI:
    """A new app serving the web pages, /v1, FHIR, CDS Hooks and /healthz with `settings`
    and `ehr` (default: from LEGWISE_* env); `jwks_fetch` replaces the JWKS download."""
    from legwise import __version__

    settings = settings if settings is not None else Settings.from_env()
    ehr = ehr if ehr is not None else EHRSettings.from_env()
    holder = KnowledgeHolder(settings)
    store = StoreHolder(settings.database_url)
    log_redact.install()  # private diary links never reach the access log

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        kb = await run_in_threadpool(holder.get)  # fail at start-up, not on the first request
        await run_in_threadpool(services.warm, kb)  # per-knowledge tables, not on a request
        await run_in_threadpool(warm_fhir)  # unit registry and FHIR models: not on an EHR's call
        if settings.warm_text:  # in the background: the server answers meanwhile (GET /readyz)
            threading.Thread(target=_warm_text, args=(kb,), daemon=True).start()
        # The knowledge base is some hundred thousand long-lived objects; a full garbage
        # collection walked them all (about 60 ms, the worst page time). Frozen, they are
        # left out of every later collection (after one collection, so no garbage is frozen).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            await run_in_threadpool(store.close)

    app = FastAPI(
        title="legwise",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        **_telemetry(),
    )
    app.state.settings = settings
    app.state.knowledge = holder
    app.state.store = store
    app.state.ehr = ehr
    for warning in startup_warnings(settings.host, ehr):
        logging.getLogger("legwise.api").warning(warning)
    app.state.cds_auth = CDSAuth(
        ehr.cds_jwt_issuers, ehr.cds_jwt_audience, jwks_fetch or fetch_jwks
    )
    app.state.expensive = ExpensiveGate(settings.max_expensive, settings.retry_after)
    environ = dict(os.environ)
    if settings.data_dir is not None:
        environ[ENV_DATA_DIR] = str(settings.data_dir)
    app.state.web_secret = SigningKey(environ)  # read or made on first use
    app.include_router(routes_health.router)
    app.include_router(routes_v1.router)
    lean_assess.install(app.router)  # POST /v1/assess on a short path (same replies)
    app.include_router(routes_fhir.router)
    app.include_router(routes_cds.router)
    app.include_router(routes_diary.router)
    from legwise.interfaces.web import mount_web  # the pages people use: /, /interview, /report

    mount_web(app)
    errors.install(app)
    openapi.install(app)
    _add_middleware(app, settings, ehr)
    return app


def _telemetry() -> dict[str, Any]:
    """FastAPI's own OpenTelemetry instrumentation as FastAPI sets it when the OpenTelemetry
    SDK is installed, and off without it. Without the SDK no tracer, meter or logger provider
    can be configured, so the instrumentation never runs; but FastAPI still asks all three
    providers on every request whether one is (5-10 us of a /v1/assess request's ~300)."""
    import importlib.util

    if importlib.util.find_spec("opentelemetry.sdk") is not None:
        return {}
    return {"telemetry": {"tracing": False, "metrics": False, "logs": False}}


def _add_middleware(app: FastAPI, settings: Settings, ehr: EHRSettings) -> None:
    """The middleware stack, outermost last: limits, headers, CORS and the access log."""
    # Last added runs first: headers go on every response, the 413 and 500 included.
    app.add_middleware(ErrorBoundary, internal_error=errors.internal_error)
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        per_path={"/v1/assess/batch": settings.max_batch_body_bytes},
        too_large=errors.too_large,
        per_prefix=[
            ("/fhir/", ehr.fhir_max_body_bytes),
            ("/cds-services/", ehr.cds_max_body_bytes),
        ],
    )
    app.add_middleware(ReadTimeout, seconds=settings.body_timeout)
    app.add_middleware(HeadAsGet)
    app.add_middleware(TrustedHost, allowed=settings.allowed_hosts())
    app.add_middleware(SecurityHeaders)
    if ehr.cors_origins:  # outermost: errors and preflight answers carry the CORS headers
        app.add_middleware(PathCORS, prefixes=("/fhir", "/cds-services"), origins=ehr.cors_origins)
    # POST /v1/assess answered in front of the stack when plain (the same replies and headers)
    app.add_middleware(
        lean_assess.AssessFastLane,
        **lean_assess.fast_lane_options(
            settings.max_body_bytes, settings.body_timeout, settings.allowed_hosts()
        ),
    )
    if settings.access_log:  # outside everything: every response is logged, errors included
        from legwise.interfaces.api.access_log import AccessLog

        app.add_middleware(AccessLog)
