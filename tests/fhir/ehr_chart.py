"""A realistic EHR chart for CDS Hooks tests: what an Epic- or Cerner-style client prefetches.

Fixed content (no randomness): a US Core-style Patient with extensions, a problem list coded
only in ICD-10-CM, and 300 Observations (vital signs and labs over two years, most of them
nothing legwise reads), with the meta, narrative, extensions, reference ranges and elements
of later FHIR versions that real servers send.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

PATIENT_ID = "erXuFYUfucBZaryVksYEcMg3"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

# (LOINC, display, UCUM unit, value at first, step per visit, category)
SERIES = [
    ("8480-6", "Systolic blood pressure", "mm[Hg]", 142.0, -0.5, "vital-signs"),
    ("8462-4", "Diastolic blood pressure", "mm[Hg]", 88.0, -0.2, "vital-signs"),
    ("8867-4", "Heart rate", "/min", 76.0, 0.1, "vital-signs"),
    ("29463-7", "Body weight", "kg", 91.0, -0.1, "vital-signs"),
    ("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 7.9, -0.02, "laboratory"),
    ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 1.1, 0.0, "laboratory"),
]
VISITS = 50  # 6 series x 50 visits = 300 Observations


def _patient() -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": PATIENT_ID,
        "meta": {
            "versionId": "7",
            "lastUpdated": "2026-11-14T08:12:44Z",
            "profile": ["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"],
        },
        "text": {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml">X</div>'},
        "extension": [
            {
                "url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex",
                "valueCode": "M",
            }
        ],
        "identifier": [{"system": "urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.0", "value": "E1"}],
        "active": True,
        "name": [{"use": "official", "family": "Example", "given": ["Sam"]}],
        "gender": "male",
        "birthDate": "1952-03-09",
        # An element of a later FHIR version: the service must ignore it, not refuse the call.
        "birthSexR6": {"code": "male"},
    }


def condition(code: str, display: str, status: str = "active", n: int = 0) -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "id": f"cond-{n}",
        "meta": {"lastUpdated": "2026-10-02T10:00:00Z"},
        "clinicalStatus": {"coding": [{"system": CLINICAL, "code": status}]},
        "verificationStatus": {"coding": [{"system": VERIFICATION, "code": "confirmed"}]},
        "category": [{"coding": [{"system": CATEGORY, "code": "problem-list-item"}]}],
        "code": {
            "coding": [{"system": ICD10CM, "code": code, "display": display}],
            "text": display,
        },
        "subject": {"reference": f"Patient/{PATIENT_ID}", "display": "Sam Example"},
        "recordedDate": "2026-10-02",
        "extension": [
            {"url": "http://open.epic.com/FHIR/StructureDefinition/extension/x", "valueString": "y"}
        ],
    }


def problem_list() -> list[dict[str, Any]]:
    """Coded only in ICD-10-CM, as US problem lists often are."""
    return [
        condition("E11.9", "Type 2 diabetes mellitus without complications", n=1),
        condition("I73.9", "Peripheral vascular disease, unspecified", n=2),
        condition(
            "I82.401",
            "Acute embolism and thrombosis of unspecified deep veins of right lower extremity",
            n=3,
        ),
        condition("I10", "Essential (primary) hypertension", n=4),
    ]


def observation(
    n: int, code: str, display: str, value: float, unit: str, when: str, category: str
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": f"obs-{n}",
        "meta": {"lastUpdated": when + "T12:00:00Z"},
        "status": "final",
        "category": [{"coding": [{"system": OBS_CATEGORY, "code": category}]}],
        "code": {"coding": [{"system": LOINC, "code": code, "display": display}], "text": display},
        "subject": {"reference": f"Patient/{PATIENT_ID}"},
        "effectiveDateTime": when + "T09:30:00-05:00",
        "issued": when + "T12:00:00Z",
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
        "referenceRange": [{"text": "see lab"}],
        "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/x", "valueString": "lab"}],
        "triggeredBy": [{"type": "reflex"}],  # an R5 element: ignored, not a 400
    }


def observations(extra: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """300 Observations over two years (50 visits x 6 series), plus `extra`."""
    out = []
    start = dt.date(2024, 11, 1)
    n = 0
    for visit in range(VISITS):
        when = (start + dt.timedelta(days=14 * visit)).isoformat()
        for code, display, unit, first, step, category in SERIES:
            n += 1
            value = round(first + step * visit, 2)
            out.append(observation(n, code, display, value, unit, when, category))
    return out + (extra or [])


def ferritin(value: float, unit: str, when: str = "2026-10-20", n: int = 900) -> dict[str, Any]:
    return observation(
        n, "2276-4", "Ferritin [Mass/volume] in Serum or Plasma", value, unit, when, "laboratory"
    )


def bundle(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
        "link": [{"relation": "self", "url": "https://ehr.example/fhir/R4/Observation?x"}],
        "entry": [
            {
                "fullUrl": f"https://ehr.example/fhir/R4/{r['resourceType']}/{r['id']}",
                "resource": r,
                "search": {"mode": "match"},
            }
            for r in resources
        ],
    }


def request(**prefetch: Any) -> dict[str, Any]:
    """A patient-view call with the whole chart; keyword arguments replace prefetch keys."""
    body: dict[str, Any] = {
        "hook": "patient-view",
        "hookInstance": "0f5c7e0a-5d7e-4b1a-9d8e-1d2c3b4a5f60",
        "fhirServer": "https://ehr.example/fhir/R4",
        "context": {"userId": "Practitioner/eM5CWtq15N0WJeuCet5bJlQ3", "patientId": PATIENT_ID},
        "prefetch": {
            "patient": _patient(),
            "conditions": bundle(problem_list()),
            "observations": bundle(observations()),
            "responses": None,
        },
    }
    body["prefetch"].update(prefetch)
    return body
