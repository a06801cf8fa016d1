"""Liveness and readiness for load balancers and scripts: `GET /healthz`, `GET /readyz`."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from legwise.interfaces.api import services
from legwise.interfaces.api.deps import KnowledgeDep
from legwise.interfaces.api.models import HealthOut, ReadyOut
from legwise.interfaces.api.settings import Settings

router = APIRouter()


@router.get("/healthz", tags=["health"], summary="Health", response_model=HealthOut)
def healthz(kb: KnowledgeDep) -> HealthOut:
    """ok, with the version of the knowledge base being served (loaded if it was not yet)."""
    return HealthOut(status="ok", knowledge_version=kb.version)


@router.get(
    "/readyz",
    tags=["health"],
    summary="Readiness",
    response_model=ReadyOut,
    responses={503: {"model": ReadyOut, "description": "still building the free-text reader"}},
)
def readyz(request: Request, response: Response, kb: KnowledgeDep) -> ReadyOut:
    """ready (200) when every request is answered at full speed; starting (503) while the
    start-up warm-up still builds the free-text reader (a text sent now waits for it). A
    server started without the warm-up is ready at once and builds the reader on first use."""
    settings = getattr(request.app.state, "settings", None) or Settings()
    if services.text_ready(kb):
        reader = "ready"
    elif settings.warm_text:
        reader = "building"
    else:
        reader = "on_first_use"
    if reader == "building":
        response.status_code = 503
    status = "starting" if reader == "building" else "ready"
    return ReadyOut(status=status, knowledge_version=kb.version, text_reader=reader)
