"""CDS Hooks 2.0 routes: discovery and the `legwise-leg-pain` patient-view service.

A malformed request (not JSON, not an object, wrong hook, missing context.patientId, a
prefetched resource that is not valid FHIR) is a 400 with a JSON body naming the field; an
unknown service is a 404. legwise never calls back to the FHIR server.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from legwise.errors import InputError
from legwise.interfaces.api.deps import KnowledgeDep
from legwise.interfaces.api.fhir_io import MalformedBody, cds_error, read_json
from legwise.interfaces.api.links import public_base

router = APIRouter(prefix="/cds-services", tags=["cds-hooks"])
OBJECT = {"type": "object", "additionalProperties": True}
EXAMPLE = {
    "hook": "patient-view",
    "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    "context": {"userId": "Practitioner/1", "patientId": "p1"},
    "prefetch": {
        "patient": {
            "resourceType": "Patient",
            "id": "p1",
            "gender": "male",
            "birthDate": "1958-03-02",
        },
    },
}


@router.get("", summary="CDS Hooks discovery")
async def discovery() -> dict[str, Any]:
    """The services legwise offers (CDS Hooks 2.0)."""
    from legwise.fhir.cds import service_definition

    return {"services": [service_definition()]}


@router.post(
    "/{service_id}",
    summary="Call a CDS service",
    responses={
        400: {"description": "Malformed CDS Hooks request; `field` names what is wrong."},
        404: {"description": "No such service."},
        413: {"description": "Request body too large."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": OBJECT, "example": EXAMPLE}},
        }
    },
)
async def call_service(service_id: str, request: Request, kb: KnowledgeDep) -> JSONResponse:
    """`legwise-leg-pain` (patient-view): cards with the urgency, likely causes and a link
    to the interview."""
    from legwise.fhir.cds import SERVICE_ID, patient_view

    if service_id != SERVICE_ID:
        return cds_error(404, "service", f"no CDS service {service_id!r}")
    base = public_base(request)  # never an untrusted Host header (see api.links)
    today = dt.date.today()
    try:
        body = await read_json(request)
        return JSONResponse(await run_in_threadpool(patient_view, kb, body, base, today))
    except MalformedBody as exc:
        return cds_error(400, "request", str(exc))
    except InputError as exc:
        return cds_error(400, exc.field, exc.message)
