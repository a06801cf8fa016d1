"""Cauda equina syndrome against the emergency-department series (issue 11 §3).

No study reports how often back pain with nerve symptoms alone is cauda equina syndrome, so
legwise has no setting prior for it (docs/model.md §2); the red-flag rules set the level. What
the series do report is the group a clinician sends for an emergency scan, people with back or
leg pain and at least one red flag: 11.3% of 530 (Wood 2024) and 22% of 23 (Bell 2007) had
compression. The probability must sit in that range for one red flag, and the red flags, being
parts of one syndrome, must never add up to near-certainty.
"""

from __future__ import annotations

import itertools

import pytest

from legwise import assess
from legwise.kb.loader import Knowledge

RED_FLAGS = (
    "saddle_numbness",
    "bladder_or_bowel_change",
    "bilateral_sciatica",
    "both_legs_weak_or_numb",
    "new_sexual_dysfunction",
)
BACK_AND_LEG = {"back_pain": "present", "pain_radiates_down_leg": "present"}


def _ces(kb: Knowledge, findings: dict[str, str]) -> tuple[float, str]:
    result = assess({"age": 45, "sex": "female", "findings": findings}, kb=kb)
    return result.probability("cauda_equina_syndrome"), result.triage.level


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_one_red_flag_gives_the_rate_of_the_emergency_series(kb: Knowledge, flag: str) -> None:
    p, level = _ces(kb, {**BACK_AND_LEG, flag: "present"})
    assert 0.05 <= p <= 0.30, f"{flag}: {p:.3f} outside the 6-22% of the series"
    assert level in ("emergency", "emergency_ambulance")


def test_red_flags_together_stay_short_of_certainty(kb: Knowledge) -> None:
    for n in range(2, len(RED_FLAGS) + 1):
        for flags in itertools.combinations(RED_FLAGS, n):
            p, level = _ces(kb, {**BACK_AND_LEG, **dict.fromkeys(flags, "present")})
            assert p < 0.6, f"{flags}: {p:.3f}; the series find compression in a minority"
            assert level in ("emergency", "emergency_ambulance")


def test_more_red_flags_never_lower_the_chance(kb: Knowledge) -> None:
    previous = _ces(kb, dict(BACK_AND_LEG))[0]
    findings = dict(BACK_AND_LEG)
    for flag in RED_FLAGS:
        findings[flag] = "present"
        p = _ces(kb, findings)[0]
        assert p >= previous - 1e-12
        previous = p
