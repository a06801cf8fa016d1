"""What round 24's general readings give a user, through `extract` (the lanes' own tests cover
the Wells patterns and the speed gates): hard exercise told by its size, a routine's frequency
that is not the symptoms', a mental test score that is confusion and no pain score, and a
relative's clause that does not carry the patient's complaint. Each reading has the look-alike
it must leave alone."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

STRENUOUS = "recent_strenuous_activity"
FREQUENT = "frequent_symptoms"
CONFUSED = "confusion_or_very_unwell"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Paddled 35 km down the river on Saturday and my calves ache.", True),
        ("Danced for seven hours straight at the wedding, calves cramping since.", True),
        ("Played badminton for the first time after a long time, thigh sore since.", True),
        ("I have been walking the floor for 3 hours with the pain tonight.", False),
        ("My son ran 26 miles on Sunday and I watched him; my calf aches at night.", False),
    ],
)
def test_hard_exercise_by_its_size(kb: Knowledge, text: str, read: bool) -> None:
    assert (extract(text, kb).findings.get(STRENUOUS) == "present") is read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("I inject insulin every night. My feet burn in bed.", False),
        ("I take the dog out for a long walk daily. Left calf aches after a fall.", False),
        ("Cramp in my calf most nights, it wakes me up.", True),
    ],
)
def test_a_routine_is_not_the_symptoms_frequency(kb: Knowledge, text: str, read: bool) -> None:
    assert (extract(text, kb).findings.get(FREQUENT) == "present") is read


def test_a_low_mental_test_score_is_confusion_not_pain(kb: Knowledge) -> None:
    got = extract("82-year-old woman, right leg cold and pale. AMT 6/10.", kb).findings
    assert got.get(CONFUSED) == "present"
    assert got.get("pain_score") is None


def test_a_usual_or_full_mental_test_score_is_no_confusion(kb: Knowledge) -> None:
    for text in ("AMT 5/10, which is her baseline. Calf cramps at night.",
                 "Pain 8/10 in the calf at night. AMT 10/10."):  # fmt: skip
        assert extract(text, kb).findings.get(CONFUSED) is None
    assert extract("Pain 8/10 in the calf at night. AMT 10/10.", kb).findings["pain_score"] == 8


def test_a_relatives_clause_ends_at_the_patients_verb(kb: Knowledge) -> None:
    own = extract("A 70-year-old man whose father had a DVT has a cold, white right foot.", kb)
    assert own.findings.get("leg_pale_or_cold") == "present"
    theirs = extract("A woman whose husband has a swollen red leg asks what to do.", kb)
    assert theirs.findings.get("leg_red") != "present"
