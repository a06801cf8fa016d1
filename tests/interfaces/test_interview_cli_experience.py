"""Issue 13 at the terminal, through a pseudo-terminal as a person would use it: an empty
tick list is refused, "Not sure" warning signs are asked one by one, the result ends with a
three-line summary, keys typed early are kept, an emergency in the person's own words comes
first, and the help and error messages read cleanly."""

from __future__ import annotations

import re
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


def _squash(text: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).replace("’", "'").split())


@pty_tests
def test_a_childs_interview_speaks_to_a_parent_and_asks_no_adult_items() -> None:
    """A parent at the terminal for a child of 8: warning-sign lists answered "Not sure" (so
    each sign is asked on its own too), everything else "no". Every help text and option
    label says "your" only as "your child", no adult help text is shown, and pregnancy, sexual
    function, alcohol, smoking and the ankle-brachial index are never asked or listed."""
    from legwise import load_knowledge

    kb = load_knowledge()
    s = Session("interview", plain=True)
    _about_you(s, "8", "Female")
    labels: list[str] = []
    for _ in range(MAX_QUESTIONS * 2):
        q = s.next_question()
        if q is None:
            break
        labels += list(q.options)
        if q.kind == "any_of" and q.option("Not sure"):
            s.tick(q.option("Not sure") or "")
        else:
            s.answer_no(q)
    assert s.wait_exit() == 0
    screen = _squash(s.text().split("Question 3", 1)[1])
    interview = screen.split("In short:")[0]
    assert "your child" in interview.lower()
    for label in labels:
        assert _speaks_to_a_parent(label), label
    asked = interview.split("legwise gives information")[0]
    helps = [(g.id, g.help, g.child_help) for g in kb.questions.values()]
    helps += [(f.id, f.help, f.child_help) for f in kb.findings.values()]
    assert any(child and _squash(child) in asked for _, _, child in helps), "no parent's help"
    for item_id, adult, child in helps:
        if adult and child:
            assert _squash(adult) not in screen, item_id
    for words in ("pregnan", "sexual", "alcohol", "drinking", "smok", "ankle-brachial"):
        assert words not in screen.lower(), words


def _speaks_to_a_parent(text: str) -> bool:
    low = text.lower().replace("’", "'")
    return re.search(r"\byour(s|self)?\b", re.sub(r"your child('s)?", "", low)) is None


def test_the_terminal_result_names_only_the_persons_own_risk_factor() -> None:
    """A woman who has just given birth, with a sore calf: the clot rule also fires for cancer
    and an earlier clot, but she reads only her own answer, and no rule title."""
    from legwise import load_knowledge

    rule = load_knowledge().rules["dvt_signs_with_high_risk"]
    out = _legwise(
        "assess",
        "--age",
        "31",
        "--sex",
        "female",
        "--yes",
        "calf_tenderness",
        "--yes",
        "pregnant_or_postpartum",
    )
    assert out.returncode == 0, out.stderr
    text = _squash(out.stdout)
    assert rule.patient_reason and _squash(rule.patient_reason) in text
    assert "In your answers: Pregnant or just gave birth" in text
    assert rule.title not in text and "cancer" not in text.lower()
    assert "within a few hours" not in text.split("Likely causes")[0]  # "go now" is one voice


def test_the_terminal_avoid_list_reads_as_things_to_avoid() -> None:
    out = _legwise(
        "assess",
        "--age",
        "60",
        "--sex",
        "male",
        "--yes",
        "one_leg_swollen",
        "--yes",
        "calf_tenderness",
    )
    assert out.returncode == 0, out.stderr
    avoid = _squash(out.stdout.split("What to avoid")[1].split("What a doctor may do")[0])
    items = re.findall(r"• ([^:]+):", avoid)
    assert "Do not rub or massage the leg" in items and "Gentle leg massage" not in avoid
    for item in items:
        assert re.search(r"^(Do not|Avoid|Never)\b|\bnot\b", item), item


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "a single": 1}


@pty_tests
def test_the_ambulance_check_promises_no_fewer_questions_than_it_asks() -> None:
    """A pale, cold leg: the screen says to get help now and that questions follow to decide on
    an ambulance. It must not say "one quick question" and then ask three."""
    s = Session("interview", plain=True)
    _about_you(s, "70", "Male")
    q = s.next_question()
    assert q is not None and q.kind == "any_of", q
    num = q.option("Leg pale, blue or cold")
    assert num, q
    s.tick(num)
    s.expect("check whether you need an ambulance")
    alert = _squash(s.text()[-600:])
    asked = 0
    for _ in range(MAX_QUESTIONS):
        nxt = s.next_question()
        if nxt is None:
            break
        asked += 1
        s.answer_no(nxt)
    assert s.wait_exit() == 0
    assert asked >= 1
    said = re.search(r"\b(one|two|three|a single) (quick )?questions?\b", alert.lower())
    if said:
        assert NUMBER_WORDS[said.group(1)] >= asked, (said.group(0), asked)
