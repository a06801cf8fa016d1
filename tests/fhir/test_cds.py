"""CDS Hooks patient-view: prefetch -> case, assessment -> cards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from legwise.errors import InputError
from legwise.fhir import systems
from legwise.fhir.cds import gather, patient_view
from legwise.kb.loader import Knowledge

TODAY = dt.date(2026, 11, 15)
BASE = "http://legwise.test/"


def _bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": r} for r in resources],
    }


NO_DATA = {"patient": None, "conditions": None, "observations": None}


def _request(**prefetch: Any) -> dict[str, Any]:
    """A request whose required prefetch keys not given are null (the record has none)."""
    return {
        "hook": "patient-view",
        "hookInstance": "4a2b7c1e-0000-4000-8000-000000000001",
        "context": {"userId": "Practitioner/9", "patientId": "p1"},
        "prefetch": {**NO_DATA, **prefetch},
    }


def _gather(kb: Knowledge, prefetch: dict[str, Any], today: dt.date) -> Any:
    return gather(kb, {**NO_DATA, **prefetch}, today, "p1")


PATIENT = {"resourceType": "Patient", "id": "p1", "gender": "male", "birthDate": "1950-06-01"}


def _legwise_condition(fid: str, status: str = "active") -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "subject": {"reference": "Patient/p1"},
        "clinicalStatus": {"coding": [{"code": status}]},
        "code": {"coding": [{"system": systems.FINDING, "code": fid}]},
    }


def _observation(fid: str, value: float, when: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": systems.FINDING, "code": fid}]},
        "effectiveDateTime": when,
        "valueQuantity": {"value": value},
    }


def test_prefetch_gives_age_sex_conditions_and_latest_measurements(kb: Knowledge) -> None:
    g = _gather(
        kb,
        {
            "patient": PATIENT,
            "conditions": _bundle(
                _legwise_condition("diabetes"),
                _legwise_condition("active_cancer", status="resolved"),  # history, not now
                _legwise_condition("previous_dvt", status="resolved"),  # history counts
            ),
            "observations": _bundle(
                _observation("ankle_brachial_index", 0.95, "2024-01-01"),
                _observation("ankle_brachial_index", 0.5, "2026-10-01"),
            ),
        },
        TODAY,
    )
    assert g.case["age"] == 76 and g.case["sex"] == "male"
    assert g.case["findings"] == {
        "diabetes": "present",
        "previous_dvt": "present",
        "ankle_brachial_index": 0.5,
    }


def test_an_emergency_is_a_critical_card_with_reasons_and_sources(kb: Knowledge) -> None:
    qr = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": systems.QUESTIONNAIRE,
        "status": "completed",
        "item": [
            {"linkId": "one_leg_swollen", "answer": [{"valueBoolean": True}]},
            {"linkId": "chest_pain_or_breathless", "answer": [{"valueBoolean": True}]},
        ],
    }
    out = patient_view(
        _request(patient=PATIENT, responses=_bundle(qr)), base_url=BASE, today=TODAY, kb=kb
    )
    main = out["cards"][0]
    assert main["indicator"] == "critical"
    # the dangerous cause first, in a clinician's words; no "your" anywhere
    assert main["summary"].startswith("Possible pulmonary embolism")
    assert "ambulance" in main["summary"] and "Likely" not in main["summary"]
    assert "your" not in (main["summary"] + main["detail"]).lower()
    assert len(main["summary"]) <= 140
    assert "Sources:" in main["detail"] and "nice_ng158" in main["detail"]
    link = out["cards"][-1]
    assert len({c["uuid"] for c in out["cards"]}) == len(out["cards"])
    assert link["links"] == [
        {"label": "Open the legwise interview", "url": BASE, "type": "absolute"}
    ]


def test_a_same_day_level_is_a_warning(kb: Knowledge) -> None:
    obs = _bundle(_observation("ankle_brachial_index", 0.45, "2026-10-01"))
    qr = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": "foot_pain_worse_elevated", "answer": [{"valueBoolean": True}]}],
    }
    request = _request(patient=PATIENT, observations=obs, responses=_bundle(qr))
    out = patient_view(request, base_url=BASE, today=TODAY, kb=kb)
    assert out["cards"][0]["indicator"] == "warning"


def test_without_clinical_data_only_the_link_card(kb: Knowledge) -> None:
    out = patient_view(_request(patient=PATIENT), base_url=BASE, today=TODAY, kb=kb)
    assert [c["indicator"] for c in out["cards"]] == ["info"]
    assert "links" in out["cards"][0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([], "request"),
        ({**_request(), "hook": "order-sign"}, "hook"),
        ({**_request(), "context": {}}, "context.patientId"),
        ({**_request(), "prefetch": {"patient": "Patient/1"}}, "prefetch.patient"),
        (_request(patient={**PATIENT, "birthDate": "yesterday"}), "prefetch.patient.birthDate"),
        (
            _request(conditions={"resourceType": "Bundle", "type": "searchset", "entry": [{}]}),
            "prefetch.conditions.entry[0].resource",
        ),
    ],
)
def test_malformed_requests_name_the_field(kb: Knowledge, body: Any, field: str) -> None:
    with pytest.raises(InputError) as err:
        patient_view(body, base_url=BASE, today=TODAY, kb=kb)
    assert err.value.field == field


@pytest.mark.parametrize(
    ("system", "code"),
    [(systems.SNOMED, "73211009"), (systems.ICD10, "E11.9"), (systems.FINDING, "diabetes")],
)
def test_coded_conditions_match_by_snomed_icd10_prefix_or_legwise_id(
    kb: Knowledge, system: str, code: str
) -> None:
    condition = {
        "resourceType": "Condition",
        "subject": {"reference": "Patient/p1"},
        "code": {"coding": [{"system": system, "code": code}]},
    }
    g = _gather(kb, {"conditions": _bundle(condition)}, TODAY)
    assert g.case["findings"] == {"diabetes": "present"}


def test_risk_assessment_outcomes_carry_the_outside_codes(kb: Knowledge) -> None:
    from legwise.engine.assess import assess_case
    from legwise.fhir.risk import build_risk_assessment

    ra = build_risk_assessment(kb, assess_case({"findings": {"one_leg_swollen": "present"}}, kb=kb))
    dvt = next(
        p for p in ra["prediction"] if p["outcome"]["coding"][0]["code"] == "deep_vein_thrombosis"
    )
    assert {
        "system": systems.SNOMED,
        "code": "128053003",
        "display": "Deep venous thrombosis",
    } in dvt["outcome"]["coding"]


def _coded_condition(system: str, code: str, status: str = "active") -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "subject": {"reference": "Patient/p1"},
        "clinicalStatus": {"coding": [{"code": status}]},
        "code": {"coding": [{"system": system, "code": code}]},
    }


def test_risk_factors_coded_in_snomed_or_who_icd10_are_read_from_the_record(
    kb: Knowledge,
) -> None:
    conditions = _bundle(
        _coded_condition(systems.ICD10, "I80.2", status="resolved"),  # a past DVT
        _coded_condition(systems.SNOMED, "363346000"),  # malignant neoplastic disease
        _coded_condition(systems.ICD10, "Z72.0"),  # tobacco use
        _coded_condition(systems.SNOMED, "46635009"),  # type 1 diabetes
        _coded_condition(systems.ICD10, "I83.9"),  # varicose veins, by prefix
    )
    g = _gather(kb, {"conditions": conditions}, TODAY)
    assert g.case["findings"] == {
        "previous_dvt": "present",
        "active_cancer": "present",
        "smoker": "present",
        "diabetes": "present",
        "varicose_veins": "present",
    }
    assert g.origin["previous_dvt"] == "Condition ICD-10 I80.2"


def test_a_recorded_dvt_raises_the_clot_probability(kb: Knowledge) -> None:
    from legwise.engine.assess import assess_case

    def dvt_probability(*conditions: dict[str, Any]) -> float:
        g = _gather(kb, {"patient": PATIENT, "conditions": _bundle(*conditions)}, TODAY)
        g.case["findings"]["one_leg_swollen"] = "present"
        ranked = assess_case(g.case, kb=kb).conditions
        return next(c.probability for c in ranked if c.id == "deep_vein_thrombosis")

    recorded = _coded_condition(systems.SNOMED, "128053003", status="resolved")
    assert dvt_probability(recorded) > dvt_probability()


def test_a_resolved_symptom_in_the_record_does_not_count_as_now(kb: Knowledge) -> None:
    claudication = (systems.SNOMED, "63491006")
    resolved = _gather(
        kb, {"conditions": _bundle(_coded_condition(*claudication, "resolved"))}, TODAY
    )
    active = _gather(kb, {"conditions": _bundle(_coded_condition(*claudication))}, TODAY)
    assert resolved.case["findings"] == {}
    assert active.case["findings"] == {"calf_pain_walking_relieved_by_rest": "present"}
