"""Pain out of proportion said by the pain relief (round 25, legwise.intake.proportion), through
`extract`: after an injury, crush or cast, relief needed more and more, or relief that fails
beside very bad pain, is read; the same words with no injury, or a strain that ibuprofen does not
help, are not (they would raise a cramp or a strain to an emergency)."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

OUT_OF_PROPORTION = "pain_out_of_proportion"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (
            "Closed tibial fracture yesterday, in a backslab; now needing more and more morphine.",
            True,
        ),
        (
            "Leg in plaster this morning; she has had three further doses of oral morphine.",
            True,
        ),
        (
            "Crushed my foot under a tyre, the pain is unbearable and tramadol has done nothing.",
            True,
        ),
        (
            "My leg got trapped under a pallet today, the pain is insane, nothing I take helps.",
            True,
        ),
        ("Strained my hamstring at the gym two days ago; ibuprofen isn't really helping.", False),
        ("Twisted my ankle last week, paracetamol did nothing so I went back to ice.", False),
        ("My calf cramps at night and paracetamol does nothing, it is agony.", False),
        ("Back pain shooting down my leg for a week, the painkillers don't touch it.", False),
        ("Pulled a calf muscle running, it looks fine but it hurts when I walk.", False),
    ],
)
def test_pain_relief_after_an_injury(kb: Knowledge, text: str, read: bool) -> None:
    assert (extract(text, kb).findings.get(OUT_OF_PROPORTION) == "present") is read


def test_a_read_finding_is_kept(kb: Knowledge) -> None:
    """A text that denies the sign keeps its denial, whatever it says of the relief."""
    text = "Fractured tibia. Pain is not out of proportion, but he needs repeated morphine."
    assert extract(text, kb).findings.get(OUT_OF_PROPORTION) != "present"
