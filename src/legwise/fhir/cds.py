"""CDS Hooks 2.0: the `legwise-leg-pain` patient-view service, without HTTP.

`service_definition(kb)` is what discovery lists. `patient_view(kb, request, base_url, today)`
reads the prefetched Patient, Condition and Observation resources and any legwise
QuestionnaireResponse, builds a case (age from birthDate, sex from gender, risk factors from
coded conditions, measured values from coded observations in the knowledge base's units, the
person's own answers from the response), assesses it and returns cards for a clinician.

Prefetch follows the spec: a key that is absent was not prefetched (legwise never fetches
from the FHIR server, so a missing required key is `PrefetchMissing`, HTTP 412); a key whose
value is null means the record has no such data. Elements legwise does not know in a
prefetched resource (extensions, elements of later FHIR versions) are dropped, not refused.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from legwise.engine.assess import Assessment, assess_case
from legwise.engine.citations import citation
from legwise.errors import InputError
from legwise.fhir import systems
from legwise.fhir.model import check
from legwise.fhir.response import read_response
from legwise.fhir.units import UnitError, quantity_value
from legwise.kb.loader import Knowledge
from legwise.signatures import case_first

SERVICE_ID = "legwise-leg-pain"
HOOK = "patient-view"
REQUIRED = ("patient", "conditions", "observations")
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
IGNORED_STATUS = {"entered-in-error", "refuted", "cancelled"}
ACTIVE_STATUS = {"active", "recurrence", "relapse"}
# Groups whose findings are lasting history; a finding from any other group (a symptom, a red
# flag, an exam sign) describes now, so a resolved record of it must not count.
HISTORY_GROUPS = {"history"}
CARD_NAMESPACE = uuid.UUID("6f0f3c1e-5b7a-4c55-9d0e-2f4a9b1c7d10")
_PARENS = re.compile(r"\([^)]*\)")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


class PrefetchMissing(Exception):
    """Required prefetch was not sent and legwise does not fetch it: HTTP 412."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        super().__init__(
            "not prefetched: "
            + ", ".join(keys)
            + " (legwise does not query the FHIR server; send the prefetch templates, "
            "with null where the record has no data)"
        )


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


@dataclass
class Gathered:
    """What the prefetch gave: the case, where each finding came from, active diagnoses on
    the record, and measurements that could not be used (with why)."""

    case: dict[str, Any] = field(default_factory=lambda: {"findings": {}})
    origin: dict[str, str] = field(default_factory=dict)
    diagnoses: dict[str, str] = field(default_factory=dict)  # condition id -> origin
    not_used: list[str] = field(default_factory=list)
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
    if not isinstance(context.get("patientId"), str) or not context["patientId"]:
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
    """Resources in a prefetched Bundle (or a single resource), with their path, as sent:
    the readers check against the FHIR model only the resources they use (a chart's
    hundreds of other Observations cost nothing)."""
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
            yield f"{where}.entry[{i}].resource", res
    else:
        yield where, value


