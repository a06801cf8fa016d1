"""CDS Hooks 2.0: the `legwise-leg-pain` patient-view service, without HTTP.

`service_definition(kb)` is what discovery lists. `patient_view(request, kb=kb, base_url=...)`
reads the prefetched Patient, Condition and Observation resources and any legwise
QuestionnaireResponse, builds a case (age from birthDate, sex from gender, risk factors from
coded conditions, measured values from coded observations in the knowledge base's units, the
person's own answers from the response), assesses it and returns cards for a clinician.

Prefetch follows the spec: a key that is absent was not prefetched (legwise never fetches
from the FHIR server, so a missing required key is `PrefetchMissing`, HTTP 412); a key whose
value is null means the record has no such data. Elements legwise does not know in a
prefetched resource (extensions, elements of later FHIR versions) are dropped, not refused.
Reading the request and the prefetch is in `legwise.fhir.prefetch`; this module holds the
service definition and the cards.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

from legwise.engine.assess import Assessment, assess_case
from legwise.engine.citations import citation
from legwise.errors import InputError
from legwise.fhir import systems
from legwise.fhir.prefetch import HOOK, Gathered, PrefetchMissing, check_request, gather
from legwise.kb.loader import Knowledge
from legwise.signatures import case_first

SERVICE_ID = "legwise-leg-pain"
CONDITION_CATEGORIES = "problem-list-item,encounter-diagnosis,health-concern"
CONDITION_COUNT = 200
OBSERVATION_COUNT = 100
INDICATOR = {
    "emergency_ambulance": "critical",
    "emergency": "critical",
    "consultation_24": "warning",
}
# The triage level as a clinician reads it (the knowledge base's labels speak to the patient).
LEVEL_FOR_CLINICIAN = {
    "emergency_ambulance": "Emergency: ambulance transfer now",
    "emergency": "Emergency department assessment now",
    "consultation_24": "Clinical review within 24 hours",
    "consultation": "Routine clinical review",
    "self_care": "Self-care appropriate; review if it changes",
}
SUMMARY_MAX = 140
TOP_CAUSES = 3
SOURCE = {"label": "legwise", "topic": {"code": SERVICE_ID, "system": "urn:legwise:cds"}}
CARD_NAMESPACE = uuid.UUID("6f0f3c1e-5b7a-4c55-9d0e-2f4a9b1c7d10")
_PARENS = re.compile(r"\([^)]*\)")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def prefetch_templates(kb: Knowledge) -> dict[str, str]:
    """Prefetch narrowed to what legwise reads: problem-list and encounter Conditions, the
    newest Observations carrying a code of a measured finding, the latest legwise response."""
    codes = []
    for fid, spec in kb.findings.items():
        if spec.type == "number" and fid != "age":
            codes += [f"{c.system}|{c.code}" for c in spec.codes if c.system == systems.LOINC]
            codes.append(f"{systems.FINDING}|{fid}")
    return {
        "patient": "Patient/{{context.patientId}}",
        "conditions": (
            "Condition?patient={{context.patientId}}"
            f"&category={CONDITION_CATEGORIES}&_count={CONDITION_COUNT}"
        ),
        "observations": (
            "Observation?patient={{context.patientId}}"
            f"&code={','.join(codes)}&_sort=-date&_count={OBSERVATION_COUNT}"
        ),
        "responses": (
            "QuestionnaireResponse?patient={{context.patientId}}"
            f"&questionnaire={systems.QUESTIONNAIRE}&_sort=-authored&_count=1"
        ),
    }


def service_definition(kb: Knowledge) -> dict[str, Any]:
    return {
        "hook": HOOK,
        "id": SERVICE_ID,
        "title": "legwise: leg pain at rest or at night",
        "description": (
            "Urgency with its reasons and the likely causes of leg pain at rest or at night, "
            "from the record (age, sex, coded conditions and measurements) and the person's "
            "legwise interview. Information, not a diagnosis."
        ),
        "prefetch": prefetch_templates(kb),
        "usageRequirements": (
            "Prefetch patient, conditions and observations (null where the record has none); "
            "legwise does not query the FHIR server."
        ),
    }


# --- assessment -> cards ----------------------------------------------------------------------


def md(text: Any) -> str:
    """Text copied into card markdown (codes, labels from a record): markup characters
    escaped and line breaks flattened, so a record cannot inject links, images or HTML."""
    flat = " ".join(str(text).split())
    return _MARKDOWN.sub(r"\\\1", flat)


def _short(name: str) -> str:
    """A clinical name without its parenthesis: "Nocturnal leg cramps"."""
    return " ".join(_PARENS.sub("", name).split())


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".") + "."


def _danger(kb: Knowledge, a: Assessment) -> str | None:
    """The dangerous cause a critical or same-day level is about: the title of the first
    reason at the level reached (rule titles name the cause, in clinical words)."""
    for r in a.triage.reasons:
        if r.level == a.level:
            return r.title
    return None


def _summary(kb: Knowledge, a: Assessment, gathered: Gathered) -> str:
    """One line for a clinician, dangerous cause first: for an urgent level the rule that set
    it and the urgency, then any active dangerous diagnosis on the record; otherwise that
    diagnosis, the urgency and the likely causes."""
    level = LEVEL_FOR_CLINICIAN.get(a.level, a.level)
    suspects = {s for r in a.triage.reasons if r.level == a.level for s in r.suspects}
    known = [
        _short(kb.conditions[c].clinical_name).lower()
        for c in sorted(
            gathered.diagnoses, key=lambda c: c not in suspects
        )  # the rule's cause first
        if kb.conditions[c].dangerous
    ]
    on_record = [f"Active {', '.join(known)} on the record."] if known else []
    danger = _danger(kb, a) if a.level in INDICATOR else None
    if danger:  # the cause the urgent level is about, and the level, before anything else
        parts = [f"{danger}.", f"{level}.", *on_record]
    else:
        parts = [*on_record, f"From the other findings: {level.lower()}." if known else f"{level}."]
        others = [
            _short(kb.conditions[c.id].clinical_name).lower()
            for c in a.conditions
            if c.id not in gathered.diagnoses
        ][:TOP_CAUSES]
        word = "Other possible causes" if gathered.diagnoses else "Likely"
        parts.append(f"{word}: {', '.join(others)}.")
    text = " ".join(parts)
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1].rstrip() + "…"


def _detail(kb: Knowledge, a: Assessment, gathered: Gathered) -> str:
    level = LEVEL_FOR_CLINICIAN.get(a.level, a.level)
    lines = [f"**Urgency: {level}.**", ""]
    if gathered.diagnoses:
        lines.append("**Active diagnoses on the record:**")
        for cid, origin in gathered.diagnoses.items():
            lines.append(f"- {kb.conditions[cid].clinical_name} ({md(origin)})")
        lines += [
            "",
            "The differential below comes from the findings; it does not count recorded diagnoses.",
            "",
        ]
    if a.triage.reasons:
        lines.append("**Why:**")
        for r in a.triage.reasons:
            suspects = [_short(kb.conditions[s].clinical_name) for s in r.suspects]
            if r.outside:
                suspects.append(r.outside)
            about = f"; consider {', '.join(suspects)}" if suspects else ""
            cited = ", ".join(s.ref for s in r.sources)
            lines.append(f"- {r.title}{about} (sources: {cited})")
        lines.append("")
    lines.append("**Differential (legwise model):**")
    for c in a.conditions[:TOP_CAUSES]:
        lines.append(f"- {kb.conditions[c.id].clinical_name}: {c.probability:.0%}")
    used = [
        f"{md(kb.findings[fid].label if fid in kb.findings else fid)}: "
        f"{md(_shown(gathered, fid))} ({md(origin)})"
        for fid, origin in sorted(gathered.origin.items())
    ]
    if used:
        lines += ["", "**From the record:** " + "; ".join(used)]
    if gathered.not_used:
        lines += ["", "**Not used:** " + "; ".join(md(n) for n in gathered.not_used)]
    refs = sorted({s.ref for r in a.triage.reasons for s in r.sources})
    if refs:
        lines += ["", "**Sources:**"]
        lines += [f"- {ref}: {citation(kb.sources[ref])}" for ref in refs if ref in kb.sources]
    lines += ["", _footer(kb, a.knowledge_version)]
    return "\n".join(lines)


def _footer(kb: Knowledge, version: str) -> str:
    return f"legwise, knowledge version {version}. {_first_sentence(kb.meta.disclaimer)}"


def _diagnoses_card(kb: Knowledge, gathered: Gathered, hook_instance: str) -> dict[str, Any]:
    """Active diagnoses on the record and nothing to assess: say so, and ask for the
    interview, rather than rank causes from age and sex alone."""
    names = [_short(kb.conditions[c].clinical_name).lower() for c in gathered.diagnoses]
    dangerous = any(kb.conditions[c].dangerous for c in gathered.diagnoses)
    lines = ["**Active diagnoses on the record:**"]
    lines += [
        f"- {kb.conditions[c].clinical_name} ({md(o)})" for c, o in gathered.diagnoses.items()
    ]
    lines += [
        "",
        "No symptoms or findings on the record for legwise to weigh; the legwise interview "
        "gives urgency and other causes.",
        "",
        _footer(kb, kb.version),
    ]
    return _card(
        f"Active {', '.join(names)} on the record; no leg-pain answers yet for legwise.",
        "warning" if dangerous else "info",
        "\n".join(lines),
        uuid=card_uuid(hook_instance, "assessment"),
    )


def _shown(gathered: Gathered, fid: str) -> str:
    value = gathered.case.get(fid, gathered.case["findings"].get(fid))
    if isinstance(value, float):
        return f"{value:g}"
    return {"present": "yes", "absent": "no", "unknown": "not sure"}.get(str(value), str(value))


def card_uuid(hook_instance: str, kind: str) -> str:
    """A card's uuid: unique per hook call and card, and the same if the call is repeated
    (so feedback on a repeated call names the same card)."""
    return str(uuid.uuid5(CARD_NAMESPACE, f"{hook_instance}/{kind}"))


def _card(summary: str, indicator: str, detail: str | None = None, **more: Any) -> dict[str, Any]:
    card: dict[str, Any] = {"summary": summary, "indicator": indicator, "source": SOURCE}
    if detail:
        card["detail"] = detail
    card.update(more)
    return card


def _link_card(interview_url: str) -> dict[str, Any]:
    return _card(
        "Run the legwise interview about leg pain at rest or at night",
        "info",
        "Opens the legwise interview in a new window: plain questions for the patient, then "
        "urgency, likely causes and advice that is safe for the cause.",
        links=[{"label": "Open the legwise interview", "url": interview_url, "type": "absolute"}],
    )


def interview_url(base_url: str) -> str:
    """Where the link card sends the clinician: the web interview at `/` of this app."""
    return base_url.rstrip("/") + "/"


@case_first("kb", "body", "base_url", "today")
def patient_view(
    body: Any, *, kb: Knowledge, base_url: str, today: dt.date | None = None
) -> dict[str, Any]:
    """The CDS Hooks response ({"cards": [...]}) for a patient-view request."""
    context, prefetch = check_request(body)
    hook_instance = str(body["hookInstance"])
    gathered = gather(kb, prefetch, today or dt.date.today(), str(context["patientId"]))
    cards: list[dict[str, Any]] = []
    clinical = [f for f in gathered.case["findings"] if f not in ("age", "sex")]
    if not clinical and not gathered.had_response and gathered.diagnoses:
        cards.append(_diagnoses_card(kb, gathered, hook_instance))
    elif clinical or gathered.had_response:
        a = assess_case(gathered.case, kb=kb)
        indicator = INDICATOR.get(a.level, "info")
        if indicator == "info" and any(kb.conditions[c].dangerous for c in gathered.diagnoses):
            indicator = "warning"
        cards.append(
            _card(
                _summary(kb, a, gathered),
                indicator,
                _detail(kb, a, gathered),
                uuid=card_uuid(hook_instance, "assessment"),
            )
        )
    elif gathered.not_used:
        cards.append(
            _card(
                "legwise: some measurements were not used (unit or range)",
                "info",
                "**Not used:** " + "; ".join(md(n) for n in gathered.not_used),
                uuid=card_uuid(hook_instance, "not-used"),
            )
        )
    link = _link_card(interview_url(base_url))
    link["uuid"] = card_uuid(hook_instance, "interview")
    cards.append(link)
    return {"cards": cards}


FEEDBACK_OUTCOMES = ("accepted", "overridden")


def check_feedback(body: Any) -> list[dict[str, Any]]:
    """The feedback items of a CDS Hooks feedback request; InputError naming the field."""
    if not isinstance(body, Mapping) or not isinstance(body.get("feedback"), list):
        raise InputError("feedback", "expected a list of feedback items")
    items: list[dict[str, Any]] = []
    for i, item in enumerate(body["feedback"]):
        where = f"feedback[{i}]"
        if not isinstance(item, Mapping):
            raise InputError(where, "expected an object")
        if not isinstance(item.get("card"), str):
            raise InputError(f"{where}.card", "expected the card's uuid")
        try:
            uuid.UUID(item["card"])
        except ValueError:
            raise InputError(f"{where}.card", "expected the card's uuid") from None
        if item.get("outcome") not in FEEDBACK_OUTCOMES:
            raise InputError(f"{where}.outcome", "expected 'accepted' or 'overridden'")
        if not isinstance(item.get("outcomeTimestamp"), str):
            raise InputError(f"{where}.outcomeTimestamp", "expected a date-time")
        items.append(dict(item))
    return items


__all__ = [
    "HOOK",
    "SERVICE_ID",
    "Gathered",
    "PrefetchMissing",
    "check_feedback",
    "check_request",
    "gather",
    "md",
    "patient_view",
    "prefetch_templates",
    "service_definition",
]
