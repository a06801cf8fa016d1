"""An EHR integrating over HTTP (issue 15): body limits, JWT, CORS, CDS Hooks 2.0 status codes
and feedback, SDC conformance, OperationOutcome errors and the OpenAPI shapes.

JWTs are signed with keys made here; the JWKS is served from 127.0.0.1 or handed over by an
injected fetcher (no network).
"""

from __future__ import annotations

import http.server
import json
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi.testclient import TestClient

from legwise.fhir import systems
from legwise.fhir.model import validate_resource
from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.ehr_settings import EHRSettings
from legwise.interfaces.api.settings import Settings
from legwise.kb.loader import Knowledge
from tests.fhir import ehr_chart, sdc_driver

CDS = "/cds-services/legwise-leg-pain"
SERVICE_URL = "http://testserver" + CDS
ISSUER = "https://ehr.example/fhir"
FHIR = {"content-type": "application/fhir+json"}


def _pretty(body: Any) -> bytes:
    return json.dumps(body, indent=2).encode()


# --- keys and tokens ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def keys() -> tuple[Any, dict[str, Any]]:
    private = ec.generate_private_key(ec.SECP384R1())
    public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(private.public_key()))
    return private, {"keys": [{**public, "kid": "ehr-1", "alg": "ES384", "use": "sig"}]}


def token(private: Any, **claims: Any) -> str:
    now = int(time.time())
    body = {
        "iss": ISSUER,
        "aud": SERVICE_URL,
        "iat": now,
        "exp": now + 300,
        "jti": str(uuid.uuid4()),
        "sub": "client-1",
    }
    body.update(claims)
    body = {k: v for k, v in body.items() if v is not None}
    return jwt.encode(body, private, algorithm="ES384", headers={"kid": "ehr-1"})


@pytest.fixture(scope="module")
def jwks_url(keys: tuple[Any, dict[str, Any]]) -> Iterator[str]:
    """The EHR's JWKS served on 127.0.0.1, as a local test stand-in for its https url."""
    payload = json.dumps(keys[1]).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def secured(jwks_url: str) -> Iterator[TestClient]:
    """Served on all interfaces: a JWT is required by default (LEGWISE_CDS_JWT=auto)."""
    ehr = EHRSettings(cds_jwt_issuers={ISSUER: jwks_url})
    with TestClient(create_app(Settings(host="0.0.0.0"), ehr)) as c:
        yield c


def test_a_good_jwt_is_accepted(secured: TestClient, keys: Any) -> None:
    auth = {"authorization": f"Bearer {token(keys[0])}"}
    r = secured.post(CDS, json=ehr_chart.request(), headers=auth)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    ("claims", "why"),
    [
        ({"exp": int(time.time()) - 120, "iat": int(time.time()) - 400}, "expired"),
        ({"aud": "https://other.example/cds-services/x"}, "audience"),
        ({"iss": "https://evil.example"}, "issuer"),
        ({"jti": None}, "jti"),
        ({"exp": int(time.time()) + 3600}, "five minutes"),
    ],
)
def test_a_bad_or_expired_jwt_is_401(
    secured: TestClient, keys: Any, claims: dict[str, Any], why: str
) -> None:
    r = secured.post(
        CDS,
        json=ehr_chart.request(),
        headers={"authorization": f"Bearer {token(keys[0], **claims)}"},
    )
    assert r.status_code == 401
    assert r.json()["field"] == "authorization" and why in r.json()["error"]
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_a_token_signed_with_another_key_or_missing_is_401(secured: TestClient) -> None:
    forged = token(ec.generate_private_key(ec.SECP384R1()))
    for headers in ({"authorization": f"Bearer {forged}"}, {}, {"authorization": "Basic x"}):
        r = secured.post(CDS, json=ehr_chart.request(), headers=headers)
        assert r.status_code == 401, headers


