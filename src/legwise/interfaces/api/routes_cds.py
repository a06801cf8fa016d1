"""CDS Hooks 2.0 routes: discovery, the `legwise-leg-pain` patient-view service, feedback.

Errors are the CDS error object `{"error", "field"}`: 400 for a malformed request (not JSON,
wrong hook, missing context.patientId, a prefetched resource that is not valid FHIR or is
about another patient), 401 for a missing or bad JWT, 404 for an unknown service, 412 when
required prefetch was not sent (legwise never calls back to the FHIR server), 413 for a body
over the limit.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from legwise.errors import InputError
from legwise.interfaces.api.cds_auth import AuthError, CDSAuth
from legwise.interfaces.api.deps import KnowledgeDep
from legwise.interfaces.api.ehr_settings import EHRSettings, is_address, is_loopback
from legwise.interfaces.api.fhir_io import MalformedBody, cds_error, read_json
from legwise.interfaces.api.links import public_base
from legwise.interfaces.api.schemas import CDS_ERROR_RESPONSES, CDS_REQUEST, CDS_RESPONSE

log = logging.getLogger("legwise.api")
router = APIRouter(prefix="/cds-services", tags=["cds-hooks"])
FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip")
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
        "conditions": None,
        "observations": None,
    },
}
FEEDBACK_EXAMPLE = {
    "feedback": [
        {
            "card": "ffa2dcca-e94d-5b79-957b-23acfadef436",
            "outcome": "accepted",
            "outcomeTimestamp": "2026-11-15T09:31:00Z",
        }
    ]
}


def jwt_required(request: Request) -> bool:
    """Whether this call must carry the EHR's JWT (`LEGWISE_CDS_JWT`: on, off or auto).

    auto: required when the server is configured to listen on a non-loopback address, when
    the call arrived over one, or when it came through a proxy (forwarding headers): a
    server reachable from elsewhere never answers CDS calls without authentication.
    """
    ehr: EHRSettings = request.app.state.ehr
    if ehr.cds_jwt != "auto":
        return ehr.cds_jwt == "on"
    if not is_loopback(request.app.state.settings.host):
        return True
    server = request.scope.get("server")
    if server and is_address(str(server[0])) and not is_loopback(str(server[0])):
        return True
    return any(name in request.headers for name in FORWARDING_HEADERS)


async def authenticate(request: Request) -> JSONResponse | None:
    """None when the call may go on; else the 401 to send."""
    if not jwt_required(request):
        return None
    auth: CDSAuth = request.app.state.cds_auth
    url = str(request.url.replace(query=None, fragment=None))
    try:
        await run_in_threadpool(auth.verify, request.headers.get("authorization"), url)
    except AuthError as exc:
        log.warning("CDS call refused: %s", exc)  # the reason only, never the token
        response = cds_error(401, "authorization", str(exc))
        response.headers["www-authenticate"] = 'Bearer realm="legwise CDS Hooks"'
        return response
    return None


@router.get(
    "",
    summary="CDS Hooks discovery",
    responses={200: {"description": "The services legwise offers."}},
)
async def discovery(kb: KnowledgeDep) -> dict[str, Any]:
    """The services legwise offers (CDS Hooks 2.0), with their prefetch templates."""
    from legwise.fhir.cds import service_definition

    return {"services": [service_definition(kb)]}


@router.post(
    "/{service_id}",
    summary="Call a CDS service",
    responses={
        200: {
            "description": "Cards for the clinician.",
            "content": {"application/json": {"schema": CDS_RESPONSE}},
        },
        **CDS_ERROR_RESPONSES,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CDS_REQUEST, "example": EXAMPLE}},
        }
    },
)
async def call_service(service_id: str, request: Request, kb: KnowledgeDep) -> JSONResponse:
    """`legwise-leg-pain` (patient-view): cards with the urgency, the dangerous cause it is
    about, likely causes and a link to the interview."""
    from legwise.fhir.cds import SERVICE_ID, PrefetchMissing, patient_view

    if service_id != SERVICE_ID:
        return cds_error(404, "service", f"no CDS service {service_id!r}")
    refused = await authenticate(request)
    if refused is not None:
        return refused
    base = public_base(request)  # never an untrusted Host header (see api.links)
    today = dt.date.today()
    try:
        body = await read_json(request)
        cards = await run_in_threadpool(patient_view, body, kb=kb, base_url=base, today=today)
        return JSONResponse(cards)
    except MalformedBody as exc:
        return cds_error(400, "request", str(exc))
    except PrefetchMissing as exc:
        return cds_error(412, "prefetch", str(exc))
    except InputError as exc:
        return cds_error(400, exc.field, exc.message)


@router.post(
    "/{service_id}/feedback",
    summary="Feedback on a CDS service's cards",
    responses={
        200: {"description": "Feedback received.", "content": {"application/json": {}}},
        **CDS_ERROR_RESPONSES,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/CDSFeedback"},
                    "example": FEEDBACK_EXAMPLE,
                }
            },
        }
    },
)
async def feedback(service_id: str, request: Request) -> JSONResponse:
    """Whether the clinician accepted or overrode a card (CDS Hooks feedback). Only the
    counts of each outcome are logged: feedback holds no health data, and none is kept."""
    from legwise.fhir.cds import SERVICE_ID, check_feedback

    if service_id != SERVICE_ID:
        return cds_error(404, "service", f"no CDS service {service_id!r}")
    refused = await authenticate(request)
    if refused is not None:
        return refused
    try:
        items = check_feedback(await read_json(request))
    except MalformedBody as exc:
        return cds_error(400, "request", str(exc))
    except InputError as exc:
        return cds_error(400, exc.field, exc.message)
    accepted = sum(1 for item in items if item["outcome"] == "accepted")
    log.info("CDS feedback: %d accepted, %d overridden", accepted, len(items) - accepted)
    return JSONResponse({})
