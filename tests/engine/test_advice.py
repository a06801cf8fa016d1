"""Cause-aware advice: contraindications win, emergencies withdraw self-care."""

from __future__ import annotations

from typing import Any

from legwise import assess
from legwise.kb.loader import Knowledge

REST_PAIN: dict[str, Any] = {
    "age": 72,
    "sex": "male",
    "findings": {
        "smoker": "present",
        "foot_pain_worse_elevated": "present",
        "relieved_by_dangling_leg": "present",
    },
}


def _ids(items: Any) -> set[str]:
    return {a.id for a in items}


def test_no_leg_elevation_or_heat_with_ischaemic_rest_pain(kb: Knowledge) -> None:
    result = assess(REST_PAIN, kb=kb)
    avoid = _ids(result.advice.avoid)
    assert {"leg_elevation", "warmth"} <= avoid
    assert "lower_leg_position" in _ids(result.advice.recommended)
    why = {a.id: a.why for a in result.advice.avoid}
    assert why["leg_elevation"] and why["warmth"]


def test_no_massage_when_a_clot_is_possible(kb: Knowledge) -> None:
    result = assess(
        {"findings": {"one_leg_swollen": "present", "calf_tenderness": "present"}}, kb=kb
    )
    assert "massage" in _ids(result.advice.avoid)
    assert "massage" not in _ids(result.advice.recommended)


def test_no_heat_on_numb_feet(kb: Knowledge) -> None:
    result = assess(
        {
            "age": 64,
            "findings": {
                "diabetes": "present",
                "burning_feet": "present",
                "numbness_or_tingling": "present",
                "symmetric_both_feet": "present",
            },
        },
        kb=kb,
    )
    assert result.top == "peripheral_neuropathy"
    assert "warmth" in _ids(result.advice.avoid)


def test_typical_cramps_get_stretching_and_a_quinine_warning(kb: Knowledge) -> None:
    result = assess(
        {
            "age": 45,
            "findings": {
                "brief_cramp_episodes": "present",
                "muscle_knot_during_pain": "present",
                "relieved_by_stretching": "present",
            },
        },
        kb=kb,
    )
    assert "calf_stretching" in _ids(result.advice.recommended)
    assert "quinine_or_tonic_water" in _ids(result.advice.avoid)
    assert result.advice.tests and all(t.condition for t in result.advice.tests)


def test_emergency_withdraws_self_care(kb: Knowledge) -> None:
    result = assess(
        {
            "findings": {
                "sudden_onset": "present",
                "leg_pale_or_cold": "present",
                "sudden_numbness_or_weakness": "present",
            }
        },
        kb=kb,
    )
    assert result.triage.level == "emergency_ambulance"
    kinds = {a.kind for a in result.advice.recommended}
    assert kinds == {"urgent"}
    assert "get_care_now" in _ids(result.advice.recommended)


def test_newer_evidence_is_shown_beside_the_seed(kb: Knowledge) -> None:
    rls = assess(
        {
            "findings": {
                "urge_to_move_legs": "present",
                "worse_when_resting": "present",
                "relieved_by_movement": "present",
                "worse_evening_or_night": "present",
            }
        },
        kb=kb,
    )
    treatments = [t.item for t in rls.advice.treatments if t.condition == "restless_legs_syndrome"]
    differs = [t for t in treatments if t.seed_differs]
    assert differs, "the change from the seed's first-line RLS treatment must be stated"
    refs = {s.ref for t in differs for s in t.sources}
    assert {"seed_article", "aasm_2024_rls"} <= refs
