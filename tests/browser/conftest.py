"""Real-browser fixtures: the app under uvicorn on a free local port, and Debian's Chromium.

Playwright drives /usr/bin/chromium (never a browser it downloads itself); axe-core comes
from the npm registry into .tools/npm. When either is missing the tests fail and say how to
install it (`bash .ci/run` installs both).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / ".tools" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def chromium_path() -> str:
    configured = os.environ.get("LEGWISE_CHROMIUM")
    found = configured or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).is_file():
        pytest.fail(
            f"Chromium not found ({found}). The browser tests use Debian's Chromium: "
            "`apt-get install -y chromium` (or run `bash .ci/run`), or set LEGWISE_CHROMIUM "
            "to a Chromium binary. Playwright's own browser downloads are not used.",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(
            f"axe-core not found ({AXE.relative_to(ROOT)}). Install it with "
            "`npm install --no-save --prefix .tools/npm axe-core@4` (or run `bash .ci/run`).",
            pytrace=False,
        )
    return AXE.read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app (`create_app`) under uvicorn; its base URL. Stopped after the session."""
    port = _free_port()
    folder = tmp_path_factory.mktemp("uvicorn")
    log = folder / "server.log"
    env = {
        **os.environ,
        "LEGWISE_WEB_SECRET": "browser-test-secret",
        # The diary pages write: a throwaway database, never the user's own.
        "LEGWISE_DATABASE_URL": f"sqlite:///{folder / 'diary.db'}",
        # The free-text reader built at start-up, as `legwise serve` does: the tests that type
        # text then wait for no build (one took over 60 s on a loaded machine)
        "LEGWISE_WARM_TEXT": "1",
    }
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "legwise.interfaces.api.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600  # the text reader's build is CPU work: a loaded machine
        while True:
            if proc.poll() is not None:
                pytest.fail(f"uvicorn exited ({proc.returncode}):\n{log.read_text()}")
            try:  # ready: alive, and the text reader built (503 until then)
                with urllib.request.urlopen(f"{base}/readyz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not answer on {base}:\n{log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
    )
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
