"""What round 26's recall readings give a user, through `extract` (hR26): a course said by a
change over time (getting_worse), a blood thinner said by what it does or denied with its reason
in view, a leg injury felt as a strain or made by a cut or a door, and chest pain on breathing
in. Each reading has the look-alike it must leave alone; the thinner rule's cheap check is proven
to hide no match."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import thinner_denied
from legwise.intake.fast_re import any_in
from legwise.intake.text import extract
from legwise.kb.loader import Knowledge


def _reads(kb: Knowledge, text: str, finding: str) -> object:
    return extract(text, kb).findings.get(finding)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ache in my calf gets sorer every morning.", "present"),
        ("The swelling is puffier than it was last night.", "present"),
        ("The tingling keeps spreading further up my shin.", "present"),
        ("My thigh is not so sore as it was yesterday.", "absent"),
        ("If it gets sorer every day I'll see the GP.", None),
        ("My husband's knee is worse every day; my calves cramp at night.", None),
    ],
)
def test_getting_worse_over_time(kb: Knowledge, text: str, value: str | None) -> None:
    assert _reads(kb, text, "getting_worse") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I'm on pills that thin the blood since my valve op.", "present"),
        ("I had a DVT in 2015 and I'm not on any tablets for it now.", "absent"),
        ("Got atrial fibrillation but they never gave me any medicine for that.", "absent"),
        ("The calf hurts but I don't take anything for it, I just rest.", None),
        ("I had a clot once. The cramps keep me awake and I take nothing for them.", None),
        ("The doctor may put me on tablets to thin my blood if the scan is positive.", None),
    ],
)
def test_thinner_by_what_it_does_or_denied(kb: Knowledge, text: str, value: str | None) -> None:
    assert _reads(kb, text, "on_anticoagulant") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Jumping for the ball I felt something rip in my calf.", "present"),
        ("Cut my shin on a rusty nail in the shed, it's weeping.", "present"),
        ("The gate swung into my knee on Sunday and it's swollen.", "present"),
        ("My ears went pop on the train and my calf aches at night.", None),
        ("My son cut his hand on a knife; my own calves ache at night.", None),
    ],
)
def test_injury_felt_cut_or_shut_on(kb: Knowledge, text: str, value: str | None) -> None:
    assert _reads(kb, text, "recent_leg_injury") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My chest on the left hurts when I breathe in, and my calf is fat.", "present"),
        ("He keeps catching his breath in his chair; his right leg is swollen.", "present"),
        ("Breathing is fine. Left calf red and hot.", "absent"),
        ("When the cramp comes I breathe in deeply and pull my toes up.", None),
    ],
)
def test_chest_on_breathing_in(kb: Knowledge, text: str, value: str | None) -> None:
    assert _reads(kb, text, "chest_pain_or_breathless") == value


WORDS = ["AF", "af", "clot", "DVT", "irregular heart", "not", "never", "no", "don't", "anything",
         "nothing", "treatment", "medicine", "tablets", "pills", "for", "For", "FOR", "it",
         "that", "them", "the af", "I", "have", "but", "take", "on", "any", "Anything", "\u00e9",
         "\u212a", "\u017f"]  # fmt: skip
SIGNS = ["", " ", "  ", ",", ".", "\n", "'", ";"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(WORDS + SIGNS), min_size=1, max_size=20).map("".join))
def test_thinner_gate_hides_no_match(text: str) -> None:
    low = text.lower()
    gated = any_in(low, thinner_denied.GATE_FOR) and any_in(low, thinner_denied.GATE_WHAT)
    if not text.isascii() or gated:
        return
    assert thinner_denied.DENIAL.search(text) is None
