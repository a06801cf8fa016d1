"""Full contract results from a batch file scored by worker processes that write their
blocks into the output themselves: the file, the bad rows (with their line numbers) and the
error that stops a run are the same as in one process, and each line is `legwise.assess`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import legwise
from legwise.interfaces.cli import batch_full
from legwise.interfaces.cli.app import app
from legwise.kb.loader import Knowledge
from tests.tables.cases import random_cases

runner = CliRunner()


@pytest.fixture(scope="module")
def cases(kb: Knowledge) -> list[dict[str, Any]]:
    return random_cases(kb, 150, seed=16)


def _run(args: list[str], workers: int, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m:
        m.setattr(batch_full, "FULL_BLOCK", 4096)  # a dozen blocks or more, in turn
        m.setattr(batch_full, "workers", lambda: workers)
        return runner.invoke(app, args)


def test_workers_write_the_one_process_file_and_errors(
    tmp_path: Path, kb: Knowledge, cases: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [json.dumps(c) for c in cases]
    lines[40] = "{not json"
    lines[97] = json.dumps({"id": "bad", "findings": {"calf_pop": "maybe"}})
    lines.insert(70, "")
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = {}
    for workers in (2, 1):
        out = tmp_path / f"out-{workers}.jsonl"
        errors = tmp_path / f"bad-{workers}.jsonl"
        args = ["assess", "--batch", str(path), "--json", "--output", str(out)]
        result = _run([*args, "--errors", str(errors)], workers, monkeypatch)
        assert result.exit_code == 0, result.output
        got[workers] = (out.read_bytes(), errors.read_bytes())
    assert got[2] == got[1]
    bad = [json.loads(line) for line in got[2][1].splitlines()]
    assert [(b["line"], b["field"]) for b in bad] == [(41, "line"), (99, "findings.calf_pop")]
    rows = [json.loads(line) for line in got[2][0].splitlines()]
    good = [c for i, c in enumerate(cases) if i not in (40, 97)]
    assert rows == [legwise.assess(c, kb=kb).to_dict() for c in good]


def test_a_bad_line_stops_the_workers_run_and_nothing_is_written(
    tmp_path: Path, cases: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [json.dumps(c) for c in cases]
    lines[120] = json.dumps({"id": "bad", "age": 400})
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "stopped.jsonl"
    result = _run(["assess", "--batch", str(path), "--json", "--output", str(out)], 2, monkeypatch)
    assert result.exit_code == 2
    assert "line 121" in result.stderr and "age" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".legwise-*"))


def test_stdout_to_a_file_gets_the_results_or_is_left_as_it_was(
    tmp_path: Path, cases: list[dict[str, Any]]
) -> None:
    """`> out.jsonl` is written straight into (no staged copy): the same bytes as
    `--output`, and a run that stops on a bad line cuts the file back (`>>`: to what it held)."""
    import subprocess
    import sys

    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps(c) + "\n" for c in cases[:30]), encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.read_text(encoding="utf-8") + '{"age": 400}\n', encoding="utf-8")
    given = tmp_path / "given.jsonl"
    assert (
        runner.invoke(
            app, ["assess", "--batch", str(good), "--json", "--output", str(given)]
        ).exit_code
        == 0
    )

    def run(path: Path, out: Path, mode: str) -> int:
        with out.open(mode) as f:
            cmd = [sys.executable, "-m", "legwise", "assess", "--batch", str(path), "--json"]
            return subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL).returncode

    out = tmp_path / "out.jsonl"
    assert run(good, out, "wb") == 0
    assert out.read_bytes() == given.read_bytes()
    out.write_bytes(b"kept\n")
    assert run(bad, out, "ab") == 2
    assert out.read_bytes() == b"kept\n"
    assert run(bad, out, "wb") == 2
    assert out.read_bytes() == b""
