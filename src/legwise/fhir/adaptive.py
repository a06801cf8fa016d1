"""The SDC adaptive interview: Questionnaire/$next-question over legwise's interview engine.

The client sends a QuestionnaireResponse whose `questionnaire` points to a contained
Questionnaire holding the items asked so far (on the first call there may be none, or no
contained Questionnaire at all). legwise reads the answers, asks its interview engine for the
next step and returns the response with that question appended to the contained
Questionnaire (status in-progress), or, when the interview is done, status completed with the
reason as a display item and the assessment as a contained RiskAssessment. An item that was
asked and left unanswered counts as "not sure", exactly as in the library interview.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

from legwise.engine.assess import assess_case
from legwise.engine.question_choice import Question, catalogue, next_step
from legwise.errors import InputError
from legwise.fhir import systems
from legwise.fhir.model import check
from legwise.fhir.questionnaire import finding_item, header, question_item
from legwise.fhir.response import QR, read_response
from legwise.fhir.risk import build_risk_assessment
from legwise.kb.loader import Knowledge

CONTAINED_ID = "legwise-adaptive"
PARAMETER_NAMES = ("questionnaire-response", "in")


def unwrap(body: Any) -> Any:
    """The QuestionnaireResponse from a bare resource or from Parameters
    (`questionnaire-response`, as the SDC operation names it)."""
    if isinstance(body, Mapping) and body.get("resourceType") == "Parameters":
        check(dict(body), "Parameters")
        for i, p in enumerate(body.get("parameter") or []):
            if isinstance(p, Mapping) and p.get("name") in PARAMETER_NAMES:
                if "resource" not in p:
                    raise InputError(f"Parameters.parameter[{i}].resource", "missing")
                return p["resource"]
        raise InputError("Parameters.parameter", "no 'questionnaire-response' parameter")
    return body


def _contained_questionnaire(qr: dict[str, Any]) -> tuple[int | None, dict[str, Any] | None]:
    ref = qr.get("questionnaire")
    for i, res in enumerate(qr.get("contained") or []):
        if res.get("resourceType") != "Questionnaire":
            continue
        if ref is None or ref == f"#{res.get('id')}":
            return i, res
    return None, None


def _link_ids(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        out.append(str(item.get("linkId")))
        out += _link_ids(item.get("item") or [])
    return out


def _unique(link_id: str, taken: set[str]) -> str:
    n = 2
    candidate = link_id
    while candidate in taken:
        candidate = f"{link_id}.{n}"
        n += 1
    return candidate


def _questions_by_link(kb: Knowledge) -> dict[str, Question]:
    """The interview question each linkId stands for: a checklist's group id, or the finding
    id of a one-finding question."""
    out: dict[str, Question] = {}
    for q in catalogue(kb).questions:
        if q.kind == "any_of":
            out[q.id] = q
        else:
            out.setdefault(q.findings[0], q)
    return out


def items_for(kb: Knowledge, qr_items: list[Any]) -> list[dict[str, Any]]:
    """Questionnaire items for a response's items, in the same order and nesting, so a
    response sent without its contained Questionnaire gets one that fits every answer."""
    questions = _questions_by_link(kb)
    out: list[dict[str, Any]] = []
    for item in qr_items:
        link = str(item.get("linkId"))
        if link in questions:
            out.append(question_item(kb, questions[link]))
        elif link in kb.findings:
            out.append(finding_item(kb, link, kb.findings[link].label, None))
        else:  # an unanswered item legwise does not know (read_response refuses answers)
            entry: dict[str, Any] = {"linkId": link, "type": "display"}
            if isinstance(item.get("text"), str):
                entry["text"] = item["text"]
            out.append(entry)
    return out


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def next_question(
    kb: Knowledge, body: Any, audience: str = "patient", now: str | None = None
) -> dict[str, Any]:
    """The response with the next question added, or completed (see the module docstring).

    `authored` is set to `now` (default: the current time); `subject` is kept when the
    client sent one.
    """
    resource = unwrap(body)
    read = read_response(kb, resource, QR)
    qr = copy.deepcopy(read.resource)
    qr["authored"] = now or _now()
    index, questionnaire = _contained_questionnaire(qr)
    if questionnaire is None:
        if str(qr.get("questionnaire") or systems.QUESTIONNAIRE).split("|")[0] != (
            systems.QUESTIONNAIRE
        ):
            raise InputError(
                f"{QR}.questionnaire", "expected a reference to a contained Questionnaire"
            )
        questionnaire = {
            **header(kb, contained=True),
            "id": CONTAINED_ID,
            "item": items_for(kb, qr.get("item") or []),
        }
        qr.setdefault("contained", []).append(questionnaire)
        qr["questionnaire"] = f"#{CONTAINED_ID}"
    else:
        questionnaire = dict(questionnaire)
        qr["contained"][index] = questionnaire
    asked_items = questionnaire.setdefault("item", [])
    taken = set(_link_ids(asked_items))

    case = read.case
    for fid in taken & set(kb.findings):
        # asked and not answered: "not sure", which the interview counts as asked
        if fid not in case["findings"] and fid not in case:
            case["findings"][fid] = "unknown"

    step = next_step(case, audience=audience, kb=kb)
    qr.setdefault("meta", {})["profile"] = [systems.SDC_QR_ADAPT]
    if not step.done:
        assert step.question is not None
        item = question_item(kb, step.question)
        item["linkId"] = _unique(item["linkId"], taken)
        asked_items.append(item)
        qr["status"] = "in-progress"
        return qr
    asked_items.append(
        {"linkId": _unique("legwise-done", taken), "type": "display", "text": step.reason}
    )
    qr["status"] = "completed"
    subject = qr.get("subject", {}).get("reference")
    risk = build_risk_assessment(
        kb, assess_case(case, kb=kb), basis="#", subject=subject, resource_id="assessment"
    )
    qr["contained"] = [r for r in qr["contained"] if r.get("resourceType") != "RiskAssessment"] + [
        risk
    ]
    return qr
