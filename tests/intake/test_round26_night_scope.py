"""A night that dates the complaint's start or the writer's clock is no night pain (round 26,
legwise.intake.time_scope.drop_night_of_telling), through `extract`: "since last night my calf
has been aching" and "It's gone midnight and I'm still up writing" leave pain_at_night unread,
while a night of the pain's own beside them ("cramp up in bed", "woken me", "every night", a
cleft "It's 2am when the cramps start") keeps it. These texts are not in any set."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

NIGHT = "pain_at_night"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Since last night my left calf has been aching and it looks fatter.", False),
        ("Ever since Tuesday night the back of my knee has been sore to touch.", False),
        ("It's gone midnight and I'm still up writing this. My ankle is puffy and warm.", False),
        ("Since Monday night both calves cramp up in bed for about a minute.", True),
        ("Since last night it keeps waking me, a deep throb in my calf.", True),
        ("It's 2am when the cramps usually start in my calves.", True),
        ("It's 2am and my calf cramp has woken me again, the muscle is rock hard.", True),
        ("My calves cramp at night since last week, most nights.", True),
    ],
)
def test_night_of_telling(kb: Knowledge, text: str, read: bool) -> None:
    assert (extract(text, kb).findings.get(NIGHT) == "present") is read
