"""The diary pages through the served app: start, private link, add nights, chart, table,
errors, export, delete everything, and that nobody else's cookie reaches a diary."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from legwise import load_knowledge
from legwise.diary.choices import night_symptoms
from legwise.interfaces.web.owner import DIARY_COOKIE
from tests.interfaces.web.diary_helpers import (
    add_bad_fortnight,
    add_night,
    diary_app,
    form_to,
    night,
    start_diary,
)

NOTE = "zebra-marmalade-4711"  # a note nobody else writes: easy to look for


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("diary")


@pytest.fixture(scope="module")
def app(folder: Path) -> Iterator[FastAPI]:
    application = diary_app(folder)
    with TestClient(application):  # the lifespan: knowledge loaded once, store closed after
        yield application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:  # each test is a new browser with its own cookies
        yield c


def rows(folder: Path, table: str) -> int:
    with sqlite3.connect(folder / "diary.db") as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_night_symptoms_are_findings_of_the_knowledge() -> None:
    kb = load_knowledge()
    assert night_symptoms(kb), "diary.yaml names the night's symptoms"
    assert all(kb.findings[f].type == "state" for f in night_symptoms(kb))


def test_start_page_keeps_nothing_until_asked(client: TestClient, app: FastAPI) -> None:
    page = client.get("/diary")
    assert page.status_code == 200
    assert "Nothing is kept unless you start one." in page.text
    assert DIARY_COOKIE not in page.headers.get("set-cookie", "")
    assert form_to(page.text, "/diary/start").hidden["csrf"]


def test_starting_sets_a_private_cookie_and_shows_the_link_once(client: TestClient) -> None:
    page = client.get("/diary")
    made = client.post("/diary/start", data=form_to(page.text, "/diary/start").hidden)
    cookie = [c for c in made.headers.get_list("set-cookie") if c.startswith(DIARY_COOKIE)]
    assert len(cookie) == 1
    attrs = cookie[0].lower()
    assert "httponly" in attrs and "samesite=lax" in attrs and "path=/" in attrs
    token = client.cookies[DIARY_COOKIE]
    assert len(token) >= 43
    assert f"/diary/open/{token}" in made.text
    assert "anyone with it can read your diary" in made.text.lower()
    diary = client.get("/diary")
    assert "My night diary" in diary.text
    assert token not in diary.text  # shown once, on the page that made it


def test_the_private_link_opens_the_diary_in_another_browser(app: FastAPI) -> None:
    with TestClient(app) as phone, TestClient(app) as laptop:
        token = start_diary(phone)
        assert add_night(phone, night=night(1), worst_pain="4", note=NOTE).status_code == 303
        asked = laptop.get(f"/diary/open/{token}", follow_redirects=False)
        assert asked.status_code == 200  # it asks first (test_diary_link)
        confirm = form_to(asked.text, "/diary/open").hidden
        opened = laptop.post("/diary/open", data=confirm, follow_redirects=False)
        assert opened.status_code == 303
        assert opened.headers["location"] == "/diary"
        assert laptop.get("/diary").text.count("/10</td>") == 1
        wrong = laptop.get(f"/diary/open/{token[:-2]}xx", follow_redirects=False)
        assert wrong.status_code == 404


def test_nights_show_in_the_table_chart_and_summary(client: TestClient) -> None:
    start_diary(client)
    add_bad_fortnight(client)
    page = client.get("/diary")
    assert page.status_code == 200
    html = page.text
    assert html.count('class="diary-pain"') == 15  # one bar a night
    assert html.count('class="diary-woke"') == 15
    assert "<caption>" in html and '<th scope="col">Worst pain</th>' in html
    assert html.count('<th scope="row">') == 15
    # The summary says what the trends show and what to do.
    assert "You tried home care on" in html
    assert re.search(r"Your worst pain went from about [\d.]+ to about [\d.]+ out of 10", html)
    assert "What to do:" in html and "See a doctor soon" in html


def test_a_quiet_diary_changes_nothing(client: TestClient) -> None:
    start_diary(client)
    add_night(client, night=night(1), worst_pain="2", episodes="1")
    html = client.get("/diary").text
    assert "Nothing in your diary so far changes the advice." in html
    assert "What to do:" not in html


def test_a_bad_night_gets_the_form_again_naming_the_problem(client: TestClient) -> None:
    start_diary(client)
    missing = add_night(client, night=night(1), episodes="2", note=NOTE)
    assert missing.status_code == 422
    assert "Choose how bad the worst pain was" in missing.text
    assert 'id="worst_pain-error"' in missing.text
    assert NOTE in missing.text  # what was typed is kept
    bad: tuple[tuple[dict[str, str | list[str]], str], ...] = (
        ({"worst_pain": "11"}, "Choose how bad the worst pain was"),
        ({"worst_pain": "3", "episodes": "many"}, "whole number"),
        ({"worst_pain": "3", "episodes": "99"}, "from 0 to 50"),
        ({"worst_pain": "3", "night": "2999-01-01"}, "cannot be in the future"),
        ({"worst_pain": "3", "night": "yesterday"}, "date of the night"),
        ({"worst_pain": "3", "findings": ["no_such_finding"]}, "not one of the choices"),
        ({"worst_pain": "3", "note": "x" * 2001}, "under 2000 characters"),
    )
    for fields, words in bad:
        got = add_night(client, **{"night": night(1), **fields})
        assert got.status_code == 422, fields
        assert words in got.text, fields
    assert "<tbody>" not in client.get("/diary").text  # nothing was saved


def test_a_night_already_written_asks_to_replace(client: TestClient) -> None:
    start_diary(client)
    assert add_night(client, night=night(2), worst_pain="3").status_code == 303
    again = add_night(client, night=night(2), worst_pain="7")
    assert again.status_code == 409
    assert "You already wrote down the night of" in again.text
    assert 'name="replace"' in again.text
    replaced = add_night(client, night=night(2), worst_pain="7", replace="yes")
    assert replaced.status_code == 303
    html = client.get("/diary").text
    assert html.count('<th scope="row">') == 1 and "7 of 10" in html


def test_a_night_opens_and_deletes(client: TestClient) -> None:
    start_diary(client)
    add_night(client, night=night(1), worst_pain="5", self_care=["warmth"], note=NOTE)
    link = re.search(r'href="(/diary/nights/\d+)"', client.get("/diary").text)
    assert link
    page = client.get(link.group(1))
    assert page.status_code == 200
    assert NOTE in page.text and "5 out of 10" in page.text and "Warm bath" in page.text
    delete = form_to(page.text, "/delete")
    assert client.post(delete.action, data=delete.hidden).status_code == 200  # back to diary
    assert client.get(link.group(1)).status_code == 404


def test_another_persons_cookie_reaches_nothing(app: FastAPI) -> None:
    with TestClient(app) as alice, TestClient(app) as bob:
        start_diary(alice)
        add_night(alice, night=night(1), worst_pain="5", note=NOTE)
        link = re.search(r'href="(/diary/nights/\d+)"', alice.get("/diary").text)
        assert link
        start_diary(bob)
        assert bob.get(link.group(1)).status_code == 404
        page = bob.get("/diary")
        form = form_to(page.text, "/diary/nights")
        assert bob.post(link.group(1) + "/delete", data=form.hidden).status_code == 404
        assert NOTE not in bob.get("/diary/export.json").text
        assert alice.get(link.group(1)).status_code == 200  # still there


@pytest.mark.parametrize(
    "path",
    [
        "/diary/nights/1",
        "/diary/export.json",
        "/diary/export.fhir.json",
        "/diary/delete",
        "/diary/results",
        "/diary/results/1",
    ],
)
def test_diary_pages_without_a_valid_cookie_are_not_found(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
    client.cookies.set(DIARY_COOKIE, "not-a-real-token")
    assert client.get(path).status_code == 404


def test_forms_without_the_csrf_token_are_refused(client: TestClient, folder: Path) -> None:
    before = rows(folder, "person")
    assert client.post("/diary/start", data={}).status_code == 403
    assert rows(folder, "person") == before
    start_diary(client)
    fields = {"night": night(1), "worst_pain": "3", "sleep_disturbed": "no"}
    assert client.post("/diary/nights", data=fields).status_code == 403
    assert client.post("/diary/nights", data={**fields, "csrf": "forged"}).status_code == 403
    assert client.post("/diary/delete", data={}).status_code == 403
    assert "<tbody>" not in client.get("/diary").text


def test_export_json_and_fhir(client: TestClient) -> None:
    start_diary(client)
    add_night(client, night=night(1), worst_pain="6", episodes="2", note=NOTE)
    add_night(client, night=night(2), worst_pain="4", findings=["one_leg_swollen"])
    got = client.get("/diary/export.json")
    assert got.status_code == 200
    assert got.headers["cache-control"] == "no-store"
    assert got.headers["content-disposition"].startswith("attachment;")
    data = got.json()
    assert data["format"] == "legwise-export"
    assert [n["worst_pain"] for n in data["diary"]] == [4, 6]
    assert data["diary"][1]["note"] == NOTE
    fhir = client.get("/diary/export.fhir.json")
    assert fhir.status_code == 200
    assert fhir.headers["content-type"].startswith("application/fhir+json")
    assert fhir.headers["content-disposition"].startswith("attachment;")
    bundle = fhir.json()
    assert bundle["resourceType"] == "Bundle"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Patient") == 1 and kinds.count("Observation") >= 2 * 4


def test_delete_everything_really_deletes(client: TestClient, folder: Path) -> None:
    token = start_diary(client)
    gone = "quokka-delete-me-0815"
    add_night(client, night=night(1), worst_pain="6", note=gone)
    nights_before = rows(folder, "diary_night")
    confirm = client.get("/diary/delete")
    assert confirm.status_code == 200
    done = client.post("/diary/delete", data=form_to(confirm.text, "/diary/delete").hidden)
    assert done.status_code == 200
    assert "Your diary is deleted" in done.text
    assert DIARY_COOKIE not in client.cookies  # the browser forgets it
    assert rows(folder, "diary_night") == nights_before - 1
    with sqlite3.connect(folder / "diary.db") as db:
        notes = [r[0] for r in db.execute("SELECT note FROM diary_night")]
    assert gone not in notes
    assert client.get(f"/diary/open/{token}").status_code == 404
    client.cookies.set(DIARY_COOKIE, token)
    assert client.get("/diary/export.json").status_code == 404


def test_no_diary_content_or_token_in_logs(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = start_diary(client)
    add_night(client, night=night(1), worst_pain="6", note=NOTE)
    add_night(client, night=night(1), worst_pain="9", note=NOTE)  # conflict page
    client.get("/diary")
    client.get("/diary/export.json")
    client.get(f"/diary/open/{token}")
    # The test client (httpx2) logs its own requests; those are the browser's, not the server's.
    server = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert server, "the server logged something at DEBUG"
    text = "\n".join(r.getMessage() for r in server) + json.dumps(
        [r.args for r in server], default=str
    )
    assert NOTE not in text
    assert token not in text
