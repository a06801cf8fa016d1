"""Malformed FHIR and CDS Hooks bodies: always a 4xx with a clear body, never a 500.

Hypothesis builds bodies around a valid request: wrong types in any place, missing fields,
deep nesting and long strings (within the body limit).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legwise.fhir import systems

ENDPOINTS = ("/fhir/QuestionnaireResponse/$assess", "/fhir/Questionnaire/$next-question")
CDS = "/cds-services/legwise-leg-pain"
QR: dict[str, Any] = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": systems.QUESTIONNAIRE,
    "status": "completed",
    "item": [
        {"linkId": "age", "answer": [{"valueInteger": 50}]},
        {"linkId": "g", "item": [{"linkId": "leg_red", "answer": [{"valueBoolean": True}]}]},
    ],
}
CDS_REQUEST: dict[str, Any] = {
    "hook": "patient-view",
    "hookInstance": "h1",
    "context": {"patientId": "p1"},
    "prefetch": {
        "patient": {"resourceType": "Patient", "birthDate": "1960-01-01", "gender": "female"},
        "conditions": {
            "resourceType": "Bundle",
            "type": "searchset",
            "entry": [
                {
                    "resource": {
                        "resourceType": "Condition",
                        "subject": {"reference": "Patient/p1"},
                        "code": {"coding": [{"system": systems.FINDING, "code": "diabetes"}]},
                    }
                }
            ],
        },
        "observations": None,
        "responses": {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": QR}]},
    },
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.text(min_size=1000, max_size=5000),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """`base` with one place replaced by junk, or deleted, or nested deep."""
    body = json.loads(json.dumps(base))
    path = draw(st.sampled_from(_paths(body)))
    action = draw(st.sampled_from(["replace", "delete", "nest"]))
    if not path:
        return draw(junk)
    parent = body
    for key in path[:-1]:
        parent = parent[key]
    if action == "delete":
        del parent[path[-1]]
    elif action == "nest":
        depth = draw(st.integers(min_value=1, max_value=200))
        value: Any = parent[path[-1]]
        for _ in range(depth):
            value = {"item": [value]} if depth % 2 else [value]
        parent[path[-1]] = value
    else:
        parent[path[-1]] = draw(junk)
    return body


def _post(client: TestClient, url: str, body: Any) -> Any:
    r = client.post(
        url, content=json.dumps(body), headers={"content-type": "application/fhir+json"}
    )
    assert r.status_code < 500, (url, r.status_code)
    return r


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(body=mutated(QR), endpoint=st.sampled_from(ENDPOINTS))
def test_fhir_endpoints_never_fail_with_a_server_error(
    client: TestClient, body: Any, endpoint: str
) -> None:
    r = _post(client, endpoint, body)
    if r.status_code != 200:
        assert r.status_code in (400, 413, 422)
        assert r.json()["resourceType"] == "OperationOutcome"


@FUZZ
@given(body=mutated(CDS_REQUEST))
def test_cds_service_never_fails_with_a_server_error(client: TestClient, body: Any) -> None:
    r = _post(client, CDS, body)
    if r.status_code != 200:
        assert r.status_code in (400, 412, 413)
        assert r.json()["error"]
    else:
        assert isinstance(r.json()["cards"], list)


def test_cds_discovery_and_errors(client: TestClient) -> None:
    services = client.get("/cds-services").json()["services"]
    assert [s["id"] for s in services] == ["legwise-leg-pain"]
    assert services[0]["hook"] == "patient-view"
    assert set(services[0]["prefetch"]) == {"patient", "conditions", "observations", "responses"}
    assert client.post("/cds-services/nope", json=CDS_REQUEST).status_code == 404
    bad = client.post(CDS, content=b"{", headers={"content-type": "application/json"})
    assert bad.status_code == 400
    ok = client.post(CDS, json=CDS_REQUEST, headers={"host": "clinic.example"})
    assert ok.status_code == 200
    # The link card is never built from an untrusted Host header (issue 14; LEGWISE_BASE_URL
    # or LEGWISE_TRUSTED_HOSTS make it absolute): this machine's own name is trusted.
    assert "clinic.example" not in ok.json()["cards"][-1]["links"][0]["url"]
    local = client.post(CDS, json=CDS_REQUEST, headers={"host": "localhost:8000"})
    assert local.json()["cards"][-1]["links"][0]["url"] == "http://localhost:8000/"


def test_a_body_over_the_limit_is_413_in_each_protocols_shape(client: TestClient) -> None:
    # FHIR and CDS Hooks accept 8 MiB by default (EHR prefetch is large); /v1 64 KiB
    big = b'{"resourceType": "QuestionnaireResponse", "x": "' + b"a" * 9_000_000 + b'"}'
    fhir = client.post(
        "/fhir/QuestionnaireResponse/$assess",
        content=big,
        headers={"content-type": "application/fhir+json"},
    )
    assert fhir.status_code == 413 and fhir.json()["resourceType"] == "OperationOutcome"
    cds = client.post(CDS, content=big, headers={"content-type": "application/json"})
    assert cds.status_code == 413 and cds.json()["error"]
    rest = client.post("/v1/assess", content=big, headers={"content-type": "application/json"})
    assert rest.status_code == 413 and rest.json()["detail"]
