"""Triage: rules set floors, unknown is never read as absent, reasons are kept."""

from __future__ import annotations

from typing import Any

from legwise import assess
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS


def _rank(result: object) -> int:
    return LEVELS.index(result.triage.level)  # type: ignore[attr-defined]


def test_chest_pain_with_a_swollen_leg_calls_an_ambulance(kb: Knowledge) -> None:
    result = assess(
        {"findings": {"one_leg_swollen": "present", "chest_pain_or_breathless": "present"}}, kb=kb
    )
    assert result.triage.level == "emergency_ambulance"
    top = result.triage.reasons[0]
    assert top.level == "emergency_ambulance" and top.sources


def test_every_reason_names_a_rule_a_level_and_a_source(kb: Knowledge) -> None:
    result = assess({"findings": {"fever_or_chills": "present", "leg_red": "present"}}, kb=kb)
    assert result.triage.reasons
    for reason in result.triage.reasons:
        assert reason.rule and reason.level in LEVELS and reason.sources
    assert result.triage.reasons[0].level == result.triage.level


def test_unanswered_warning_signs_are_listed_not_assumed_absent(kb: Knowledge) -> None:
    result = assess({"findings": {"brief_cramp_episodes": "present"}}, kb=kb)
    assert "chest_pain_or_breathless" in result.triage.unanswered_red_flags
    answered = assess(
        {"findings": {"brief_cramp_episodes": "present", "chest_pain_or_breathless": "absent"}},
        kb=kb,
    )
    assert "chest_pain_or_breathless" not in answered.triage.unanswered_red_flags


def test_an_outside_cause_is_flagged_unexplained_and_needs_a_doctor(kb: Knowledge) -> None:
    result = assess(
        {
            "age": 62,
            "findings": {
                "night_bone_pain": "present",
                "unexplained_weight_loss": "present",
                "active_cancer": "present",
            },
        },
        kb=kb,
    )
    assert result.unexplained is not None and result.unexplained.reason
    assert _rank(result) >= LEVELS.index("consultation")


# Symptoms that argue against every modelled cause at once (also used by test_policy_in_data).
NOTHING_FITS: dict[str, Any] = {
    "age": 45,
    "findings": {
        **{
            f: "absent"
            for f in (
                "brief_cramp_episodes",
                "urge_to_move_legs",
                "back_pain",
                "burning_feet",
                "numbness_or_tingling",
                "recent_strenuous_activity",
                "calf_pain_walking_relieved_by_rest",
                "both_legs_heavy_aching",
                "localized_muscle_tenderness",
                "relieved_by_stretching",
                "relieved_by_movement",
                "pain_radiates_down_leg",
                "muscle_knot_during_pain",
            )
        },
        "constant_ache_not_relieved_by_rest": "present",
        "pain_at_night": "present",
    },
}


def test_a_picture_no_cause_fits_is_unexplained_and_not_self_care(kb: Knowledge) -> None:
    result = assess(NOTHING_FITS, kb=kb)
    # Every modelled cause is argued against, so none reaches the "fits" threshold ...
    assert max(c.probability for c in result.conditions) < kb.meta.unexplained_probability
    # ... and the result says so, names no outside cause, and sends the person to a doctor.
    assert result.unexplained is not None
    assert result.unexplained.outside == ()
    assert "pain_at_night" in result.unexplained.findings
    assert _rank(result) >= LEVELS.index("consultation")
    assert "unexplained_picture" in [r.rule for r in result.triage.reasons]
    assert result.to_dict()["unexplained"]["reason"] == kb.meta.unexplained_reason_low
