"""The adaptive interview's stepper (legwise.engine.question_choice.next_step).

The stepper is stateless: the case holds every answer so far, "not sure" included. These
tests pin its contract, not its tuning: the order of the first questions, stopping for an
emergency, "not sure" counting as an answer, determinism, the to_dict shape, applicability
(sex, age) and the input errors.
"""

from __future__ import annotations

from typing import Any

import pytest

from legwise.engine.question_choice import Step, catalogue, next_step
from legwise.errors import InputError
from legwise.interview import next_question
from legwise.kb.loader import Knowledge

KINDS = {"single", "any_of", "number", "choice"}
LOOP_CAP = 100


def _answer(step: Step, case: dict[str, Any], value: str) -> None:
    """Answer every finding of the step's question with `value`; a number question gets its
    lowest value (age 40), a choice question "unknown" unless `value` is one of its options."""
    q = step.question
    assert q is not None
    for fid in q.findings:
        if q.kind == "number" and value != "unknown":
            case["findings"][fid] = 40 if fid == "age" else (q.min if q.min is not None else 0)
        elif q.kind == "choice" and value not in {o.value for o in q.options}:
            case["findings"][fid] = "unknown"
        else:
            case["findings"][fid] = value


def _walk(
    kb: Knowledge,
    start: dict[str, Any],
    value: str,
    audience: str = "patient",
) -> tuple[list[Step], Step]:
    """A whole interview answering `value` to everything after the given start."""
    case: dict[str, Any] = {**start, "findings": dict(start.get("findings", {}))}
    steps: list[Step] = []
    for _ in range(LOOP_CAP):
        step = next_step(case, audience=audience, kb=kb)
        if step.done:
            return steps, step
        steps.append(step)
        _answer(step, case, value)
    pytest.fail(f"interview did not finish within {LOOP_CAP} steps")


def test_first_question_is_age_then_sex(kb: Knowledge) -> None:
    first = next_step({"findings": {}}, kb=kb)
    assert not first.done and first.question is not None
    assert first.question.id == "age"
    assert first.question.kind == "number"
    second = next_step({"findings": {"age": 40}}, kb=kb)
    assert second.question is not None and second.question.id == "sex"
    assert second.question.kind == "choice"
    # "not sure" about age still moves on to sex
    unsure = next_step({"findings": {"age": "unknown"}}, kb=kb)
    assert unsure.question is not None and unsure.question.id == "sex"


def test_library_wrapper_starts_with_age(kb: Knowledge) -> None:
    step = next_question({"findings": {}}, kb=kb)
    assert step.to_dict()["question"]["id"] == "age"


def test_emergency_answer_ends_the_interview(kb: Knowledge) -> None:
    case = {
        "age": 60,
        "sex": "male",
        "findings": {"chest_pain_or_breathless": "present", "one_leg_swollen": "present"},
    }
    step = next_step(case, kb=kb)
    assert step.done
    assert step.reason_code == "emergency"
    assert step.level in ("emergency", "emergency_ambulance")
    body = step.to_dict()
    assert body["done"] is True
    assert body["reason"]


def test_not_sure_is_an_answer(kb: Knowledge) -> None:
    case: dict[str, Any] = {"age": 50, "sex": "female", "findings": {}}
    first = next_step(case, kb=kb)
    assert first.question is not None
    asked = first.question
    _answer(first, case, "unknown")
    second = next_step(case, kb=kb)
    if second.done:
        return
    assert second.question is not None
    assert second.question.id != asked.id
    assert set(second.question.findings).isdisjoint(asked.findings)


def test_same_answers_give_the_same_question(kb: Knowledge) -> None:
    case: dict[str, Any] = {"age": 70, "sex": "male", "findings": {"smoker": "present"}}
    for _ in range(6):
        a = next_step(case, kb=kb)
        b = next_step(dict(case, findings=dict(case["findings"])), kb=kb)
        assert a.to_dict() == b.to_dict()
        if a.done:
            break
        _answer(a, case, "absent")


