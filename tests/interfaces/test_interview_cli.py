"""`legwise interview`: answers into the case, Back, and whole interviews in a pseudo-terminal.

The terminal tests answer by option label and only rely on age then sex coming first, so they
hold while the question data and the clinical numbers change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from legwise.interfaces.answers import (
    BACK,
    AnswerError,
    Back,
    apply_answer,
    read_any_of,
    read_choice,
    read_number,
)
from legwise.interfaces.cli.terminal_interview import Interview, save_atomically
from tests.interfaces.interview_driver import Question, Session

MAX_QUESTIONS = 40
AGE = {"id": "age", "kind": "number", "findings": ["age"], "options": [], "min": 0, "max": 120}
SEX = {
    "id": "sex",
    "kind": "choice",
    "findings": ["sex"],
    "options": [
        {"value": "female", "label": "Female"},
        {"value": "male", "label": "Male"},
        {"value": "unknown", "label": "Prefer not to say"},
    ],
}
GROUP = {
    "id": "group",
    "kind": "any_of",
    "findings": ["a", "b", "c"],
    "options": [
        {"value": "a", "label": "Alpha"},
        {"value": "b", "label": "Beta"},
        {"value": "c", "label": "Gamma"},
        {"value": "none", "label": "None of these"},
        {"value": "unknown", "label": "Not sure"},
    ],
}
SINGLE = {
    "id": "x",
    "kind": "single",
    "findings": ["x"],
    "options": [
        {"value": "present", "label": "Yes"},
        {"value": "absent", "label": "No"},
        {"value": "unknown", "label": "Not sure"},
    ],
}


# --- answers into the case ------------------------------------------------------------------------


def test_any_of_ticks_present_the_rest_absent() -> None:
    case = apply_answer({"findings": {}}, GROUP, ("b",))
    assert case["findings"] == {"a": "absent", "b": "present", "c": "absent"}
    assert apply_answer(case, GROUP, ("none",))["findings"] == dict.fromkeys("abc", "absent")
    assert apply_answer(case, GROUP, ("unknown",))["findings"] == dict.fromkeys("abc", "unknown")
    assert case["findings"]["b"] == "present"  # the input case is never changed


def test_age_and_sex_go_to_the_case_fields_and_not_sure_counts_as_asked() -> None:
    case = apply_answer(apply_answer({"findings": {}}, AGE, 67), SEX, "female")
    assert case == {"age": 67, "sex": "female", "findings": {}}
    unsure = apply_answer(apply_answer({"findings": {}}, AGE, "unknown"), SEX, "unknown")
    assert unsure == {"findings": {"age": "unknown", "sex": "unknown"}}


def test_single_answer() -> None:
    assert apply_answer({"findings": {}}, SINGLE, "absent")["findings"] == {"x": "absent"}


@pytest.mark.parametrize(
    ("text", "expected"), [("67", 67), (" 7.5 ", 7.5), ("?", "unknown"), ("Not sure", "unknown")]
)
def test_read_number(text: str, expected: Any) -> None:
    assert read_number(text, AGE, can_go_back=True) == expected


@pytest.mark.parametrize(("text", "words"), [("400", "out of range"), ("old", "number")])
def test_read_number_rejects_with_a_clear_message(text: str, words: str) -> None:
    with pytest.raises(AnswerError, match=words):
        read_number(text, AGE, can_go_back=True)


def test_back_is_refused_on_the_first_question() -> None:
    assert read_number("b", AGE, can_go_back=True) is BACK
    with pytest.raises(AnswerError, match="first question"):
        read_number("b", AGE, can_go_back=False)


def test_typed_choices() -> None:
    assert read_choice("2", SINGLE, True) == "absent"
    assert read_choice("yes", SINGLE, True) == "present"
    assert read_choice("?", SINGLE, True) == "unknown"
    assert read_choice("?", SEX, True) == "unknown"
    with pytest.raises(AnswerError):
        read_choice("n", SINGLE, True)  # "No" or "Not sure"?
    with pytest.raises(AnswerError):
        read_choice("9", SINGLE, True)


def test_typed_any_of_keeps_none_and_not_sure_alone() -> None:
    assert read_any_of("1, 3", GROUP, True) == ("a", "c")
    assert read_any_of("none", GROUP, True) == ("none",)
    assert read_any_of("not sure", GROUP, True) == ("unknown",)
    with pytest.raises(AnswerError, match="cannot be ticked with other"):
        read_any_of("1 4", GROUP, True)


# --- the loop and Back ----------------------------------------------------------------------------


class Scripted:
    """A prompter that gives scripted answers and records what it was asked."""

    def __init__(self, answers: list[Any]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, Any]] = []

    def ask(self, question: dict[str, Any], can_go_back: bool, previous: Any) -> Any | Back:
        self.asked.append((question["id"], previous))
        return self.answers.pop(0)


def _stepper(case: dict[str, Any]) -> dict[str, Any]:
    """age, sex, the group, then done."""
    if "age" not in case and "age" not in case["findings"]:
        return {"done": False, "question": AGE}
    if "sex" not in case and "sex" not in case["findings"]:
        return {"done": False, "question": SEX}
    if "a" not in case["findings"]:
        return {"done": False, "question": GROUP}
    return {"done": True, "reason_code": "exhausted"}


def test_back_undoes_exactly_the_last_answer_and_reasks_it() -> None:
    prompter = Scripted([70, "male", BACK, BACK, 55, "female", ("a",)])
    interview = Interview(_stepper)
    done = interview.run(prompter, lambda q, n: None)
    assert done["done"]
    assert [q for q, _ in prompter.asked] == ["age", "sex", "group", "sex", "age", "sex", "group"]
    assert prompter.asked[3] == ("sex", "male")  # re-asked with the answer it had
    assert interview.case == {
        "age": 55,
        "sex": "female",
        "findings": {"a": "present", "b": "absent", "c": "absent"},
    }


def test_save_is_atomic_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    save_atomically(path, {"case": {"findings": {}}, "result": {}})
    save_atomically(path, {"case": {"findings": {"x": "absent"}}, "result": {}})
    assert json.loads(path.read_text())["case"]["findings"] == {"x": "absent"}
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


# --- whole interviews in a pseudo-terminal --------------------------------------------------------


def _about_you(s: Session, age: str = "67", sex: str = "Male") -> None:
    q = s.next_question()
    assert q is not None and q.number == 1 and q.kind == "number", q
    s.type(age)
    q = s.next_question()
    assert q is not None and q.number == 2 and q.kind == "select", q
    num = q.option(sex)
    assert num, q
    s.choose(num)


def _answer_no_to_the_end(s: Session) -> int:
    for _ in range(MAX_QUESTIONS):
        q = s.next_question()
        if q is None:
            return s.wait_exit()
        s.answer_no(q)
    raise AssertionError(f"more than {MAX_QUESTIONS} questions; screen:\n{s.text()[-2000:]}")


def _assert_assessment_screen(text: str) -> None:
    assert "Likely causes" in text
    assert "Why" in text
    assert "Traceback" not in text


pty_tests = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


@pty_tests
@pytest.mark.parametrize("plain", [False, True], ids=["menus", "plain"])
def test_full_interview_ends_with_the_assessment(plain: bool) -> None:
    s = Session("interview", plain=plain)
    s.expect("does not replace a doctor")
    _about_you(s)
    assert _answer_no_to_the_end(s) == 0
    _assert_assessment_screen(s.text())


@pty_tests
@pytest.mark.parametrize("plain", [False, True], ids=["menus", "plain"])
def test_a_warning_sign_stops_at_once_with_the_ambulance_message(plain: bool) -> None:
    s = Session("interview", plain=plain)
    _about_you(s, "50", "Female")
    for _ in range(MAX_QUESTIONS):
        q = s.next_question()
        assert q is not None, "ended before asking about chest pain"
        chest = "chest" in q.text.lower() or q.option("chest")
        if not chest:
            s.answer_no(q)
            continue
        if q.kind == "any_of":
            num = q.option("chest")
            assert num
            s.tick(num)
        else:
            num = q.option("Yes")
            assert num
            s.choose(num)
        break
    else:
        raise AssertionError("never asked about chest pain")
    assert s.wait_exit() == 0
    after = s.text()[s.pos :]
    assert "Question" not in after  # stopped at once
    assert "ambulance" in after.lower()
    assert after.lower().index("ambulance") < after.index("Likely causes")  # what to do first
    _assert_assessment_screen(after)


@pty_tests
@pytest.mark.parametrize("plain", [False, True], ids=["menus", "plain"])
def test_back_reasks_the_previous_question(plain: bool) -> None:
    s = Session("interview", plain=plain)
    _about_you(s, "67", "Male")
    third = s.next_question()
    assert third is not None and third.number == 3
    s.back(third.kind)
    again = s.next_question()
    assert again is not None and again.number == 2 and again.text == "What is your sex?", again
    s.back(again.kind)
    first = s.next_question()
    assert first is not None and first.number == 1 and first.kind == "number"
    s.ctrl_c()
    assert s.wait_exit() == 130


@pty_tests
@pytest.mark.parametrize("plain", [False, True], ids=["menus", "plain"])
def test_ctrl_c_leaves_cleanly(plain: bool) -> None:
    s = Session("interview", plain=plain)
    q = s.next_question()
    assert isinstance(q, Question)
    s.type("40")
    assert s.next_question() is not None  # at the sex menu
    s.ctrl_c()
    assert s.wait_exit() == 130
    text = s.text()
    assert "Stopped. Nothing was saved." in text
    assert "Traceback" not in text and "Aborted" not in text


@pty_tests
def test_out_of_range_number_is_refused_and_reasked() -> None:
    s = Session("interview", plain=True)
    s.next_question()
    s.type("400")
    s.expect("out of range")
    s.type("40")
    q = s.next_question()
    assert q is not None and q.number == 2
    s.ctrl_c()
    assert s.wait_exit() == 130


@pty_tests
def test_save_writes_the_case_and_its_result(tmp_path: Path) -> None:
    import legwise

    path = tmp_path / "interview.json"
    s = Session("interview", "--save", str(path))
    _about_you(s, "72", "Female")
    assert _answer_no_to_the_end(s) == 0
    assert "Saved your answers" in s.text()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert set(saved) == {"case", "result"}
    assert saved["case"]["age"] == 72 and saved["case"]["sex"] == "female"
    assert saved["case"]["findings"]
    again = legwise.assess(saved["case"]).to_dict()
    assert saved["result"]["triage"]["level"] == again["triage"]["level"]
    assert [p.name for p in tmp_path.iterdir()] == ["interview.json"]


@pty_tests
def test_legwise_alone_at_a_terminal_starts_the_interview() -> None:
    s = Session()
    s.expect("does not replace a doctor")
    assert s.next_question() is not None
    s.ctrl_c()
    assert s.wait_exit() == 130


# --- scripted through a pipe (typed answers, JSON out) -------------------------------------


def _piped(*args: str, lines: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TERM": "dumb"}
    env.pop("LEGWISE_KNOWLEDGE", None)
    return subprocess.run(
        [sys.executable, "-m", "legwise", "interview", *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_piped_not_sure_to_everything_prints_json(audience: str) -> None:
    # "Not sure" on a warning-sign list asks each of its signs again, one by one
    proc = _piped("--json", "--audience", audience, lines=["?"] * (3 * MAX_QUESTIONS))
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)  # stdout holds only the JSON; the questions went to stderr
    assert result["triage"]["level"] and result["conditions"]
    assert "Question 1" in proc.stderr


def test_end_of_input_stops_without_saving(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    proc = _piped("--save", str(path), lines=["60"])
    assert proc.returncode == 130
    assert "Stopped. Nothing was saved." in proc.stdout
    assert not path.exists()


def test_save_to_a_missing_folder_fails_before_asking(tmp_path: Path) -> None:
    proc = _piped("--save", str(tmp_path / "no" / "out.json"), lines=[])
    assert proc.returncode == 2
    assert proc.stderr.startswith("legwise: error: --save") and "folder not found" in proc.stderr
    assert "Question" not in proc.stdout
