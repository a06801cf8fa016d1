"""One public signature order: the case first, the knowledge by keyword (`kb=`).

The old orders (knowledge first, or second by position, or `knowledge=`) still give the same
answer for one release, with an `OldSignatureWarning` (a DeprecationWarning) that names the
new form. Inside this repository an old-order call is an error (pyproject's filterwarnings).
"""

from __future__ import annotations

import datetime as dt
import inspect
import warnings
from typing import Any

import pytest

import legwise
from legwise.diary.trends import read_diary
from legwise.engine.assess import assess_case
from legwise.engine.batch import assess_batch
from legwise.engine.question_choice import next_step
from legwise.fhir.cds import patient_view
from legwise.interview import next_question
from legwise.kb.loader import Knowledge
from legwise.signatures import OldSignatureWarning, case_first

CASE = {"age": 67, "findings": {"brief_cramp_episodes": "present"}}
NIGHT = {"night": "2026-11-01", "worst_pain": 4, "episodes": 2, "findings": ["pain_at_night"]}

PUBLIC = [
    legwise.assess,
    legwise.assess_batch,
    legwise.assess_table,
    legwise.parse_text,
    next_question,
    assess_case,
    assess_batch,
    next_step,
    read_diary,
    patient_view,
]


@pytest.mark.parametrize("func", PUBLIC, ids=lambda f: f.__qualname__)
def test_every_public_function_takes_the_case_first_and_kb_by_keyword(func: Any) -> None:
    params = list(inspect.signature(func).parameters.values())
    assert params[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:]), func
    assert "kb" in {p.name for p in params[1:]}


def loose(func: Any) -> Any:
    """The function without its type, for calls in the old order on purpose."""
    return func


def _old(call: Any) -> Any:
    with pytest.warns(OldSignatureWarning, match=r"kb=\.\.\.") as caught:
        out = call()
    assert all(w.filename == __file__ for w in caught), "the warning points at the caller"
    return out


def test_assess_case_old_order_warns_and_gives_the_same_result(kb: Knowledge) -> None:
    new = assess_case(CASE, kb=kb).to_dict()
    assert _old(lambda: loose(assess_case)(kb, CASE)).to_dict() == new
    assert _old(lambda: loose(assess_case)(CASE, kb)).to_dict() == new
    text = {"findings": {"pain_at_night": "present"}}
    old = _old(lambda: loose(assess_case)(kb, CASE, text))
    assert old.to_dict() == assess_case(CASE, kb=kb, from_text=text).to_dict()


def test_library_old_orders_warn_and_give_the_same_result(kb: Knowledge) -> None:
    new = legwise.assess(CASE, kb=kb).to_dict()
    assert _old(lambda: loose(legwise.assess)(CASE, kb)).to_dict() == new
    assert _old(lambda: loose(legwise.assess)(CASE, knowledge=kb)).to_dict() == new
    # None where the knowledge was: the shipped knowledge, as before.
    assert _old(lambda: loose(legwise.assess)(CASE, None)).to_dict() == new
    # The old positional diary and today after the knowledge.
    today = dt.date(2026, 11, 2)
    with_diary = legwise.assess(CASE, kb=kb, diary=[NIGHT], today=today).to_dict()
    old = _old(lambda: loose(legwise.assess)(CASE, kb, [NIGHT], today))
    assert old.to_dict() == with_diary
    batch = legwise.assess_batch([CASE], kb=kb)
    old_batch = _old(lambda: loose(legwise.assess_batch)([CASE], kb))
    assert list(old_batch.level_index) == list(batch.level_index)
    engine_batch = _old(lambda: loose(assess_batch)(kb, [CASE]))
    assert list(engine_batch.level_index) == list(batch.level_index)


def test_interview_and_diary_old_orders_warn_and_agree(kb: Knowledge) -> None:
    assert _old(lambda: loose(next_step)(kb, CASE)) == next_step(CASE, kb=kb)
    clinician = next_step(CASE, kb=kb, audience="clinician")
    assert _old(lambda: loose(next_step)(kb, CASE, "clinician")) == clinician
    old_question = _old(lambda: loose(next_question)(CASE, kb, "clinician"))
    assert old_question == clinician
    reading = read_diary([NIGHT], kb=kb)
    assert _old(lambda: loose(read_diary)(kb, [NIGHT])).to_dict() == reading.to_dict()


def test_the_new_order_never_warns(kb: Knowledge) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assess_case(CASE, kb=kb)
        legwise.assess(CASE, kb=kb)
        next_step(CASE, kb=kb)
        read_diary([NIGHT], kb=kb)


def test_a_mixed_up_call_is_a_type_error_not_a_guess(kb: Knowledge) -> None:
    with pytest.raises(TypeError, match="twice"):
        loose(assess_case)(kb, CASE, kb=kb)
    with pytest.raises(TypeError, match="not knowledge= as well"):
        loose(legwise.assess)(CASE, kb=kb, knowledge=kb)
    with pytest.raises(TypeError, match="too many"):
        loose(next_step)(kb, CASE, "patient", "extra")


def test_the_decorator_refuses_a_new_signature_with_two_positional_parameters() -> None:
    def two(case: Any, kb: Any) -> None:
        """Not in the new order."""

    with pytest.raises(TypeError, match="only the case by position"):
        case_first("kb", "case")(two)
    with pytest.raises(ValueError, match="where the knowledge was"):
        case_first("case")
