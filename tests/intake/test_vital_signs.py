"""A resting heart rate written in a note is read as a racing heart at the PESI limit (110/min,
knowledge/intake/numbers.yaml) in adults, whatever follows the number: a unit, a full stop, a
comma; a number that is part of another (a blood pressure, a decimal, a percentage) is not."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.kb import load_knowledge

RACING = "fainting_or_racing_heart"


def racing(text: str) -> str | None:
    value = extract(text, load_knowledge()).findings.get(RACING)
    return None if value is None else str(value)


@pytest.mark.parametrize(
    "rate",
    ["HR 118.", "HR 118/min", "HR 118 bpm", "HR 118, BP 130/80", "pulse of 124 beats per minute",
     "tachycardic to 124.", "HR: 112\nRR 18"],
)  # fmt: skip
def test_an_adult_rate_at_the_limit_or_over_is_a_racing_heart(rate: str) -> None:
    assert racing(f"58-year-old man, left calf swollen for 2 days. {rate}") == "present"


@pytest.mark.parametrize(
    "rate", ["HR 88.", "HR 104/min", "HR 118.5", "BP 118/72", "SpO2 112%", "HR 1180"]
)
def test_a_lower_rate_or_another_number_is_not(rate: str) -> None:
    assert racing(f"58-year-old man, left calf swollen for 2 days. {rate}") is None


def test_a_childs_faster_normal_rate_is_not_read_against_the_adult_limit() -> None:
    assert racing("6-year-old boy, aching legs at night. HR 118.") is None
