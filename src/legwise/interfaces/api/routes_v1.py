"""Version 1 of the REST API: thin routes over `services`.

Bodies are checked for shape by the models, then for meaning by the engine; any error
names the field (HTTP 422). Results are the engine's own JSON (docs/contract.md).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from legwise.interfaces.api import services
from legwise.interfaces.api.deps import KnowledgeDep
from legwise.interfaces.api.guards import expensive_slot, gate
from legwise.interfaces.api.models import (
    MAX_BATCH,
    AssessmentOut,
    AssessmentSummaryOut,
    CaseIn,
    ErrorOut,
    InterviewIn,
    NeedsAnswersOut,
    StepOut,
    TextIn,
    TextOut,
    VersionOut,
)
from legwise.interfaces.api.responses import FastJSONResponse as JSONResponse
from legwise.interfaces.api.strict_route import StrictJSONRoute

BAD_INPUT: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "Bad input; `loc` names the field."},
    413: {"description": "Request body too large."},
}
BUSY: dict[int | str, dict[str, Any]] = {
    503: {"description": "Too many long requests at once; retry after `Retry-After` seconds."}
}
Kind = Literal["conditions", "findings", "rules", "sources", "advice", "scores"]
View = Annotated[
    Literal["full", "summary"],
    Query(
        description="full: the result contract (default). summary: level, reasons, causes "
        "with probabilities, advice ids and scores, without explanations or citations."
    ),
]

router = APIRouter(prefix="/v1", route_class=StrictJSONRoute)


@router.post(
    "/assess",
    tags=["assess"],
    summary="Assess one case",
    response_class=JSONResponse,
    responses={200: {"model": AssessmentOut | AssessmentSummaryOut}, **BAD_INPUT, **BUSY},
)
async def assess(case: CaseIn, kb: KnowledgeDep, request: Request, view: View = "full") -> Response:
    """Urgency with its reasons, likely causes with their evidence, scores and advice.

    A `text` is read for findings first (explicit findings override it); text with nothing
    clinical in it and no findings is a 422 naming `text`.
    """
    body = case.case()
    if body.get("text"):  # the language pipeline is slow to load: keep it off the event loop
        async with gate(request).slot():  # and it is expensive: a few at a time (503 else)
            content = await run_in_threadpool(services.assess_one_json, kb, body, view)
    else:
        # A structured assessment is a fraction of a millisecond of CPU: a thread hop costs more.
        content = services.assess_one_json(kb, body, view)
    return Response(content, media_type="application/json")


@router.post(
    "/assess/batch",
    tags=["assess"],
    summary="Assess many cases",
    response_class=JSONResponse,
    responses={
        200: {"model": list[AssessmentOut | NeedsAnswersOut] | list[AssessmentSummaryOut]},
        **BAD_INPUT,
        **BUSY,
    },
)
def assess_batch(
    cases: Annotated[list[CaseIn], Body(max_length=MAX_BATCH)],
    kb: KnowledgeDep,
    _slot: Annotated[None, Depends(expensive_slot)],
    view: View = "full",
) -> Response:
    """Up to 1000 cases; results in the same order, `id` echoed.

    All or nothing: every case is checked first, and one bad case is a 422 naming it
    (`loc` `["body", 3, "findings", ...]`). A case whose text gives nothing clinical is not an
    error: its line has `status` "needs_answers" and the `questions` to ask instead.
    """
    content = services.assess_many_json(kb, [c.case() for c in cases], view)
    return Response(content, media_type="application/json")


@router.post(
    "/interview/next",
    tags=["interview"],
    summary="The next interview question",
    response_class=JSONResponse,
    responses={200: {"model": StepOut}, **BAD_INPUT},
)
def interview_next(body: InterviewIn, kb: KnowledgeDep) -> JSONResponse:
    """One stateless step: send every answer so far, get the next question or `done`.

    Age and sex come first, then every warning-sign question, then the most telling ones.
    """
    return JSONResponse(services.interview_step(kb, body.case(), body.audience))


@router.post(
    "/parse",
    tags=["text"],
    summary="Read free text",
    response_class=JSONResponse,
    responses={200: {"model": TextOut}, **BAD_INPUT, **BUSY},
)
def parse(
    body: TextIn, kb: KnowledgeDep, _slot: Annotated[None, Depends(expensive_slot)]
) -> JSONResponse:
    """The findings free text gives, with the words that gave each; no assessment.

    `recognised` is false when the text says nothing clinical.
    """
    return JSONResponse(services.read_text(kb, body.text))


@router.get(
    "/knowledge/version",
    tags=["knowledge"],
    summary="Knowledge version",
    response_model=VersionOut,
)
def knowledge_version(kb: KnowledgeDep) -> dict[str, Any]:
    """The knowledge version (a content hash of the knowledge files) and record counts."""
    return services.version_info(kb)


@router.get(
    "/knowledge/{kind}",
    tags=["knowledge"],
    summary="Knowledge records of one kind",
    response_class=Response,
    responses={
        200: {
            "description": "The records as validated, in file order.",
            "content": {
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}
            },
        }
    },
)
def knowledge_records(kind: Kind, kb: KnowledgeDep) -> Response:
    """Conditions, findings, triage rules, sources, advice or scores, each with its sources."""
    return Response(services.knowledge_json(kb, kind), media_type="application/json")
