"""The engine's "no known cause fits" policy is read from meta.yaml, not from Python: the floor
level, the text for a cause outside legwise, and which answers count as symptoms. Changing the
knowledge changes the behaviour, in the assessment and the vectorised path alike."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from pydantic import ValidationError

from legwise.engine.assess import assess_case
from legwise.engine.batch import assess_batch
from legwise.engine.compiled import compile_knowledge
from legwise.kb.loader import Knowledge
from legwise.kb.schema import Meta

from .test_triage import NOTHING_FITS

# Every modelled cause is argued against (as in test_triage): no known cause fits.


def _with_meta(kb: Knowledge, **update: Any) -> Knowledge:
    meta = Meta.model_validate({**kb.meta.model_dump(by_alias=True), **update})
    return dataclasses.replace(kb, meta=meta)


def test_the_floor_level_is_the_knowledge_s(kb: Knowledge) -> None:
    assert assess_case(NOTHING_FITS, kb=kb).level == kb.meta.unexplained_level
    stricter = _with_meta(kb, unexplained_level="consultation_24")
    result = assess_case(NOTHING_FITS, kb=stricter)
    assert result.unexplained is not None
    assert result.level == "consultation_24"
    floor = [r for r in result.triage.reasons if r.rule == "unexplained_picture"]
    assert floor and floor[0].level == "consultation_24"
    assert assess_batch([NOTHING_FITS], kb=stricter).level(0) == "consultation_24"


def test_the_outside_cause_text_is_the_knowledge_s(kb: Knowledge) -> None:
    case = {"age": 40, "findings": {"dark_urine": "present"}}
    names = "rhabdomyolysis (muscle breakdown) or a kidney problem"
    result = assess_case(case, kb=kb)
    assert result.unexplained is not None
    expected = kb.meta.unexplained_reason_outside.replace("{outside}", names)
    assert result.unexplained.reason == expected
    changed = _with_meta(kb, unexplained_reason_outside="Not covered here: {outside}.")
    assert assess_case(case, kb=changed).unexplained.reason == f"Not covered here: {names}."  # type: ignore[union-attr]


def test_symptom_groups_decide_which_answers_count(kb: Knowledge) -> None:
    groups = set(kb.meta.symptom_groups)
    assert compile_knowledge(kb).symptom_findings == {
        f.id for f in kb.findings.values() if f.group in groups
    }
    # With only "course" answers counting as symptoms, none of these answers is one, so
    # legwise no longer has enough to say that nothing fits.
    narrow = _with_meta(kb, symptom_groups=["course"])
    assert assess_case(NOTHING_FITS, kb=narrow).unexplained is None
    assert not assess_batch([NOTHING_FITS], kb=narrow).unexplained[0]


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"unexplained_reason_outside": "No placeholder here."}, "{outside}"),
        ({"unexplained_reason_outside": "{outside} and {other}"}, "{outside}"),
        ({"unexplained_level": "soon"}, "unexplained_level"),
        ({"symptom_groups": ["symptoms"]}, "symptom_groups"),
        ({"setting_sources": [{"settings": ["no_such"], "sources": [{"ref": "x"}]}]}, "no_such"),
    ],
)
def test_the_schema_rejects_bad_settings(
    kb: Knowledge, update: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message.replace("{", r"\{").replace("}", r"\}")):
        _with_meta(kb, **update)


def test_self_care_gives_way_from_the_knowledge_s_level(kb: Knowledge) -> None:
    """An emergency (a swollen leg with chest pain) shows the urgent steps and no self-care
    measure; with the setting raised past that level, the measures come back instead."""
    case = {
        "age": 50,
        "findings": {"one_leg_swollen": "present", "chest_pain_or_breathless": "present"},
    }
    result = assess_case(case, kb=kb)
    kinds = {a.kind for a in result.advice.recommended}
    assert result.level in ("emergency", "emergency_ambulance")
    assert "urgent" in kinds and "measure" not in kinds
    later = _with_meta(kb, urgent_steps_level="emergency_ambulance", urgent_steps_why="Go now.")
    relaxed = assess_case({"age": 50, "findings": {"one_leg_swollen": "present"}}, kb=later)
    assert "urgent" not in {a.kind for a in relaxed.advice.recommended}
    urgent = assess_case(case, kb=later)
    if urgent.level == "emergency_ambulance":
        shown = [a for a in urgent.advice.recommended if a.kind == "urgent" and not a.conditions]
        assert all(a.why == "Go now." for a in shown)
    else:
        assert "urgent" not in {a.kind for a in urgent.advice.recommended}
