"""`legwise diary` and `legwise saved` as a person runs them, against a fresh SQLite file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legwise.interfaces.cli.app import app

runner = CliRunner()
TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "diary.db"
    monkeypatch.setenv("LEGWISE_DATABASE_URL", f"sqlite:///{path}")
    yield path


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def night(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).isoformat()


def add(days_ago: int, pain: int, *extra: str):  # type: ignore[no-untyped-def]
    return run("diary", "add", "--night", night(days_ago), "--pain", str(pain), *extra)


def test_add_list_show_delete_one_night() -> None:
    added = add(
        1,
        6,
        "--episodes",
        "2",
        "--yes",
        "pain_at_night",
        "--tried",
        "calf_stretching",
        "--woke",
        "--note",
        "cramp [bad] at 3am",
        "--json",
    )
    assert added.exit_code == 0, added.output
    entry = json.loads(added.stdout)
    assert entry["worst_pain"] == 6 and entry["night"] == night(1)
    assert entry["findings"] == ["pain_at_night"] and entry["sleep_disturbed"] is True

    listed = run("diary", "list", "--json")
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [entry["id"]]

    shown = run("diary", "show", night(1))
    assert shown.exit_code == 0, shown.output
    assert "cramp [bad] at 3am" in shown.stdout  # a note's brackets are text, not markup
    assert "6/10" in shown.stdout

    gone = run("diary", "delete", str(entry["id"]))
    assert gone.exit_code == 0
    assert run("diary", "list", "--json").stdout.strip() == ""


def test_the_same_night_twice_needs_replace() -> None:
    assert add(2, 3).exit_code == 0
    again = add(2, 8)
    assert again.exit_code == 2
    assert "night" in again.stderr
    assert add(2, 8, "--replace").exit_code == 0
    (only,) = [json.loads(x) for x in run("diary", "list", "--json").stdout.splitlines()]
    assert only["worst_pain"] == 8


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--pain", "11"), "--pain"),
        (("--pain", "3", "--yes", "no_such_finding"), "--yes"),
        (("--pain", "3", "--tried", "no_such_measure"), "--tried"),
        (("--pain", "3", "--night", "last tuesday"), "--night"),
        (("--pain", "3", "--night", night(-5)), "--night"),
    ],
)
def test_bad_entries_name_the_option_and_store_nothing(args: tuple[str, ...], field: str) -> None:
    result = run("diary", "add", *args)
    assert result.exit_code == 2, result.output
    assert field in result.stderr and "Traceback" not in result.output
    assert run("diary", "list", "--json").stdout.strip() == ""


def test_export_json_and_fhir_then_delete_everything(tmp_path: Path) -> None:
    for d in range(3):
        assert add(d + 1, d + 2).exit_code == 0
    out = tmp_path / "export.json"
    assert run("diary", "export", "--output", str(out)).exit_code == 0
    data = json.loads(out.read_text())
    assert len(data["diary"]) == 3

    fhir = json.loads(run("diary", "export", "--fhir").stdout)
    assert fhir["resourceType"] == "Bundle"
    observations = [e["resource"] for e in fhir["entry"]]
    pain = [
        o
        for o in observations
        if o["resourceType"] == "Observation"
        and any(c.get("code") == "72514-3" for c in o["code"]["coding"])
    ]
    assert sorted(o["valueInteger"] for o in pain) == [2, 3, 4]

    refused = run("diary", "delete", "--everything", stdin="n\n")
    assert refused.exit_code == 1
    assert len(run("diary", "list", "--json").stdout.splitlines()) == 3
    assert run("diary", "delete", "--everything", "--yes").exit_code == 0
    assert run("diary", "list", "--json").stdout.strip() == ""


def test_report_shows_the_trend_and_writes_a_chart(tmp_path: Path) -> None:
    for d in range(20, 0, -1):  # three weeks of nightly pain, getting worse, waking most nights
        extra = ["--tried", "calf_stretching", "--episodes", "2"]
        if d % 2 == 0:
            extra.append("--woke")
        assert add(d, min(10, 2 + (20 - d) // 3), *extra).exit_code == 0
    svg = tmp_path / "chart.svg"
    report = run("diary", "report", "--svg", str(svg))
    assert report.exit_code == 0, report.output
    assert svg.read_text().lstrip().startswith("<?xml")
    assert "<svg" in svg.read_text()
    data = json.loads(run("diary", "report", "--json").stdout)
    assert set(data["findings"]) >= {"getting_worse", "not_improving_with_self_care"}


def test_a_store_that_cannot_be_opened_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LEGWISE_DATABASE_URL", "mysql://nobody@127.0.0.1/x")
    result = run("diary", "list")
    assert result.exit_code in (1, 2)
    assert "database" in result.stderr.lower() and "Traceback" not in result.output


def _worsening_diary() -> None:
    for d in range(20, 0, -1):
        extra = ["--tried", "calf_stretching", "--episodes", "2", "--yes", "pain_at_night"]
        if d % 2 == 0:
            extra.append("--woke")
        assert add(d, min(10, 2 + (20 - d) // 3), *extra).exit_code == 0


CRAMPS = ("--age", "60", "--yes", "brief_cramp_episodes", "--yes", "pain_at_night")


def test_assess_with_the_diary_raises_the_level_and_names_the_pattern() -> None:
    without = json.loads(run("assess", *CRAMPS, "--json").stdout)
    _worsening_diary()
    with_diary = json.loads(run("assess", *CRAMPS, "--diary", "--json").stdout)
    levels = ["self_care", "consultation", "consultation_24", "emergency", "emergency_ambulance"]
    assert levels.index(with_diary["triage"]["level"]) > levels.index(without["triage"]["level"])
    shown = with_diary["from_diary"]
    assert {p["finding"] for p in shown["patterns"]} >= {"getting_worse"}
    assert any(r.get("from_diary") for r in with_diary["triage"]["reasons"])
    screen = run("assess", *CRAMPS, "--diary")
    assert "From your diary" in screen.stdout


def test_assess_with_an_empty_diary_says_so() -> None:
    result = run("assess", *CRAMPS, "--diary")
    assert result.exit_code == 2 and "--diary" in result.stderr


def test_saved_result_reopens_exactly_and_reassesses() -> None:
    saved = run("assess", *CRAMPS, "--save", "--label", "before the doctor", "--json")
    assert saved.exit_code == 0, saved.output
    shown = json.loads(saved.stdout)
    (row,) = [json.loads(x) for x in run("saved", "list", "--json").stdout.splitlines()]
    assert row["label"] == "before the doctor" and row["level"] == shown["triage"]["level"]
    assert json.loads(run("saved", "show", str(row["id"]), "--json").stdout) == shown
    again = json.loads(run("saved", "reassess", str(row["id"]), "--json").stdout)
    assert again["same_knowledge"] is True and again["changed"] is False
    assert run("saved", "delete", str(row["id"])).exit_code == 0
    missing = run("saved", "show", str(row["id"]))
    assert missing.exit_code == 2 and "RESULT" in missing.stderr


def test_label_without_save_and_batch_with_diary_are_refused(tmp_path: Path) -> None:
    assert run("assess", *CRAMPS, "--label", "x").exit_code == 2
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"age": 50, "findings": {}}\n')
    refused = run("assess", "--batch", str(batch), "--diary")
    assert refused.exit_code == 2 and "--batch" in refused.stderr


def test_a_read_only_diary_is_a_clear_error_and_keeps_what_it_has(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert add(3, 4).exit_code == 0
    monkeypatch.setenv("LEGWISE_DATABASE_URL", f"sqlite:///file:{database}?mode=ro&uri=true")
    refused = add(2, 5)
    assert refused.exit_code == 1, refused.output
    assert "read-only" in refused.stderr.lower() or "read only" in refused.stderr.lower()
    assert "Traceback" not in refused.output
    listed = run("diary", "list", "--json")
    assert [json.loads(x)["worst_pain"] for x in listed.stdout.splitlines()] == [4]


def test_add_at_a_terminal_asks_about_the_night(monkeypatch: pytest.MonkeyPatch) -> None:
    from legwise.interfaces.cli import diary

    monkeypatch.setattr(diary, "at_terminal", lambda: True)
    # pain 12 is refused and asked again; symptom 99 likewise; then 1 and 4; self-care 1
    answers = "12\n7\n3\n15\n99\n1 4\n1\ny\nwoke at 2am\n"
    result = run("diary", "add", "--night", night(1), stdin=answers)
    assert result.exit_code == 0, result.output
    assert "Saved the night" in result.stdout
    (entry,) = [json.loads(x) for x in run("diary", "list", "--json").stdout.splitlines()]
    assert entry["worst_pain"] == 7 and entry["episodes"] == 3 and entry["episode_minutes"] == 15
    assert len(entry["findings"]) == 2 and len(entry["self_care"]) == 1
    assert entry["sleep_disturbed"] is True and entry["note"] == "woke at 2am"


def test_add_without_pain_in_a_script_names_the_option(monkeypatch: pytest.MonkeyPatch) -> None:
    from legwise.interfaces.cli import diary

    monkeypatch.setattr(diary, "at_terminal", lambda: False)
    result = run("diary", "add")
    assert result.exit_code == 2 and "--pain" in result.stderr


def test_an_old_diary_does_not_speak_for_tonight() -> None:
    for d in range(80, 60, -1):  # a worsening three weeks that ended two months ago
        assert (
            add(d, min(10, 2 + (80 - d) // 3), "--tried", "calf_stretching", "--woke").exit_code
            == 0
        )
    without = json.loads(run("assess", *CRAMPS, "--json").stdout)
    with_diary = json.loads(run("assess", *CRAMPS, "--diary", "--json").stdout)
    assert with_diary["triage"]["level"] == without["triage"]["level"]
    assert not with_diary["from_diary"]["patterns"]
