"""An Assessment as a FHIR R4 RiskAssessment.

- `status` final; `method` names legwise and the knowledge version (a content hash);
- one `prediction` per condition, most likely first: `outcome` coded with urn:legwise:condition
  plus the condition's SNOMED CT / WHO ICD-10 codes, `probabilityDecimal`, and a `rationale`
  naming the findings that moved it most;
- `basis` references the QuestionnaireResponse the answers came from;
- the triage level is an extension (`urn:legwise:extension:triage-level`, a CodeableConcept in
  urn:legwise:triage-level) and `mitigation` says what to do, with the reasons in `note`.
"""

from __future__ import annotations

from typing import Any

from legwise.engine.assess import Assessment
from legwise.fhir import systems
from legwise.fhir.questionnaire import coding, outside_codes
from legwise.kb.loader import Knowledge

TOP_EVIDENCE = 3


def triage_concept(kb: Knowledge, level: str) -> dict[str, Any]:
    label = kb.levels[level].label
    return {"coding": [coding(systems.TRIAGE_LEVEL, level, label)], "text": label}


def condition_concept(kb: Knowledge, cid: str) -> dict[str, Any]:
    spec = kb.conditions[cid]
    codes = [coding(systems.CONDITION, cid, spec.name), *outside_codes(spec.codes)]
    return {"coding": codes, "text": spec.clinical_name}


def _rationale(result: dict[str, Any]) -> str | None:
    moved = sorted(result["evidence"], key=lambda e: -abs(e.get("log_odds", 0.0)))
    parts = []
    for e in moved[:TOP_EVIDENCE]:
        name = e.get("finding") or e.get("label") or e.get("kind")
        if name and e.get("likelihood_ratio") is not None:
            parts.append(f"{name} ({e.get('answer', '')}, LR {e['likelihood_ratio']:g})")
    return "; ".join(parts) or None


def _reason(reason: dict[str, Any]) -> str:
    refs = ", ".join(s["ref"] for s in reason["sources"])
    return f"{reason['title']}: {reason['text']} (sources: {refs})"


def build_risk_assessment(
    kb: Knowledge,
    assessment: Assessment,
    *,
    basis: str | None = None,
    subject: str | None = None,
    resource_id: str | None = None,
    occurrence: str | None = None,
    status: str = "final",
) -> dict[str, Any]:
    """The RiskAssessment for `assessment` (plain R4 JSON; validate with fhir.model).
    `status` is preliminary when the response it is based on was not finished."""
    body = assessment.to_dict()
    level = body["triage"]["level"]
    out: dict[str, Any] = {"resourceType": "RiskAssessment"}
    if resource_id:
        out["id"] = resource_id
    out["extension"] = [
        {"url": systems.EXT_TRIAGE, "valueCodeableConcept": triage_concept(kb, level)}
    ]
    out["status"] = status
    out["method"] = {
        "coding": [coding("urn:legwise:method", "legwise", f"legwise {kb.version}")],
        "text": f"legwise (Bayes with likelihood ratios; knowledge version {kb.version})",
    }
    out["code"] = {"text": "Leg pain at rest or at night: likely causes and urgency"}
    out["subject"] = {"reference": subject} if subject else {"display": "the person assessed"}
    if occurrence:
        out["occurrenceDateTime"] = occurrence
    if basis:
        out["basis"] = [{"reference": basis}]
    out["prediction"] = []
    for result in body["conditions"]:
        prediction: dict[str, Any] = {
            "outcome": condition_concept(kb, result["id"]),
            "probabilityDecimal": result["probability"],
        }
        why = _rationale(result)
        if why:
            prediction["rationale"] = why
        out["prediction"].append(prediction)
    out["mitigation"] = body["triage"]["action"]
    out["note"] = [{"text": _reason(r)} for r in body["triage"]["reasons"]]
    out["note"].append({"text": body["disclaimer"]})
    return out
