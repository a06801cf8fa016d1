"""The diary in the result: trends that raise the level, the doctor's report, and saved
results (save, reopen exactly as shown, check again with today's knowledge, delete)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.interfaces.web.diary_helpers import (
    add_bad_fortnight,
    add_night,
    diary_app,
    form_to,
    night,
    start_diary,
)
from tests.interfaces.web.pages import state_form
from tests.interfaces.web.test_pages import CRAMPS, run_interview


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("diary-results")


@pytest.fixture(scope="module")
def app(folder: Path) -> Iterator[FastAPI]:
    application = diary_app(folder)
    with TestClient(application):
        yield application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def level_of(html: str) -> str:
    found = re.search(r'class="level-label">.*?</span>\s*([^<]+)</p>', html, re.S)
    assert found, "the page shows a level"
    return found.group(1).strip()


def causes(html: str) -> str:
    """The "What may be causing it" section, as shown."""
    found = re.search(r'<section aria-labelledby="causes-title">.*?</section>', html, re.S)
    assert found
    return found.group(0)


def test_without_a_diary_the_result_is_unchanged_and_offers_one(app: FastAPI) -> None:
    with TestClient(app) as client:
        result, _ = run_interview(client, CRAMPS, "55", "female")
    assert "From your diary" not in result.text
    assert "Save this result" not in result.text
    assert "Start a diary to save results" in result.text
    assert level_of(result.text) == "Care for it at home"


def test_diary_trends_raise_the_level_and_say_which_pattern(client: TestClient) -> None:
    start_diary(client)
    add_bad_fortnight(client)
    result, _ = run_interview(client, CRAMPS, "55", "female")
    html = result.text
    assert "From your diary" in html
    assert "You tried home care on" in html  # the persistence pattern's sentence
    assert "Your diary raised the advice from “Care for it at home” to “See a doctor soon”" in html
    assert level_of(html) == "See a doctor soon"
    # The doctor's report carries the diary's summary and chart.
    report = client.post("/report", data=state_form(html, "/report").hidden)
    assert report.status_code == 200
    assert "Night diary" in report.text
    assert report.text.count('class="diary-pain"') == 15
    assert "raised the urgency" in report.text


def test_a_quiet_diary_shows_but_does_not_raise(client: TestClient) -> None:
    start_diary(client)
    add_night(client, night=night(1), worst_pain="2", episodes="1")
    result, _ = run_interview(client, CRAMPS, "55", "female")
    assert "From your diary" in result.text
    assert "no pattern that changes the advice" in result.text
    assert level_of(result.text) == "Care for it at home"


def test_saved_result_reopens_exactly_and_checks_again(client: TestClient, folder: Path) -> None:
    start_diary(client)
    add_bad_fortnight(client)
    result, _ = run_interview(client, CRAMPS, "55", "female")
    save = state_form(result.text, "/diary/results")
    saved = client.post(save.action, data=save.hidden, follow_redirects=False)
    assert saved.status_code == 303
    where = saved.headers["location"]
    page = client.get(where)
    assert page.status_code == 200
    assert "Saved on" in page.text and "This is exactly what you were shown then" in page.text
    assert level_of(page.text) == level_of(result.text)
    assert causes(page.text) == causes(result.text)
    assert "From your diary" in page.text
    listed = client.get("/diary/results")
    assert where in listed.text and "See a doctor soon" in listed.text

    # Nothing changed yet: checking again says so.
    check = form_to(page.text, "/reassess")
    same = client.post(check.action, data=check.hidden)
    assert same.status_code == 200
    assert "Nothing you would notice has changed." in same.text

    # Pretend it was saved under older knowledge that said "at home": the saved page keeps
    # showing what was stored, and checking again shows the difference.
    saved_id = int(where.rsplit("/", 1)[1])
    with sqlite3.connect(folder / "diary.db") as db:
        db.execute(
            "UPDATE saved_assessment SET result = json_set(json_set(result, "
            "'$.triage.level', 'self_care'), '$.knowledge_version', 'old-1'), "
            "knowledge_version = 'old-1' WHERE id = ?",
            (saved_id,),
        )
    old = client.get(where)
    assert level_of(old.text) == "Care for it at home"
    assert "knowledge version old-1" in old.text
    diff = client.post(check.action, data=check.hidden)
    assert "changed from version old-1 to" in diff.text
    assert re.search(
        r"How soon to get care</th><td>Care for it at home</td><td>See a doctor soon "
        r"<strong>\(changed\)</strong>",
        diff.text,
    )

    # Another person cannot reach it; its owner can delete it.
    with TestClient(client.app) as other:
        start_diary(other)
        assert other.get(where).status_code == 404
        assert other.post(check.action, data=check.hidden).status_code in (403, 404)
    delete = form_to(page.text, f"/diary/results/{saved_id}/delete")
    assert client.post(delete.action, data=delete.hidden).status_code == 200
    assert client.get(where).status_code == 404


def test_saving_needs_a_diary_and_valid_answers(client: TestClient) -> None:
    result, _ = run_interview(client, CRAMPS, "55", "female")
    form = state_form(result.text, "/report")
    assert client.post("/diary/results", data=form.hidden).status_code == 404
    start_diary(client)
    forged = {**form.hidden, "state": "x.y"}
    assert client.post("/diary/results", data=forged).status_code == 400
