"""A diary database failure is a page on the web pages and JSON on /v1, with the same plain
message. The page is the web package's own: `mount_web` puts its maker on the app, so the
REST API's error handler never imports the web pages (no import cycle between them)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from legwise.errors import StoreError
from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings

MESSAGE = "The diary database is full."


def _failing_app() -> TestClient:
    app = create_app(Settings())

    def fail() -> None:
        raise StoreError("disk_full", MESSAGE)

    app.add_api_route("/diary-test-failure", fail)
    app.add_api_route("/v1/diary-test-failure", fail)
    return TestClient(app, raise_server_exceptions=False)


def test_a_store_failure_on_a_page_is_a_plain_page() -> None:
    with _failing_app() as client:
        page = client.get("/diary-test-failure")
    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert MESSAGE in page.text and "Your diary could not be reached." in page.text


def test_a_store_failure_on_the_api_is_json() -> None:
    with _failing_app() as client:
        reply = client.get("/v1/diary-test-failure")
    assert reply.status_code == 503
    assert reply.json() == {"detail": MESSAGE}