def test_a_token_is_accepted_once(secured: TestClient, keys: Any) -> None:
    auth = {"authorization": f"Bearer {token(keys[0])}"}
    assert secured.post(CDS, json=ehr_chart.request(), headers=auth).status_code == 200
    replay = secured.post(CDS, json=ehr_chart.request(), headers=auth)
    assert replay.status_code == 401 and "already used" in replay.json()["error"]


def test_jwt_is_off_on_loopback_and_can_be_forced_either_way(keys: Any) -> None:
    fetch_calls: list[str] = []

    def fetch(url: str) -> dict[str, Any]:
        fetch_calls.append(url)
        return dict(keys[1])

    issuers = {ISSUER: "https://ehr.example/jwks"}
    local = create_app(Settings(), EHRSettings(cds_jwt_issuers=issuers), jwks_fetch=fetch)
    forced = create_app(Settings(), EHRSettings(cds_jwt="on", cds_jwt_issuers=issuers), fetch)
    off = create_app(Settings(host="0.0.0.0"), EHRSettings(cds_jwt="off"))
    body = ehr_chart.request()
    with TestClient(local) as c:
        assert c.post(CDS, json=body).status_code == 200
        # behind a proxy the call is not local, whatever address the server listens on
        assert c.post(CDS, json=body, headers={"x-forwarded-for": "203.0.113.9"}).status_code == 401
    with TestClient(forced) as c:
        assert c.post(CDS, json=body).status_code == 401
        ok = c.post(CDS, json=body, headers={"authorization": f"Bearer {token(keys[0])}"})
        assert ok.status_code == 200 and fetch_calls == ["https://ehr.example/jwks"]
    with TestClient(off) as c:
        assert c.post(CDS, json=body).status_code == 200


def test_a_server_that_would_refuse_every_cds_call_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    create_app(Settings(host="0.0.0.0"), EHRSettings())
    assert "LEGWISE_CDS_JWT_ISSUERS is empty" in caplog.text
    caplog.clear()
    create_app(Settings(), EHRSettings())  # loopback, auto: no JWT needed, nothing to say
    create_app(Settings(host="0.0.0.0"), EHRSettings(cds_jwt="off"))
    assert "LEGWISE_CDS_JWT_ISSUERS" not in caplog.text


def test_settings_come_from_the_environment() -> None:
    ehr = EHRSettings.from_env(
        {
            "LEGWISE_CDS_MAX_BODY_BYTES": "4194304",
            "LEGWISE_CORS_ORIGINS": "https://app.example, https://ehr.example",
            "LEGWISE_CDS_JWT": "off",
            "LEGWISE_CDS_JWT_ISSUERS": '{"https://ehr.example": "https://ehr.example/jwks"}',
        }
    )
    assert ehr.cds_max_body_bytes == 4 * 1024 * 1024
    assert ehr.cors_origins == ("https://app.example", "https://ehr.example")
    assert ehr.cds_jwt == "off" and ehr.cds_jwt_issuers["https://ehr.example"].endswith("jwks")
    with pytest.raises(ValueError):
        EHRSettings.from_env({"LEGWISE_CDS_JWT_ISSUERS": "not json"})


# --- size ---------------------------------------------------------------------------------------


