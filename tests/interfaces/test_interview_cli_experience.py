"""Issue 13 at the terminal, through a pseudo-terminal as a person would use it: an empty
tick list is refused, "Not sure" warning signs are asked one by one, the result ends with a
three-line summary, keys typed early are kept, an emergency in the person's own words comes
first, and the help and error messages read cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.interfaces.interview_driver import Session

MAX_QUESTIONS = 80
pty_tests = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def _about_you(s: Session, age: str = "50", sex: str = "Male") -> None:
    q = s.next_question()
    assert q is not None and q.kind == "number", q
    s.type(age)
    q = s.next_question()
    assert q is not None and q.kind == "select", q
    num = q.option(sex)
    assert num, q
    s.choose(num)


def _finish(s: Session) -> int:
    for _ in range(MAX_QUESTIONS):
        q = s.next_question()
        if q is None:
            return s.wait_exit()
        s.answer_no(q)
    raise AssertionError(f"more than {MAX_QUESTIONS} questions; screen:\n{s.text()[-2000:]}")


@pty_tests
def test_enter_with_nothing_ticked_is_refused_not_read_as_the_highlighted_row() -> None:
    s = Session("interview")
    _about_you(s)
    q = s.next_question()
    assert q is not None and q.kind == "any_of", q
    s._keys("\r")  # Enter, nothing ticked, the cursor on the first warning sign
    s.expect("Nothing is ticked")
    assert f"Question {q.number + 1}" not in s.text()  # still on the same list
    num = q.option("None of these")
    assert num
    s.tick(num)
    nxt = s.next_question()
    assert nxt is not None and nxt.number == q.number + 1
    s.ctrl_c()
    assert s.wait_exit() == 130


@pty_tests
@pytest.mark.parametrize("plain", [False, True], ids=["menus", "plain"])
def test_not_sure_on_a_warning_sign_list_asks_each_sign_and_ends_with_a_summary(
    plain: bool,
) -> None:
    s = Session("interview", plain=plain)
    _about_you(s)
    q = s.next_question()
    assert q is not None and q.kind == "any_of", q
    listed = [label for label in q.options if label not in ("None of these", "Not sure")]
    num = q.option("Not sure")
    assert num
    s.tick(num)
    for n in range(len(listed)):
        one = s.next_question()
        assert one is not None and one.kind == "select", one
        assert set(one.options) == {"Yes", "No", "Not sure"}  # yes / no / not sure each
        pick = one.option("Not sure" if n == 0 else "No")
        assert pick
        s.choose(pick)
    assert _finish(s) == 0
    text = s.text()
    assert "Warning signs you were not sure about" in text
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    tail = " ".join(lines[-4:])
    assert "In short:" in tail and "What to do:" in tail and "Most likely:" in tail
    assert " in 10" in tail or " in 100" in tail  # natural frequencies


@pty_tests
@pytest.mark.parametrize("plain", [False, True], ids=["menus", "plain"])
def test_keys_typed_before_the_first_question_are_kept(plain: bool) -> None:
    s = Session("interview", plain=plain)
    s.child.send("45\r")  # typed while legwise is still starting
    first = s.next_question()
    assert first is not None and first.number == 1
    second = s.next_question()
    assert second is not None and second.number == 2, s.text()[-1000:]
    s.ctrl_c()
    assert s.wait_exit() == 130


@pty_tests
def test_an_emergency_in_the_persons_words_comes_before_any_question() -> None:
    s = Session(
        "interview",
        "--text",
        "My calf is swollen and I have chest pain and cannot breathe.",
        plain=True,
    )
    assert s.wait_exit() == 0
    text = s.text()
    assert "Question 1" not in text  # not held behind age and sex
    assert "ambulance" in text.lower()
    assert "In short:" in text


def _legwise(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legwise", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )


def test_help_shows_flags_without_a_value_type() -> None:
    for args in (["--help"], ["assess", "--help"], ["interview", "--help"]):
        out = _legwise(*args)
        assert out.returncode == 0, out.stderr
        assert "<bool>" not in out.stdout
        assert "--version" in out.stdout or args != ["--help"]


def test_an_unknown_finding_id_suggests_the_nearest_ids() -> None:
    out = _legwise("assess", "--yes", "calf_tendernes")
    assert out.returncode == 2
    assert "did you mean calf_tenderness" in out.stderr
    assert "Traceback" not in out.stderr


@pty_tests
def test_words_without_warning_signs_are_followed_by_the_warning_sign_questions() -> None:
    from legwise import load_knowledge

    kb = load_knowledge()
    screens = {g.text for g in kb.questions.values() if g.phase == "screen"}
    s = Session(
        "interview",
        "--text",
        "I am a 45 year old man and I get painful calf cramps at night that wake me.",
        plain=True,
    )
    s.expect("From your words we noted")
    q = s.next_question()
    assert q is not None and q.number == 1 and q.text in screens, q  # age and sex came from it
    s.ctrl_c()
    assert s.wait_exit() == 130


def test_assess_ends_with_the_three_line_summary() -> None:
    out = _legwise("assess", "--yes", "brief_cramp_episodes", "--yes", "pain_at_night")
    assert out.returncode == 0, out.stderr
    tail = " ".join(out.stdout.strip().splitlines()[-6:])
    assert "In short:" in tail and "What to do:" in tail and "Most likely:" in tail
    assert tail.index("In short:") < tail.index("What to do:") < tail.index("Most likely:")


@pty_tests
def test_the_interview_ends_with_anything_else_and_reads_it() -> None:
    s = Session("interview", plain=True)
    _about_you(s, "45", "Male")
    for _ in range(MAX_QUESTIONS):
        q = s.next_question(anything_else="I have started limping.")
        if q is None:
            break
        s.answer_no(q)
    assert s.wait_exit() == 0
    text = s.text()
    assert "Is there anything else you want to tell us?" in text
    assert "We noted:" in text and "limp" in text.split("We noted:")[1].lower()
    assert text.index("We noted:") < text.index("In short:")
