"""`legwise assess --batch` with JSON Lines, CSV and Parquet, compact results, --output and
--errors: every format gives the same results, and bad rows never leave a half-written file."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import legwise
from legwise.interfaces.cli.app import app
from legwise.kb.loader import Knowledge
from tests.tables.cases import random_cases, wide

runner = CliRunner()


@pytest.fixture(scope="module")
def cases(kb: Knowledge) -> list[dict[str, Any]]:
    return random_cases(kb, 120, seed=7)


def _jsonl(tmp_path: Path, cases: list[dict[str, Any]], name: str = "cases.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_compact_jsonl_has_one_result_per_case_with_assess_levels(
    tmp_path: Path, kb: Knowledge, cases: list[dict[str, Any]]
) -> None:
    result = runner.invoke(app, ["assess", "--batch", str(_jsonl(tmp_path, cases)), "--compact"])
    assert result.exit_code == 0, result.output
    rows = _lines(result.stdout)
    assert [r["id"] for r in rows] == [c["id"] for c in cases]
    for row, case in zip(rows, cases, strict=True):
        single = legwise.assess(case, kb=kb)
        assert row["level"] == single.level
        assert row["knowledge_version"] == kb.version
        assert row["causes"][0]["probability"] == round(single.conditions[0].probability, 4)
        assert set(row) == {
            "id",
            "level",
            "rules",
            "causes",
            "unexplained",
            "scores",
            "knowledge_version",
        }


def test_csv_and_parquet_give_the_same_compact_results(
    tmp_path: Path, cases: list[dict[str, Any]]
) -> None:
    columns = wide(cases)
    csv_path = tmp_path / "cases.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for i in range(len(cases)):
            writer.writerow(["" if columns[k][i] is None else columns[k][i] for k in columns])
    parquet_path = tmp_path / "cases.parquet"
    pq.write_table(pa.table(columns), parquet_path)
    outputs = []
    for path in (_jsonl(tmp_path, cases), csv_path, parquet_path):
        result = runner.invoke(app, ["assess", "--batch", str(path), "--compact"])
        assert result.exit_code == 0, result.output
        outputs.append(_lines(result.stdout))
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_output_format_follows_the_extension(
    tmp_path: Path, cases: list[dict[str, Any]], suffix: str
) -> None:
    out = tmp_path / f"results{suffix}"
    args = ["assess", "--batch", str(_jsonl(tmp_path, cases)), "--compact", "--output", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    if suffix == ".parquet":
        levels = pq.read_table(out).column("level").to_pylist()
    elif suffix == ".csv":
        with out.open(encoding="utf-8") as f:
            levels = [row["level"] for row in csv.DictReader(f)]
    else:
        levels = [r["level"] for r in _lines(out.read_text(encoding="utf-8"))]
    expected = [r["level"] for r in _lines(runner.invoke(app, args[:4]).stdout)]
    assert levels == expected


def test_a_bad_row_stops_the_run_before_anything_is_written(
    tmp_path: Path, cases: list[dict[str, Any]]
) -> None:
    bad = [*cases[:5], {"id": "x", "findings": {"one_leg_swollen": "maybe"}}, *cases[5:10]]
    out = tmp_path / "results.jsonl"
    for extra in (["--compact"], ["--json"], []):
        args = ["assess", "--batch", str(_jsonl(tmp_path, bad)), *extra, "--output", str(out)]
        if not extra:
            args = args[:3]
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "line 6" in result.stderr and "findings.one_leg_swollen" in result.stderr
        assert result.stdout == ""
        assert not out.exists()
        assert not list(tmp_path.glob(".legwise-*"))  # no partial file left behind


@pytest.mark.parametrize("compact", [True, False])
def test_errors_file_gets_the_bad_rows_and_the_rest_are_scored(
    tmp_path: Path, cases: list[dict[str, Any]], compact: bool
) -> None:
    path = tmp_path / "cases.jsonl"
    good = [json.dumps(c) for c in cases[:4]]
    path.write_text(
        "\n".join([good[0], '{"age": 400}', good[1], "{not json", good[2], good[3]]) + "\n",
        encoding="utf-8",
    )
    errors = tmp_path / "bad.jsonl"
    args = ["assess", "--batch", str(path), "--errors", str(errors)]
    args.append("--compact" if compact else "--json")
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in _lines(result.stdout)] == [c["id"] for c in cases[:4]]
    bad = _lines(errors.read_text(encoding="utf-8"))
    assert [(b["line"], b["field"]) for b in bad] == [(2, "age"), (4, "line")]
    assert bad[0]["case"] == {"age": 400}
    assert "2 bad rows" in result.stderr


def test_full_results_are_todays_contract(
    tmp_path: Path, kb: Knowledge, cases: list[dict[str, Any]]
) -> None:
    out = tmp_path / "full.jsonl"
    args = ["assess", "--batch", str(_jsonl(tmp_path, cases[:40])), "--output", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = _lines(out.read_text(encoding="utf-8"))
    assert rows == [legwise.assess(c, kb=kb).to_dict() for c in cases[:40]]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--compact"], ["--compact", "--batch"]),
        (["--output", "x.csv"], ["--output", "--batch"]),
        (["--batch", "cases.jsonl", "--output", "x.csv"], ["--output", "--compact"]),
        (["--batch", "cases.txt", "--compact"], ["--batch", ".jsonl"]),
    ],
)
def test_option_mistakes_are_named(
    tmp_path: Path, cases: list[dict[str, Any]], args: list[str], words: list[str]
) -> None:
    _jsonl(tmp_path, cases[:2])
    (tmp_path / "cases.txt").write_text("{}\n", encoding="utf-8")
    import os

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(app, ["assess", *args])
    finally:
        os.chdir(here)
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.stderr
