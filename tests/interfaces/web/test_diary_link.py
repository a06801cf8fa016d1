"""Opening a private diary link asks first: a link someone sends never swaps the diary this
browser keeps without the person choosing it.

The attack: Mallory sends Alice Mallory's own link; before, opening it silently replaced
Alice's diary cookie, and everything Alice wrote afterwards went into Mallory's diary.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from legwise.interfaces.web.owner import DIARY_COOKIE
from tests.interfaces.web.diary_helpers import add_night, diary_app, form_to, night, start_diary


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    folder: Path = tmp_path_factory.mktemp("diary-link")
    application = diary_app(folder)
    with TestClient(application):
        yield application


def test_opening_a_link_asks_and_changes_nothing_until_confirmed(app: FastAPI) -> None:
    with TestClient(app) as alice, TestClient(app) as mallory:
        alices = start_diary(alice)
        add_night(alice, night=night(2), worst_pain="4")
        mallorys = start_diary(mallory)
        page = alice.get(f"/diary/open/{mallorys}", follow_redirects=False)
        assert page.status_code == 200
        assert DIARY_COOKIE not in page.headers.get("set-cookie", "")
        assert alice.cookies[DIARY_COOKIE] == alices
        assert "already has a diary" in page.text  # says a switch is about to happen
        assert page.headers["cache-control"] == "no-store"
        # Alice's diary is still hers: a night she adds now lands in her own diary.
        assert add_night(alice, night=night(1), worst_pain="5").status_code == 303
        assert alice.get("/diary").text.count("/10</td>") == 2


def test_the_switch_is_a_post_with_the_csrf_token(app: FastAPI) -> None:
    with TestClient(app) as alice, TestClient(app) as mallory:
        alices = start_diary(alice)
        mallorys = start_diary(mallory)
        page = alice.get(f"/diary/open/{mallorys}")
        form = form_to(page.text, "/diary/open")
        forged = {k: v for k, v in form.hidden.items() if k != "csrf"}
        refused = alice.post("/diary/open", data=forged, follow_redirects=False)
        assert refused.status_code == 403
        assert alice.cookies[DIARY_COOKIE] == alices
        page = alice.get(f"/diary/open/{mallorys}")  # the refusal gave a new CSRF token
        form = form_to(page.text, "/diary/open")
        done = alice.post("/diary/open", data=form.hidden, follow_redirects=False)
        assert done.status_code == 303
        assert done.headers["location"] == "/diary"
        assert alice.cookies[DIARY_COOKIE] == mallorys


def test_a_link_in_a_fresh_browser_still_confirms_then_opens(app: FastAPI) -> None:
    with TestClient(app) as phone, TestClient(app) as laptop:
        token = start_diary(phone)
        add_night(phone, night=night(1), worst_pain="4")
        page = laptop.get(f"/diary/open/{token}", follow_redirects=False)
        assert page.status_code == 200
        assert "already has a diary" not in page.text
        assert "1 night" in page.text  # which diary: how much it holds
        done = laptop.post("/diary/open", data=form_to(page.text, "/diary/open").hidden)
        assert done.status_code == 200
        assert laptop.get("/diary").text.count("/10</td>") == 1


def test_opening_ones_own_link_goes_straight_to_the_diary(app: FastAPI) -> None:
    with TestClient(app) as alice:
        alices = start_diary(alice)
        opened = alice.get(f"/diary/open/{alices}", follow_redirects=False)
        assert opened.status_code == 303
        assert opened.headers["location"] == "/diary"


def test_a_posted_unknown_token_is_404_and_keeps_the_cookie(app: FastAPI) -> None:
    with TestClient(app) as alice, TestClient(app) as bob:
        alices = start_diary(alice)
        page = alice.get(f"/diary/open/{start_diary(bob)}")
        data = {**form_to(page.text, "/diary/open").hidden, "token": "x" * 43}
        assert alice.post("/diary/open", data=data).status_code == 404
        assert alice.cookies[DIARY_COOKIE] == alices
