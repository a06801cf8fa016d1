"""`legwise serve`: settings from options and environment, FastAPI imported only to serve."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from legwise.interfaces.cli.app import app

runner = CliRunner()


def test_help_does_not_import_fastapi_or_uvicorn() -> None:
    code = (
        "import sys; sys.argv = ['legwise', '--help']\n"
        "from legwise.interfaces.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('fastapi', 'uvicorn', 'starlette') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in proc.stdout


def test_serve_runs_uvicorn_with_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run(api: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=api)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("LEGWISE_PORT", "9001")
    monkeypatch.setenv("LEGWISE_WORKERS", "1")  # one process: the app object itself is served
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("0.0.0.0", 9001)
    assert seen["app"].state.settings.port == 9001
    assert seen["app"].state.settings.warm_text  # the text reader is built at start-up


def test_serve_leaves_the_warm_up_off_when_told(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda api, **kwargs: seen.update(app=api))
    monkeypatch.setenv("LEGWISE_WORKERS", "1")
    monkeypatch.setenv("LEGWISE_WARM_TEXT", "0")  # a server that never reads text saves the memory
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert not seen["app"].state.settings.warm_text


def test_serve_refuses_a_bad_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "port" in result.output
