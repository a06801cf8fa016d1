"""FHIR R4 routes: metadata, the Questionnaire (read and search by url), the SDC
$next-question step and $assess.

Thin: read the body, call legwise.fhir, answer application/fhir+json. Every error is an
OperationOutcome: 400 for a body that is not JSON or a bad parameter, 404 for an unknown id
or path (errors.http_error), 413 for a body over the limit, 422 for a resource that is not
valid or cannot be used (the issue's `expression` names the element).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
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
from legwise.interfaces.api.schemas import FHIR_ERROR_RESPONSES, fhir_content, ref

QUESTIONNAIRE_ID = "legwise"
SEARCH_PARAMETERS = {"url", "_format", "_summary"}

router = APIRouter(prefix="/fhir", tags=["fhir"])

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


def _body(schema: str, example: dict[str, Any]) -> dict[str, Any]:
    content = fhir_content(schema)
    for media in content.values():
        media["example"] = example
    return {"requestBody": {"required": True, "content": content}}


def _ok(schema: str, description: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description, "content": {FHIR_JSON: {"schema": ref(schema)}}}}


@router.get(
    "/metadata",
    summary="CapabilityStatement",
    response_class=FHIRResponse,
    responses=_ok("CapabilityStatement", "What this FHIR endpoint does (FHIR R4)."),
)
async def metadata(request: Request, kb: KnowledgeDep) -> FHIRResponse:
    """The server's CapabilityStatement: Questionnaire read and search by url, and the
    $next-question and $assess operations."""
    from legwise.fhir.capability import capability_statement

    return FHIRResponse(capability_statement(kb, str(request.base_url).rstrip("/") + "/fhir"))


@router.get(
    "/Questionnaire",
    summary="Search Questionnaires by url",
    response_class=FHIRResponse,
    responses={**_ok("Bundle", "A searchset Bundle."), **FHIR_ERROR_RESPONSES},
)
async def search_questionnaires(
    request: Request,
    kb: KnowledgeDep,
    url: Annotated[str | None, Query(description="Canonical url, optionally `|version`.")] = None,
) -> Response:
    """The legwise Questionnaire when `url` is its canonical url (and `|version`, if given,
    is the knowledge version); an empty searchset otherwise."""
    from legwise.fhir.capability import search_questionnaire

    unknown = sorted(set(request.query_params) - SEARCH_PARAMETERS)
    if unknown:
        return outcome(400, "not-supported", f"unsupported search parameter {unknown[0]!r}")
    self_url = str(request.url)
    return FHIRResponse(search_questionnaire(kb, url, self_url))


@router.get(
    "/Questionnaire/{resource_id}",
    summary="Read a Questionnaire (legwise)",
    response_class=FHIRResponse,
    responses={
        **_ok("Questionnaire", "Questionnaire (FHIR R4), generated from the knowledge base."),
        404: FHIR_ERROR_RESPONSES[404],
    },
)
async def questionnaire(resource_id: str, kb: KnowledgeDep) -> Response:
    """`legwise`: one item per finding (linkId = finding id), SDC adaptive-search profile;
    version = knowledge version."""
    from legwise.fhir.questionnaire import build_questionnaire

    if resource_id != QUESTIONNAIRE_ID:
        return outcome(404, "not-found", f"no Questionnaire {resource_id!r}")
    return FHIRResponse(build_questionnaire(kb))


@router.post(
    "/Questionnaire/$next-question",
    summary="SDC adaptive interview: the next question",
    response_class=FHIRResponse,
    responses={
        **_ok("QuestionnaireResponse", "The response with the next item, or completed."),
        **FHIR_ERROR_RESPONSES,
    },
    openapi_extra=_body("QuestionnaireResponse", EMPTY_QR),
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
    responses={**_ok("RiskAssessment", "RiskAssessment (FHIR R4)."), **FHIR_ERROR_RESPONSES},
    openapi_extra=_body("QuestionnaireResponse", ASSESS_QR),
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
