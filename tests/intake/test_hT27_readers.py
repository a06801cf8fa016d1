"""Round 27 (hT27) stem readers: a query-marked condition, a low systolic pressure, and
orientation said by what the patient cannot tell; with their guards and the proof that each
cheap word check never hides a match (the style of test_speed_gates.py)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import query_mark, vital_signs
from legwise.intake.text import extract

WORDS = ["BP", "bp", "B.P.", "b.p", "Blood pressure", "blood-pressure", "NIBP", "SBP",
         "systolic", "Systolic pressure", "pressure", "only", "was", "of", ":", "=", " ",
         "83", "/", "47", "120/80", "78", "?", "?cellulitis", " ?DVT", "(?gout)", "Any fever?",
         "yes", "\n", ", ", ".", "-", "x"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=16).map("".join))
def test_pressure_gate_hides_no_match(text: str) -> None:
    lower = text.lower()
    if not any(w in lower for w in vital_signs.PRESSURE_WORDS):
        assert vital_signs.PRESSURE.search(text) is None


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=16).map("".join))
def test_query_gate_hides_no_match(text: str) -> None:
    if "?" not in text:
        assert query_mark.MARK.search(text) is None


def _read(text: str, kb: Any) -> dict[str, Any]:
    return {i.finding: i.value for i in extract(text, kb).items}


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        ("?irritable hip ?septic arthritis - sent for bloods.", "hot_swollen_joint", None),
        ("Calf soft. ?DVT ?cellulitis.", "leg_red", None),
        ("Any fever? Yes. Red, hot left shin.", "leg_red", "present"),
        ("T 38.9, BP 83/47, RR 24. Red hot shin.", "confusion_or_very_unwell", "present"),
        ("Systolic 82 on two readings, red swollen calf.", "confusion_or_very_unwell", "present"),
        ("Red hot shin. BP 126/80, HR 88.", "confusion_or_very_unwell", None),
        ("Boy, 6. BP 85/50, T 39.", "confusion_or_very_unwell", None),
        ("She cannot say what day it is or where she is.", "confusion_or_very_unwell", "present"),
        ("He is unable to give the year.", "confusion_or_very_unwell", "present"),
        ("Keeps drifting off mid-sentence.", "confusion_or_very_unwell", "present"),
        ("He keeps nodding off in front of the TV.", "confusion_or_very_unwell", None),
        ("He cannot say the time it started.", "confusion_or_very_unwell", None),
        ("Orientated to time, place and person.", "confusion_or_very_unwell", None),
    ],
)
def test_readings(kb: Any, text: str, finding: str, want: str | None) -> None:
    got = _read(text, kb).get(finding)
    if want is None:
        assert got != "present"  # a guard: not read present (a denial may be read)
    else:
        assert got == want