def _checked(res: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    """A resource legwise reads is checked against the FHIR model first (the error names it);
    elements the model does not know are dropped (Postel: EHRs send extensions and newer
    elements)."""
    kind = res.get("resourceType")
    if kind in ("Patient", "Condition", "Observation"):
        return check(dict(res), str(kind), where, lenient=True)
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


def _same_patient(res: Mapping[str, Any], patient_id: str, where: str) -> None:
    """A resource about someone else is a request error, never silently used."""
    subject = res.get("subject") or res.get("patient")
    ref = subject.get("reference") if isinstance(subject, Mapping) else None
    if not isinstance(ref, str):
        return
    tail = ref.rstrip("/").split("/")
    ok = tail[-1] == patient_id and (len(tail) == 1 or tail[-2] == "Patient")
    if not ok:
        raise InputError(f"{where}.subject.reference", "is not the patient in context.patientId")


# --- prefetch -> case -------------------------------------------------------------------------

Matcher = tuple[str, str, str]  # (system, code, id)


def _matchers(codes: Mapping[str, Any]) -> list[Matcher]:
    out: list[Matcher] = []
    for key, spec in codes.items():
        out += [(c.system, c.code, key) for c in spec.codes]
    return out


def _finding_matchers(kb: Knowledge) -> list[Matcher]:
    """(system, code, finding): SNOMED CT and LOINC exactly, ICD-10 by prefix, legwise by id."""
    return [(systems.FINDING, fid, fid) for fid in kb.findings] + _matchers(kb.findings)


def _match(matchers: list[Matcher], system: str, code: str) -> str | None:
    """The id a coding stands for. ICD-10-CM codes extend the WHO categories, so they are
    read by the WHO prefixes as well as by the few CM codes listed for themselves."""
    for msys, mcode, key in matchers:
        if system == msys and code == mcode:
            return key
        icd = msys in (systems.ICD10, systems.ICD10CM) and system in (systems.ICD10CM, msys)
        if icd and code.upper().startswith(mcode):
            return key
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


def _patient(g: Gathered, res: Mapping[str, Any], pid: str, where: str, today: dt.date) -> None:
    if res.get("resourceType") != "Patient":
        raise InputError(f"{where}.resourceType", "expected 'Patient'")
    res = _checked(res, where)
    if res.get("id") is not None and res.get("id") != pid:
        raise InputError(f"{where}.id", "is not the patient in context.patientId")
    if res.get("birthDate"):
        g.case["age"] = _age(res["birthDate"], today, where)
        g.origin["age"] = "Patient.birthDate"
    if res.get("gender") in ("female", "male", "other"):
        g.case["sex"] = res["gender"]
        g.origin["sex"] = "Patient.gender"


def _code_label(system: str, code: str) -> str:
    names = {
        systems.SNOMED: "SNOMED CT",
        systems.ICD10: "ICD-10",
        systems.ICD10CM: "ICD-10-CM",
        systems.LOINC: "LOINC",
        systems.FINDING: "legwise",
    }
    return f"{names.get(system, system)} {code}"


def _conditions(kb: Knowledge, g: Gathered, value: Any, pid: str, where: str) -> None:
    findings = _finding_matchers(kb)
    diagnoses = _matchers(kb.conditions)
    # History findings that count only while active (meta.yaml `record_active_only`).
    setting = kb.meta.record_active_only
    only_active = frozenset(setting.findings) if setting is not None else frozenset()
    for at, res in _entries(value, where):
        if res.get("resourceType") != "Condition":
            continue  # a search Bundle may hold OperationOutcome entries
        _same_patient(res, pid, at)
        codings = list(_codings(res.get("code")))
        if not any(_match(findings + diagnoses, system, code) for system, code in codings):
            continue
        res = _checked(res, at)
        if _status_code(res.get("verificationStatus")) & IGNORED_STATUS:
            continue
        active = not (_status_code(res.get("clinicalStatus")) - ACTIVE_STATUS)
        for system, code in _codings(res.get("code")):
            origin = f"Condition {_code_label(system, code)}"
            cid = _match(diagnoses, system, code)
            if cid is not None and active:
                # An active DVT on the problem list is a DVT now, not "a DVT before".
                g.diagnoses.setdefault(cid, origin)
                continue
            fid = _match(findings, system, code)
            if fid is None or kb.findings[fid].type != "state":
                continue
            if not active and (fid in only_active or kb.findings[fid].group not in HISTORY_GROUPS):
                continue
            g.case["findings"][fid] = "present"
            g.origin[fid] = origin


def _effective(res: Mapping[str, Any]) -> str:
    return str(res.get("effectiveDateTime") or res.get("issued") or "")


def _observations(kb: Knowledge, g: Gathered, value: Any, pid: str, where: str) -> None:
    matchers = _finding_matchers(kb)
    latest: dict[str, tuple[str, Mapping[str, Any], str, str]] = {}
    for at, res in _entries(value, where):
        if res.get("resourceType") != "Observation" or res.get("status") in IGNORED_STATUS:
            continue
        _same_patient(res, pid, at)
        if not isinstance(res.get("valueQuantity"), Mapping):
            continue
        for system, code in _codings(res.get("code")):
            fid = _match(matchers, system, code)
            if fid is None or kb.findings[fid].type != "number" or fid == "age":
                continue
            res = _checked(res, at)  # only the Observations legwise reads
            quantity = res.get("valueQuantity")
            if not isinstance(quantity, Mapping):
                continue
            when = _effective(res)
            if fid not in latest or when > latest[fid][0]:
                latest[fid] = (when, quantity, f"Observation {_code_label(system, code)}", at)
    for fid, (_, quantity, origin, at) in latest.items():
        spec = kb.findings[fid]
        try:
            number = quantity_value(quantity, spec.unit)
        except UnitError as exc:
            # A value in a unit legwise cannot convert is never used as it stands.
            g.not_used.append(f"{spec.label} ({origin}, {at}.valueQuantity): {exc}")
            continue
        if (spec.min is not None and number < spec.min) or (
            spec.max is not None and number > spec.max
        ):
            g.not_used.append(f"{spec.label} ({origin}): {number:g} is outside the usual range")
            continue
        g.case["findings"][fid] = number
        g.origin[fid] = origin


def _responses(kb: Knowledge, g: Gathered, value: Any, pid: str, where: str) -> None:
    found = [
        (str(res.get("authored") or ""), at, res)
        for at, res in _entries(value, where)
        if res.get("resourceType") == "QuestionnaireResponse"
    ]
    if not found:
        return
    _, at, res = max(found, key=lambda item: item[0])  # the most recent interview
    _same_patient(res, pid, at)
    # an interview from an older knowledge version still tells what the person said
    answers = read_response(kb, dict(res), at, check_version=False, lenient=True).case
    g.had_response = True
    for key in ("age", "sex"):
        if key in answers and key not in g.case:
            g.case[key] = answers[key]
    for fid, answer in answers["findings"].items():
        current = g.case["findings"].get(fid)
        # The record's "present" and measured values stand; the person's answers fill the rest.
        if current is None:
            g.case["findings"][fid] = answer
            g.origin.setdefault(fid, "legwise QuestionnaireResponse")


NOT_SENT: Any = object()


def _usable(value: Any) -> Any:
    """A prefetch value that failed on the client's side (an OperationOutcome) is as good as
    not prefetched."""
    if isinstance(value, Mapping) and value.get("resourceType") == "OperationOutcome":
        return NOT_SENT
    return value


def gather(
    kb: Knowledge, prefetch: Mapping[str, Any], today: dt.date, patient_id: str | None = None
) -> Gathered:
    """The case the prefetched resources give (see the module docstring).

    Raises PrefetchMissing when a required key is absent (not prefetched): a null value is
    the record having no such data, and is fine.
    """
    values: dict[str, Any] = {
        key: _usable(prefetch[key]) if key in prefetch else NOT_SENT for key in REQUIRED
    }
    missing = [key for key, value in values.items() if value is NOT_SENT]
    if missing:
        raise PrefetchMissing(missing)
    pid = patient_id or ""
    g = Gathered()
    if values["patient"] is not None:
        if not pid:
            pid = str(values["patient"].get("id") or "")
        _patient(g, values["patient"], pid, "prefetch.patient", today)
    _conditions(kb, g, values["conditions"], pid, "prefetch.conditions")
    _observations(kb, g, values["observations"], pid, "prefetch.observations")
    responses = _usable(prefetch.get("responses"))
    if responses is not NOT_SENT:
        _responses(kb, g, responses, pid, "prefetch.responses")
    return g


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


def _summary(kb: Knowledge, a: Assessment, g: Gathered) -> str:
    """One line for a clinician, dangerous cause first: for an urgent level the rule that set
    it and the urgency, then any active dangerous diagnosis on the record; otherwise that
    diagnosis, the urgency and the likely causes."""
    level = LEVEL_FOR_CLINICIAN.get(a.level, a.level)
    suspects = {s for r in a.triage.reasons if r.level == a.level for s in r.suspects}
    known = [
        _short(kb.conditions[c].clinical_name).lower()
        for c in sorted(g.diagnoses, key=lambda c: c not in suspects)  # the rule's cause first
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
            if c.id not in g.diagnoses
        ][:TOP_CAUSES]
        word = "Other possible causes" if g.diagnoses else "Likely"
        parts.append(f"{word}: {', '.join(others)}.")
    text = " ".join(parts)
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1].rstrip() + "…"


