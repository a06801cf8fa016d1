"""Text findings under explicit answers, and the library entry points."""

from __future__ import annotations

import pytest

import legwise
from legwise.errors import InputError, NothingRecognised
from legwise.intake.merge import has_text, merge_text
from legwise.kb.loader import Knowledge


def test_explicit_findings_override_text(kb_text: Knowledge) -> None:
    case = {"findings": {"one_leg_swollen": "absent"}, "text": "My calf is swollen, no fever."}
    merged, res = merge_text(case, kb_text)
    assert res.findings["one_leg_swollen"] == "present"
    assert merged["findings"] == {"one_leg_swollen": "absent", "fever_or_chills": "absent"}


def test_explicit_unknown_overrides_text(kb_text: Knowledge) -> None:
    case = {"findings": {"fever_or_chills": "unknown"}, "text": "swollen calf, no fever"}
    merged, _ = merge_text(case, kb_text)
    assert merged["findings"]["fever_or_chills"] == "unknown"


def test_age_and_sex_from_text_only_when_not_given(kb_text: Knowledge) -> None:
    merged, _ = merge_text({"text": "67-year-old man, swollen calf"}, kb_text)
    assert (merged["age"], merged["sex"]) == (67, "male")
    merged, _ = merge_text({"age": 50, "sex": "female", "text": "67M, swollen calf"}, kb_text)
    assert (merged["age"], merged["sex"]) == (50, "female")
    merged, _ = merge_text({"findings": {"age": 50}, "text": "67M, swollen calf"}, kb_text)
    assert "age" not in merged and merged["sex"] == "male"


def test_nothing_recognised(kb_text: Knowledge) -> None:
    with pytest.raises(NothingRecognised) as err:
        merge_text({"age": 40, "text": "I'm 40 and feel odd"}, kb_text)
    assert err.value.field == "text" and "legwise interview" in err.value.message
    assert isinstance(err.value, InputError)
    merged, res = merge_text({"findings": {"leg_red": "present"}, "text": "hello"}, kb_text)
    assert not res.recognised and merged["findings"] == {"leg_red": "present"}


def test_has_text() -> None:
    assert has_text({"text": "swollen"}) and has_text({"text": 3})
    assert not has_text({"text": "  "}) and not has_text({}) and not has_text([1])


def test_library_assess_reads_text(kb_text: Knowledge) -> None:
    by_text = legwise.assess({"text": "I'm 70, my calf is swollen and red"}, kb=kb_text)
    by_answers = legwise.assess(
        {"age": 70, "findings": {"one_leg_swollen": "present", "leg_red": "present"}}, kb=kb_text
    )
    assert by_text.to_dict()["triage"] == by_answers.to_dict()["triage"]
    assert by_text.to_dict()["conditions"] == by_answers.to_dict()["conditions"]


def test_library_assess_batch_reads_text(kb_text: Knowledge) -> None:
    cases = [
        {"id": "a", "text": "My calf is swollen"},
        {"id": "b", "findings": {"one_leg_swollen": "present"}},
    ]
    out = legwise.assess_batch(cases, kb=kb_text)
    assert out.ids == ["a", "b"]
    assert out.level(0) == out.level(1) and out.top(0) == out.top(1)
    with pytest.raises(NothingRecognised) as err:
        legwise.assess_batch([cases[1], {"text": "hello"}], kb=kb_text)
    assert err.value.field == "[1].text"


def test_parse_text(kb_text: Knowledge) -> None:
    res = legwise.parse_text("no fever", kb=kb_text)
    assert res.findings == {"fever_or_chills": "absent"}
