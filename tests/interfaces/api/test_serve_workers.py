"""`legwise serve --workers 2` for real: every interview step works whichever worker takes
it (the signing key is shared), and so does a restart."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.interfaces.web.pages import forms, question_form
from tests.interfaces.web.test_pages import reply


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request(
    port: int, method: str, path: str, body: dict[str, str] | None = None, cookie: str = ""
) -> tuple[int, str, str]:
    """One request on a new connection (so the kernel may hand it to either worker)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=data, headers=headers)
    resp = conn.getresponse()
    text = resp.read().decode()
    set_cookie = resp.getheader("set-cookie") or ""
    conn.close()
    return resp.status, text, set_cookie


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve-workers")


def _serve(port: int, data_dir: Path, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LEGWISE_DATA_DIR": str(data_dir)}
    env.pop("LEGWISE_WEB_SECRET", None)
    env["LEGWISE_DATABASE_URL"] = f"sqlite:///{data_dir / 'd.db'}"
    # no text is read here: no text reader built in each worker (CPU the steps would wait on)
    env["LEGWISE_WARM_TEXT"] = "0"
    cmd = [sys.executable, "-m", "legwise", "serve", "--port", str(port), "--workers", str(workers)]
    return subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )


def _wait(port: int, proc: subprocess.Popen[bytes], workers: int) -> None:
    deadline = time.monotonic() + 180
    ready = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if _request(port, "GET", "/healthz")[0] == 200:
                ready += 1
                if ready >= 4 * workers:  # several answers: every worker has started
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("the server did not start")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)


@pytest.fixture(scope="module")
def server(data_dir: Path) -> Iterator[int]:
    port = _free_port()
    proc = _serve(port, data_dir, 2)
    try:
        _wait(port, proc, 2)
        yield port
    finally:
        _stop(proc)


def _first_step(port: int) -> tuple[dict[str, str], str]:
    status, html, set_cookie = _request(port, "GET", "/")
    assert status == 200
    cookie = set_cookie.split(";", 1)[0]
    start = next(f for f in forms(html) if f.action.endswith("/interview"))
    status, html, _ = _request(
        port, "POST", "/interview", {**start.hidden, "action": "start", "text": ""}, cookie
    )
    assert status == 200, html
    form = question_form(html)
    assert form is not None
    answer = reply(form, set(), "55", "female")
    assert isinstance(answer["answer"], str)
    return {**form.hidden, "answer": answer["answer"]}, cookie


def test_second_steps_work_on_any_worker(server: int) -> None:
    failures = 0
    for _ in range(20):
        answer, cookie = _first_step(server)
        status, html, _ = _request(server, "POST", "/interview", answer, cookie)
        failures += status != 200 or "could not be read" in html
    assert failures == 0


def test_forms_survive_a_restart(data_dir: Path) -> None:
    port = _free_port()
    proc = _serve(port, data_dir, 1)
    try:
        _wait(port, proc, 1)
        answer, cookie = _first_step(port)
    finally:
        _stop(proc)
    proc = _serve(port, data_dir, 1)
    try:
        _wait(port, proc, 1)
        status, html, _ = _request(port, "POST", "/interview", answer, cookie)
        assert status == 200 and not re.search("could not be read", html)
    finally:
        _stop(proc)
