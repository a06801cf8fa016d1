"""Exports of everything stored about a person: legwise's own JSON, and FHIR R4.

The JSON export is complete (every diary field, every saved assessment, as stored) and
versioned by `FORMAT` / `FORMAT_VERSION`. The FHIR export is a Bundle (type "collection")
of Observations, one set per night, built and validated with fhir.resources' R4B models
(R4B keeps R4's Observation and Bundle) so a clinic system can file it. The subject is a
Patient known only by the person's random `public_id`: no name, no database id.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from legwise.store.records import Person, SavedAssessment, StoredEntry

FORMAT = "legwise-export"
FORMAT_VERSION = 1

LOINC = "http://loinc.org"
# LOINC 72514-3: "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
PAIN_SEVERITY = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
DIARY_SYSTEM = "urn:legwise:diary"
FINDING_SYSTEM = "urn:legwise:finding"
ADVICE_SYSTEM = "urn:legwise:advice"
UCUM = "http://unitsofmeasure.org"
# Namespace for stable Observation ids: the same night exports with the same ids.
_NAMESPACE = uuid.UUID("6f1c7c55-7d1e-4c36-9c1c-5a3b0f1f2a10")


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def to_json(
    person: Person, entries: list[StoredEntry], saved: list[SavedAssessment]
) -> dict[str, Any]:
    """legwise's own export: every diary night and saved assessment, as stored."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": _stamp(dt.datetime.now(dt.UTC)),
        "person": {"id": person.public_id, "created_at": _stamp(person.created_at)},
        "diary": [
            {
                "id": s.id,
                **s.entry.model_dump(mode="json"),
                "created_at": _stamp(s.created_at),
                "updated_at": _stamp(s.updated_at),
            }
            for s in entries
        ],
        "assessments": [
            {
                "id": a.id,
                "created_at": _stamp(a.created_at),
                "label": a.label,
                "knowledge_version": a.knowledge_version,
                "case": a.case,
                "result": a.result,
            }
            for a in saved
        ],
    }


def _code(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding: dict[str, Any] = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding], "text": display or code}


def _observations(person: Person, stored: StoredEntry) -> list[dict[str, Any]]:
    entry = stored.entry
    night = entry.night.isoformat()
    subject = {"reference": f"urn:uuid:{person.public_id}"}

    def obs(key: str, code: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
        ident = uuid.uuid5(_NAMESPACE, f"{person.public_id}/{night}/{key}")
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "id": str(ident),
            "status": "final",
            "category": [_code(DIARY_SYSTEM, "night-diary", "Night diary")],
            "code": code,
            "subject": subject,
            "effectiveDateTime": night,
            "issued": _stamp(stored.updated_at),
            **value,
        }
        return resource

    pain = obs("worst_pain", _code(LOINC, *PAIN_SEVERITY), {"valueInteger": entry.worst_pain})
    if entry.note:
        pain["note"] = [{"text": entry.note}]
    out = [
        pain,
        obs(
            "episodes",
            _code(DIARY_SYSTEM, "episodes", "Bouts of leg pain that night"),
            {"valueInteger": entry.episodes},
        ),
        obs(
            "episode_minutes",
            _code(DIARY_SYSTEM, "episode_minutes", "About how long a bout lasted"),
            {
                "valueQuantity": {
                    "value": entry.episode_minutes,
                    "unit": "min",
                    "system": UCUM,
                    "code": "min",
                }
            },
        ),
        obs(
            "sleep_disturbed",
            _code(DIARY_SYSTEM, "sleep_disturbed", "Sleep disturbed by the legs"),
            {"valueBoolean": entry.sleep_disturbed},
        ),
    ]
    out += [
        obs(f"finding/{f}", _code(FINDING_SYSTEM, f), {"valueBoolean": True})
        for f in entry.findings
    ]
    out += [
        obs(f"self_care/{a}", _code(ADVICE_SYSTEM, a), {"valueBoolean": True})
        for a in entry.self_care
    ]
    return out


def to_fhir(person: Person, entries: list[StoredEntry]) -> dict[str, Any]:
    """A FHIR R4 Bundle (collection): the Patient (random id only) and per night its
    Observations: worst pain (LOINC 72514-3, with the note), bouts, bout length, sleep
    disturbed, each finding present and each self-care measure tried (legwise ids)."""
    from fhir.resources.R4B.bundle import Bundle  # heavy; only needed when exporting

    patient = {"resourceType": "Patient", "id": person.public_id}
    resources = [patient] + [o for s in entries for o in _observations(person, s)]
    bundle = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": _stamp(dt.datetime.now(dt.UTC)),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }
    # Validate against the R4 models; a mistake here is a bug, so let it raise.
    checked: dict[str, Any] = Bundle.model_validate(bundle).model_dump(mode="json")
    return checked
