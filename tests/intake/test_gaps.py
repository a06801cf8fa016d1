"""Warning signs free text leaves unanswered (issue 12 item 3): the library's side."""

from __future__ import annotations

from legwise.intake.gaps import needs_answers, warning_gaps
from legwise.intake.text import extract
from legwise.kb.loader import Knowledge


def test_a_said_no_is_answered_and_an_unsaid_sign_is_open(kb_text: Knowledge) -> None:
    res = extract("My leg is swollen. No chest pain.", kb_text)
    assert res.gaps is not None
    assert "chest_pain_or_breathless" not in res.unanswered_warning_signs
    assert "one_leg_swollen" not in res.unanswered_warning_signs
    assert "coughing_blood" in res.unanswered_warning_signs
    assert res.to_dict()["unanswered_warning_signs"] == list(res.unanswered_warning_signs)


def test_questions_come_in_the_interviews_order_screens_first(kb: Knowledge) -> None:
    gaps = warning_gaps(kb, {"findings": {"pain_at_night": "present"}, "age": 60, "sex": "male"})
    phases = [q.id for q in gaps.questions]
    groups = sorted(kb.questions.values(), key=lambda g: g.order)
    screens = [g.id for g in groups if g.phase == "screen"]
    assert phases[: len(screens)] == screens
    assert "pregnant_or_postpartum" not in gaps.findings  # cannot apply to a man


def test_an_emergency_read_from_text_says_so(kb: Knowledge) -> None:
    res = extract(
        "My calf is swollen and now I am short of breath with chest pain and coughing blood.", kb
    )
    assert res.gaps is not None and res.gaps.level == "emergency_ambulance"


def test_needs_answers_asks_age_sex_then_warning_signs(kb: Knowledge) -> None:
    line = needs_answers(kb, {"id": 3, "text": "hello"})
    assert line["id"] == "3" and line["status"] == "needs_answers"
    ids = [q["id"] for q in line["questions"]]
    assert ids[:2] == ["age", "sex"]
    assert "saddle_numbness" in line["unanswered_warning_signs"]
