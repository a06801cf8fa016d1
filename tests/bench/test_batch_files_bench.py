"""Smoke test of bench/batch_files.py: its generated cases are valid in every format it
writes, and the CLI it times scores them (no speed asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from legwise.kb.loader import Knowledge
from legwise.tables.core import assess_table
from legwise.tables.files import read_cases
from tests.bench.conftest import load_bench


def test_generated_files_hold_the_same_valid_cases(kb: Knowledge, tmp_path: Path) -> None:
    bench = load_bench("batch_files")
    paths = bench.write_files(kb, 300, tmp_path)
    lines = [json.loads(x) for x in paths["jsonl"].read_text().splitlines()]
    assert len(lines) == 300
    assert 8 <= sum(len(c["findings"]) for c in lines) / 300 <= 18  # ~13 answers a case
    wide = assess_table(pq.read_table(paths["parquet"]), kb)

    chunks = list(read_cases(str(paths["jsonl"]), kb))
    assert not any(c.slow.any() for c in chunks if c.slow is not None)  # all on the column path
    from_jsonl = assess_table(chunks[0].table, kb)
    assert from_jsonl.column("level").to_pylist() == wide.column("level").to_pylist()


def test_the_timed_cli_runs_and_reports_memory(tmp_path: Path) -> None:
    bench = load_bench("batch_files")
    case = tmp_path / "one.jsonl"
    case.write_text('{"findings": {"one_leg_swollen": "present"}}\n')
    out = tmp_path / "out.jsonl"
    m = bench.run_cli(["assess", "--batch", str(case), "--compact", "--output", str(out)])
    assert m["peak_mb"] >= m["largest_process_mb"] > 0 and m["seconds"] > 0
    assert json.loads(out.read_text())["level"]


def test_rotating_lua_script_holds_every_body() -> None:
    serve_load = load_bench("serve_load")
    bodies = [b'{"id":"a"}', b'{"id":"]]"}']
    script = serve_load.lua_rotating(bodies, "/v1/assess?view=summary")
    assert '[[{"id":"a"}]]' in script and '[=[{"id":"]]"}]=]' in script
    assert '"/v1/assess?view=summary"' in script


def test_full_contract_sample_keeps_only_findings_the_older_tree_knows(tmp_path: Path) -> None:
    bench = load_bench("full_contract")
    cases = tmp_path / "cases.jsonl"
    lines = [
        {"id": "a", "age": 50, "findings": {"one_leg_swollen": "present", "new_finding": "absent"}},
        {"id": "b", "findings": {"new_finding": "present"}},
        {"id": "c", "findings": {}},
    ]
    cases.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "sample.jsonl"
    assert bench.sample(cases, 2, {"one_leg_swollen"}, out) == 2
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert got == [
        {"id": "a", "age": 50, "findings": {"one_leg_swollen": "present"}},
        {"id": "b", "findings": {}},
    ]
