"""What round 27's recall readings give a user, through `extract` (hR27): one leg alone said by
"only" after a sided part or by the other leg said to be well, relief said of walking or moving
in either order, and less feeling said by a likeness, a lessening or an unplaced touch. Each
reading has the look-alikes it must leave alone; each reader's cheap word check is proven to
hide no match."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import feeling_less, movement_relief, one_leg_said
from legwise.intake.fast_re import any_in
from legwise.intake.text import extract
from legwise.kb.loader import Knowledge


def _reads(kb: Knowledge, text: str, finding: str) -> object:
    return extract(text, kb).findings.get(finding)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ache is in my left hamstring only, worse in bed.", "present"),
        ("Sore: right ankle and foot only.", "present"),
        ("His left calf is fat and tender. His right calf is normal and comfortable.", "present"),
        ("My left foot went numb. The right foot is pink, warm and fine.", "present"),
        ("Both shins ache at night, the right leg only a little.", None),
        ("My right calf aches; the left calf was fine till Monday.", None),
        ("My calves ache. I'll see whether the left leg is fine tomorrow.", None),
        ("My calves ache. My dad's pain was in the right knee only.", None),
    ],
)
def test_one_leg_only_said(kb: Knowledge, text: str, value: str | None) -> None:
    assert _reads(kb, text, "one_leg_only") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My legs twitch at night and a stroll round the flat soothes them.", "present"),
        ("It calms down only while I keep walking.", "present"),
        ("Getting up and pacing the landing makes it settle.", "present"),
        ("My calf hurts when I walk and is better when I sit.", None),
        ("Walking about doesn't ease it one bit.", "absent"),
        ("I stop walking after 100 yards and then it eases.", None),
        ("I walk with a frame and the paracetamol helps.", None),
    ],
)
def test_relief_said_of_moving(kb: Knowledge, text: str, value: str | None) -> None:
    assert _reads(kb, text, "relieved_by_movement") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Since the fall his foot feels like a bit of cardboard.", "present"),
        ("My soles feel as though I've got thick gloves on them.", "present"),
        ("The sensation in her left toes is reduced since Tuesday.", "present"),
        ("I couldn't tell which foot the nurse touched.", "present"),
        ("My thighs feel like lead on the stairs.", None),
        ("My calf feels like a rock in the cramp.", None),
        ("The feeling in my foot is normal.", None),
        ("The doctor couldn't feel a pulse in my foot.", None),
    ],
)
def test_less_feeling_said(kb: Knowledge, text: str, value: str | None) -> None:
    assert _reads(kb, text, "numbness_or_tingling") == value


WORDS = ["left", "right", "other", "good", "only", "leg", "calf", "knee", "foot", "the", "my",
         "is", "'s", "fine", "warm", "and", "walk", "walking", "get", "up", "stand", "pacing",
         "moving", "helps", "eases", "better", "feel", "feels", "like", "wood", "thick", "socks",
         "feeling", "sensation", "in", "reduced", "which", "toe", "no idea", "\u212a",
         "\u017f", "\u00e9", "ONLY", "Walk"]  # fmt: skip
SIGNS = ["", " ", "  ", "\t", ",", ".", "\n", "'", ";"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(WORDS + SIGNS), min_size=1, max_size=20).map("".join))
def test_one_leg_gate_hides_no_match(text: str) -> None:
    if not text.isascii() or any_in(text.lower(), one_leg_said.GATE):
        return
    assert one_leg_said.ONLY.search(text) is None
    assert one_leg_said.WELL.search(text) is None


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(WORDS + SIGNS), min_size=1, max_size=20).map("".join))
def test_relief_and_feeling_gates_hide_no_match(text: str) -> None:
    if not text.isascii():
        return
    low = text.lower()
    if not any_in(low, movement_relief.GATE):
        assert movement_relief.MOVE.search(text) is None
    if not any_in(low, feeling_less.GATE):
        for pattern in (feeling_less.LIKE, feeling_less.LESS, feeling_less.UNPLACED):
            assert pattern.search(text) is None
