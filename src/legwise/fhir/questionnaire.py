"""The legwise FHIR Questionnaire, generated from the knowledge base (never edited by hand).

One item per finding, `linkId` = the finding id; findings the interview asks together sit in
a group item whose `linkId` is the question group id. Each item carries its codes
(urn:legwise:finding plus SNOMED CT where the knowledge has one), its answer type and options,
its help text (a display child with itemControl "help"), min/max/unit for numbers, and
`enableWhen` where it applies only to some people (pregnancy: only after the sex and age
answers allow it). The same `question_item` builds the items the adaptive interview adds one
step at a time, so both forms always agree.
"""

from __future__ import annotations

import functools
from typing import Any

from legwise.engine.question_choice import Question, catalogue
from legwise.fhir import systems
from legwise.kb.loader import Knowledge
from legwise.kb.schema import Applicability, Code

STATE_ANSWERS = (("present", "Yes"), ("absent", "No"), ("unknown", "Not sure"))
SEX_UNKNOWN = ("unknown", "Prefer not to say")
PHASES = {"about_you": 0, "screen": 1, "history": 2, "detail": 3}
PUBLISHER = "legwise"


def coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def outside_codes(codes: list[Code]) -> list[dict[str, Any]]:
    """The knowledge's SNOMED CT / ICD-10 codes as FHIR Codings."""
    return [coding(c.system, c.code, c.display) for c in codes]


def finding_codes(kb: Knowledge, fid: str) -> list[dict[str, Any]]:
    spec = kb.findings[fid]
    return [coding(systems.FINDING, fid, spec.label), *outside_codes(spec.codes)]


def _help(link_id: str, text: str | None) -> list[dict[str, Any]]:
    if not text:
        return []
    control = coding(systems.ITEM_CONTROL, "help", "Help-Button")
    return [
        {
            "linkId": f"{link_id}.help",
            "type": "display",
            "text": text,
            "extension": [
                {"url": systems.EXT_ITEM_CONTROL, "valueCodeableConcept": {"coding": [control]}}
            ],
        }
    ]


def enable_when(kb: Knowledge, applies: Applicability | None) -> dict[str, Any]:
    """`enableWhen` (all must hold) for a question that applies only to some ages or sexes.

    legwise never excludes on an unknown age or sex; a client that reads an unanswered
    question as failing these tests may hide the question too early. legwise's own
    $next-question applies the rule exactly.
    """
    if applies is None:
        return {}
    conditions: list[dict[str, Any]] = []
    if applies.sex is not None:
        for sex in kb.findings["sex"].choices or ():
            if sex not in applies.sex:
                conditions.append(
                    {
                        "question": "sex",
                        "operator": "!=",
                        "answerCoding": coding(systems.GENDER, sex),
                    }
                )
    for operator, bound in ((">=", applies.age_min), ("<=", applies.age_max)):
        if bound is not None:
            conditions.append(
                {"question": "age", "operator": operator, "answerInteger": int(bound)}
            )
    if not conditions:
        return {}
    out: dict[str, Any] = {"enableWhen": conditions}
    if len(conditions) > 1:
        out["enableBehavior"] = "all"
    return out


def _number_item(kb: Knowledge, fid: str, text: str) -> dict[str, Any]:
    spec = kb.findings[fid]
    whole = fid == "age"
    kind = "integer" if whole else "decimal"
    extension: list[dict[str, Any]] = []
    for url, bound in ((systems.EXT_MIN, spec.min), (systems.EXT_MAX, spec.max)):
        if bound is not None:
            value: dict[str, Any] = (
                {"valueInteger": int(bound)} if whole else {"valueDecimal": float(bound)}
            )
            extension.append({"url": url, **value})
    unit = systems.UCUM_UNITS.get(spec.unit or "")
    if unit is not None:
        extension.append(
            {"url": systems.EXT_UNIT, "valueCoding": coding(systems.UCUM, unit, spec.unit)}
        )
    return {"linkId": fid, "text": text, "type": kind, "extension": extension}