def _check_question_shape(body: dict[str, Any]) -> None:
    assert body["done"] is False
    q = body["question"]
    assert {"id", "text", "findings", "kind", "options"} <= set(q)
    assert isinstance(q["id"], str) and q["id"]
    assert isinstance(q["text"], str) and q["text"].strip()
    assert q["kind"] in KINDS
    assert isinstance(q["findings"], list) and q["findings"]
    assert isinstance(q["options"], list)
    if q["kind"] != "number":
        assert q["options"], f"{q['id']}: a {q['kind']} question needs options"
    for opt in q["options"]:
        assert set(opt) == {"value", "label"}
        assert isinstance(opt["value"], str) and opt["value"]
        assert isinstance(opt["label"], str) and opt["label"]


def test_to_dict_matches_the_contract(kb: Knowledge) -> None:
    steps, done = _walk(kb, {"findings": {}}, "unknown")
    assert steps, "an empty case must ask something"
    for step in steps:
        _check_question_shape(step.to_dict())
    body = done.to_dict()
    assert body["done"] is True
    assert {"reason", "reason_code", "level"} <= set(body)
    assert isinstance(body["reason"], str) and body["reason"]
    assert isinstance(body["reason_code"], str) and body["reason_code"]
    assert body["level"] in kb.levels


def test_to_dict_shape_of_every_question_kind(kb: Knowledge) -> None:
    seen: set[str] = set()
    for value in ("unknown", "absent"):
        for audience in ("patient", "clinician"):
            steps, _ = _walk(kb, {"findings": {}}, value, audience)
            for step in steps:
                body = step.to_dict()
                _check_question_shape(body)
                seen.add(body["question"]["kind"])
    assert {"number", "choice"} <= seen


@pytest.mark.parametrize("value", ["unknown", "absent"])
@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_a_male_is_never_asked_about_pregnancy(kb: Knowledge, value: str, audience: str) -> None:
    steps, _ = _walk(kb, {"age": 30, "sex": "male", "findings": {}}, value, audience)
    for step in steps:
        assert step.question is not None
        assert "pregnant_or_postpartum" not in step.question.findings, step.question.id


@pytest.mark.parametrize("value", ["unknown", "absent"])
@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_an_adult_is_never_asked_about_childhood_pain(
    kb: Knowledge, value: str, audience: str
) -> None:
    steps, _ = _walk(kb, {"age": 45, "sex": "female", "findings": {}}, value, audience)
    for step in steps:
        assert step.question is not None
        assert "child_both_legs_evening_pain" not in step.question.findings, step.question.id


def test_every_question_carries_text_and_why(kb: Knowledge) -> None:
    for q in catalogue(kb).questions:
        assert q.text and q.text.strip(), f"{q.id}: no text"
        assert q.why and q.why.strip(), f"{q.id}: no why"
    steps, _ = _walk(kb, {"findings": {}}, "unknown", "clinician")
    for step in steps:
        body = step.to_dict()["question"]
        assert body["text"].strip() and body["why"].strip(), body["id"]


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"findings": {"no_such_finding": "present"}}, "findings.no_such_finding"),
        ({"findings": {"one_leg_swollen": "maybe"}}, "findings.one_leg_swollen"),
        ({"age": "old", "findings": {}}, "age"),
        ({"age": 500, "findings": {}}, "age"),
        ({"sex": "robot", "findings": {}}, "sex"),
        ({"findings": {"age": -3}}, "findings.age"),
        ({"findings": ["one_leg_swollen"]}, "findings"),
        ({"bogus": 1, "findings": {}}, "bogus"),
    ],
)
def test_invalid_case_names_the_field(kb: Knowledge, case: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as err:
        next_step(case, kb=kb)
    assert err.value.field == field
    assert field in str(err.value)


def test_a_case_that_is_not_an_object_is_refused(kb: Knowledge) -> None:
    with pytest.raises(InputError) as err:
        next_step(["age", 40], kb=kb)  # type: ignore[arg-type]
    assert err.value.field == "case"


def test_an_unknown_audience_is_an_input_error(kb: Knowledge) -> None:
    with pytest.raises(InputError) as info:
        next_step({"findings": {}}, kb=kb, audience="robot")
    assert info.value.field == "audience"
