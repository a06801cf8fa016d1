"""FHIR R4 routes: the Questionnaire, the SDC $next-question step and $assess.

Thin: read the body, call legwise.fhir, answer application/fhir+json. Errors are
OperationOutcome resources: 400 for a body that is not JSON, 422 for a resource that is not
valid or cannot be used (the issue's `expression` names the element).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from legwise.errors import InputError
from legwise.interfaces.api.deps import KnowledgeDep
from legwise.interfaces.api.fhir_io import (
    FHIR_JSON,
    FHIRResponse,
    MalformedBody,
    input_outcome,
    outcome,
    read_json,
)

router = APIRouter(prefix="/fhir", tags=["fhir"])

OBJECT = {"type": "object", "additionalProperties": True}
FHIR_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body is not JSON (OperationOutcome)."},
    422: {"description": "Not a valid or usable resource (OperationOutcome naming it)."},
    413: {"description": "Request body too large."},
}
EMPTY_QR = {"resourceType": "QuestionnaireResponse", "status": "in-progress"}
ASSESS_QR = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": "urn:legwise:questionnaire:legwise",
    "status": "completed",
    "item": [
        {"linkId": "age", "answer": [{"valueInteger": 58}]},
        {
            "linkId": "one_leg_swollen",
            "answer": [{"valueCoding": {"system": "urn:legwise:answer", "code": "present"}}],
        },
    ],
}


def _body(example: dict[str, Any]) -> dict[str, Any]:
    content = {"schema": OBJECT, "example": example}
    return {
        "requestBody": {
            "required": True,
            "content": {FHIR_JSON: content, "application/json": content},
        }
    }


def _ok(description: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description, "content": {FHIR_JSON: {"schema": OBJECT}}}}


@router.get(
    "/Questionnaire/legwise",
    summary="The legwise FHIR Questionnaire",
    response_class=FHIRResponse,
    responses=_ok("Questionnaire (FHIR R4), generated from the knowledge base."),
)
async def questionnaire(kb: KnowledgeDep) -> FHIRResponse:
    """One item per finding (linkId = finding id), SDC adaptive profile; version = knowledge
    version."""
    from legwise.fhir.questionnaire import build_questionnaire

    return FHIRResponse(build_questionnaire(kb))


@router.post(
    "/Questionnaire/$next-question",
    summary="SDC adaptive interview: the next question",
    response_class=FHIRResponse,
    responses={**_ok("The QuestionnaireResponse with the next item, or completed."), **FHIR_ERRORS},
    openapi_extra=_body(EMPTY_QR),
)
async def next_question(
    request: Request, kb: KnowledgeDep, audience: Literal["patient", "clinician"] = "patient"
) -> Response:
    """Send the QuestionnaireResponse so far (bare or in Parameters as
    `questionnaire-response`); get it back with the next question in its contained
    Questionnaire, or completed with a contained RiskAssessment."""
    from legwise.fhir.adaptive import next_question as step

    return await _run(request, lambda body: step(kb, body, audience))


@router.post(
    "/QuestionnaireResponse/$assess",
    summary="Assess a QuestionnaireResponse: a RiskAssessment",
    response_class=FHIRResponse,
    responses={**_ok("RiskAssessment (FHIR R4)."), **FHIR_ERRORS},
    openapi_extra=_body(ASSESS_QR),
)
async def assess(request: Request, kb: KnowledgeDep) -> Response:
    """One prediction per condition (probabilityDecimal), the triage level as a coded
    extension, method naming legwise and the knowledge version, basis the response."""
    from legwise.fhir.service import assess_response

    return await _run(request, lambda body: assess_response(kb, body))


async def _run(request: Request, work: Any) -> Response:
    try:
        body = await read_json(request)
        # validation and the interview step take milliseconds: keep them off the event loop
        return FHIRResponse(await run_in_threadpool(work, body))
    except MalformedBody as exc:
        return outcome(400, "structure", str(exc))
    except InputError as exc:
        return input_outcome(exc)
