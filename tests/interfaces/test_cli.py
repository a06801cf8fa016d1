"""The `legwise` command line: the JSON contract, batch order, errors and the human screen.

Most tests run against a tiny fixture knowledge base (tests/interfaces/kb_fixture) so they
check the CLI's behaviour, not clinical numbers still being tuned; a few run against the
shipped knowledge.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legwise.interfaces.cli.app import app

FIXTURE = Path(__file__).parent / "kb_fixture"
runner = CliRunner()


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--knowledge", str(FIXTURE), *args], input=stdin)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


CASE = {
    "id": "case-1",
    "age": 70,
    "sex": "male",
    "findings": {
        "one_leg_swollen": "present",
        "muscle_knot_during_pain": "absent",
        "ankle_brachial_index": 0.6,
    },
}


# --- assess --json ------------------------------------------------------------------------------


def test_assess_json_round_trip_has_the_contract_keys(tmp_path: Path) -> None:
    result = run("assess", "--answers", write(tmp_path, "case.json", json.dumps(CASE)), "--json")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1  # one object
    out = json.loads(result.stdout)
    assert out["id"] == "case-1"
    assert out["triage"]["level"] in {
        "self_care",
        "consultation",
        "consultation_24",
        "emergency",
        "emergency_ambulance",
    }
    assert out["triage"]["reasons"] and all("text" in r for r in out["triage"]["reasons"])
    probs = [c["probability"] for c in out["conditions"]]
    assert probs == sorted(probs, reverse=True)
    for c in out["conditions"]:
        assert {"id", "probability", "evidence"} <= set(c)
    assert isinstance(out["scores"], dict) and "abi" in out["scores"]
    assert {"recommended", "avoid", "tests", "treatments"} <= set(out["advice"])
    assert out["knowledge_version"].startswith("test+")
    assert out["disclaimer"]


def test_answers_from_stdin() -> None:
    result = run("assess", "--answers", "-", "--json", stdin=json.dumps(CASE))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "case-1"


def test_flags_override_the_file_findings(tmp_path: Path) -> None:
    path = write(tmp_path, "case.json", json.dumps(CASE))
    base = json.loads(run("assess", "--answers", path, "--json").stdout)
    flipped = run("assess", "--answers", path, "--no", "one_leg_swollen", "--id", "x", "--json")
    out = json.loads(flipped.stdout)
    assert out["id"] == "x"
    assert base["triage"]["level"] == "consultation_24"  # the fixture's swollen-leg rule
    assert out["triage"]["level"] != "consultation_24"


def test_quick_flags_alone_make_a_case() -> None:
    result = run(
        "assess",
        "--yes",
        "chest_pain_or_breathless",
        "--set",
        "ankle_brachial_index=0.6",
        "--age",
        "67",
        "--sex",
        "female",
        "--id",
        "q",
        "--json",
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["id"] == "q"
    assert out["triage"]["level"] == "emergency_ambulance"
    assert out["scores"]["abi"]["value"] == 0.6


def test_unsure_is_not_a_no() -> None:
    out = json.loads(run("assess", "--unsure", "chest_pain_or_breathless", "--json").stdout)
    assert "chest_pain_or_breathless" in out["triage"]["unanswered_red_flags"]


# --- batch --------------------------------------------------------------------------------------


def test_batch_echoes_ids_in_order_one_line_each(tmp_path: Path) -> None:
    ids = ["z", "a", "m", "b"]
    lines = [json.dumps({"id": i, "findings": {"one_leg_swollen": "present"}}) for i in ids]
    lines.insert(2, "   ")  # blank lines are skipped
    path = write(tmp_path, "cases.jsonl", "\n".join(lines) + "\n\n")
    result = run("assess", "--batch", path, "--json")
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert len(rows) == len(ids)
    assert [json.loads(r)["id"] for r in rows] == ids


def test_batch_for_people_prints_one_line_per_case(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"p{i}", "findings": {"muscle_knot_during_pain": "present"}})
        for i in range(3)
    ]
    result = run("assess", "--batch", write(tmp_path, "c.jsonl", "\n".join(lines)))
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert len(rows) == 3
    assert all(
        r.startswith(f"p{i}") and "Night leg cramps" in r and "%" in r for i, r in enumerate(rows)
    )


# --- bad input: one line on stderr, exit 2, nothing on stdout ------------------------------------


def assert_bad(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    err = result.stderr.strip()
    assert "\n" not in err, err
    assert err.startswith("legwise: error: ")
    for word in words:
        assert word in err, err
    assert result.stdout == ""
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ({"findings": {"foo": "present"}}, ["findings.foo", "unknown finding"]),
        ({"findings": {"one_leg_swollen": "yes"}}, ["findings.one_leg_swollen", "'yes'"]),
        ({"age": 400}, ["age", "out of range"]),
        ({"sex": "x"}, ["sex"]),
        ({"colour": "blue"}, ["colour", "unknown field"]),
    ],
)
def test_bad_case_names_the_field(
    tmp_path: Path, case: dict[str, object], words: list[str]
) -> None:
    path = write(tmp_path, "bad.json", json.dumps(case))
    assert_bad(run("assess", "--answers", path, "--json"), *words)
    assert_bad(run("assess", "--answers", path), *words)  # the human screen too


def test_malformed_json(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '{"age": }')
    assert_bad(run("assess", "--answers", path), "--answers", "invalid JSON at line 1 column 9")


def test_answers_must_be_one_object(tmp_path: Path) -> None:
    assert_bad(run("assess", "--answers", write(tmp_path, "l.json", "[]")), "--answers", "--batch")


def test_missing_file() -> None:
    assert_bad(run("assess", "--answers", "/no/such/file.json"), "--answers", "not found")
    assert_bad(run("assess", "--batch", "/no/such/file.jsonl"), "--batch", "not found")


def test_no_input() -> None:
    assert_bad(run("assess"), "no input", "--answers", "--batch")


def test_two_inputs(tmp_path: Path) -> None:
    a = write(tmp_path, "a.json", json.dumps(CASE))
    b = write(tmp_path, "b.jsonl", json.dumps(CASE))
    assert_bad(run("assess", "--answers", a, "--batch", b), "--batch", "not both")
    assert_bad(run("assess", "--batch", b, "--yes", "one_leg_swollen"), "--batch")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--set", "ankle_brachial_index=abc"], ["--set ankle_brachial_index", "number"]),
        (["--set", "ankle_brachial_index"], ["--set", "FINDING=NUMBER"]),
        (["--set", "ankle_brachial_index=9"], ["findings.ankle_brachial_index", "range"]),
        (["--yes", "foo"], ["findings.foo", "unknown finding"]),
        (["--age", "400"], ["age", "out of range"]),
        (["--age", "old"], ["age", "number"]),
        (["--sex", "robot"], ["sex"]),
        (["--yes", "one_leg_swollen", "--no", "one_leg_swollen"], ["--no", "one_leg_swollen"]),
    ],
)
def test_bad_flags(args: list[str], words: list[str]) -> None:
    assert_bad(run("assess", *args, "--json"), *words)


def test_bad_batch_line_writes_nothing(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "findings": {"one_leg_swollen": "present"}})
    bad = json.dumps({"id": "bad", "findings": {"foo": "present"}})
    path = write(tmp_path, "c.jsonl", "\n".join([good, "", good, bad, good]))
    assert_bad(run("assess", "--batch", path, "--json"), "line 4", "findings.foo")
    assert_bad(run("assess", "--batch", path), "line 4", "findings.foo")


def test_malformed_batch_line(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", json.dumps(CASE) + "\n{oops\n")
    assert_bad(run("assess", "--batch", path, "--json"), "line 2", "invalid JSON")


# --- the human screen ---------------------------------------------------------------------------


def test_screen_shows_level_causes_advice_and_sources() -> None:
    result = run(
        "assess",
        "--yes",
        "chest_pain_or_breathless",
        "--yes",
        "one_leg_swollen",
        "--yes",
        "muscle_knot_during_pain",  # cramps too: their care (with its newer evidence) shows
        "--set",
        "ankle_brachial_index=0.6",
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Call an ambulance now" in out  # the level's label
    panel = out.split("Likely causes")[0]
    # At an emergency the level's "now" is the one voice (as on the web's banner); the reason
    # is told in its plain words, and a rule's title is for the clinician's screen only.
    assert "Sit up and rest while you wait." not in panel
    assert "can mean a clot in the lung" in " ".join(panel.replace("│", " ").split())
    assert "Possible clot in the lung" not in out
    assert "Blood clot in a leg vein" in out and "%" in out and "█" in out
    assert "can be serious" in out
    assert "Get medical help now" in out  # urgent steps replace self-care
    assert "Do not stretch the calf for now" in out  # ...the clot puts stretching on avoid,
    assert "Calf stretches before bed" not in out  # worded as a thing not to do
    assert "Newer evidence:" in out
    assert "Why" in out and "points to it" in out and "(LR " not in out  # no ratios for a person
    assert "Sources" in out and "Smith A et al" in out
    assert "Test disclaimer" in out
    assert "one_leg_swollen" not in out and "deep_vein_thrombosis" not in out  # labels, not ids
    assert all(len(line) <= 100 for line in out.splitlines())


def test_screen_names_unanswered_warning_signs() -> None:
    out = run("assess", "--yes", "muscle_knot_during_pain").stdout
    assert "Night leg cramps" in out
    assert "Warning signs not answered" in out and "New chest pain or short of breath" in out


# --- knowledge, version, help ---------------------------------------------------------------------


def test_knowledge_summary_and_tables() -> None:
    result = run("knowledge")
    assert result.exit_code == 0, result.output
    assert "test+" in result.stdout and "conditions" in result.stdout
    result = run("knowledge", "findings")
    assert "one_leg_swollen" in result.stdout and "number 0-3" in result.stdout


@pytest.mark.parametrize("what", ["conditions", "findings", "rules", "advice", "scores", "sources"])
def test_knowledge_json_dumps_the_records(what: str) -> None:
    result = run("knowledge", what, "--json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert records and all("id" in r for r in records)


def test_knowledge_json_summary() -> None:
    out = json.loads(run("knowledge", "--json").stdout)
    assert out["counts"]["conditions"] == 2 and out["knowledge_version"].startswith("test+")


def test_unknown_knowledge_kind_is_a_usage_error() -> None:
    assert run("knowledge", "bogus").exit_code == 2


def test_broken_knowledge_dir_is_reported_without_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--knowledge", str(tmp_path), "knowledge"])
    assert result.exit_code == 1
    assert result.stderr.startswith("legwise: error: the knowledge base has")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_version() -> None:
    from legwise import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_no_arguments_prints_help() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert "assess" in result.stdout and "knowledge" in result.stdout


# --- the real console entry point -------------------------------------------------------------


def _module(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("LEGWISE_KNOWLEDGE", None)
    return subprocess.run(
        [sys.executable, "-m", "legwise", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_python_m_legwise_runs_the_app() -> None:
    proc = _module(
        "--knowledge", str(FIXTURE), "assess", "--answers", "-", "--json", stdin=json.dumps(CASE)
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "case-1"
    bad = _module("--knowledge", str(FIXTURE), "assess", "--yes", "foo")
    assert bad.returncode == 2
    assert bad.stderr.startswith("legwise: error: findings.foo") and bad.stdout == ""
    assert "Traceback" not in bad.stderr


def test_help_does_not_import_numpy_or_the_engine() -> None:
    code = (
        "import sys; sys.argv = ['legwise', '--help']\n"
        "from legwise.interfaces.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('numpy', 'legwise.engine', 'legwise.kb.loader')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in proc.stdout


# --- against the shipped knowledge ----------------------------------------------------------------


def test_shipped_kb_clot_with_breathlessness_calls_an_ambulance() -> None:
    result = runner.invoke(
        app, ["assess", "--yes", "one_leg_swollen", "--yes", "chest_pain_or_breathless", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["triage"]["level"] == "emergency_ambulance"


def test_shipped_kb_screen_uses_labels() -> None:
    result = runner.invoke(
        app, ["assess", "--yes", "one_leg_swollen", "--yes", "chest_pain_or_breathless"]
    )
    assert result.exit_code == 0, result.output
    assert "Call an ambulance now" in result.stdout
    assert "Blood clot in a leg vein" in result.stdout
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


def test_shipped_kb_batch_subprocess(tmp_path: Path) -> None:
    cases = [
        {"id": str(i), "age": 30 + i, "findings": {"one_leg_swollen": "present"}} for i in range(5)
    ]
    path = write(tmp_path, "c.jsonl", "\n".join(json.dumps(c) for c in cases))
    proc = _module("assess", "--batch", path, "--json")
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(r)["id"] for r in proc.stdout.splitlines()] == [c["id"] for c in cases]


# --- assess --fhir ------------------------------------------------------------------------------

FHIR_QR = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": "urn:legwise:questionnaire:legwise",
    "status": "completed",
    "item": [
        {"linkId": "age", "answer": [{"valueInteger": 58}]},
        {"linkId": "one_leg_swollen", "answer": [{"valueBoolean": True}]},
    ],
}


def test_assess_fhir_gives_the_same_result_as_answers(tmp_path: Path) -> None:
    qr = tmp_path / "qr.json"
    qr.write_text(json.dumps(FHIR_QR))
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"age": 58, "findings": {"one_leg_swollen": "present"}}))
    from_fhir = runner.invoke(app, ["assess", "--fhir", str(qr), "--json"])
    from_answers = runner.invoke(app, ["assess", "--answers", str(case), "--json"])
    assert from_fhir.exit_code == 0, from_fhir.output
    assert json.loads(from_fhir.output) == json.loads(from_answers.output)


def test_assess_fhir_out_prints_a_risk_assessment(tmp_path: Path) -> None:
    qr = tmp_path / "qr.json"
    qr.write_text(json.dumps(FHIR_QR))
    result = runner.invoke(app, ["assess", "--fhir", str(qr), "--fhir-out"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["resourceType"] == "RiskAssessment"
    assert body["prediction"][0]["probabilityDecimal"] > 0


def test_assess_fhir_bad_input_exits_2_naming_the_element(tmp_path: Path) -> None:
    qr = tmp_path / "qr.json"
    bad = {**FHIR_QR, "item": [{"linkId": "age", "answer": [{"valueInteger": 400}]}]}
    qr.write_text(json.dumps(bad))
    result = runner.invoke(app, ["assess", "--fhir", str(qr)])
    assert result.exit_code == 2
    assert "QuestionnaireResponse.item[0]" in result.output
