"""Real charts through the CDS Hooks service: ICD-10-CM problem lists, LOINC labs in other
units, null prefetch, patient mismatches, unknown elements, card wording (issue 15)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.errors import InputError
from legwise.fhir import systems
from legwise.fhir.cds import PrefetchMissing, gather, md, patient_view, service_definition
from legwise.fhir.units import UnitError, convert, quantity_value
from legwise.kb.loader import Knowledge
from tests.fhir import ehr_chart

TODAY = dt.date(2026, 11, 15)
BASE = "https://legwise.example/"


def _view(kb: Knowledge, body: dict[str, Any]) -> dict[str, Any]:
    return patient_view(body, base_url=BASE, today=TODAY, kb=kb)


def _main(out: dict[str, Any]) -> dict[str, Any]:
    card: dict[str, Any] = out["cards"][0]
    return card


# --- 1. size and narrow prefetch -------------------------------------------------------------


def test_the_golden_chart_with_300_observations_gives_cards(kb: Knowledge) -> None:
    body = ehr_chart.request()
    assert len(body["prefetch"]["observations"]["entry"]) == 300
    assert len(json.dumps(body, indent=2)) > 64 * 1024  # the old limit refused this
    out = _view(kb, body)
    assert out["cards"][0]["summary"].startswith(
        "Active peripheral artery disease, deep vein thrombosis on the record."
    )


def test_prefetch_templates_ask_only_for_what_legwise_reads(kb: Knowledge) -> None:
    prefetch = service_definition(kb)["prefetch"]
    obs = prefetch["observations"]
    assert "_sort=-date" in obs and "_count=" in obs
    assert f"{systems.LOINC}|2276-4" in obs  # ferritin by LOINC
    assert f"{systems.FINDING}|ankle_brachial_index" in obs
    assert "category=problem-list-item" in prefetch["conditions"]
    assert "_count=1" in prefetch["responses"] and "_sort=-authored" in prefetch["responses"]


# --- 2. codes ----------------------------------------------------------------------------------


def test_an_icd10cm_only_problem_list_is_read(kb: Knowledge) -> None:
    g = gather(kb, ehr_chart.request()["prefetch"], TODAY, ehr_chart.PATIENT_ID)
    assert g.case["findings"]["diabetes"] == "present"  # E11.9 by the WHO prefix E11
    assert g.case["findings"]["high_blood_pressure"] == "present"  # I10
    assert set(g.diagnoses) == {"deep_vein_thrombosis", "peripheral_artery_disease"}
    assert g.diagnoses["deep_vein_thrombosis"] == "Condition ICD-10-CM I82.401"


def test_a_resolved_icd10cm_dvt_is_a_previous_dvt(kb: Knowledge) -> None:
    conditions = ehr_chart.bundle([ehr_chart.condition("I82.402", "left DVT", "resolved")])
    g = gather(kb, ehr_chart.request(conditions=conditions)["prefetch"], TODAY)
    assert g.case["findings"] == {"previous_dvt": "present"}
    assert g.diagnoses == {}


def test_ferritin_is_read_by_its_loinc_code(kb: Knowledge) -> None:
    obs = ehr_chart.bundle(ehr_chart.observations([ehr_chart.ferritin(45, "ug/L")]))
    g = gather(kb, ehr_chart.request(observations=obs)["prefetch"], TODAY)
    assert g.case["findings"]["ferritin_ug_l"] == 45
    assert g.origin["ferritin_ug_l"] == "Observation LOINC 2276-4"


# --- 3. units (safety) -------------------------------------------------------------------------


def test_ferritin_in_mg_per_litre_is_converted_not_read_as_ug(kb: Knowledge) -> None:
    """0.3 mg/L is 300 ug/L (full iron stores); read as 0.3 it would look like none."""
    obs = ehr_chart.bundle([ehr_chart.ferritin(0.3, "mg/L")])
    g = gather(kb, ehr_chart.request(observations=obs)["prefetch"], TODAY)
    assert g.case["findings"]["ferritin_ug_l"] == pytest.approx(300)


@pytest.mark.parametrize("unit", ["pmol/L", "mmol/L", "%"])
def test_ferritin_in_a_unit_that_cannot_be_converted_is_not_used(kb: Knowledge, unit: str) -> None:
    obs = ehr_chart.bundle([ehr_chart.ferritin(20, unit)])
    body = ehr_chart.request(observations=obs)
    g = gather(kb, body["prefetch"], TODAY)
    assert "ferritin_ug_l" not in g.case["findings"]
    detail = _main(_view(kb, body))["detail"]
    assert "**Not used:** Ferritin" in detail and "cannot be converted" in detail


def test_a_ferritin_without_a_unit_is_not_guessed(kb: Knowledge) -> None:
    ferritin = ehr_chart.ferritin(20, "ug/L")
    ferritin["valueQuantity"] = {"value": 20}
    g = gather(kb, ehr_chart.request(observations=ferritin)["prefetch"], TODAY)
    assert "ferritin_ug_l" not in g.case["findings"] and g.not_used


def test_unit_conversion_uses_ucum() -> None:
    assert convert(1, "ng/mL", "ug/L") == 1
    assert convert(3, "ug/dL", "ug/L") == 30
    assert quantity_value({"value": 90, "code": "%"}, None) == pytest.approx(0.9)
    with pytest.raises(UnitError):
        convert(1, "not a unit", "ug/L")
    with pytest.raises(UnitError):
        quantity_value({"value": 1, "code": "mg/L", "system": systems.SNOMED}, "ug/L")


# --- 4. CDS Hooks 2.0 behaviour ----------------------------------------------------------------


def test_null_prefetch_means_no_data_not_a_missing_records_card(kb: Knowledge) -> None:
    body = ehr_chart.request(conditions=None, observations=None)
    body["prefetch"].pop("responses")  # the legwise-only key is optional
    out = _view(kb, body)
    assert len(out["cards"]) == 1 and out["cards"][0]["links"]


@pytest.mark.parametrize("key", ["patient", "conditions", "observations"])
def test_required_prefetch_not_sent_is_a_precondition_failure(kb: Knowledge, key: str) -> None:
    body = ehr_chart.request()
    body["prefetch"].pop(key)
    with pytest.raises(PrefetchMissing) as err:
        _view(kb, body)
    assert err.value.keys == [key]


def test_every_card_has_a_stable_uuid(kb: Knowledge) -> None:
    first, again = _view(kb, ehr_chart.request()), _view(kb, ehr_chart.request())
    ids = [c["uuid"] for c in first["cards"]]
    assert len(set(ids)) == len(ids) == len(first["cards"])
    assert ids == [c["uuid"] for c in again["cards"]]
    other = ehr_chart.request()
    other["hookInstance"] = "another-call"
    assert ids[0] != _view(kb, other)["cards"][0]["uuid"]


@pytest.mark.parametrize(
    ("key", "change", "field"),
    [
        ("patient", lambda p: {**p, "id": "someone-else"}, "prefetch.patient.id"),
        (
            "conditions",
            lambda b: {
                **b,
                "entry": [
                    {
                        "resource": {
                            **b["entry"][0]["resource"],
                            "subject": {"reference": "Patient/x"},
                        }
                    }
                ],
            },
            "prefetch.conditions.entry[0].resource.subject.reference",
        ),
    ],
)
def test_a_resource_about_another_patient_is_refused(
    kb: Knowledge, key: str, change: Any, field: str
) -> None:
    body = ehr_chart.request()
    body["prefetch"][key] = change(body["prefetch"][key])
    with pytest.raises(InputError) as err:
        _view(kb, body)
    assert err.value.field == field


def test_copied_codes_are_escaped_in_card_markdown(kb: Knowledge) -> None:
    hostile = ehr_chart.condition("E11.9](javascript:alert(1)) <img src=x>", "x", n=9)
    body = ehr_chart.request(conditions=ehr_chart.bundle([hostile]))
    detail = _main(_view(kb, body))["detail"]
    unescaped = re.compile(r"(?<!\\)\]\(|(?<!\\)<img")  # a link or an HTML tag that renders
    assert not unescaped.search(detail)
    assert r"E11.9\]\(javascript:alert\(1\)\) \<img src=x\>" in detail
    assert md("a*b_c[d]") == r"a\*b\_c\[d\]"


def test_unknown_elements_in_prefetched_resources_are_ignored(kb: Knowledge) -> None:
    body = ehr_chart.request()  # the chart carries an R5 element and a made-up one
    assert "birthSexR6" in body["prefetch"]["patient"]
    assert _view(kb, body)["cards"]
    bad = ehr_chart.request()
    bad["prefetch"]["patient"]["birthDate"] = "yesterday"  # a known element, wrong: still 400
    with pytest.raises(InputError):
        _view(kb, bad)


# --- 5. cards for clinicians -------------------------------------------------------------------


def test_an_active_dvt_is_named_first_and_is_not_a_previous_dvt(kb: Knowledge) -> None:
    body = ehr_chart.request()
    g = gather(kb, body["prefetch"], TODAY)
    assert "previous_dvt" not in g.case["findings"]
    card = _main(_view(kb, body))
    assert card["summary"].startswith("Active peripheral artery disease, deep vein thrombosis")
    assert card["indicator"] in ("warning", "critical")
    assert "Deep vein thrombosis (Condition ICD-10-CM I82.401)" in card["detail"]


def test_an_active_dvt_alone_asks_for_the_interview_rather_than_ranking(kb: Knowledge) -> None:
    conditions = ehr_chart.bundle([ehr_chart.condition("I82.401", "right DVT")])
    card = _main(_view(kb, ehr_chart.request(conditions=conditions, observations=None)))
    assert card["summary"].startswith("Active deep vein thrombosis")
    assert "Likely" not in card["summary"] and card["indicator"] == "warning"


def test_a_critical_card_names_the_dangerous_cause_first(kb: Knowledge) -> None:
    qr = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": systems.QUESTIONNAIRE,
        "status": "completed",
        "authored": "2026-11-15T08:00:00Z",
        "item": [{"linkId": "chest_pain_or_breathless", "answer": [{"valueBoolean": True}]}],
    }
    body = ehr_chart.request(responses=ehr_chart.bundle([{**qr, "id": "qr1"}]))
    card = _main(_view(kb, body))
    assert card["indicator"] == "critical"
    assert card["summary"].startswith("Possible pulmonary embolism")
    assert "Active deep vein thrombosis" in card["summary"]  # the rule's cause first
    text = (card["summary"] + card["detail"]).lower()
    assert "your leg" not in text and " you " not in text


@settings(deadline=None)  # the first example builds the UCUM registry
@given(
    ug_per_l=st.floats(min_value=0.1, max_value=5000, allow_nan=False),
    unit=st.sampled_from([("mg/L", 1e-3), ("ng/mL", 1.0), ("ug/dL", 0.1), ("g/L", 1e-6)]),
)
def test_any_mass_concentration_gives_the_same_ferritin(
    ug_per_l: float, unit: tuple[str, float]
) -> None:
    """The same ferritin written in another mass unit is read as the same number of ug/L."""
    code, factor = unit
    assert quantity_value({"value": ug_per_l * factor, "code": code}, "ug/L") == pytest.approx(
        ug_per_l, rel=1e-9
    )
