"""CDS Hooks 2.0: the `legwise-leg-pain` patient-view service, without HTTP.

`service_definition()` is what discovery lists. `patient_view(kb, request, base_url, today)`
reads the prefetched Patient, Condition and Observation resources and any legwise
QuestionnaireResponse, builds a case (age from birthDate, sex from gender, risk factors from
coded conditions, measured values from coded observations, the person's own answers from
the response), assesses it and returns the cards. legwise never fetches from the FHIR
server: what is not prefetched is reported as missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from legwise.engine.assess import Assessment, assess_case
from legwise.engine.citations import citation
from legwise.errors import InputError
from legwise.fhir import systems
from legwise.fhir.model import check
from legwise.fhir.response import read_response
from legwise.kb.loader import Knowledge

SERVICE_ID = "legwise-leg-pain"
HOOK = "patient-view"
PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}",
    "observations": "Observation?patient={{context.patientId}}",
    "responses": (
        "QuestionnaireResponse?patient={{context.patientId}}"
        f"&questionnaire={systems.QUESTIONNAIRE}"
    ),
}
INDICATOR = {
    "emergency_ambulance": "critical",
    "emergency": "critical",
    "consultation_24": "warning",
}
SUMMARY_MAX = 140
TOP_CAUSES = 3
SOURCE = {"label": "legwise", "topic": {"code": SERVICE_ID, "system": "urn:legwise:cds"}}
IGNORED_STATUS = {"entered-in-error", "refuted", "cancelled"}
# Conditions that count only while active (a resolved one is history, not a risk now).
ACTIVE_ONLY = {"active_cancer", "on_anticoagulant", "pregnant_or_postpartum"}
# Groups whose findings are lasting history; a finding from any other group (a symptom, a red
# flag, an exam sign) describes now, so a resolved record of it must not count.
HISTORY_GROUPS = {"history"}


def service_definition() -> dict[str, Any]:
    return {
        "hook": HOOK,
        "id": SERVICE_ID,
        "title": "legwise: leg pain at rest or at night",
        "description": (
            "Urgency with its reasons and the likely causes of leg pain at rest or at night, "
            "from the record (age, sex, coded conditions and measurements) and the person's "
            "legwise interview. Information, not a diagnosis."
        ),
        "prefetch": PREFETCH,
    }


@dataclass
class Gathered:
    """What the prefetch gave: the case, where each finding came from, and what is missing."""

    case: dict[str, Any] = field(default_factory=lambda: {"findings": {}})
    origin: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    had_response: bool = False


# --- request shape ----------------------------------------------------------------------------


def check_request(body: Any) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """The context and prefetch of a CDS Hooks request; InputError naming the field."""
    if not isinstance(body, Mapping):
        raise InputError("request", "expected a JSON object")
    if body.get("hook") != HOOK:
        raise InputError("hook", f"expected {HOOK!r}")
    if not isinstance(body.get("hookInstance"), str) or not body["hookInstance"]:
        raise InputError("hookInstance", "expected a string")
    context = body.get("context")
    if not isinstance(context, Mapping):
        raise InputError("context", "expected an object")
    if not isinstance(context.get("patientId"), str):
        raise InputError("context.patientId", "expected a string")
    prefetch = body.get("prefetch", {})
    if prefetch is None:
        prefetch = {}
    if not isinstance(prefetch, Mapping):
        raise InputError("prefetch", "expected an object")
    for key, value in prefetch.items():
        if value is not None and not isinstance(value, Mapping):
            raise InputError(f"prefetch.{key}", "expected a FHIR resource (object) or null")
    return context, prefetch


def _entries(value: Any, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Resources in a prefetched Bundle (or a single resource), with their path."""
    if value is None:
        return
    if value.get("resourceType") == "Bundle":
        entries = value.get("entry") or []
        if not isinstance(entries, list):
            raise InputError(f"{where}.entry", "expected a list")
        for i, entry in enumerate(entries):
            res = entry.get("resource") if isinstance(entry, Mapping) else None
            if not isinstance(res, Mapping):
                raise InputError(f"{where}.entry[{i}].resource", "expected a FHIR resource")
            yield f"{where}.entry[{i}].resource", _checked(res, f"{where}.entry[{i}].resource")
    else:
        yield where, _checked(value, where)


