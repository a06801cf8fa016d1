"""What round 25's side, drug, injury and heat readings give a user, through `extract` (hG25):
the other leg said to be well in any words, pain that moves between the legs, a blood thinner's
injections said by their place or stopped, a blow told by what struck, and heat in a likeness of
a burning feeling. Each reading has the look-alike it must leave alone."""

from __future__ import annotations

import pytest

from legwise.intake.heat_likeness import drop_heat_likeness
from legwise.intake.result import Extracted
from legwise.intake.text import extract
from legwise.kb.loader import Knowledge


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My left calf is swollen, the right leg is no bother at all.", "present"),
        ("Right calf swollen. Nothing going on in the left.", "present"),
        ("I get cramp in the left or the right calf most nights.", "absent"),
        ("The pain moves from one leg to the other.", "absent"),
        ("Usually it's my left leg but sometimes the right one goes too.", "absent"),
        ("My left knee hurts on either side of the kneecap at night.", None),
        ("The right leg was fine until yesterday, now both calves ache.", None),
        ("My left calf aches. My right arm is no bother since the physio.", None),
    ],
)
def test_one_leg_only_by_the_other_side(kb: Knowledge, text: str, value: str | None) -> None:
    assert extract(text, kb).findings.get("one_leg_only") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Since my hip op I do the injections in my stomach every evening.", "present"),
        ("I gave up the tummy injections after four days.", "absent"),
        ("I have AF but I don't take anything to thin my blood.", "absent"),
        ("I do my insulin injections in my tummy four times a day.", None),
        ("My wife is on apixaban for her heart.", None),
    ],
)
def test_thinner_injections_said_loosely(kb: Knowledge, text: str, value: str | None) -> None:
    assert extract(text, kb).findings.get("on_anticoagulant") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Took a cricket ball on the shin yesterday and it's tight.", "present"),
        ("Got booted in the calf in a tackle on Saturday.", "present"),
        ("He hasn't banged it or fallen over, it just started hurting.", "absent"),
        ("I kick the duvet off every night because my legs won't stay still.", None),
    ],
)
def test_a_blow_told_by_what_struck(kb: Knowledge, text: str, value: str | None) -> None:
    assert extract(text, kb).findings.get("recent_leg_injury") == value


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Both soles feel like they are on a hot griddle every night.", False),
        ("My feet are on fire, like standing barefoot on a hot pavement.", False),
        ("My right calf feels hot when I put my hand on it and it's swollen.", True),
        ("My calf feels hot, like a radiator, and it's swollen.", True),
        ("It feels like the calf is hot and tight.", True),
    ],
)
def test_heat_in_a_likeness(kb: Knowledge, text: str, read: bool) -> None:
    assert (extract(text, kb).findings.get("leg_warm") == "present") is read


def test_heat_likeness_gate_returns_items_unchanged() -> None:
    """With no warm reading the rule returns its input itself (the speed gate)."""
    items = [Extracted("burning_feet", "present", 0, 7, "burning", "phrase burning")]
    assert drop_heat_likeness("burning like a hot griddle", items) is items