def _detail(kb: Knowledge, a: Assessment, g: Gathered) -> str:
    level = LEVEL_FOR_CLINICIAN.get(a.level, a.level)
    lines = [f"**Urgency: {level}.**", ""]
    if g.diagnoses:
        lines.append("**Active diagnoses on the record:**")
        for cid, origin in g.diagnoses.items():
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
        f"{md(_shown(g, fid))} ({md(origin)})"
        for fid, origin in sorted(g.origin.items())
    ]
    if used:
        lines += ["", "**From the record:** " + "; ".join(used)]
    if g.not_used:
        lines += ["", "**Not used:** " + "; ".join(md(n) for n in g.not_used)]
    refs = sorted({s.ref for r in a.triage.reasons for s in r.sources})
    if refs:
        lines += ["", "**Sources:**"]
        lines += [f"- {ref}: {citation(kb.sources[ref])}" for ref in refs if ref in kb.sources]
    lines += ["", _footer(kb, a.knowledge_version)]
    return "\n".join(lines)


def _footer(kb: Knowledge, version: str) -> str:
    return f"legwise, knowledge version {version}. {_first_sentence(kb.meta.disclaimer)}"


def _diagnoses_card(kb: Knowledge, g: Gathered, hook_instance: str) -> dict[str, Any]:
    """Active diagnoses on the record and nothing to assess: say so, and ask for the
    interview, rather than rank causes from age and sex alone."""
    names = [_short(kb.conditions[c].clinical_name).lower() for c in g.diagnoses]
    dangerous = any(kb.conditions[c].dangerous for c in g.diagnoses)
    lines = ["**Active diagnoses on the record:**"]
    lines += [f"- {kb.conditions[c].clinical_name} ({md(o)})" for c, o in g.diagnoses.items()]
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


def _shown(g: Gathered, fid: str) -> str:
    value = g.case.get(fid, g.case["findings"].get(fid))
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
    g = gather(kb, prefetch, today or dt.date.today(), str(context["patientId"]))
    cards: list[dict[str, Any]] = []
    clinical = [f for f in g.case["findings"] if f not in ("age", "sex")]
    if not clinical and not g.had_response and g.diagnoses:
        cards.append(_diagnoses_card(kb, g, hook_instance))
    elif clinical or g.had_response:
        a = assess_case(g.case, kb=kb)
        indicator = INDICATOR.get(a.level, "info")
        if indicator == "info" and any(kb.conditions[c].dangerous for c in g.diagnoses):
            indicator = "warning"
        cards.append(
            _card(
                _summary(kb, a, g),
                indicator,
                _detail(kb, a, g),
                uuid=card_uuid(hook_instance, "assessment"),
            )
        )
    elif g.not_used:
        cards.append(
            _card(
                "legwise: some measurements were not used (unit or range)",
                "info",
                "**Not used:** " + "; ".join(md(n) for n in g.not_used),
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
