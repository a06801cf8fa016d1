"""Nights have sane dates, trends cost what the recorded weeks cost, and a diary that cannot
be read never takes the result page down with it.

A night of 0001-01-01 was once accepted; afterwards the trends, the diary page and the
interview's result page all answered 500, and 0001-01-07 made each trends call walk
100,000 empty weeks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from legwise.diary.entry import MIN_NIGHT, DiaryEntry, parse_entry
from legwise.diary.trends import read_diary
from legwise.errors import InputError
from legwise.interfaces.web.owner import DiaryAccess
from legwise.kb.loader import Knowledge
from legwise.store import open_store
from tests.interfaces.web.diary_helpers import add_night, diary_app, night, start_diary
from tests.interfaces.web.pages import state_form
from tests.interfaces.web.test_pages import CRAMPS, run_interview

ANCIENT = ["0001-01-01", "0001-01-07", "1899-12-31", (MIN_NIGHT - dt.timedelta(days=1)).isoformat()]


@pytest.mark.parametrize("when", ANCIENT)
def test_an_ancient_night_is_refused_naming_night(when: str) -> None:
    with pytest.raises(InputError) as err:
        parse_entry({"night": when, "worst_pain": 3, "episodes": 1})
    assert err.value.field == "night"


def test_a_night_in_the_future_is_refused() -> None:
    later = dt.date.today() + dt.timedelta(days=3)
    with pytest.raises(InputError) as err:
        parse_entry({"night": later.isoformat(), "worst_pain": 3, "episodes": 1})
    assert err.value.field == "night"


def test_the_earliest_night_is_accepted() -> None:
    assert parse_entry({"night": MIN_NIGHT.isoformat(), "worst_pain": 3, "episodes": 1})


def test_weeks_are_the_recorded_weeks_not_the_calendar_span(kb: Knowledge) -> None:
    today = dt.date.today()
    entries = [
        DiaryEntry(night=MIN_NIGHT, worst_pain=3, episodes=1),
        DiaryEntry(night=today - dt.timedelta(days=1), worst_pain=5, episodes=2),
        DiaryEntry(night=today - dt.timedelta(days=2), worst_pain=4, episodes=1),
    ]
    summary = read_diary(entries, today=today, kb=kb).summary
    assert [w.nights for w in summary.weeks] == [1, 2]
    assert summary.nights_recorded == 3
    assert summary.first_night == MIN_NIGHT


def _legacy_night(when: dt.date) -> DiaryEntry:
    """A night stored before the lower bound existed (built without validation)."""
    return DiaryEntry.model_construct(
        night=when,
        worst_pain=4,
        episodes=1,
        episode_minutes=0,
        findings=(),
        self_care=(),
        sleep_disturbed=False,
        note="",
    )


def test_trends_skip_legacy_ancient_nights(kb: Knowledge) -> None:
    today = dt.date.today()
    entries = [
        _legacy_night(dt.date(1, 1, 1)),
        _legacy_night(dt.date(1, 1, 7)),
        DiaryEntry(night=today - dt.timedelta(days=1), worst_pain=5, episodes=2),
    ]
    summary = read_diary(entries, today=today, kb=kb).summary
    assert summary.nights_recorded == 1
    assert summary.ignored_out_of_range == 2
    assert len(summary.weeks) == 1


# --- over HTTP ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("night-bounds")


@pytest.fixture(scope="module")
def app(folder: Path) -> Iterator[FastAPI]:
    application = diary_app(folder)
    with TestClient(application):
        yield application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_rest_refuses_an_ancient_night(client: TestClient) -> None:
    token = client.post("/v1/diary").json()["token"]
    got = client.post(
        "/v1/diary/entries",
        json={"night": "0001-01-01", "worst_pain": 3, "episodes": 1},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert got.status_code == 422
    assert got.json()["detail"][0]["loc"][-1] == "night"


def test_the_web_form_refuses_an_ancient_night(client: TestClient) -> None:
    start_diary(client)
    assert f'min="{MIN_NIGHT.isoformat()}"' in client.get("/diary").text  # the browser says so
    got = add_night(client, night="0001-01-01", worst_pain="3", episodes="1")
    assert got.status_code == 422
    assert "2000" in got.text


def test_a_legacy_ancient_night_breaks_no_page(client: TestClient, folder: Path) -> None:
    token = start_diary(client)
    add_night(client, night=night(1), worst_pain="3", episodes="1")
    store = open_store(f"sqlite:///{folder / 'diary.db'}")
    try:
        person = store.person_for_token(token)
        assert person is not None
        store.add_entry(person, _legacy_night(dt.date(1, 1, 7)))
    finally:
        store.close()
    assert client.get("/diary").status_code == 200
    trends = client.get("/v1/diary/trends", headers={"Authorization": f"Bearer {token}"})
    assert trends.status_code == 200, trends.text
    assert trends.json()["summary"]["nights_recorded"] == 1
    listed = client.get("/v1/diary/entries", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200  # listed, so that it can be deleted
    assert "0001-01-07" in [e["night"] for e in listed.json()["entries"]]
    assert client.get("/v1/diary/export", headers={"Authorization": f"Bearer {token}"}).is_success
    result, _ = run_interview(client, CRAMPS, "55", "female")
    assert result.status_code == 200


def test_a_diary_that_fails_leaves_the_result_without_it(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_diary(client)
    add_night(client, night=night(1), worst_pain="3", episodes="1")

    def broken(self: DiaryAccess) -> list[DiaryEntry]:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(DiaryAccess, "entries", broken)
    result, _ = run_interview(client, CRAMPS, "55", "female")
    assert result.status_code == 200
    assert "From your diary" not in result.text
    assert "Your diary could not be read" in result.text


def test_a_diary_of_only_legacy_ancient_nights_still_shows(
    client: TestClient, folder: Path
) -> None:
    token = start_diary(client)
    store = open_store(f"sqlite:///{folder / 'diary.db'}")
    try:
        person = store.person_for_token(token)
        assert person is not None
        store.add_entry(person, _legacy_night(dt.date(1, 1, 3)))
    finally:
        store.close()
    page = client.get("/diary")
    assert page.status_code == 200, page.text
    result, _ = run_interview(client, CRAMPS, "55", "female")
    report = client.post("/report", data=state_form(result.text, "/report").hidden)
    assert report.status_code == 200
