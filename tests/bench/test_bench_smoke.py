"""Smoke test of the benchmark script: it runs end to end on small sizes.

Speed is measured in bench/, never asserted here: this only checks that `bench/run.py
--quick --no-pgmpy` exits 0 and prints its sections.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.conftest import load_bench

ROOT = Path(__file__).resolve().parents[2]


def test_bench_quick_runs(tmp_path: Path) -> None:
    out_json = tmp_path / "bench.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--quick",
            "--no-pgmpy",
            "--json",
            str(out_json),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = proc.stdout
    for header in ("[a] single-case latency", "[b] batch throughput", "[c] pgmpy", "[d] targets"):
        assert header in text, f"missing section {header!r}:\n{text}"
    assert "skipped (--no-pgmpy)" in text
    for line in ("scoring + triage", "full Assessment", "run(kb, batch)", "encode(kb, dicts)"):
        assert line in text
    figures = json.loads(out_json.read_text(encoding="utf-8"))
    assert figures["quick"] is True
    assert figures["single_case"]["quick_triage"]["calls"] > 0
    assert figures["batch"]["rows"] == 10_000
    assert figures["pgmpy"] == {"skipped": "--no-pgmpy"}


def test_uv_is_found_where_dev_py_installs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python3 dev.py bench` on a machine without uv on PATH installs it into .tools/uv:
    the pgmpy comparison must find it there rather than skip."""
    mp = monkeypatch
    run = load_bench("run")
    uv = tmp_path / ".tools" / "uv" / "bin" / "uv"
    uv.parent.mkdir(parents=True)
    uv.write_text("")
    mp.setattr(run, "ROOT", tmp_path)
    mp.setenv("PATH", str(tmp_path / "empty"))
    mp.delenv("LEGWISE_UV", raising=False)
    assert run.find_uv() == str(uv)
    given = tmp_path / "given-uv"
    given.write_text("")
    mp.setenv("LEGWISE_UV", str(given))  # what dev.py hands over
    assert run.find_uv() == str(given)
    uv.unlink()
    mp.delenv("LEGWISE_UV")
    assert run.find_uv() is None
