"""Scope and comparison kinds the dev2 texts showed (issue 12), read with the real knowledge."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge


def _states(text: str, kb: Knowledge) -> dict[str, object]:
    return {i.finding: i.value for i in extract(text, kb).items}


def test_a_resolved_cue_reaches_back_over_but_it(kb: Knowledge) -> None:
    got = _states("Had a fever last week but it's gone now. My shin is red.", kb)
    assert got["fever_or_chills"] == "absent"
    assert got["leg_red"] == "present"


def test_a_resolved_cue_stops_at_a_new_subject(kb: Knowledge) -> None:
    got = _states("Twisted my ankle last week, the swelling has gone down now.", kb)
    assert got["recent_leg_injury"] == "present"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Cellulitis felt equally likely.", "present"),
        ("Baker's cyst is as likely as DVT.", "present"),
        ("Cellulitis not equally likely.", "absent"),
    ],
)
def test_a_named_cause_compared_with_the_clot_answers_the_wells_item(
    text: str, state: str, kb: Knowledge
) -> None:
    assert _states(f"Whole leg swollen. {text}", kb)["alternative_diagnosis_likely"] == state


def test_context_rules_limited_to_a_finding_still_reach_its_own_phrases(kb: Knowledge) -> None:
    # "less than" negates only frequent_symptoms (allowed_types): the span label must stay the
    # finding id for the findings' own phrases
    assert _states("Cramps less than twice a week.", kb)["frequent_symptoms"] == "absent"


def test_have_to_get_up_and_walk_is_both_the_urge_and_the_relief(kb: Knowledge) -> None:
    got = _states("In the evening I have to get up and walk about.", kb)
    assert got["urge_to_move_legs"] == "present"
    assert got["relieved_by_movement"] == "present"
