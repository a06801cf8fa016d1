"""`legwise assess --text`, `--batch` with text, and `legwise parse`, end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from legwise.interfaces.cli.app import app

FIXTURE = Path(__file__).parent / "kb_text"  # the CLI fixture base with a few phrases
runner = CliRunner()


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--knowledge", str(FIXTURE), *args], input=stdin)


def test_assess_text_json_findings_come_from_text() -> None:
    out = run("assess", "--json", "--text", "I'm 70. My left leg is swollen, no chest pain.")
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    assert result["from_text"]["findings"] == {
        "one_leg_swollen": "present",
        "chest_pain_or_breathless": "absent",
    }
    assert result["from_text"]["age"] == 70
    assert any(r["rule"] == "one_leg_swollen" for r in result["triage"]["reasons"]) or result[
        "triage"
    ]["level"] in ("consultation_24", "emergency", "emergency_ambulance")


def test_flags_override_text() -> None:
    swollen = run("assess", "--json", "--text", "my leg is swollen")
    overridden = run("assess", "--json", "--text", "my leg is swollen", "--no", "one_leg_swollen")
    assert swollen.exit_code == overridden.exit_code == 0
    assert json.loads(swollen.stdout)["triage"] != json.loads(overridden.stdout)["triage"]


def test_text_from_stdin() -> None:
    out = run("assess", "--json", "--text", "-", stdin="Swollen calf since yesterday")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["from_text"]["findings"]["one_leg_swollen"] == "present"


def test_batch_lines_with_text(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    lines = [
        {"id": "t", "text": "my leg is swollen"},
        {"id": "s", "findings": {"one_leg_swollen": "present"}},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = run("assess", "--json", "--batch", str(path))
    assert out.exit_code == 0, out.output
    a, b = (json.loads(x) for x in out.stdout.splitlines())
    assert (a["id"], b["id"]) == ("t", "s")
    assert a["triage"]["level"] == b["triage"]["level"]


def test_batch_line_with_nothing_recognised_needs_answers(tmp_path: Path) -> None:
    # Issue 12: the line gets a needs_answers result with the questions; the batch goes on.
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "a", "text": "swollen"}\n{"id": "b", "text": "hi"}\n')
    out = run("assess", "--json", "--batch", str(path))
    assert out.exit_code == 0, out.output
    a, b = (json.loads(x) for x in out.stdout.splitlines())
    assert a["triage"]["level"] and "status" not in a
    assert (b["id"], b["status"]) == ("b", "needs_answers") and "legwise interview" in b["message"]
    assert [q["id"] for q in b["questions"]][:2] == ["age", "sex"]
    assert "chest_pain_or_breathless" in b["unanswered_warning_signs"]
    human = run("assess", "--batch", str(path))
    assert human.exit_code == 0 and "b  needs answers" in human.stdout


def test_batch_still_fails_on_a_malformed_line_after_an_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "b", "text": "hi"}\n{"id": "c", "text": "hi", "age": "old"}\n')
    out = run("assess", "--json", "--batch", str(path))
    assert out.exit_code == 2 and out.stdout == ""
    assert "line 2: age" in out.stderr


def test_parse_json() -> None:
    out = run("parse", "--json", "--text", "No chest pain. ABI 0.6, 67M")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["findings"] == {"chest_pain_or_breathless": "absent", "ankle_brachial_index": 0.6}
    assert (data["age"], data["sex"], data["recognised"]) == (67, "male", True)
    assert data["items"][0]["text"] == "chest pain"


def test_parse_says_which_warning_signs_the_text_left_open() -> None:
    def shipped(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args))

    out = shipped("parse", "--json", "--text", "My left leg is swollen. No chest pain, no fever.")
    data = json.loads(out.stdout)
    open_ = data["unanswered_warning_signs"]
    assert "chest_pain_or_breathless" not in open_ and "fever_or_chills" not in open_
    assert "one_leg_swollen" not in open_ and "coughing_blood" in open_
    asked = [f for q in data["warning_questions"] for f in q["findings"]]
    assert asked == open_  # each open sign once, in the order the questions ask them
    human = shipped("parse", "--text", "My left leg is swollen. No chest pain, no fever.")
    assert "did not answer" in human.stdout and "Coughing up blood" in human.stdout


def test_parse_human() -> None:
    out = run("parse", "--text", "my leg is swollen")
    assert out.exit_code == 0
    assert 'One leg swollen: yes  "leg is swollen"' in out.stdout


def test_parse_human_says_a_finding_once_with_every_quote() -> None:
    # Said twice in different words: one line, both quotes, not two lines of the same answer.
    out = run("parse", "--text", "My leg is swollen. The calf looks puffy too, really swollen.")
    assert out.exit_code == 0, out.output
    lines = [ln for ln in out.stdout.splitlines() if ln.strip().startswith("One leg swollen")]
    assert len(lines) == 1, out.stdout


def test_nothing_recognised_suggests_interview() -> None:
    for args in (("assess", "--text", "hello there"), ("parse", "--json", "--text", "hi")):
        out = run(*args)
        assert out.exit_code == 2 and out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "legwise interview" in lines[0]


def test_too_long_text() -> None:
    out = run("assess", "--json", "--text", "swollen " * 3000)
    assert out.exit_code == 2 and out.stdout == ""
    assert "at most 20,000 characters" in out.stderr


def test_empty_text() -> None:
    out = run("assess", "--text", "  ")
    assert out.exit_code == 2 and "--text" in out.stderr


def _modules_after(*argv: str) -> set[str]:
    code = (
        "import sys\n"
        "from legwise.interfaces.cli.app import main\n"
        f"sys.argv = ['legwise', *{list(argv)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "COLUMNS": "100"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return set(proc.stderr.split())


def test_help_and_structured_assess_do_not_import_spacy(tmp_path: Path) -> None:
    assert not {"spacy", "medspacy"} & _modules_after("--help")
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"age": 70, "findings": {"one_leg_swollen": "present"}}))
    loaded = _modules_after("--knowledge", str(FIXTURE), "assess", "--json", "--answers", str(case))
    assert "legwise.engine.assess" in loaded
    assert not {"spacy", "medspacy", "legwise.intake.text"} & loaded
