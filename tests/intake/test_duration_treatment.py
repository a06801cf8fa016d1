"""Whose time a duration is, told by its grammar (legwise.intake.duration_treatment, round 25):
a treatment's time whatever the medicine is called, and a time fronted before an event ("Two
weeks ago I had my appendix out"). Each shape has the look-alike it must leave alone: the
complaint's own time next to it."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

DURATION = "symptom_duration_days"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # a treatment's time, with names no list holds
        ("He has been on pregabalin for two years and his feet burn at night.", None),
        ("Both calves cramp at night. She's been on bendroflumethiazide for six months.", None),
        ("I'm on tamsulosin for three years, and my legs jump in bed.", None),
        ("Has taken gabapentin since 2 years, feet numb at night.", None),
        ("He ran out of his edoxaban a week ago and now his left calf is fat.", None),
        ("Been on holiday for two weeks and now my calf is swollen.", None),
        # ... beside the complaint's own time, which stays
        ("Has been on warfarin for 3 years and the left calf has been swollen for 2 days.", 2.0),
        ("I'm on my feet all day, and my calf has ached for 3 weeks.", 21.0),
        ("Calf pain on walking for 2 weeks.", 14.0),
        ("Hockey player, took a slapshot to the R calf 2 days ago. Calf swollen.", 2.0),
        ("He has taken a knock to the shin 3 days ago and it is swollen.", 3.0),
        ("The swelling is on the left for 3 days.", 3.0),
        ("The pain has been on the outside of my right thigh for 5 days.", 5.0),
        # the complaint's rhythm is its own time, beside a new complaint's (hD10's bank)
        (
            "I've had restless legs on and off for 20 years, but this new burning in my toes"
            " started 6 days ago.",
            6.0,
        ),
        # a time fronted before an event
        ("Six weeks ago I had a DVT in my right leg. Now my left ankle aches.", None),
        ("Two weeks ago I had my gallbladder out and now my calf is sore.", None),
        ("Four days ago I had a tooth out, and now my calf is sore.", None),
        # ... before the complaint, or an injury it may have begun with
        ("Two days ago I had terrible cramp in my calf and it is still sore.", 2.0),
        ("A week ago I had sharp pain behind my knee and now the calf is swollen.", 7.0),
        ("Three days ago my calf started to swell.", 3.0),
        ("A week ago I had a fall in the garden and now my knee is swollen.", 7.0),
    ],
)
def test_whose_time_by_grammar(kb: Knowledge, text: str, days: float | None) -> None:
    assert extract(text, kb).findings.get(DURATION) == days