def _checked(res: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    """A resource legwise reads is checked against the FHIR model first (the error names it)."""
    kind = res.get("resourceType")
    if kind in ("Patient", "Condition", "Observation"):
        return check(dict(res), str(kind), where)
    return res


def _codings(concept: Any) -> Iterator[tuple[str, str]]:
    if not isinstance(concept, Mapping):
        return
    codings = concept.get("coding")
    for c in codings if isinstance(codings, list) else []:
        if isinstance(c, Mapping) and isinstance(c.get("code"), str):
            yield str(c.get("system") or ""), c["code"]


def _status_code(concept: Any) -> set[str]:
    return {code for _, code in _codings(concept)}


# --- prefetch -> case -------------------------------------------------------------------------


def _finding_matchers(kb: Knowledge) -> list[tuple[str, str, str]]:
    """(system, code, finding): SNOMED CT matched exactly, ICD-10 by prefix, legwise by id."""
    out = [(systems.FINDING, fid, fid) for fid in kb.findings]
    for fid, spec in kb.findings.items():
        out += [(c.system, c.code, fid) for c in spec.codes]
    return out


def _match(matchers: list[tuple[str, str, str]], system: str, code: str) -> str | None:
    for msys, mcode, fid in matchers:
        if system != msys:
            continue
        if code == mcode or (system == systems.ICD10 and code.startswith(mcode)):
            return fid
    return None


def _age(birth: Any, today: dt.date, where: str) -> int:
    try:
        born = dt.date.fromisoformat(str(birth)[:10]) if len(str(birth)) >= 10 else None
        if born is None:
            born = dt.date(int(str(birth)[:4]), 7, 1)  # only a year: mid-year
    except ValueError:
        raise InputError(f"{where}.birthDate", "expected a date (YYYY-MM-DD)") from None
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if years < 0:
        raise InputError(f"{where}.birthDate", "is in the future")
    return years


def _patient(g: Gathered, res: Mapping[str, Any], where: str, today: dt.date) -> None:
    if res.get("resourceType") != "Patient":
        raise InputError(f"{where}.resourceType", "expected 'Patient'")
    res = _checked(res, where)
    if res.get("birthDate"):
        g.case["age"] = _age(res["birthDate"], today, where)
        g.origin["age"] = "Patient.birthDate"
    if res.get("gender") in ("female", "male", "other"):
        g.case["sex"] = res["gender"]
        g.origin["sex"] = "Patient.gender"


def _conditions(kb: Knowledge, g: Gathered, value: Any, where: str) -> None:
    matchers = _finding_matchers(kb)
    for _at, res in _entries(value, where):
        if res.get("resourceType") != "Condition":
            continue  # a search Bundle may hold OperationOutcome entries
        if _status_code(res.get("verificationStatus")) & IGNORED_STATUS:
            continue
        active = not (_status_code(res.get("clinicalStatus")) - {"active", "recurrence", "relapse"})
        for system, code in _codings(res.get("code")):
            fid = _match(matchers, system, code)
            if fid is None or kb.findings[fid].type != "state":
                continue
            if not active and (fid in ACTIVE_ONLY or kb.findings[fid].group not in HISTORY_GROUPS):
                continue
            g.case["findings"][fid] = "present"
            g.origin[fid] = f"Condition {system}|{code}"


def _effective(res: Mapping[str, Any]) -> str:
    return str(res.get("effectiveDateTime") or res.get("issued") or "")


def _observations(kb: Knowledge, g: Gathered, value: Any, where: str) -> None:
    matchers = _finding_matchers(kb)
    latest: dict[str, tuple[str, float, str]] = {}
    for _at, res in _entries(value, where):
        if res.get("resourceType") != "Observation" or res.get("status") in IGNORED_STATUS:
            continue
        quantity = res.get("valueQuantity")
        number = quantity.get("value") if isinstance(quantity, Mapping) else None
        if isinstance(number, bool) or not isinstance(number, int | float):
            continue
        for system, code in _codings(res.get("code")):
            fid = _match(matchers, system, code)
            if fid is None or kb.findings[fid].type != "number" or fid == "age":
                continue
            when = _effective(res)
            if fid not in latest or when > latest[fid][0]:
                latest[fid] = (when, float(number), f"Observation {system}|{code}")
    for fid, (_, number, origin) in latest.items():
        g.case["findings"][fid] = number
        g.origin[fid] = origin


def _responses(kb: Knowledge, g: Gathered, value: Any, where: str) -> None:
    found = [
        (str(res.get("authored") or ""), at, res)
        for at, res in _entries(value, where)
        if res.get("resourceType") == "QuestionnaireResponse"
    ]
    if not found:
        return
    _, at, res = max(found, key=lambda item: item[0])  # the most recent interview
    answers = read_response(kb, dict(res), at).case
    g.had_response = True
    for key in ("age", "sex"):
        if key in answers and key not in g.case:
            g.case[key] = answers[key]
    for fid, answer in answers["findings"].items():
        current = g.case["findings"].get(fid)
        # The record's "present" and measured values stand; the person's answers fill the rest.
        if current is None:
            g.case["findings"][fid] = answer
            g.origin.setdefault(fid, "QuestionnaireResponse")


def gather(kb: Knowledge, prefetch: Mapping[str, Any], today: dt.date) -> Gathered:
    """The case the prefetched resources give (see the module docstring)."""
    g = Gathered()
    g.missing = [key for key in PREFETCH if prefetch.get(key) is None]
    if prefetch.get("patient") is not None:
        _patient(g, prefetch["patient"], "prefetch.patient", today)
    _conditions(kb, g, prefetch.get("conditions"), "prefetch.conditions")
    _observations(kb, g, prefetch.get("observations"), "prefetch.observations")
    _responses(kb, g, prefetch.get("responses"), "prefetch.responses")
    return g


# --- assessment -> cards ----------------------------------------------------------------------


def _summary(kb: Knowledge, a: Assessment) -> str:
    label = kb.levels[a.level].label
    causes = ", ".join(c.name.lower() for c in a.conditions[:TOP_CAUSES])
    text = f"{label}. Likely: {causes}."
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1].rstrip() + "…"


