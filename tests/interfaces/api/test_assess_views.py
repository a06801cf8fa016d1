"""`view` on /v1/assess and /v1/assess/batch: full is today's JSON exactly (now encoded
straight from the result), summary is the short form; anything else is a 422 naming `view`."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from legwise import assess
from legwise.kb.loader import Knowledge
from tests.tables.cases import random_cases


@pytest.fixture(scope="module")
def cases(kb: Knowledge) -> list[dict]:  # type: ignore[type-arg]
    return random_cases(kb, 300, seed=31)


def test_full_view_is_the_old_result_on_many_cases(
    client: TestClient,
    kb: Knowledge,
    cases: list[dict],  # type: ignore[type-arg]
) -> None:
    for case in cases:
        default = client.post("/v1/assess", json=case)
        full = client.post("/v1/assess?view=full", json=case)
        assert default.status_code == full.status_code == 200
        assert default.headers["content-type"] == "application/json"
        assert default.content == full.content
        assert default.json() == assess(case, kb=kb).to_dict(), case["id"]


def test_summary_view_has_level_reasons_causes_advice_ids(
    client: TestClient,
    kb: Knowledge,
    cases: list[dict],  # type: ignore[type-arg]
) -> None:
    for case in cases[:40]:
        short = client.post("/v1/assess?view=summary", json=case).json()
        full = assess(case, kb=kb).to_dict()
        assert short["triage"]["level"] == full["triage"]["level"]
        assert [c["id"] for c in short["conditions"]] == [c["id"] for c in full["conditions"]]
        assert short["advice"]["avoid"] == [a["id"] for a in full["advice"]["avoid"]]
        assert "evidence" not in short["conditions"][0]
        assert "sources" not in short


def test_batch_takes_the_view_too(
    client: TestClient,
    kb: Knowledge,
    cases: list[dict],  # type: ignore[type-arg]
) -> None:
    batch = cases[:20]
    full = client.post("/v1/assess/batch", json=batch)
    assert full.json() == [assess(c, kb=kb).to_dict() for c in batch]
    short = client.post("/v1/assess/batch?view=summary", json=batch).json()
    assert [s["id"] for s in short] == [c["id"] for c in batch]
    assert "disclaimer" not in short[0]


def test_an_unknown_view_is_named(client: TestClient) -> None:
    response = client.post("/v1/assess?view=tiny", json={"findings": {}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "view"]
