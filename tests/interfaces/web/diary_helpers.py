"""A served app with a diary store in a temporary SQLite file, and steps a person takes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings
from tests.interfaces.web.pages import Form, forms

LINK = re.compile(r'class="private-link" href="[^"]*/diary/open/([A-Za-z0-9_-]+)"')


def diary_app(folder: Path) -> FastAPI:
    app = create_app(Settings(database_url=f"sqlite:///{folder / 'diary.db'}"))
    app.state.web_secret = "test-secret"
    return app


def form_to(html: str, action: str) -> Form:
    for form in forms(html):
        if form.action.endswith(action):
            return form
    raise AssertionError(f"no form posting to {action}")


def start_diary(client: TestClient) -> str:
    """Start a diary on the start page; the token from the private link shown."""
    page = client.get("/diary")
    assert page.status_code == 200
    made = client.post("/diary/start", data=form_to(page.text, "/diary/start").hidden)
    assert made.status_code == 200, made.text
    found = LINK.search(made.text)
    assert found, "the private link is shown"
    return found.group(1)


def night(days_ago: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()


def add_night(client: TestClient, **fields: str | list[str]) -> Response:
    """Post the "add a night" form of the diary page with `fields` (and its CSRF token)."""
    page = client.get("/diary")
    form = form_to(page.text, "/diary/nights")
    data: dict[str, str | list[str]] = {"sleep_disturbed": "no", **form.hidden, **fields}
    return client.post("/diary/nights", data=data, follow_redirects=False)


def add_bad_fortnight(client: TestClient) -> None:
    """15 nights of pain rising from 3 to 8 despite warmth, sleep broken most nights: the
    persistence, worsening and sleep patterns all show."""
    for i in range(15, 0, -1):
        got = add_night(
            client,
            night=night(i),
            worst_pain=str(min(8, 3 + (15 - i) // 3)),
            episodes="2",
            episode_minutes="10",
            findings=["pain_at_night"],
            self_care=["warmth"],
            sleep_disturbed="yes",
        )
        assert got.status_code == 303, got.text
