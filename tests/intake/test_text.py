"""Free text -> findings: the phrase table, the limits, and a fuzz test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legwise.errors import InputError
from legwise.intake.text import MAX_CHARS, TextResult, extract
from legwise.kb.loader import Knowledge

from .rows import check_row

TABLE = yaml.safe_load((Path(__file__).parent / "phrases.yaml").read_text(encoding="utf-8"))
ROWS = [
    pytest.param(row, id=f"{section}: {row['text']}")
    for section, rows in TABLE.items()
    for row in rows
]


@pytest.mark.parametrize("row", ROWS)
def test_phrase_table(row: dict[str, Any], kb_text: Knowledge) -> None:
    res = extract(row["text"], kb_text)
    check_row(res, row)


def test_items_carry_span_and_rule(kb_text: Knowledge) -> None:
    text = "Swelling in the calf. No fever. ABI 0.6"
    res = extract(text, kb_text)
    by_finding = {i.finding: i for i in res.items}
    fever = by_finding["fever_or_chills"]
    assert (fever.value, text[fever.start : fever.end], fever.text) == ("absent", "fever", "fever")
    assert fever.rule == "phrase 'fever' + negated (ConText: 'No')"
    abi = by_finding["ankle_brachial_index"]
    assert text[abi.start : abi.end] == "ABI 0.6" and abi.value == 0.6
    assert by_finding["one_leg_swollen"].rule.startswith("phrase 'swelling")  # longest phrase


def test_to_dict_shape(kb_text: Knowledge) -> None:
    out = extract("I'm 67 and my leg is swollen", kb_text).to_dict()
    assert set(out) == {
        "findings", "age", "sex", "items", "recognised",
        "level", "unanswered_warning_signs", "warning_questions",
    }  # fmt: skip
    assert out["findings"] == {"one_leg_swollen": "present"}
    assert out["age"] == 67 and out["recognised"] is True
    assert set(out["items"][0]) == {"finding", "value", "start", "end", "text", "rule"}


def test_age_and_sex_alone_are_not_clinical(kb_text: Knowledge) -> None:
    res = extract("I am a 67 year old woman.", kb_text)
    assert (res.age, res.sex, res.recognised) == (67, "female", False)


def test_nothing_in_small_talk(kb_text: Knowledge) -> None:
    assert not extract("Hello, how are you today?", kb_text).recognised
    assert not extract("", kb_text).recognised


@pytest.mark.parametrize("bad", [None, 42, b"swelling", ["swelling"]])
def test_not_text(bad: Any, kb_text: Knowledge) -> None:
    with pytest.raises(InputError) as err:
        extract(bad, kb_text)
    assert err.value.field == "text" and "expected a string" in err.value.message


def test_too_long(kb_text: Knowledge) -> None:
    assert extract("a" * MAX_CHARS, kb_text).recognised is False
    with pytest.raises(InputError) as err:
        extract("a" * (MAX_CHARS + 1), kb_text)
    assert err.value.field == "text" and "at most 20,000 characters" in err.value.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=MAX_CHARS + 50),
        st.text(alphabet=st.sampled_from(list("no swelling fever ABI 0.6 8/10 67M")), max_size=400),
    )
)
def test_any_text_returns_a_result_or_the_documented_error(text: str) -> None:
    from legwise.kb.loader import load_knowledge

    kb = load_knowledge()
    try:
        res = extract(text, kb)
    except InputError as exc:
        assert exc.field == "text" and len(text) > MAX_CHARS
        return
    assert isinstance(res, TextResult)
    for item in res.items:
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start : item.end] == item.text
