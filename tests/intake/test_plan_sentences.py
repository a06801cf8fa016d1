"""A blood thinner planned or started in a sentence is not one taken now, but one taken beside a
result still awaited is (intake.plan_sentences): "INR pending" must not hide the warfarin that the
compartment-syndrome emergency rule needs."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge


@pytest.mark.parametrize(
    "text",
    [
        "72-year-old man on warfarin for AF, INR pending. Fell and hit his shin.",
        "Takes apixaban for a past clot; bloods pending. Calf swollen since Monday.",
    ],
)
def test_a_medicine_beside_an_awaited_result_stays_read(text: str, kb: Knowledge) -> None:
    assert extract(text, kb).findings.get("on_anticoagulant") == "present"


@pytest.mark.parametrize(
    "text",
    [
        "Calf swollen. Therapeutic LMWH pending the duplex.",
        "Wells 4, duplex requested, therapeutic LMWH pending.",
        "Happy to start apixaban and scan in the morning.",
    ],
)
def test_a_planned_medicine_is_not_taken_now(text: str, kb: Knowledge) -> None:
    assert extract(text, kb).findings.get("on_anticoagulant") != "present"