def test_a_pretty_printed_chart_with_300_observations_is_accepted(client: TestClient) -> None:
    body = _pretty(ehr_chart.request())
    assert len(body) > 500_000
    r = client.post(CDS, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text[:300]
    assert len(r.json()["cards"]) == 2


def test_limits_are_per_route_and_413_keeps_each_protocols_shape() -> None:
    ehr = EHRSettings(cds_max_body_bytes=100_000, fhir_max_body_bytes=50_000)
    with TestClient(create_app(Settings(), ehr)) as c:
        cds = c.post(
            CDS, content=_pretty(ehr_chart.request()), headers={"content-type": "application/json"}
        )
        assert cds.status_code == 413 and cds.json()["field"] == "body"
        big_qr = b'{"resourceType": "QuestionnaireResponse", "x": "' + b"a" * 60_000 + b'"}'
        fhir = c.post("/fhir/QuestionnaireResponse/$assess", content=big_qr, headers=FHIR)
        assert fhir.status_code == 413
        assert fhir.json()["issue"][0]["code"] == "too-costly"
        small = c.post("/v1/assess", content=b'{"text": "' + b"a" * 70_000 + b'"}')
        assert small.status_code == 413  # /v1 keeps its own 64 KiB


def test_a_full_sdc_session_pretty_printed_fits(client: TestClient) -> None:
    """A client that pretty-prints JSON: the late steps of the interview are well over
    64 KiB, and every step answers 200 with authored set."""
    sizes: list[int] = []
    case = {"age": 71, "sex": "male", "findings": {"calf_pain_walking_relieved_by_rest": "present"}}

    def step(qr: dict[str, Any]) -> dict[str, Any]:
        body = _pretty({**qr, "subject": {"reference": "Patient/p7"}})
        sizes.append(len(body))
        r = client.post(
            "/fhir/Questionnaire/$next-question?audience=clinician", content=body, headers=FHIR
        )
        assert r.status_code == 200, r.text[:300]
        out = dict(r.json())
        assert out["authored"] and out["subject"] == {"reference": "Patient/p7"}
        return out

    final, asked, _ = sdc_driver.run(step, case)
    assert final["status"] == "completed" and len(asked) > 5
    assert max(sizes) > 64 * 1024
    assert validate_resource(final) == final
    risk = next(r for r in final["contained"] if r["resourceType"] == "RiskAssessment")
    assert risk["subject"] == {"reference": "Patient/p7"}


# --- CDS Hooks 2.0 ------------------------------------------------------------------------------


def test_missing_prefetch_is_412_and_null_prefetch_is_fine(client: TestClient) -> None:
    body = ehr_chart.request()
    del body["prefetch"]["observations"]
    r = client.post(CDS, json=body)
    assert r.status_code == 412 and "observations" in r.json()["error"]
    nulls = ehr_chart.request(conditions=None, observations=None)
    assert client.post(CDS, json=nulls).status_code == 200


def test_feedback_is_accepted_and_checked(client: TestClient) -> None:
    cards = client.post(CDS, json=ehr_chart.request()).json()["cards"]
    feedback = {
        "feedback": [
            {
                "card": cards[0]["uuid"],
                "outcome": "accepted",
                "outcomeTimestamp": "2026-11-15T09:31:00Z",
            },
            {
                "card": cards[1]["uuid"],
                "outcome": "overridden",
                "outcomeTimestamp": "2026-11-15T09:31:05Z",
                "overrideReason": {"reason": {"code": "not-relevant"}},
            },
        ]
    }
    assert client.post(CDS + "/feedback", json=feedback).status_code == 200
    bad = client.post(CDS + "/feedback", json={"feedback": [{"card": "x", "outcome": "accepted"}]})
    assert bad.status_code == 400 and bad.json()["field"] == "feedback[0].card"
    assert client.post("/cds-services/nope/feedback", json=feedback).status_code == 404


def test_another_patients_resource_is_400(client: TestClient) -> None:
    body = ehr_chart.request()
    body["prefetch"]["patient"]["id"] = "someone-else"
    r = client.post(CDS, json=body)
    assert r.status_code == 400 and r.json()["field"] == "prefetch.patient.id"


# --- CORS ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cors() -> Iterator[TestClient]:
    ehr = EHRSettings(cors_origins=("https://smart.example",))
    with TestClient(create_app(Settings(), ehr)) as c:
        yield c


@pytest.mark.parametrize("path", ["/fhir/QuestionnaireResponse/$assess", CDS])
def test_cors_preflight_is_answered_for_allowed_origins(cors: TestClient, path: str) -> None:
    preflight = {
        "origin": "https://smart.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
    }
    r = cors.options(path, headers=preflight)
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "https://smart.example"
    assert "authorization" in r.headers["access-control-allow-headers"].lower()
    refused = cors.options(path, headers={**preflight, "origin": "https://evil.example"})
    assert "access-control-allow-origin" not in refused.headers


def test_cors_headers_on_answers_but_not_on_other_routes(cors: TestClient) -> None:
    origin = {"origin": "https://smart.example"}
    assert cors.get("/fhir/metadata", headers=origin).headers["access-control-allow-origin"]
    assert cors.get("/cds-services", headers=origin).headers["access-control-allow-origin"]
    assert "access-control-allow-origin" not in cors.get("/healthz", headers=origin).headers


# --- SDC conformance and FHIR errors -----------------------------------------------------------


def test_metadata_is_a_valid_capability_statement(client: TestClient) -> None:
    r = client.get("/fhir/metadata")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
    cs = r.json()
    assert validate_resource(cs) == cs and cs["fhirVersion"] == "4.0.1"
    ops = {o["name"] for res in cs["rest"][0]["resource"] for o in res.get("operation", [])}
    assert ops == {"next-question", "assess"}


def test_questionnaire_search_by_url(client: TestClient, kb: Knowledge) -> None:
    found = client.get("/fhir/Questionnaire", params={"url": systems.QUESTIONNAIRE}).json()
    assert found["total"] == 1 and found["entry"][0]["resource"]["id"] == "legwise"
    q = found["entry"][0]["resource"]
    assert q["meta"]["profile"] == [systems.SDC_ADAPT_SEARCH]
    versioned = client.get(
        "/fhir/Questionnaire", params={"url": f"{systems.QUESTIONNAIRE}|{kb.version}"}
    )
    assert versioned.json()["total"] == 1
    old = client.get("/fhir/Questionnaire", params={"url": f"{systems.QUESTIONNAIRE}|0.1"})
    assert old.json()["total"] == 0 and validate_resource(old.json())
    bad = client.get("/fhir/Questionnaire", params={"name": "x"})
    assert bad.status_code == 400 and bad.json()["resourceType"] == "OperationOutcome"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/fhir/Questionnaire/other"),
        ("get", "/fhir/Patient/1"),
        ("get", "/fhir/QuestionnaireResponse/$assess"),
        ("post", "/fhir/Questionnaire/$next-question?audience=robot"),
    ],
)
def test_every_fhir_error_is_an_operation_outcome(
    client: TestClient, method: str, path: str
) -> None:
    r = client.request(method, path, content=b"{}", headers=FHIR)
    assert r.status_code in (400, 404, 405)
    assert r.json()["resourceType"] == "OperationOutcome"
    assert r.headers["content-type"].startswith("application/fhir+json")