def _choice_item(kb: Knowledge, fid: str, text: str) -> dict[str, Any]:
    spec = kb.findings[fid]
    if fid == "sex":
        options = [
            coding(systems.GENDER, c, c.capitalize())
            for c in (*(spec.choices or ()), SEX_UNKNOWN[0])
        ]
        options[-1]["display"] = SEX_UNKNOWN[1]
    else:
        options = [
            coding(systems.CHOICE, c, c.replace("_", " ").capitalize()) for c in spec.choices or ()
        ]
        options.append(coding(systems.CHOICE, "unknown", "Not sure"))
    return {
        "linkId": fid,
        "text": text,
        "type": "choice",
        "answerOption": [{"valueCoding": o} for o in options],
    }


def _state_item(fid: str, text: str) -> dict[str, Any]:
    return {
        "linkId": fid,
        "text": text,
        "type": "choice",
        "answerOption": [
            {"valueCoding": coding(systems.ANSWER, v, label)} for v, label in STATE_ANSWERS
        ],
    }


def finding_item(kb: Knowledge, fid: str, text: str, help_text: str | None) -> dict[str, Any]:
    """The item for one finding (its type decides the answer type and options)."""
    spec = kb.findings[fid]
    if spec.type == "number":
        item = _number_item(kb, fid, text)
    elif spec.type == "choice":
        item = _choice_item(kb, fid, text)
    else:
        item = _state_item(fid, text)
    item["code"] = finding_codes(kb, fid)
    item.update(enable_when(kb, spec.applies))
    help_items = _help(fid, help_text)
    if help_items:
        item["item"] = help_items
    if not item.get("extension"):
        item.pop("extension", None)
    return item


def question_item(kb: Knowledge, q: Question) -> dict[str, Any]:
    """The item for one interview question: a group for a checklist, else one finding."""
    if q.kind != "any_of":
        return finding_item(kb, q.findings[0], q.text, q.help)
    children = [finding_item(kb, fid, kb.findings[fid].label, None) for fid in q.findings]
    item: dict[str, Any] = {"linkId": q.id, "text": q.text, "type": "group"}
    item.update(enable_when(kb, q.applies))
    item["item"] = [*_help(q.id, q.help), *children]
    return item


def _order(kb: Knowledge, q: Question) -> tuple[int, int, str]:
    spec = kb.findings.get(q.id)
    about_you = q.phase == "about_you" or (spec is not None and spec.group == "about_you")
    return (0 if about_you else PHASES.get(q.phase, 4), q.order, q.id)


def header(kb: Knowledge, contained: bool = False) -> dict[str, Any]:
    """What the published and the adaptive (contained) Questionnaire share.

    The published one is found by its canonical `url` (SDC adaptive-search profile); the
    contained one, which grows as questions are asked, has no `url` of its own (it is not
    the published form) and says where it comes from in `derivedFrom`.
    """
    canonical: dict[str, Any] = (
        {"derivedFrom": [f"{systems.QUESTIONNAIRE}|{kb.version}"]}
        if contained
        else {"url": systems.QUESTIONNAIRE}
    )
    return {
        "resourceType": "Questionnaire",
        "meta": {"profile": [systems.SDC_ADAPT if contained else systems.SDC_ADAPT_SEARCH]},
        "extension": [{"url": systems.SDC_ADAPTIVE, "valueBoolean": True}],
        **canonical,
        "version": kb.version,
        "name": "LegwiseLegPainAtRest",
        "title": "Leg pain at rest or at night",
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": PUBLISHER,
        "description": (
            "The legwise interview about leg pain at rest or at night. Every finding legwise "
            "reasons with is one item (linkId = the finding id). Run it adaptively with "
            "$next-question, or answer any items and send the response to "
            "QuestionnaireResponse/$assess. Information, not a diagnosis."
        ),
    }


@functools.cache
def build_questionnaire(kb: Knowledge) -> dict[str, Any]:
    """The whole Questionnaire as FHIR R4 JSON (cached per knowledge base; do not mutate)."""
    questions = sorted(catalogue(kb).questions, key=lambda q: _order(kb, q))
    head = header(kb)
    return {
        "resourceType": head.pop("resourceType"),
        "id": systems.QUESTIONNAIRE_ID,
        **head,
        "item": [question_item(kb, q) for q in questions],
    }


def validate(resource: dict[str, Any]) -> dict[str, Any]:
    """Check `resource` against the FHIR R4 (R4B classes) model; return it as the model
    writes it. Raises pydantic's ValidationError naming the element."""
    from legwise.fhir.model import validate_resource

    return validate_resource(resource)
