"""Safe defaults of the served app: headers, trusted hosts, limits for expensive routes,
body and header timeouts, and a database URL checked at start-up (issue 14)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import socket
import threading
import time
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from typer.testing import CliRunner

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings
from legwise.interfaces.cli.app import app as cli
from tests.interfaces.web.diary_helpers import form_to

CASE = {"findings": {"getting_worse": "present"}, "age": 60}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hardening")


@pytest.fixture(scope="module")
def api(folder: Path) -> Iterator[FastAPI]:
    application = create_app(Settings(database_url=f"sqlite:///{folder / 'd.db'}"))
    with TestClient(application):
        yield application


# --- headers -------------------------------------------------------------------------------


def test_csp_forbids_foreign_form_targets_and_base(api: FastAPI) -> None:
    with TestClient(api) as client:
        csp = client.get("/").headers["content-security-policy"]
    assert "form-action 'self'" in csp
    assert "base-uri 'none'" in csp


def test_hsts_only_over_https(api: FastAPI) -> None:
    with TestClient(api) as plain:
        assert "strict-transport-security" not in plain.get("/healthz").headers
    with TestClient(api, base_url="https://testserver") as tls:
        assert tls.get("/healthz").headers["strict-transport-security"].startswith("max-age=")


def test_results_and_diaries_are_not_cached(api: FastAPI) -> None:
    with TestClient(api) as client:
        assert client.post("/v1/assess", json=CASE).headers["cache-control"] == "no-store"
        token = client.post("/v1/diary").json()["token"]
        listed = client.get("/v1/diary/entries", headers={"Authorization": f"Bearer {token}"})
        assert listed.headers["cache-control"] == "no-store"
        assert client.get("/diary").headers["cache-control"] == "no-store"
        assert client.get("/static/web.css").headers.get("cache-control") != "no-store"


def test_cookies_use_the_host_prefix_over_https(api: FastAPI) -> None:
    with TestClient(api, base_url="https://testserver") as tls:
        page = tls.get("/diary")
        assert "__Host-legwise_csrf" in tls.cookies
        made = tls.post("/diary/start", data=form_to(page.text, "/diary/start").hidden)
        assert made.status_code == 200, made.text
        cookie = next(c for c in made.headers.get_list("set-cookie") if "legwise_diary" in c)
        assert cookie.startswith("__Host-legwise_diary=")
        assert "secure" in cookie.lower() and "path=/" in cookie.lower()
        assert "domain" not in cookie.lower()
        assert tls.get("/diary").text.count("My night diary") >= 1  # read back by that name
    with TestClient(api) as plain:
        plain.get("/")
        assert "legwise_csrf" in plain.cookies  # browsers refuse the prefix without TLS


@pytest.mark.parametrize("path", ["/", "/diary", "/healthz", "/v1/knowledge/version"])
def test_head_answers_every_get_page(api: FastAPI, path: str) -> None:
    with TestClient(api) as client:
        got = client.head(path)
        assert got.status_code == 200
        assert got.content == b""
        assert got.headers["content-type"] == client.get(path).headers["content-type"]


# --- Host header trust ------------------------------------------------------------------------


def _link_for_host(api: FastAPI, host: str) -> str:
    with TestClient(api) as client:
        page = client.get("/diary", headers={"Host": host})
        made = client.post(
            "/diary/start",
            data=form_to(page.text, "/diary/start").hidden,
            headers={"Host": host},
        )
        found = re.search(r'class="private-link" href="([^"]+)"', made.text)
        assert found, made.text
        return found.group(1)


def test_a_forged_host_never_makes_the_private_link(api: FastAPI) -> None:
    link = _link_for_host(api, "evil.example")
    assert "evil.example" not in link
    assert link.startswith("/diary/open/")
    assert _link_for_host(api, "localhost:8000").startswith("http://localhost:8000/diary/open/")


def test_the_base_url_makes_the_links(folder: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{folder / 'd.db'}", base_url="https://legwise.example.org"
    )
    link = _link_for_host(create_app(settings), "evil.example")
    assert link.startswith("https://legwise.example.org/diary/open/")


def test_trusted_hosts_refuse_any_other_host(folder: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{folder / 'd.db'}", trusted_hosts=("legwise.example.org",)
    )
    with TestClient(create_app(settings)) as client:
        assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
        assert client.get("/", headers={"Host": "legwise.example.org"}).status_code == 200
    link = _link_for_host(create_app(settings), "legwise.example.org")
    assert link.startswith("http://legwise.example.org/diary/open/")


def test_the_cds_link_card_ignores_a_forged_host(api: FastAPI) -> None:
    body = {
        "hook": "patient-view",
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "context": {"userId": "Practitioner/1", "patientId": "1"},
        "prefetch": {"patient": None, "conditions": None, "observations": None},
    }
    with TestClient(api) as client:
        got = client.post(
            "/cds-services/legwise-leg-pain", json=body, headers={"Host": "evil.example"}
        )
    assert got.status_code == 200, got.text
    urls = [link["url"] for card in got.json()["cards"] for link in card.get("links", [])]
    assert urls and all("evil.example" not in u for u in urls)


# --- limits for expensive routes ----------------------------------------------------------------


def test_expensive_routes_answer_503_with_retry_after_when_full(folder: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{folder / 'd.db'}", max_expensive=1, retry_after=7)
    application = create_app(settings)
    with TestClient(application) as client:
        application.state.expensive.running = 1  # one long request is running
        for path, body in (
            ("/v1/assess/batch", [CASE]),
            ("/v1/parse", {"text": "calf pain at night"}),
            ("/v1/assess", {"text": "calf pain at night"}),
        ):
            got = client.post(path, json=body)
            assert got.status_code == 503, (path, got.text)
            assert got.headers["retry-after"] == "7"
        assert client.post("/v1/assess", json=CASE).status_code == 200  # cheap: not limited
        page = client.get("/")
        start = {**form_to(page.text, "/interview").hidden, "action": "start", "text": "calf pain"}
        busy = client.post("/interview", data=start)
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "7"
        application.state.expensive.running = 0
        assert client.post("/v1/parse", json={"text": "calf pain"}).status_code == 200
        assert application.state.expensive.running == 0  # the slot was given back


def test_a_slow_body_is_408(folder: Path) -> None:
    application = create_app(
        Settings(database_url=f"sqlite:///{folder / 'd.db'}", body_timeout=0.2)
    )
    sent: list[MutableMapping[str, Any]] = []
    first = True

    async def receive() -> dict[str, Any]:
        nonlocal first
        if first:
            first = False
            return {"type": "http.request", "body": b'{"findings":', "more_body": True}
        await asyncio.sleep(3600)  # the client never sends the rest
        raise AssertionError

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/assess",
        "raw_path": b"/v1/assess",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    application.state.knowledge.get()
    # its own thread: a test before this one (the browser tests' Playwright) may have left
    # an event loop running in this one, where asyncio.run refuses to start
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, asyncio.wait_for(application(scope, receive, send), 10)).result()
    assert sent[0]["type"] == "http.response.start"
    assert sent[0]["status"] == 408


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _reply(sock: socket.socket) -> bytes:
    """One whole reply of the tiny app below (its body is `ok`)."""
    data = b""
    while not data.endswith(b"ok"):
        chunk = sock.recv(1000)
        if not chunk:
            break
        data += chunk
    return data


def test_a_client_slow_to_send_headers_is_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from legwise.interfaces.api.protocols import ENV_TIMEOUT, TimedHttpToolsProtocol

    monkeypatch.setenv(ENV_TIMEOUT, "0.5")

    async def tiny(scope: Any, receive: Any, send: Any) -> None:
        if scope["path"] == "/slow":  # a long request: no header deadline runs meanwhile
            await asyncio.sleep(1.2)
        headers = [(b"content-length", b"2")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"ok"})

    port = _free_port()
    config = uvicorn.Config(
        tiny, host="127.0.0.1", port=port, http=TimedHttpToolsProtocol, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")  # and then nothing
            sock.settimeout(10)
            assert sock.recv(100) == b""  # closed by the server, long before 10 s
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert _reply(sock).startswith(b"HTTP/1.1 200")
            sock.sendall(b"GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert _reply(sock).startswith(b"HTTP/1.1 200")  # after 1.2 s: not cut off
            sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")  # the next one stalls
            sock.settimeout(10)
            assert sock.recv(100) == b""  # closed too
    finally:
        server.should_exit = True
        thread.join(10)


# --- the database URL -----------------------------------------------------------------------


def test_a_bad_database_url_is_refused_by_the_settings() -> None:
    with pytest.raises(ValidationError, match="unsupported database"):
        Settings(database_url="mysql://nobody@127.0.0.1/x")
    with pytest.raises(ValidationError):
        Settings.from_env({"LEGWISE_DATABASE_URL": "mysql://nobody@127.0.0.1/x"})


def test_serve_fails_at_start_up_on_a_bad_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: ran.append(a))
    monkeypatch.setenv("LEGWISE_DATABASE_URL", "mysql://nobody@127.0.0.1/x")
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert "database_url" in result.output and "unsupported database" in result.output
    assert not ran


@pytest.fixture
def restore_env() -> Iterator[None]:
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_serve_with_workers_runs_the_factory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, restore_env: None
) -> None:
    from legwise.interfaces.api.protocols import TimedHttpToolsProtocol

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.setenv("LEGWISE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LEGWISE_TRUSTED_HOSTS", "a.example,b.example")
    result = CliRunner().invoke(cli, ["serve", "--workers", "3", "--port", "9002"])
    assert result.exit_code == 0, result.output
    assert seen["app"] == "legwise.interfaces.api.app:create_app"
    assert (seen["factory"], seen["workers"], seen["port"]) == (True, 3, 9002)
    assert seen["http"] is TimedHttpToolsProtocol
    # Each worker builds its settings from the environment: the same as the parent's.
    worker = Settings.from_env()
    assert (worker.port, worker.workers) == (9002, 3)
    assert worker.trusted_hosts == ("a.example", "b.example")
    assert (tmp_path / "web-secret.key").is_file()  # made once, before any worker started


def test_serve_defaults_to_one_worker_per_cpu(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, restore_env: None
) -> None:
    """Issue 16: `legwise serve` without --workers runs one process per CPU it may use."""
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    monkeypatch.setenv("LEGWISE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LEGWISE_WORKERS", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--port", "9003"])
    assert result.exit_code == 0, result.output
    assert (seen["factory"], seen["workers"]) == (True, 3)
    one = CliRunner().invoke(cli, ["serve", "--workers", "1", "--port", "9003"])
    assert one.exit_code == 0, one.output
    assert not isinstance(seen["app"], str)  # one process: the app itself, no factory
