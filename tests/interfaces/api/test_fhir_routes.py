"""The FHIR routes over HTTP: media type, $assess against the library, OperationOutcome errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from legwise.engine.assess import assess_case
from legwise.fhir import systems
from legwise.kb.loader import Knowledge
from tests.fhir import sdc_driver

FHIR_JSON = "application/fhir+json"
QR: dict[str, Any] = {
    "resourceType": "QuestionnaireResponse",
    "id": "qr-7",
    "questionnaire": systems.QUESTIONNAIRE,
    "status": "completed",
    "item": [
        {"linkId": "age", "answer": [{"valueInteger": 64}]},
        {
            "linkId": "sex",
            "answer": [{"valueCoding": {"system": systems.GENDER, "code": "female"}}],
        },
        {"linkId": "one_leg_swollen", "answer": [{"valueBoolean": True}]},
        {"linkId": "calf_tenderness", "answer": [{"valueBoolean": True}]},
    ],
}


def test_questionnaire_is_served_as_fhir_json(client: TestClient, kb: Knowledge) -> None:
    r = client.get("/fhir/Questionnaire/legwise")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(FHIR_JSON)
    assert r.headers["x-content-type-options"] == "nosniff"  # security headers still apply
    body = r.json()
    assert body["resourceType"] == "Questionnaire" and body["version"] == kb.version


@pytest.mark.parametrize("content_type", [FHIR_JSON, "application/json"])
def test_assess_gives_the_library_result_as_a_risk_assessment(
    client: TestClient, kb: Knowledge, content_type: str
) -> None:
    import json

    r = client.post(
        "/fhir/QuestionnaireResponse/$assess",
        content=json.dumps(QR),
        headers={"content-type": content_type},
    )
    assert r.status_code == 200, r.text
    ra = r.json()
    expected = assess_case(
        {
            "age": 64,
            "sex": "female",
            "findings": {"one_leg_swollen": "present", "calf_tenderness": "present"},
        },
        kb=kb,
    ).to_dict()
    assert ra["resourceType"] == "RiskAssessment" and ra["status"] == "final"
    assert ra["basis"] == [{"reference": "QuestionnaireResponse/qr-7"}]
    assert kb.version in ra["method"]["text"]
    got = [(p["outcome"]["coding"][0]["code"], p["probabilityDecimal"]) for p in ra["prediction"]]
    assert got == [(c["id"], c["probability"]) for c in expected["conditions"]]
    level = ra["extension"][0]["valueCodeableConcept"]["coding"][0]
    assert level == {
        "system": systems.TRIAGE_LEVEL,
        "code": expected["triage"]["level"],
        "display": kb.levels[expected["triage"]["level"]].label,
    }


@pytest.mark.parametrize(
    ("body", "status", "expression"),
    [
        (b"{not json", 400, None),
        (b"\xff\xfe", 400, None),
        (b"[" * 5000 + b"]" * 5000, 400, None),
        (b'{"resourceType": "Patient"}', 422, "QuestionnaireResponse.resourceType"),
        (b'"just a string"', 422, "QuestionnaireResponse"),
        (
            b'{"resourceType": "QuestionnaireResponse", "status": "completed",'
            b' "item": [{"linkId": "age", "answer": [{"valueInteger": -3}]}]}',
            422,
            "QuestionnaireResponse.item[0]",
        ),
    ],
)
def test_bad_bodies_get_an_operation_outcome(
    client: TestClient, body: bytes, status: int, expression: str | None
) -> None:
    r = client.post(
        "/fhir/QuestionnaireResponse/$assess", content=body, headers={"content-type": FHIR_JSON}
    )
    assert r.status_code == status
    assert r.headers["content-type"].startswith(FHIR_JSON)
    issue = r.json()["issue"][0]
    assert r.json()["resourceType"] == "OperationOutcome" and issue["severity"] == "error"
    if expression:
        assert issue["expression"] == [expression]


def test_a_body_over_the_limit_is_413(client: TestClient) -> None:
    big = b'{"resourceType": "QuestionnaireResponse", "x": "' + b"a" * 9_000_000 + b'"}'
    r = client.post("/fhir/QuestionnaireResponse/$assess", content=big)
    assert r.status_code == 413


def test_the_loop_runs_over_http(client: TestClient) -> None:
    """The same loop through POST /fhir/Questionnaire/$next-question, Parameters-wrapped once."""
    vcase = {"age": 30, "sex": "female", "findings": {"urge_to_move_legs": "present"}}

    def step(qr: dict[str, Any]) -> dict[str, Any]:
        r = client.post("/fhir/Questionnaire/$next-question", json=qr)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/fhir+json")
        return dict(r.json())

    final, asked, _ = sdc_driver.run(step, vcase)
    assert asked[:2] == ["age", "sex"]
    assert final["status"] == "completed"
    wrapped = {
        "resourceType": "Parameters",
        "parameter": [
            {
                "name": "questionnaire-response",
                "resource": {"resourceType": "QuestionnaireResponse", "status": "in-progress"},
            }
        ],
    }
    r = client.post("/fhir/Questionnaire/$next-question", json=wrapped)
    assert r.status_code == 200
    assert r.json()["contained"][0]["item"][0]["linkId"] == "age"
    contained = r.json()["contained"][0]
    assert "url" not in contained  # not the published form; it says where it comes from
    assert contained["derivedFrom"] == [f"{systems.QUESTIONNAIRE}|{contained['version']}"]
