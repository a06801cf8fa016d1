"""POST /v1/assess and /v1/assess/batch: the result contract, and errors naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from legwise.interfaces.api.settings import Settings

CONTRACT = {"id", "triage", "conditions", "scores", "advice", "knowledge_version", "disclaimer"}
DVT = {
    "id": "c1",
    "age": 58,
    "sex": "male",
    "findings": {"one_leg_swollen": "present", "calf_tenderness": "present"},
}
EMERGENCY = {"findings": {"one_leg_swollen": "present", "chest_pain_or_breathless": "present"}}


def only_error(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert len(detail) == 1
    item: dict[str, Any] = detail[0]
    return item


def test_result_has_the_contract_keys(client: TestClient) -> None:
    body = client.post("/v1/assess", json=DVT).json()
    assert set(body) >= CONTRACT
    assert body["id"] == "c1"
    assert {"level", "reasons"} <= set(body["triage"])
    assert {"recommended", "avoid", "tests", "treatments"} <= set(body["advice"])
    top = body["conditions"][0]
    assert {"id", "probability", "evidence"} <= set(top)
    assert top["id"] == "deep_vein_thrombosis"
    # Causes a fired rule names come first, then the likeliest cause the answers support,
    # then the rest; most likely first within each part (docs/model.md).
    named = [c for c in body["conditions"] if c.get("named_by_rule")]
    assert body["conditions"][: len(named)] == named
    rest = [c["probability"] for c in body["conditions"][len(named) + 1 :]]
    assert [c["probability"] for c in named] == sorted(
        (c["probability"] for c in named), reverse=True
    )
    assert rest == sorted(rest, reverse=True)


def test_matches_the_library(client: TestClient) -> None:
    import legwise

    assert client.post("/v1/assess", json=DVT).json() == legwise.assess(DVT).to_dict()


def test_emergency_sign_calls_an_ambulance(client: TestClient) -> None:
    body = client.post("/v1/assess", json=EMERGENCY).json()
    assert body["triage"]["level"] == "emergency_ambulance"


def test_numbers_are_accepted(client: TestClient) -> None:
    case = {"age": 70, "findings": {"ankle_brachial_index": 0.45}}
    assert client.post("/v1/assess", json=case).status_code == 200


def test_free_text_is_read_and_explicit_findings_win(client: TestClient) -> None:
    case = {"text": "my calf is swollen", "findings": {"one_leg_swollen": "absent"}}
    body = client.post("/v1/assess", json=case).json()
    assert "from_text" in body
    assert body["from_text"]["findings"]["one_leg_swollen"] == "present"
    assert body["triage"]["level"] != "emergency_ambulance"


def test_text_with_nothing_clinical_names_text(client: TestClient) -> None:
    error = only_error(client.post("/v1/assess", json={"text": "the weather is nice today"}))
    assert error["loc"] == ["body", "text"]
    assert error["type"] == "input_error"


@pytest.mark.parametrize(
    ("case", "loc"),
    [
        ({"findings": {"no_such_finding": "present"}}, ["body", "findings", "no_such_finding"]),
        ({"findings": {"one_leg_swollen": "maybe"}}, ["body", "findings", "one_leg_swollen"]),
        ({"findings": {"ankle_brachial_index": 9}}, ["body", "findings", "ankle_brachial_index"]),
        ({"age": 400}, ["body", "age"]),
        ({"sex": "robot"}, ["body", "sex"]),
        ({"findings": {}, "colour": "red"}, ["body", "colour"]),
        ({"findings": ["one_leg_swollen"]}, ["body", "findings"]),
    ],
)
def test_bad_input_is_422_naming_the_field(
    client: TestClient, case: dict[str, Any], loc: list[Any]
) -> None:
    response = client.post("/v1/assess", json=case)
    assert response.status_code == 422, response.text
    assert any(item["loc"] == loc for item in response.json()["detail"])


def test_malformed_json_is_422(client: TestClient) -> None:
    for raw in (b'{"findings": ', b"\xff\xfe not utf-8", b"[1, 2"):
        response = client.post(
            "/v1/assess", content=raw, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422, raw
        assert response.json()["detail"][0]["loc"][0] == "body"


def test_body_over_the_limit_is_413(client: TestClient) -> None:
    limit = Settings().max_body_bytes
    case = {"findings": {}, "text": "x" * (limit + 1)}
    response = client.post("/v1/assess", json=case)
    assert response.status_code == 413
    assert response.headers["x-frame-options"] == "DENY"


def test_streamed_body_over_the_limit_is_413(client: TestClient) -> None:
    # No Content-Length: the limit holds on the bytes actually received.
    def chunks() -> Any:
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    response = client.post(
        "/v1/assess", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


# --- batch -----------------------------------------------------------------------------------


def test_batch_keeps_order_and_ids(client: TestClient) -> None:
    cases = [{**DVT, "id": "a"}, {**EMERGENCY, "id": "b"}, {"id": "c", "findings": {}}]
    body = client.post("/v1/assess/batch", json=cases).json()
    assert [r["id"] for r in body] == ["a", "b", "c"]
    assert body[1]["triage"]["level"] == "emergency_ambulance"
    assert all(set(r) >= CONTRACT for r in body)
    single = client.post("/v1/assess", json=cases[0]).json()
    assert body[0] == single


def test_batch_is_all_or_nothing_naming_the_row(client: TestClient) -> None:
    cases = [DVT, DVT, {"findings": {"one_leg_swollen": "sometimes"}}]
    error = only_error(client.post("/v1/assess/batch", json=cases))
    assert error["loc"] == ["body", 2, "findings", "one_leg_swollen"]


def test_batch_shape_errors_name_the_row(client: TestClient) -> None:
    response = client.post("/v1/assess/batch", json=[DVT, {"findings": {}, "extra": 1}])
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", 1, "extra"]


def test_batch_text_errors_name_the_row(client: TestClient) -> None:
    error = only_error(client.post("/v1/assess/batch", json=[DVT, {"text": 7}]))
    assert error["loc"] == ["body", 1, "text"]
    bad_age = [DVT, {"text": "hello there", "age": 300}]
    assert only_error(client.post("/v1/assess/batch", json=bad_age))["loc"] == ["body", 1, "age"]


def test_batch_text_with_nothing_clinical_needs_answers(client: TestClient) -> None:
    # Issue 12: one line of small talk does not sink the batch; it asks its questions instead.
    cases = [DVT, {"id": "n", "text": "hello there, I am 40"}]
    body = client.post("/v1/assess/batch", json=cases).json()
    assert body[0] == client.post("/v1/assess", json=DVT).json()
    line = body[1]
    assert (line["id"], line["status"]) == ("n", "needs_answers") and "triage" not in line
    asked = [q["id"] for q in line["questions"]]
    assert asked[0] == "sex" and "age" not in asked  # the text said the age
    findings = {f for q in line["questions"] for f in q["findings"]}
    assert {"chest_pain_or_breathless", "saddle_numbness"} <= findings
    assert set(line["unanswered_warning_signs"]) <= findings


def test_batch_of_more_than_1000_is_refused(client: TestClient) -> None:
    response = client.post("/v1/assess/batch", json=[{}] * 1001)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_batch_of_1000_fits_its_own_body_limit(client: TestClient) -> None:
    response = client.post("/v1/assess/batch", json=[{"id": str(i), **DVT} for i in range(1000)])
    assert response.status_code == 200
    assert len(response.json()) == 1000


def test_empty_batch_is_an_empty_list(client: TestClient) -> None:
    assert client.post("/v1/assess/batch", json=[]).json() == []
