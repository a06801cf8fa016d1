"""Which leg: a side named for the complaint answers "is it always the same one leg?".

The child, teenager and one-sided clot rules need `one_leg_only`; people name a side ("my
left calf") far more often than they say "only one leg".
"""

from __future__ import annotations

import pytest

from legwise.intake.text import extract


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My left calf is swollen and sore since yesterday.", "present"),
        ("our son is 9. he has pain deep in his right shin bone that wakes him", "present"),
        ("R buttock pain radiating to the lateral leg for 3 weeks.", "present"),
        ("pain shooting down the back of my thigh like a shock, only the left side", "present"),
        ("Right calf 3 cm larger than the left, tender to touch.", "present"),
        ("No swelling in the right leg. Left calf tender.", "present"),
        ("Pain in both legs at night, I have to get up and walk.", "absent"),
        ("Burning in the soles of both feet at night.", "absent"),
        ("Cramps in my left calf and sometimes the right one too.", None),
        ("Both legs ache by evening and my right ankle is swollen.", None),
        ("My feet are numb and the right big toe has a sore.", None),
        ("My mum had a clot in her left leg. My calves cramp at night.", None),
        ("Had a right knee replacement in 2015. Calves cramp at night.", None),
    ],
)
def test_side_named_answers_one_leg_only(text: str, expected: str | None) -> None:
    assert extract(text).findings.get("one_leg_only") == expected


def test_own_words_win_over_sides() -> None:
    """ "only one leg" said outright is the reading, with its own span and rule."""
    result = extract("It is only one leg, the left calf, that hurts at night.")
    assert result.findings["one_leg_only"] == "present"
    assert not any("(one side named)" in i.rule for i in result.items)


def test_past_history_section_side_is_not_the_complaint() -> None:
    text = "PMH: left leg DVT 2017, painful and swollen then.\nPC: both calves cramp at night."
    assert extract(text).findings.get("one_leg_only") == "absent"


def test_child_with_pain_in_one_leg_is_not_growing_pains_level() -> None:
    """The side read from text reaches the child rule: a 9-year-old's one-sided shin pain
    is checked within a day, not treated as growing pains."""
    from legwise.engine.assess import assess_case
    from legwise.intake.merge import merge_text
    from legwise.kb.loader import load_knowledge

    kb = load_knowledge()
    text = "My son is 9. For three weeks he has had pain in his right shin that wakes him at night."
    case, read = merge_text({"text": text}, kb)
    assert read.findings.get("one_leg_only") == "present"
    level = assess_case(case, kb=kb).triage.level
    assert level in ("consultation_24", "emergency", "emergency_ambulance")