def _qr(**more: Any) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": systems.QUESTIONNAIRE,
        "status": "completed",
        "item": [{"linkId": "age", "answer": [{"valueInteger": 40}]}],
        **more,
    }


@pytest.mark.parametrize(
    ("qr", "expression"),
    [
        (
            _qr(questionnaire=f"{systems.QUESTIONNAIRE}|1999.01+old"),
            "QuestionnaireResponse.questionnaire",
        ),
        (_qr(status="entered-in-error"), "QuestionnaireResponse.status"),
        (
            _qr(
                item=[
                    {
                        "linkId": "sex",
                        "answer": [{"valueCoding": {"system": systems.GENDER, "code": "male"}}],
                    },
                    {"linkId": "pregnant_or_postpartum", "answer": [{"valueBoolean": True}]},
                ]
            ),
            "QuestionnaireResponse.item[1]",
        ),
        (  # a checklist for children, answered for a 40-year-old
            _qr(
                item=[
                    {"linkId": "age", "answer": [{"valueInteger": 40}]},
                    {
                        "linkId": "child_leg_pain",
                        "item": [{"linkId": "limp", "answer": [{"valueBoolean": True}]}],
                    },
                ]
            ),
            "QuestionnaireResponse.item[1].item[0]",
        ),
        (
            _qr(
                item=[
                    {
                        "linkId": "ferritin_ug_l",
                        "answer": [
                            {
                                "valueQuantity": {
                                    "value": 20,
                                    "code": "pmol/L",
                                    "system": systems.UCUM,
                                }
                            }
                        ],
                    }
                ]
            ),
            "QuestionnaireResponse.item[0].answer[0].valueQuantity.code",
        ),
    ],
)
def test_assess_refuses_what_it_cannot_use(
    client: TestClient, qr: dict[str, Any], expression: str
) -> None:
    r = client.post("/fhir/QuestionnaireResponse/$assess", json=qr)
    assert r.status_code == 422
    assert r.json()["issue"][0]["expression"] == [expression]


