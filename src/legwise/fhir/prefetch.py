"""CDS Hooks prefetch -> a legwise case: the request's shape and what the record gives.

Reads the prefetched Patient, Condition and Observation resources and any legwise
QuestionnaireResponse: age from birthDate, sex from gender, risk factors from coded conditions
(a history finding counts from a resolved record, except those meta.yaml `record_active_only`
names), measured values from coded observations in the knowledge base's units, the person's
own answers from the response. A required key that is absent was not prefetched
(`PrefetchMissing`, HTTP 412); a null value means the record has no such data.

Split from `cds.py` (the service and its cards), which re-exports `gather`,
`check_request`, `Gathered` and `PrefetchMissing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from legwise.errors import InputError
from legwise.fhir import systems
from legwise.fhir.model import check
from legwise.fhir.response import read_response
from legwise.fhir.units import UnitError, quantity_value
from legwise.kb.loader import Knowledge

HOOK = "patient-view"
REQUIRED = ("patient", "conditions", "observations")
IGNORED_STATUS = {"entered-in-error", "refuted", "cancelled"}
ACTIVE_STATUS = {"active", "recurrence", "relapse"}
# Groups whose findings are lasting history; a finding from any other group (a symptom, a red
# flag, an exam sign) describes now, so a resolved record of it must not count.
HISTORY_GROUPS = {"history"}


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


def _patient(
    gathered: Gathered, res: Mapping[str, Any], pid: str, where: str, today: dt.date
) -> None:
    if res.get("resourceType") != "Patient":
        raise InputError(f"{where}.resourceType", "expected 'Patient'")
    res = _checked(res, where)
    if res.get("id") is not None and res.get("id") != pid:
        raise InputError(f"{where}.id", "is not the patient in context.patientId")
    if res.get("birthDate"):
        gathered.case["age"] = _age(res["birthDate"], today, where)
        gathered.origin["age"] = "Patient.birthDate"
    if res.get("gender") in ("female", "male", "other"):
        gathered.case["sex"] = res["gender"]
        gathered.origin["sex"] = "Patient.gender"


def _code_label(system: str, code: str) -> str:
    names = {
        systems.SNOMED: "SNOMED CT",
        systems.ICD10: "ICD-10",
        systems.ICD10CM: "ICD-10-CM",
        systems.LOINC: "LOINC",
        systems.FINDING: "legwise",
    }
    return f"{names.get(system, system)} {code}"


def _conditions(kb: Knowledge, gathered: Gathered, value: Any, pid: str, where: str) -> None:
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
                gathered.diagnoses.setdefault(cid, origin)
                continue
            fid = _match(findings, system, code)
            if fid is None or kb.findings[fid].type != "state":
                continue
            if not active and (fid in only_active or kb.findings[fid].group not in HISTORY_GROUPS):
                continue
            gathered.case["findings"][fid] = "present"
            gathered.origin[fid] = origin


def _effective(res: Mapping[str, Any]) -> str:
    return str(res.get("effectiveDateTime") or res.get("issued") or "")


def _observations(kb: Knowledge, gathered: Gathered, value: Any, pid: str, where: str) -> None:
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
            gathered.not_used.append(f"{spec.label} ({origin}, {at}.valueQuantity): {exc}")
            continue
        if (spec.min is not None and number < spec.min) or (
            spec.max is not None and number > spec.max
        ):
            gathered.not_used.append(
                f"{spec.label} ({origin}): {number:g} is outside the usual range"
            )
            continue
        gathered.case["findings"][fid] = number
        gathered.origin[fid] = origin


def _responses(kb: Knowledge, gathered: Gathered, value: Any, pid: str, where: str) -> None:
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
    gathered.had_response = True
    for key in ("age", "sex"):
        if key in answers and key not in gathered.case:
            gathered.case[key] = answers[key]
    for fid, answer in answers["findings"].items():
        current = gathered.case["findings"].get(fid)
        # The record's "present" and measured values stand; the person's answers fill the rest.
        if current is None:
            gathered.case["findings"][fid] = answer
            gathered.origin.setdefault(fid, "legwise QuestionnaireResponse")


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
    gathered = Gathered()
    if values["patient"] is not None:
        if not pid:
            pid = str(values["patient"].get("id") or "")
        _patient(gathered, values["patient"], pid, "prefetch.patient", today)
    _conditions(kb, gathered, values["conditions"], pid, "prefetch.conditions")
    _observations(kb, gathered, values["observations"], pid, "prefetch.observations")
    responses = _usable(prefetch.get("responses"))
    if responses is not NOT_SENT:
        _responses(kb, gathered, responses, pid, "prefetch.responses")
    return gathered


__all__ = ["HOOK", "Gathered", "PrefetchMissing", "check_request", "gather"]
