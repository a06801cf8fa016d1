"""Hostile JSON values in every JSON body: 422 naming the field, never a 500, and an error
body that always decodes.

NaN and Infinity, lone surrogate escapes, integers of thousands of digits, exponents that
overflow a float and nesting deeper than anyone needs are put at random places (ids, texts,
finding keys and answers, notes, numbers) of a valid body for each route.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings

# Raw JSON texts that Python's json module accepts but no legwise field can use.
HOSTILE = [
    "NaN",
    "Infinity",
    "-Infinity",
    '"\\ud800"',
    '"calf \\udfff pain"',
    "1" + "0" * 5000,
    "-" + "9" * 60,
    "1e400",
    "[" * 200 + "]" * 200,
    '{"a":' * 100 + "1" + "}" * 100,
]
HOSTILE_KEYS = ['"\\ud800"', '"calf_pain\\udc00"']


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("hostile")
    app = create_app(Settings(database_url=f"sqlite:///{folder / 'diary.db'}"))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def diary(client: TestClient) -> dict[str, str]:
    token = client.post("/v1/diary").json()["token"]
    return {"Authorization": f"Bearer {token}"}


CASE = {
    "id": "c1",
    "age": 67,
    "sex": "female",
    "findings": {"getting_worse": "present", "sleep_disrupted": "present"},
}
NIGHT = {
    "night": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
    "worst_pain": 4,
    "episodes": 2,
    "note": "cramp",
    "findings": [],
}
ROUTES: list[tuple[str, Any]] = [
    ("/v1/assess", CASE),
    ("/v1/assess", {**CASE, "text": "calf pain at night"}),
    ("/v1/assess/batch", [CASE, CASE]),
    ("/v1/interview/next", {**CASE, "audience": "patient"}),
    ("/v1/parse", {"text": "calf pain at night"}),
    ("/v1/diary/entries", NIGHT),
]
MARK = "__HOSTILE__"


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a body where a value sits (and, for objects, a new key)."""
    yield path
    if isinstance(value, dict):
        yield (*path, None)  # a new key in this object
        for k, v in value.items():
            yield from _places(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _places(v, (*path, i))


def _put(body: Any, path: tuple[Any, ...], key_text: str | None) -> tuple[Any, str | None]:
    """`body` with MARK at `path` (a new key there when the path ends in None); the key's
    raw JSON replaces the marker key when `key_text` is given."""
    body = copy.deepcopy(body)
    if not path:
        return MARK, None
    *head, last = path
    holder = body
    for part in head:
        holder = holder[part]
    if last is None:
        holder[MARK + "k"] = MARK
        return body, key_text
    holder[last] = MARK
    return body, None


def _text(body: Any, raw: str, key_text: str | None) -> str:
    text = json.dumps(body).replace(json.dumps(MARK), raw)
    if key_text is not None:
        text = text.replace(json.dumps(MARK + "k"), key_text)
    return text


@st.composite
def hostile_bodies(draw: st.DrawFn) -> tuple[str, str]:
    path, body = draw(st.sampled_from(ROUTES))
    place = draw(st.sampled_from(list(_places(body))))
    key = draw(st.sampled_from(HOSTILE_KEYS)) if place and place[-1] is None else None
    built, key_text = _put(body, place, key)
    return path, _text(built, draw(st.sampled_from(HOSTILE)), key_text)


def _post(client: TestClient, path: str, text: str, headers: dict[str, str]) -> Any:
    return client.post(
        path,
        content=text.encode("utf-8"),
        headers={"Content-Type": "application/json", **headers},
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hostile_bodies())
def test_hostile_values_are_422_with_a_body_that_decodes(
    client: TestClient, diary: dict[str, str], drawn: tuple[str, str]
) -> None:
    path, text = drawn
    got = _post(client, path, text, diary)
    assert got.status_code == 422, (path, text[:120], got.status_code, got.text[:300])
    detail = got.json()["detail"]
    assert detail and detail[0]["loc"][0] == "body"
    got.content.decode("utf-8")  # strict UTF-8: no surrogate made it into the body


@pytest.mark.parametrize(
    ("path", "text", "loc"),
    [
        ("/v1/assess", '{"findings": {}, "age": NaN}', ["body", "age"]),
        ("/v1/assess", '{"findings": {"\\ud800": "present"}}', ["body", "findings", "\ufffd"]),
        ("/v1/assess", '{"id": "\\ud800", "findings": {}}', ["body", "id"]),
        ("/v1/assess", '{"findings": {}, "age": 1' + "0" * 5000 + "}", ["body", "age"]),
        (
            "/v1/assess/batch",
            '[{"findings": {}}, {"findings": {}, "age": Infinity}]',
            ["body", 1, "age"],
        ),
        (
            "/v1/interview/next",
            '{"findings": {"calf_pain": -Infinity}}',
            ["body", "findings", "calf_pain"],
        ),
        ("/v1/parse", '{"text": "calf \\ud800 pain"}', ["body", "text"]),
        (
            "/v1/diary/entries",
            '{"night": "2025-01-01", "worst_pain": 1e400, "episodes": 1}',
            ["body", "worst_pain"],
        ),
        (
            "/v1/diary/entries",
            '{"night": "2025-01-01", "worst_pain": 1, "episodes": 1, "note": "\\udc00"}',
            ["body", "note"],
        ),
    ],
)
def test_the_422_names_the_field(
    client: TestClient, diary: dict[str, str], path: str, text: str, loc: list[Any]
) -> None:
    got = _post(client, path, text, diary)
    assert got.status_code == 422, got.text
    assert got.json()["detail"][0]["loc"] == loc


def test_deep_nesting_is_422_not_a_crash(client: TestClient) -> None:
    deep = "[" * 30_000 + "]" * 30_000  # fits under the 64 KiB body limit
    got = _post(client, "/v1/assess", deep, {})
    assert got.status_code == 422
    assert "nests deeper" in got.json()["detail"][0]["msg"]


def test_a_validation_error_never_echoes_the_input(client: TestClient) -> None:
    # A wrong type next to a NaN-like float value: pydantic's own 422, whose `input` once
    # carried the value back (and failed to encode).
    got = _post(client, "/v1/parse", '{"text": ["secret-note-4471"]}', {})
    assert got.status_code == 422
    assert "secret-note-4471" not in got.text


QR = {
    "resourceType": "QuestionnaireResponse",
    "status": "completed",
    "questionnaire": "http://example.org/Questionnaire/legwise",
    "item": [{"linkId": "age", "answer": [{"valueInteger": 60}]}],
}
CDS = {
    "hook": "patient-view",
    "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    "context": {"userId": "Practitioner/1", "patientId": "1"},
    "prefetch": {},
}
OTHER_ROUTES: list[tuple[str, Any]] = [
    ("/fhir/QuestionnaireResponse/$assess", QR),
    ("/fhir/Questionnaire/$next-question", QR),
    ("/cds-services/legwise-leg-pain", CDS),
]


@st.composite
def hostile_protocol_bodies(draw: st.DrawFn) -> tuple[str, str]:
    path, body = draw(st.sampled_from(OTHER_ROUTES))
    place = draw(st.sampled_from(list(_places(body))))
    key = draw(st.sampled_from(HOSTILE_KEYS)) if place and place[-1] is None else None
    built, key_text = _put(body, place, key)
    return path, _text(built, draw(st.sampled_from(HOSTILE)), key_text)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hostile_protocol_bodies())
def test_fhir_and_cds_refuse_hostile_values_without_a_server_error(
    client: TestClient, drawn: tuple[str, str]
) -> None:
    path, text = drawn
    got = _post(client, path, text, {})
    assert 400 <= got.status_code < 500, (path, text[:120], got.status_code, got.text[:300])
    got.content.decode("utf-8")
    got.json()
