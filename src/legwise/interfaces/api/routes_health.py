"""Liveness for load balancers and scripts: `GET /healthz`."""

from __future__ import annotations

from fastapi import APIRouter

from legwise.interfaces.api.deps import KnowledgeDep
from legwise.interfaces.api.models import HealthOut

router = APIRouter()


@router.get("/healthz", tags=["health"], summary="Health", response_model=HealthOut)
def healthz(kb: KnowledgeDep) -> HealthOut:
    """ok, with the version of the knowledge base being served (loaded if it was not yet)."""
    return HealthOut(status="ok", knowledge_version=kb.version)
