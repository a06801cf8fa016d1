"""The diary over REST: token in the Authorization header only, 404 for anyone else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings

NOTE = "walrus-tangerine-2931"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("diary-api")
    app = create_app(Settings(database_url=f"sqlite:///{folder / 'diary.db'}"))
    with TestClient(app) as c:
        yield c


def night(days_ago: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()


def new_diary(client: TestClient) -> dict[str, str]:
    made = client.post("/v1/diary")
    assert made.status_code == 201
    token = made.json()["token"]
    assert len(token) >= 43
    return {"Authorization": f"Bearer {token}"}


def test_a_diary_from_start_to_delete(client: TestClient) -> None:
    me = new_diary(client)
    for i in range(15, 0, -1):
        body = {
            "night": night(i),
            "worst_pain": min(8, 3 + (15 - i) // 3),
            "episodes": 2,
            "self_care": ["warmth"],
            "sleep_disturbed": True,
            "note": NOTE if i == 1 else "",
        }
        got = client.post("/v1/diary/entries", json=body, headers=me)
        assert got.status_code == 201, got.text
    entries = client.get("/v1/diary/entries", headers=me).json()["entries"]
    assert [e["night"] for e in entries] == [night(i) for i in range(15, 0, -1)]
    trends = client.get("/v1/diary/trends", headers=me).json()
    assert {p["id"] for p in trends["patterns"]} >= {"persistence", "worsening", "sleep_disruption"}
    assert trends["findings"]["not_improving_with_self_care"] == "persistence"
    exported = client.get("/v1/diary/export", headers=me)
    assert exported.headers["cache-control"] == "no-store"
    assert exported.json()["diary"][-1]["note"] == NOTE
    fhir = client.get("/v1/diary/export?format=fhir", headers=me)
    assert fhir.json()["resourceType"] == "Bundle"
    first = entries[0]["id"]
    assert client.delete(f"/v1/diary/entries/{first}", headers=me).status_code == 204
    assert client.delete(f"/v1/diary/entries/{first}", headers=me).status_code == 404
    assert client.delete("/v1/diary", headers=me).status_code == 204
    assert client.get("/v1/diary/entries", headers=me).status_code == 404


def test_bad_entries_are_422_naming_the_field(client: TestClient) -> None:
    me = new_diary(client)
    ok = {"night": night(1), "worst_pain": 3, "episodes": 1}
    for body, loc in (
        ({**ok, "worst_pain": 11}, ["body", "worst_pain"]),
        ({**ok, "findings": ["no_such_finding"]}, ["body", "findings", 0]),
        ({**ok, "self_care": ["fly_to_the_moon"]}, ["body", "self_care", 0]),
        ({**ok, "night": "2999-01-01"}, ["body", "night"]),
    ):
        got = client.post("/v1/diary/entries", json=body, headers=me)
        assert got.status_code == 422, body
        assert got.json()["detail"][0]["loc"] == loc
    assert client.post("/v1/diary/entries", json=ok, headers=me).status_code == 201
    again = client.post("/v1/diary/entries", json={**ok, "worst_pain": 6}, headers=me)
    assert again.status_code == 422 and again.json()["detail"][0]["loc"] == ["body", "night"]
    replaced = client.post(
        "/v1/diary/entries?replace=true", json={**ok, "worst_pain": 6}, headers=me
    )
    assert replaced.status_code == 201 and replaced.json()["worst_pain"] == 6


def test_no_token_or_another_token_is_404(client: TestClient) -> None:
    alice, bob = new_diary(client), new_diary(client)
    body = {"night": night(1), "worst_pain": 5, "episodes": 1, "note": NOTE}
    entry = client.post("/v1/diary/entries", json=body, headers=alice).json()
    assert client.delete(f"/v1/diary/entries/{entry['id']}", headers=bob).status_code == 404
    assert NOTE not in client.get("/v1/diary/export", headers=bob).text
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic eDp5"}):
        assert client.get("/v1/diary/entries", headers=headers).status_code == 404
        assert client.delete("/v1/diary", headers=headers).status_code == 404
    assert client.delete(f"/v1/diary/entries/{2**70}", headers=alice).status_code == 422
    assert client.get("/v1/diary/entries", headers=alice).json()["entries"][0]["note"] == NOTE


def test_the_openapi_document_describes_the_bearer_token(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["components"]["securitySchemes"]["diaryToken"]["scheme"] == "bearer"
    ops = doc["paths"]["/v1/diary/entries"]
    assert ops["get"]["security"] == [{"diaryToken": []}]
    assert not any("token" in p for p in doc["paths"])  # never in a URL
