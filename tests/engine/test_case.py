"""Parsing a case: every bad input names its field; unknown answers stay unknown."""

from __future__ import annotations

from typing import Any

import pytest

from legwise.engine.case import parse_case
from legwise.errors import InputError
from legwise.kb.loader import Knowledge


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"findings": {"no_such_finding": "present"}}, "findings.no_such_finding"),
        ({"findings": {"one_leg_swollen": "yes"}}, "findings.one_leg_swollen"),
        ({"findings": {"one_leg_swollen": True}}, "findings.one_leg_swollen"),
        ({"age": 400}, "age"),
        ({"age": -1}, "age"),
        ({"age": "old"}, "age"),
        ({"sex": "robot"}, "sex"),
        ({"findings": {"ankle_brachial_index": 9}}, "findings.ankle_brachial_index"),
        ({"findings": {"pain_score": "bad"}}, "findings.pain_score"),
        ({"findings": ["one_leg_swollen"]}, "findings"),
        ({"nonsense": 1}, "nonsense"),
        ({"age": 50, "findings": {"age": 60}}, "findings.age"),
        ([], "case"),
    ],
)
def test_bad_input_names_the_field(kb: Knowledge, case: Any, field: str) -> None:
    with pytest.raises(InputError) as info:
        parse_case(kb, case)
    assert info.value.field == field


def test_unknown_is_not_stored_as_an_answer(kb: Knowledge) -> None:
    case = parse_case(kb, {"findings": {"fever_or_chills": "unknown", "leg_red": "absent"}})
    assert "fever_or_chills" not in case.states
    assert case.states["leg_red"] == -1
    assert "fever_or_chills" in case.asked
    assert case.to_dict()["findings"]["fever_or_chills"] == "unknown"


def test_a_number_answers_the_yes_no_finding_it_implies(kb: Knowledge) -> None:
    assert parse_case(kb, {"findings": {"pain_score": 8}}).state("severe_pain") == "present"
    assert parse_case(kb, {"findings": {"pain_score": 3}}).state("severe_pain") == "absent"
    direct = {"findings": {"pain_score": 8, "severe_pain": "absent"}}
    assert parse_case(kb, direct).state("severe_pain") == "absent"


def test_age_and_sex_may_come_at_the_top_or_inside_findings(kb: Knowledge) -> None:
    a = parse_case(kb, {"age": 70, "sex": "male"})
    b = parse_case(kb, {"findings": {"age": 70, "sex": "male"}})
    assert (a.age, a.sex) == (b.age, b.sex) == (70.0, "male")
    assert a.numbers["age"] == 70.0
