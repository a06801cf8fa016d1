"""The app factory serves the people's pages and the API from one app."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_web_pages_are_served_with_the_api(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "does not replace a doctor" in page.text
    assert client.get("/static/web.css").status_code == 200
    assert client.get("/healthz").status_code == 200
    # Answers travel only in POST bodies, never in a URL.
    assert client.get("/report").status_code == 405


def test_pages_carry_the_security_headers(client: TestClient) -> None:
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
