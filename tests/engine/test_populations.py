"""Guidance that differs by population reaches the output (issue 11 §4), the result speaks
with one voice (§6) and never says "no warning signs" over a warning sign (§2)."""

from __future__ import annotations

from typing import Any

from legwise import assess
from legwise.kb.loader import Knowledge

RLS = {
    "urge_to_move_legs": "present",
    "worse_evening_or_night": "present",
    "relieved_by_movement": "present",
    "worse_when_resting": "present",
}
CRAMPS = {
    "brief_cramp_episodes": "present",
    "muscle_knot_during_pain": "present",
    "relieved_by_stretching": "present",
}


def _care(result: Any, kind: str, condition: str) -> dict[str, dict[str, Any]]:
    items = result.to_dict()["advice"][kind]
    return {t["id"]: t for t in items if t["condition"] == condition}


def test_pregnancy_dvt_work_up_is_ultrasound_and_heparin_not_doacs(kb: Knowledge) -> None:
    case = {
        "age": 31,
        "sex": "female",
        "findings": {"pregnant_or_postpartum": "present", "one_leg_swollen": "present"},
    }
    result = assess(case, kb=kb)
    tests = _care(result, "tests", "deep_vein_thrombosis")
    treatments = _care(result, "treatments", "deep_vein_thrombosis")
    assert tests["compression_ultrasound"]["line"] == "first"
    assert tests["d_dimer"]["line"] == "not_routine"
    assert tests["d_dimer"]["population"] == "pregnancy"
    assert treatments["lmwh"]["line"] == "first"
    assert treatments["doac"]["line"] == "avoid"
    assert treatments["warfarin"]["line"] == "avoid"
    refs = {s["ref"] for s in treatments["doac"]["sources"]}
    assert {"rcog_gtg37b_2015", "bates_2018_ash"} <= refs


def test_outside_pregnancy_doacs_stay_first_choice(kb: Knowledge) -> None:
    result = assess({"age": 50, "sex": "male", "findings": {"one_leg_swollen": "present"}}, kb=kb)
    treatments = _care(result, "treatments", "deep_vein_thrombosis")
    assert treatments["doac"]["line"] == "first" and "population" not in treatments["doac"]
    assert treatments["lmwh"]["line"] == "second"


def test_pregnant_woman_is_not_told_magnesium_is_useless(kb: Knowledge) -> None:
    findings = dict(CRAMPS, pregnant_or_postpartum="present")
    result = assess({"age": 29, "sex": "female", "findings": findings}, kb=kb)
    shown = {a.id: a for a in (*result.advice.avoid, *result.advice.recommended)}
    caution = shown["magnesium_for_cramps"]
    assert caution.population == "pregnancy"
    assert "not worth" not in caution.name.lower()
    treatments = _care(result, "treatments", "nocturnal_leg_cramps")
    assert "disagree" in treatments["magnesium"]["detail"]


def test_rls_iron_thresholds_follow_the_person(kb: Knowledge) -> None:
    kidney = assess({"age": 60, "findings": dict(RLS, kidney_disease="present")}, kb=kb)
    iron = _care(kidney, "treatments", "restless_legs_syndrome")["iron_treatment"]
    assert "200" in iron["detail"] and iron["population"] == "kidney_failure"
    gaba = _care(kidney, "treatments", "restless_legs_syndrome")["alpha2delta_medicines"]
    assert "dose" in gaba["detail"] and "kidney" in gaba["detail"]
    child = assess({"age": 9, "findings": dict(RLS)}, kb=kb)
    treatments = _care(child, "treatments", "restless_legs_syndrome")
    assert "50" in treatments["iron_treatment"]["detail"]
    assert "specialist_options" not in treatments  # no adult opioid text for a child
    assert "alcohol" not in treatments["remove_triggers"]["detail"].lower()
    pregnant = assess(
        {"age": 30, "sex": "female", "findings": dict(RLS, pregnant_or_postpartum="present")}, kb=kb
    )
    treatments = _care(pregnant, "treatments", "restless_legs_syndrome")
    assert treatments["iron_treatment"]["line"] == "first"
    assert treatments["dopamine_agonists"]["line"] == "avoid"


def test_a_child_gets_no_alcohol_or_smoking_text(kb: Knowledge) -> None:
    result = assess({"age": 11, "findings": dict(RLS)}, kb=kb)
    for item in result.advice.recommended:
        text = f"{item.name} {item.how}".lower()
        assert "alcohol" not in text and "smok" not in text, item.id


def test_stop_smoking_only_for_smokers(kb: Knowledge) -> None:
    claudication = {"calf_pain_walking_relieved_by_rest": "present"}
    unknown = assess({"age": 66, "findings": claudication}, kb=kb)
    smoker = assess({"age": 66, "findings": dict(claudication, smoker="present")}, kb=kb)
    non = assess({"age": 66, "findings": dict(claudication, smoker="absent")}, kb=kb)
    assert "stop_smoking" in {a.id for a in smoker.advice.recommended}
    assert "stop_smoking" not in {a.id for a in unknown.advice.recommended}
    assert "stop_smoking" not in _care(non, "treatments", "peripheral_artery_disease")


def test_do_not_raise_the_leg_wins_over_rest_it_raised(kb: Knowledge) -> None:
    findings = {"leg_red": "present", "leg_warm": "present", "foot_pain_worse_elevated": "present"}
    result = assess({"age": 73, "findings": findings}, kb=kb)
    reasons = {r.rule: r for r in result.triage.reasons}
    assert reasons["cellulitis_red_warm_leg"].action is None  # "rest with the leg raised" left out
    assert reasons["clti_rest_pain_eased_by_hanging_leg"].action  # "do not raise the leg" kept
    assert "leg_elevation" in {a.id for a in result.advice.avoid}


def test_keep_weight_off_silences_keep_moving(kb: Knowledge) -> None:
    findings = dict(CRAMPS, cannot_bear_weight="present")
    result = assess({"age": 58, "findings": findings}, kb=kb)
    recommended = {a.id for a in result.advice.recommended}
    assert not {"gentle_movement", "walking_program", "calf_stretching"} & recommended
    assert any(r.action and "weight off" in r.action for r in result.triage.reasons)


def test_no_warning_signs_is_not_said_when_one_was_answered_yes(kb: Knowledge) -> None:
    quiet = assess({"age": 40, "findings": dict(CRAMPS)}, kb=kb)
    assert [r.rule for r in quiet.triage.reasons] == ["no_warning_signs"]
    flagged = assess({"age": 40, "findings": dict(CRAMPS, sudden_onset="present")}, kb=kb)
    rules = [r.rule for r in flagged.triage.reasons]
    assert flagged.triage.level == "self_care"
    assert rules == ["no_urgent_warning_signs"]
    assert "none of your answers" not in flagged.triage.reasons[0].text.lower()
