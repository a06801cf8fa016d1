"""A big batch file is scored in pieces by worker processes: the output, the bad rows (with
their line or row numbers) and the error that stops a run are the same as in one process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from legwise.interfaces.cli import batch
from legwise.interfaces.cli.app import app
from legwise.kb.loader import Knowledge
from legwise.tables import pieces
from tests.tables.cases import random_cases, wide

runner = CliRunner()


@pytest.fixture(scope="module")
def cases(kb: Knowledge) -> list[dict[str, Any]]:
    return random_cases(kb, 400, seed=11)


@pytest.fixture(params=["shared memory", "pipe"])
def share(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Where workers leave their results: a folder standing for /dev/shm, or none (a machine
    without it: they come back through the pool's pipe). Checks afterwards that they did."""
    folder = tmp_path / "shm"
    if request.param == "shared memory":
        folder.mkdir()
    came: list[bool] = []
    unshare = pieces.unshare

    def counted(part: Any) -> Any:
        came.append(isinstance(part, pieces.Shared))
        return unshare(part)

    monkeypatch.setattr(pieces, "unshare", counted)
    yield folder
    assert came
    assert all(came) if request.param == "shared memory" else not any(came)


def _run(
    args: list[str], spread: bool, monkeypatch: pytest.MonkeyPatch, share: Path | None = None
) -> Any:
    with monkeypatch.context() as m:
        if share is not None:
            m.setattr(pieces, "SHARED_MEMORY", str(share))
        if spread:
            m.setattr(batch, "SPREAD_BYTES", 1)
            m.setattr(batch, "SPREAD_ROWS", 1)
            m.setattr(pieces, "PIECE_BYTES", 8192)
            m.setattr(pieces, "PIECE_ROWS", 1)
            m.setattr(pieces, "workers", lambda: 2)
        else:
            m.setattr(batch, "SPREAD_BYTES", 1 << 40)
            m.setattr(batch, "SPREAD_ROWS", 1 << 40)
        return runner.invoke(app, args)


def test_jsonl_pieces_give_the_one_process_output_and_errors(
    tmp_path: Path, cases: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, share: Path
) -> None:
    lines = [json.dumps(c) for c in cases]
    lines[120] = "{not json"
    lines[300] = json.dumps({"id": "bad", "findings": {"calf_pop": "maybe"}})
    lines.insert(200, "")
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = {}
    for spread in (True, False):
        out = tmp_path / f"out-{spread}.jsonl"
        errors = tmp_path / f"bad-{spread}.jsonl"
        args = ["assess", "--batch", str(path), "--compact", "--output", str(out)]
        result = _run([*args, "--errors", str(errors)], spread, monkeypatch, share)
        assert result.exit_code == 0, result.output
        got[spread] = (out.read_bytes(), errors.read_bytes())
        assert not share.exists() or not list(share.iterdir())  # nothing left behind
    assert got[True] == got[False]
    bad = [json.loads(line) for line in got[True][1].splitlines()]
    assert [(b["line"], b["field"]) for b in bad] == [(121, "line"), (302, "findings.calf_pop")]
    assert len(got[True][0].splitlines()) == len(cases) - 2
    # without --errors the first bad line stops the run and nothing is written
    out = tmp_path / "stopped.jsonl"
    args = ["assess", "--batch", str(path), "--compact", "--output", str(out)]
    result = _run(args, True, monkeypatch, share)
    assert result.exit_code == 2
    assert "line 121" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".legwise-*"))
    assert not share.exists() or not list(share.iterdir())


def test_parquet_pieces_give_the_one_process_output_and_errors(
    tmp_path: Path, cases: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, share: Path
) -> None:
    columns = wide(cases)
    columns["age"][250] = 400  # out of range: row 251
    path = tmp_path / "cases.parquet"
    pq.write_table(pa.table(columns), path, row_group_size=100)
    got = {}
    for spread in (True, False):
        out = tmp_path / f"out-{spread}.parquet"
        errors = tmp_path / f"bad-{spread}.jsonl"
        args = ["assess", "--batch", str(path), "--compact", "--output", str(out)]
        result = _run([*args, "--errors", str(errors)], spread, monkeypatch, share)
        assert result.exit_code == 0, result.output
        got[spread] = (pq.read_table(out), errors.read_text(encoding="utf-8"))
        assert not share.exists() or not list(share.iterdir())
    spread_rows, one_rows = got[True][0].to_pylist(), got[False][0].to_pylist()
    for a, b in zip(spread_rows, one_rows, strict=True):
        # float32 products may differ in the last bits with the batch size
        pa_, pb = a.pop("causes"), b.pop("causes")
        assert a == b
        assert [c["id"] for c in pa_] == [c["id"] for c in pb]
        assert all(
            abs(x["probability"] - y["probability"]) < 1e-6 for x, y in zip(pa_, pb, strict=True)
        )
    assert len(spread_rows) == len(cases) - 1
    assert got[True][1] == got[False][1]
    assert [(b["row"], b["field"]) for b in map(json.loads, got[True][1].splitlines())] == [
        (251, "age")
    ]