def test_assess_converts_units_and_marks_unfinished_responses(client: TestClient) -> None:
    def ferritin(quantity: dict[str, Any], status: str = "completed") -> dict[str, Any]:
        item = {"linkId": "ferritin_ug_l", "answer": [{"valueQuantity": quantity}]}
        qr = _qr(
            status=status,
            item=[{"linkId": "urge_to_move_legs", "answer": [{"valueBoolean": True}]}, item],
        )
        r = client.post("/fhir/QuestionnaireResponse/$assess", json=qr)
        assert r.status_code == 200, r.text
        return dict(r.json())

    in_mg = ferritin({"value": 0.3, "code": "mg/L", "system": systems.UCUM})
    in_ug = ferritin({"value": 300, "code": "ug/L", "system": systems.UCUM})
    assert in_mg["prediction"] == in_ug["prediction"]
    assert ferritin({"value": 300}, status="in-progress")["status"] == "preliminary"


def test_a_response_without_its_questionnaire_gets_one_that_fits(client: TestClient) -> None:
    qr = {
        "resourceType": "QuestionnaireResponse",
        "status": "in-progress",
        "item": [
            {"linkId": "age", "answer": [{"valueInteger": 60}]},
            {"linkId": "one_leg_swollen", "answer": [{"valueBoolean": True}]},
        ],
    }
    out = client.post("/fhir/Questionnaire/$next-question", json=qr).json()
    contained = out["contained"][0]
    assert "url" not in contained and contained["derivedFrom"][0].startswith(systems.QUESTIONNAIRE)
    linked = [i["linkId"] for i in contained["item"]]
    assert linked[:2] == ["age", "one_leg_swollen"]  # every answer has its item, in order
    assert validate_resource(out) == out


# --- OpenAPI ------------------------------------------------------------------------------------


def test_openapi_declares_real_shapes(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assess = doc["paths"]["/fhir/QuestionnaireResponse/$assess"]["post"]
    bodies = assess["requestBody"]["content"]
    # one schema, referenced from both media types: one model in a generated client
    assert bodies["application/fhir+json"]["schema"] == bodies["application/json"]["schema"]
    assert bodies["application/json"]["schema"] == {
        "$ref": "#/components/schemas/QuestionnaireResponse"
    }
    for status in ("400", "413", "422"):
        content = assess["responses"][status]["content"]["application/fhir+json"]
        assert content["schema"] == {"$ref": "#/components/schemas/OperationOutcome"}
    service = doc["paths"]["/cds-services/{service_id}"]["post"]
    for status in ("400", "401", "404", "412", "413"):
        schema = service["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/CDSError"}
    assert "422" not in service["responses"]
    export = doc["paths"]["/v1/diary/export"]["get"]["responses"]["200"]["content"]
    assert set(export) == {"application/json", "application/fhir+json"}
    assert "HTTPValidationError" not in json.dumps(
        doc["paths"]["/fhir/Questionnaire/$next-question"]
    )


def test_an_unexpected_fhir_error_is_an_operation_outcome_too(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from legwise.fhir import service

    def broken(kb: object, body: object) -> None:
        raise ValueError(f"bug while reading {body}")

    monkeypatch.setattr(service, "assess_response", broken)
    with TestClient(create_app(Settings())) as c:
        r = c.post("/fhir/QuestionnaireResponse/$assess", json=_qr(id="secret-patient"))
    assert r.status_code == 500 and r.json()["resourceType"] == "OperationOutcome"
    assert r.json()["issue"][0]["code"] == "exception"
    assert "secret-patient" not in caplog.text
