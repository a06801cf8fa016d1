"""Interview, parse, knowledge, health, security headers and the OpenAPI document."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from legwise.interfaces.api import examples
from legwise.interfaces.api.middleware import SECURITY_HEADERS


def test_interview_starts_with_age(client: TestClient) -> None:
    step = client.post("/v1/interview/next", json={"findings": {}}).json()
    assert step["done"] is False
    assert step["question"]["id"] == "age"


def test_interview_asks_sex_after_age(client: TestClient) -> None:
    step = client.post("/v1/interview/next", json={"age": 40, "findings": {}}).json()
    assert step["question"]["id"] == "sex"


def test_interview_stops_for_an_emergency(client: TestClient) -> None:
    case = {
        "age": 61,
        "sex": "female",
        "findings": {"one_leg_swollen": "present", "chest_pain_or_breathless": "present"},
    }
    step = client.post("/v1/interview/next", json=case).json()
    assert step["done"] is True
    assert step["level"] == "emergency_ambulance"


def test_interview_checks_audience_and_findings(client: TestClient) -> None:
    bad_audience = client.post("/v1/interview/next", json={"audience": "robot"})
    assert bad_audience.status_code == 422
    assert bad_audience.json()["detail"][0]["loc"] == ["body", "audience"]
    bad_finding = client.post("/v1/interview/next", json={"findings": {"nope": "present"}})
    assert bad_finding.json()["detail"][0]["loc"] == ["body", "findings", "nope"]


def test_parse_gives_findings_with_their_words(client: TestClient) -> None:
    body = client.post("/v1/parse", json={"text": "67M, calf swelling, hx DVT, no SOB"}).json()
    assert body["recognised"] is True
    assert body["age"] == 67
    assert body["sex"] == "male"
    assert body["findings"]["previous_dvt"] == "present"
    assert body["findings"]["chest_pain_or_breathless"] == "absent"
    assert all(
        {"finding", "value", "start", "end", "text", "rule"} <= set(i) for i in body["items"]
    )


def test_parse_of_nothing_clinical_is_not_recognised(client: TestClient) -> None:
    body = client.post("/v1/parse", json={"text": "the weather is nice"}).json()
    assert body["recognised"] is False


def test_parse_errors_name_text(client: TestClient) -> None:
    assert client.post("/v1/parse", json={}).json()["detail"][0]["loc"] == ["body", "text"]
    too_long = client.post("/v1/parse", json={"text": "leg " * 6000})
    assert too_long.status_code == 422
    assert too_long.json()["detail"][0]["loc"] == ["body", "text"]


@pytest.mark.parametrize(
    ("kind", "some_id"),
    [
        ("conditions", "deep_vein_thrombosis"),
        ("findings", "one_leg_swollen"),
        ("rules", "pe_chest_or_breathing_symptoms"),
        ("sources", "seed_article"),
        ("advice", None),
        ("scores", None),
    ],
)
def test_knowledge_lists(client: TestClient, kind: str, some_id: str | None) -> None:
    records = client.get(f"/v1/knowledge/{kind}").json()
    assert isinstance(records, list)
    assert records
    assert all("id" in r for r in records)
    if some_id is not None:
        assert some_id in {r["id"] for r in records}


def test_unknown_knowledge_kind_is_refused(client: TestClient) -> None:
    assert client.get("/v1/knowledge/secrets").status_code == 422


def test_version_and_health_agree(client: TestClient) -> None:
    version = client.get("/v1/knowledge/version").json()
    health = client.get("/healthz").json()
    assert health == {"status": "ok", "knowledge_version": version["knowledge_version"]}
    assert version["counts"]["conditions"] == 13


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/healthz"), ("POST", "/v1/assess"), ("GET", "/nowhere"), ("GET", "/openapi.json")],
)
def test_security_headers_on_every_response(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, json={"findings": {"x": 1}})
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_openapi_lists_every_endpoint_with_examples(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/v1/assess",
        "/v1/assess/batch",
        "/v1/interview/next",
        "/v1/parse",
        "/v1/knowledge/{kind}",
        "/v1/knowledge/version",
        "/healthz",
    ):
        assert path in paths
    for operation in examples.REQUESTS:
        method, path = operation.split(" ", 1)
        op = paths[path][method.lower()]
        assert op["requestBody"]["content"]["application/json"]["examples"]
        assert op["responses"]["200"]["content"]["application/json"]["example"]
        assert "422" in op["responses"]


@pytest.mark.parametrize("operation", list(examples.REQUESTS))
def test_request_examples_are_accepted(client: TestClient, operation: str) -> None:
    method, path = operation.split(" ", 1)
    for named in examples.REQUESTS[operation].values():
        response = client.request(method, path, json=named["value"])
        assert response.status_code == 200, (operation, response.text)


@pytest.mark.parametrize("operation", list(examples.REQUESTS))
def test_stored_response_examples_are_still_what_legwise_says(
    client: TestClient, operation: str
) -> None:
    # Not byte for byte (that would fail on every knowledge edit): same shape and outcome.
    # When this fails, run `uv run python -m legwise.interfaces.api.examples`.
    method, path = operation.split(" ", 1)
    stored = examples.responses()[operation]
    now = client.request(method, path, json=examples.first_request(operation)).json()
    first_stored, first_now = (stored[0], now[0]) if isinstance(now, list) else (stored, now)
    assert set(first_stored) == set(first_now)
    for key in ("triage", "question", "findings"):
        if key == "triage" and key in first_now:
            assert first_stored[key]["level"] == first_now[key]["level"]
            assert first_stored["conditions"][0]["id"] == first_now["conditions"][0]["id"]
        elif key in first_now and key != "triage":
            assert first_stored[key] == first_now[key]


def test_an_unexpected_error_is_a_bare_500_and_logs_no_health_data(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from legwise.interfaces.api import services
    from legwise.interfaces.api.app import create_app
    from legwise.interfaces.api.settings import Settings

    def broken(kb: object, case: object, view: str = "full") -> None:
        raise ValueError(f"bug while reading {case}")

    monkeypatch.setattr(services, "assess_one_json", broken)  # what /v1/assess calls
    with TestClient(create_app(Settings())) as client:
        response = client.post("/v1/assess", json={"id": "secret-patient", "findings": {}})
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "ValueError" in caplog.text
    assert "secret-patient" not in caplog.text
