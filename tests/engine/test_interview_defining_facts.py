"""The interview asks the facts that define the likely cause before it stops (issue 13):
pregnancy for a woman of child-bearing age with a swollen or painful leg, the evening pattern
and family history for restless legs, smoking before "stop smoking" advice. The policy is
knowledge data (`interview.before_stopping` in meta.yaml), so these walk the real stepper."""

from __future__ import annotations

from typing import Any

import pytest

from legwise.engine.question_choice import next_step
from legwise.interfaces.answers import apply_answer
from legwise.kb.loader import Knowledge


def _walk(kb: Knowledge, age: int, sex: str, yes: set[str]) -> tuple[list[str], dict[str, Any]]:
    """Answer like a person: yes to `yes`, no to the rest; the findings asked, in order."""
    case: dict[str, Any] = {"age": age, "sex": sex, "findings": {}}
    asked: list[str] = []
    for _ in range(80):
        step = next_step(case, kb=kb).to_dict()
        if step["done"]:
            return asked, step
        q = step["question"]
        asked.extend(q["findings"])
        if q["kind"] == "any_of":
            ticked = tuple(f for f in q["findings"] if f in yes) or ("none",)
            case = apply_answer(case, q, ticked)
        elif q["kind"] == "number":
            case = apply_answer(case, q, "unknown")
        else:
            case = apply_answer(case, q, "present" if q["findings"][0] in yes else "absent")
    raise AssertionError("the interview never stopped")


RLS = {"urge_to_move_legs", "crawling_sensation", "worse_when_resting", "relieved_by_movement"}
PAD = {"relieved_by_dangling_leg", "foot_pain_worse_elevated", "diabetes"}


def test_suspected_restless_legs_asks_the_evening_pattern_and_family_history(
    kb: Knowledge,
) -> None:
    asked, step = _walk(kb, 52, "female", RLS)
    assert step["reason_code"] != "emergency"
    for fact in ("worse_evening_or_night", "family_history_rls", "smoker"):
        assert fact in asked, (fact, asked)


def test_suspected_artery_disease_asks_about_smoking_before_stop_smoking_advice(
    kb: Knowledge,
) -> None:
    asked, _ = _walk(kb, 65, "male", PAD)
    assert "smoker" in asked, asked


def test_a_painful_calf_in_a_woman_of_child_bearing_age_asks_about_pregnancy(
    kb: Knowledge,
) -> None:
    asked, step = _walk(kb, 30, "female", {"calf_tenderness", "pain_at_night"})
    if step["reason_code"] != "emergency":
        assert "pregnant_or_postpartum" in asked, asked


@pytest.mark.parametrize(("age", "sex"), [(70, "female"), (30, "male"), (9, "female")])
def test_pregnancy_is_never_asked_where_it_cannot_apply(kb: Knowledge, age: int, sex: str) -> None:
    asked, _ = _walk(kb, age, sex, {"calf_tenderness", "pain_at_night"})
    assert "pregnant_or_postpartum" not in asked


def test_every_fact_asked_before_stopping_is_a_known_finding(kb: Knowledge) -> None:
    settings = kb.meta.interview
    assert settings is not None and settings.before_stopping
    for item in settings.before_stopping:
        for fid in item.ask:
            assert fid in kb.findings, fid
        for fid in item.when.positive_findings():
            assert fid in kb.findings, fid
