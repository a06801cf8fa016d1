"""Times that belong to something other than the complaint (round 27, hP27): a habit's or a
working life's years, a pregnancy's weeks said as a state, a complaint's delay after a medicine,
and how long an action lasted in hours. Each shape has the look-alike it must leave alone: the
complaint's own time said in the same way."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

DURATION = "symptom_duration_days"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # a habit's or a working life's years, said with "I", "on" or "over"
        ("I welded ships for 26 years. My calves have cramped at night for 3 weeks.", 21.0),
        ("I sang in a choir for 40 years. Both feet have burned for 2 months.", 60.0),
        ("Fourteen years of kneeling on tiles. My left knee has been hot for 2 days.", 2.0),
        # ... beside a complaint's own years, which stay
        ("I have had this burning in my feet for 6 years.", 2190.0),
        ("For 4 years I have suffered with jumpy legs in bed.", 1460.0),
        ("My legs have ached for 3 years.", 1095.0),
        # a pregnancy's weeks said as a state
        ("I'm 32 weeks along and my calves cramp in bed.", None),
        ("She is 36 weeks, and her right calf is swollen.", None),
        ("26 weeks with our first. Legs fizzing in bed every night.", None),
        ("Expecting twins. 31 weeks now. Right calf red and warm.", None),
        # ... beside a complaint's own weeks, which stay
        ("Legs crawly at night for 5 weeks now, I'm pregnant.", 35.0),
        ("The pain has been there now 6 weeks.", 42.0),
        ("I'm pregnant and my left leg has been swollen for 2 weeks.", 14.0),
        # a complaint's delay after a medicine is no length
        ("The cramps came on about three weeks after I started a statin.", None),
        ("My ankles began to swell ten days after the doctor upped my amlodipine.", None),
        # ... but a stem's presentation after an event, and an onset after a journey, stay
        ("A man presents 2 days after a football match with a painful calf.", 2.0),
        ("A painful calf that began 4 days after she returned from a flight.", 4.0),
        # how long an action lasted, in hours
        ("Gardened for four hours yesterday and my back went, pain down my left leg.", None),
        ("Queued at the chemist for an hour; now my right calf is swollen.", None),
        # ... beside a complaint's own hours, which stay
        ("My foot has been cold and white for three hours.", 0.125),
        ("It's been going on for 2 hours and the foot is numb.", 0.0833),
    ],
)
def test_time_of_another_thing(kb: Knowledge, text: str, days: float | None) -> None:
    assert extract(text, kb).findings.get(DURATION) == days
