"""Whole FHIR operations over plain JSON: what the routes and the CLI call."""

from __future__ import annotations

from typing import Any

from legwise.engine.assess import assess_case
from legwise.fhir.model import validate_resource
from legwise.fhir.response import read_response
from legwise.fhir.risk import build_risk_assessment
from legwise.kb.loader import Knowledge


def assess_response(
    kb: Knowledge, body: Any, *, resource_id: str | None = None, occurrence: str | None = None
) -> dict[str, Any]:
    """QuestionnaireResponse/$assess: the RiskAssessment for the response's answers.

    Raises InputError naming the element when the response is not valid or not usable:
    entered in error, made for another knowledge version, or answering an item its
    enableWhen hides. A response still in progress gives a preliminary assessment.
    """
    read = read_response(kb, body)
    qr_id = read.resource.get("id")
    basis = f"QuestionnaireResponse/{qr_id}" if qr_id else None
    subject = read.resource.get("subject", {}).get("reference")
    unfinished = read.resource.get("status") in ("in-progress", "stopped")
    risk = build_risk_assessment(
        kb,
        assess_case(read.case, kb=kb),
        basis=basis,
        subject=subject,
        resource_id=resource_id,
        occurrence=occurrence,
        status="preliminary" if unfinished else "final",
    )
    return validate_resource(risk)
