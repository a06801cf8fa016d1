"""A denial said as a heading over a list denies every item of it (round 27,
legwise.intake.denial_heads), through `extract`: on the heading's line ("What he does NOT have:
fever, chest pain, trouble breathing") or on bulleted or numbered lines below it; while a
heading that denies nothing ("No change:", "What she has:", "Not sure about:") or a list that
turns into a statement ("..., but my right leg is red") leaves the words as they were. These
texts are not in any set."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Left calf sore. What she does NOT have: a fever, chest pain, a cough with blood.",
            {"fever_or_chills": "absent", "chest_pain_or_breathless": "absent",
             "coughing_blood": "absent"},
        ),
        (
            "Calf aches at night.\nNot present:\n- fever\n- redness\n- breathlessness",
            {"fever_or_chills": "absent", "leg_red": "absent",
             "chest_pain_or_breathless": "absent"},
        ),
        (
            "Legs hurt at night.\nHe doesn't have:\n1. a fever\n2) a limp\n3. redness",
            {"fever_or_chills": "absent", "limp": "absent", "leg_red": "absent"},
        ),
        (
            "The nurse went through a list and I have none of these: fever, chest pain, redness.",
            {"fever_or_chills": "absent", "chest_pain_or_breathless": "absent",
             "leg_red": "absent"},
        ),
        (
            "Not got any of the following: fever, back pain, but my right leg is red and hot.",
            {"fever_or_chills": "absent", "back_pain": "absent", "leg_red": "present",
             "leg_warm": "present"},
        ),
        (
            "No change: her calf is still swollen and red, and a fever now.",
            {"leg_red": "present", "fever_or_chills": "present"},
        ),
        (
            "What she has: a red calf, a fever and chest pain.",
            {"leg_red": "present", "fever_or_chills": "present",
             "chest_pain_or_breathless": "present"},
        ),
        (
            "Not present: fever.\nPresent: redness, chest pain.",
            {"fever_or_chills": "absent", "leg_red": "present",
             "chest_pain_or_breathless": "present"},
        ),
    ],
)  # fmt: skip
def test_a_denial_heading_reaches_its_list_and_no_further(
    kb: Knowledge, text: str, want: dict[str, str]
) -> None:
    found = extract(text, kb).findings
    assert {f: found.get(f) for f in want} == want


HEADINGS = ["Not present:", "What he does NOT have:", "She has none of these:", "Negatives:",
            "Never had:", "He hasn't got any of the following:", "Denies:"]  # fmt: skip
ITEMS = {"fever": "fever_or_chills", "redness": "leg_red",
         "chest pain": "chest_pain_or_breathless", "a limp": "limp",
         "coughing up blood": "coughing_blood", "back pain": "back_pain"}  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    head=st.sampled_from(HEADINGS),
    items=st.lists(st.sampled_from(sorted(ITEMS)), min_size=1, max_size=4, unique=True),
    shape=st.sampled_from(["inline", "dashes", "numbers", "bare lines"]),
)
def test_no_item_under_a_denial_heading_is_read_present(
    kb: Knowledge, head: str, items: list[str], shape: str
) -> None:
    """Whatever the heading, the items and how the list is laid out, no item it names is read
    as present (a denial list must never turn into a list of warning signs)."""
    if shape == "inline":
        body = " " + ", ".join(items) + "."
    elif shape == "dashes":
        body = "".join(f"\n- {item}" for item in items)
    elif shape == "numbers":
        body = "".join(f"\n{n}. {item}" for n, item in enumerate(items, 1))
    else:
        body = "".join(f"\n{item}" for item in items)
    found = extract(f"My calf aches at night. {head}{body}", kb).findings
    assert all(found.get(ITEMS[item]) != "present" for item in items), found