def _detail(kb: Knowledge, a: Assessment, g: Gathered) -> str:
    lines = [f"**Urgency: {kb.levels[a.level].label}.** {kb.levels[a.level].action}", ""]
    if a.triage.reasons:
        lines.append("**Why:**")
        for r in a.triage.reasons:
            cited = ", ".join(s.ref for s in r.sources)
            lines.append(f"- {r.title}: {r.text} (sources: {cited})")
        lines.append("")
    lines.append("**Likely causes:**")
    for c in a.conditions[:TOP_CAUSES]:
        lines.append(f"- {c.name} ({kb.conditions[c.id].clinical_name}): {c.probability:.0%}")
    used = [f"{fid} ({origin})" for fid, origin in sorted(g.origin.items())]
    if used:
        lines += ["", "**From the record:** " + "; ".join(used)]
    refs = sorted({s.ref for r in a.triage.reasons for s in r.sources})
    if refs:
        lines += ["", "**Sources:**"]
        lines += [f"- {ref}: {citation(kb.sources[ref])}" for ref in refs if ref in kb.sources]
    lines += ["", f"legwise, knowledge version {a.knowledge_version}. {kb.meta.disclaimer}"]
    return "\n".join(lines)


def _card(summary: str, indicator: str, detail: str | None = None, **more: Any) -> dict[str, Any]:
    card: dict[str, Any] = {"summary": summary, "indicator": indicator, "source": SOURCE}
    if detail:
        card["detail"] = detail
    card.update(more)
    return card


def _link_card(base_url: str) -> dict[str, Any]:
    url = base_url.rstrip("/") + "/"
    return _card(
        "Run the legwise interview about leg pain at rest or at night",
        "info",
        "Opens the legwise interview in a new window: a few plain questions, then urgency, "
        "likely causes and safe advice.",
        links=[{"label": "Open the legwise interview", "url": url, "type": "absolute"}],
    )


def patient_view(
    kb: Knowledge, body: Any, base_url: str, today: dt.date | None = None
) -> dict[str, Any]:
    """The CDS Hooks response ({"cards": [...]}) for a patient-view request."""
    _, prefetch = check_request(body)
    g = gather(kb, prefetch, today or dt.date.today())
    cards: list[dict[str, Any]] = []
    clinical = [f for f in g.case["findings"] if f not in ("age", "sex")]
    if clinical or g.had_response:
        a = assess_case(kb, g.case)
        cards.append(_card(_summary(kb, a), INDICATOR.get(a.level, "info"), _detail(kb, a, g)))
    if g.missing:
        cards.append(
            _card(
                "legwise: some records were not sent, so they were not used",
                "info",
                "Not prefetched: " + ", ".join(g.missing) + ". legwise does not fetch "
                "records itself.",
            )
        )
    cards.append(_link_card(base_url))
    return {"cards": cards}
