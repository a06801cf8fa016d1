"""A growing-pains child who wakes at night: the waking is part of the pattern, not poor sleep.

Growing pains come in the evening or at night and often wake the child (Naish and Apley's
criteria ask for pain "severe enough to interrupt sleep"; evidence pack 2.10.3), and a child
with the typical pattern and no warning feature is a self-care case (R27). `sleep_disrupted`
asks something else: does it often wake you AND leave you tired. Read from "wakes at night" in
such a child it raised every typical growing-pains stem to a booked visit (the rule that
poor sleep needs a doctor), while the clinician's structured case left it out.

So in a text about a child (age 14 or under) whose pain is in both legs, a `sleep_disrupted`
reading whose words only say the child wakes (wake, woken, rouses) is dropped, unless the text
also says the child is tired, misses school or lies awake: then the sleep is truly disrupted.
`pain_at_night` from the same words stays. Answers, numbers and adult texts are left alone.
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted

CHILD_MAX_AGE = 14.0
WAKE = re.compile(r"\b(?:wak\w*|woke\w*|awak\w*|rous\w*)\b", re.I)
BOTH = re.compile(
    r"\bboth\b|\bbilateral(?:ly)?\b|\b(?:legs|shins|calves|thighs|knees)\b",
    re.I,
)
# the sleep loss shows by day, or the child cannot get back to sleep
TIRED = re.compile(
    r"\b(?:tired\w*|exhausted|fatigue\w*|sleepy|drowsy|shattered|worn\s+out|miss(?:es|ed|ing)?"
    r"\s+school|off\s+school|(?:lies|lay|lying)\s+awake|(?:can't|cannot|can\s+not|won't|doesn't)"
    r"\s+(?:get\s+back\s+to\s+)?sleep|up\s+for\s+hours|hours\s+awake)\b",
    re.I,
)


def drop_child_waking(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a growing-pains child's waking read as poor sleep (see the module)."""
    if not any(i.finding == "sleep_disrupted" and i.value == "present" for i in items):
        return items
    age = next((float(i.value) for i in items if i.finding == "age"), None)
    if age is None or age > CHILD_MAX_AGE or not BOTH.search(text) or TIRED.search(text):
        return items
    return [
        i
        for i in items
        if not (i.finding == "sleep_disrupted" and i.value == "present" and WAKE.search(i.text))
    ]
