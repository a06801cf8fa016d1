"""Property tests for the issue 11 safety classes (hypothesis, random cases).

* A pale or cold leg with numbness or weakness whose duration is 14 days or less, or unknown,
  always calls an ambulance; a pale or cold leg alone in that window is at least an emergency.
* A painful or tender calf with any clot risk, and new leg weakness, are never below a same-day
  visit.
* No foot pulses with new numbness (emergency) or weakness (ambulance) that began within 14 days;
  pain rising in a cast, and numbness or weakness after a leg injury: at least an emergency. A
  positive D-dimer, a tender calf (either side), a leg in a cast, and a teenager's one-sided day or
  bone pain are never below a same-day visit.
* A dangerous cause that the advice treats as suspected always comes with a same-day level.
* One voice: nothing the result says contradicts anything else it says.
* "No warning signs" is never said when a warning sign was answered yes.
* Advice is for the person: no "stop smoking" unless they smoke, no "drink more" against a
  fluid limit, no growing-pains comfort once a growing-pains exclusion feature is present.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from legwise.engine.assess import assess_case, suspicion_cuts
from legwise.engine.voice import said, yields_of
from legwise.kb.schema import LEVELS

from .test_safety_properties import CK, KB, _rank, _with, cases

AMBULANCE = LEVELS.index("emergency_ambulance")
EMERGENCY = LEVELS.index("emergency")
SAME_DAY = LEVELS.index("consultation_24")
VTE_RISKS = [
    "recent_surgery_or_bedridden",
    "leg_cast_or_paralysis",
    "estrogen_use",
    "pregnant_or_postpartum",
    "long_travel",
    "active_cancer",
    "previous_dvt",
    "joint_replacement",
]
PAINFUL_LEG = ["calf_tenderness", "one_leg_only", "localized_muscle_tenderness"]
recent = st.one_of(st.none(), st.floats(min_value=0, max_value=14, allow_nan=False))


def _duration(case: dict[str, Any], days: float | None) -> dict[str, Any]:
    findings = dict(case["findings"])
    findings.pop("symptom_duration_days", None)
    if days is not None:
        findings["symptom_duration_days"] = days
    return dict(case, findings=findings)


@given(cases(), recent, st.sampled_from(["numbness_or_tingling", "leg_weakness"]))
def test_a_recent_pale_numb_or_weak_leg_calls_an_ambulance(
    case: dict[str, Any], days: float | None, deficit: str
) -> None:
    case = _with(_with(_duration(case, days), "leg_pale_or_cold", "present"), deficit, "present")
    case = _with(case, "sudden_onset", "absent")  # "not sudden" must not lower it
    assert _rank(case) >= AMBULANCE


@given(cases(), recent)
def test_a_recent_pale_or_cold_leg_is_an_emergency(
    case: dict[str, Any], days: float | None
) -> None:
    case = _with(_duration(case, days), "leg_pale_or_cold", "present")
    assert _rank(case) >= EMERGENCY


@given(cases(), st.sampled_from(VTE_RISKS), st.sampled_from(PAINFUL_LEG))
def test_a_painful_calf_with_a_clot_risk_is_seen_the_same_day(
    case: dict[str, Any], risk: str, pain: str
) -> None:
    assert _rank(_with(_with(case, risk, "present"), pain, "present")) >= SAME_DAY


known_recent = st.floats(min_value=0, max_value=14, allow_nan=False)


@given(cases(), known_recent, st.sampled_from(["numbness_or_tingling", "leg_weakness"]))
def test_no_foot_pulses_with_a_recent_nerve_sign_is_an_emergency(
    case: dict[str, Any], days: float, deficit: str
) -> None:
    case = _with(_with(_duration(case, days), "absent_foot_pulses", "present"), deficit, "present")
    case = _with(case, "sudden_onset", "absent")  # "not sudden" must not lower it
    assert _rank(case) >= (AMBULANCE if deficit == "leg_weakness" else EMERGENCY)


@given(cases(), st.sampled_from(["numbness_or_tingling", "leg_weakness", "getting_worse"]))
def test_rising_pain_or_nerve_signs_in_a_cast_or_injured_leg_is_an_emergency(
    case: dict[str, Any], sign: str
) -> None:
    setting = "leg_cast_or_paralysis" if sign == "getting_worse" else "recent_leg_injury"
    assert _rank(_with(_with(case, setting, "present"), sign, "present")) >= EMERGENCY


@given(cases(), st.sampled_from(["calf_tenderness", "leg_cast_or_paralysis"]))
def test_a_tender_calf_or_a_leg_in_a_cast_is_seen_the_same_day(
    case: dict[str, Any], finding: str
) -> None:
    # Whatever the side or the other answers: the advice already keeps rubbing away from a
    # tender calf, and a cast is a clot risk on a painful leg (NICE NG158 1.1.1, NG89).
    assert _rank(_with(case, finding, "present")) >= SAME_DAY


@given(
    cases(),
    st.integers(min_value=15, max_value=17),
    st.sampled_from(["pain_persists_into_day", "night_bone_pain"]),
)
def test_a_teenager_with_one_sided_day_or_bone_pain_is_seen_the_same_day(
    case: dict[str, Any], age: int, pain: str
) -> None:
    case = _with(_with(dict(case, age=age), "one_leg_only", "present"), pain, "present")
    assert _rank(case) >= SAME_DAY


@given(cases())
def test_a_positive_d_dimer_is_seen_the_same_day(case: dict[str, Any]) -> None:
    assert _rank(_with(case, "d_dimer_positive", "present")) >= SAME_DAY


@given(cases())
def test_new_leg_weakness_is_seen_the_same_day(case: dict[str, Any]) -> None:
    assert _rank(_with(case, "leg_weakness", "present")) >= SAME_DAY


@given(cases())
def test_a_suspected_dangerous_cause_has_a_same_day_level(case: dict[str, Any]) -> None:
    result = assess_case(case, kb=KB)
    rank = LEVELS.index(result.triage.level)
    for cond, cut in suspicion_cuts(KB).items():
        named = any(
            cond in a.conditions for a in (*result.advice.recommended, *result.advice.avoid)
        )
        if named or result.probability(cond) >= cut:
            assert rank >= SAME_DAY, cond


@given(cases())
def test_the_result_speaks_with_one_voice(case: dict[str, Any]) -> None:
    result = assess_case(case, kb=KB)
    tags = said(KB, result.triage, result.advice)
    for keep, gives_way in yields_of(KB).items():
        if keep in tags:
            assert not tags & gives_way, (keep, sorted(tags & gives_way))


@given(cases())
def test_tests_and_treatments_shown_keep_the_same_voice(case: dict[str, Any]) -> None:
    # "What a doctor may do" never says what the rules and advice tell the person not to do
    # (no "raise the sore leg" beside "do not raise the leg", no walking plan beside "keep
    # weight off"); a contraindication (line `avoid`) is the safe side and may stay.
    result = assess_case(case, kb=KB)
    tags = said(KB, result.triage, result.advice)
    table = yields_of(KB)
    gone = {y for t in tags for y in table.get(t, ())}
    for c in (*result.advice.tests, *result.advice.treatments):
        if c.item.line != "avoid":
            assert not gone & set(c.item.asks), (c.item.id, sorted(gone & set(c.item.asks)))


@given(cases())
def test_a_cause_ruled_out_by_its_definition_shows_no_care(case: dict[str, Any]) -> None:
    # Growing pains with a limp: its rubbing and warm packs are not shown as its treatment.
    result = assess_case(case, kb=KB)
    fired = [KB.rules[r.rule] for r in result.triage.reasons if r.rule in KB.rules]
    named = {c.id for c in result.conditions if c.named_by_rule}
    excluded = {c for rule in fired for c in rule.excludes} - named
    shown = {c.condition for c in (*result.advice.tests, *result.advice.treatments)}
    assert not excluded & shown


@given(cases())
def test_no_warning_signs_is_never_said_over_a_warning_sign(case: dict[str, Any]) -> None:
    result = assess_case(case, kb=KB)
    if any(result.case.states.get(f, 0) > 0 for f in CK.red_flags):
        assert "no_warning_signs" not in [r.rule for r in result.triage.reasons]


@given(cases())
def test_advice_is_for_the_person_in_front_of_you(case: dict[str, Any]) -> None:
    result = assess_case(case, kb=KB)
    states = result.case.states
    recommended = {a.id for a in result.advice.recommended}
    if states.get("smoker", 0) <= 0:
        assert "stop_smoking" not in recommended
    limited = states.get("fluid_restriction", 0) > 0 or states.get("kidney_disease", 0) > 0
    limited |= states.get("heart_disease", 0) > 0 and states.get("diuretic_or_statin_use", 0) > 0
    if limited:
        assert "hydration" not in recommended
    child = result.case.age is not None and result.case.age <= 14
    exclusions = ("limp", "pain_persists_into_day", "one_leg_only", "fever_or_chills")
    if child and any(states.get(f, 0) > 0 for f in exclusions):
        assert not {"massage", "warmth"} & recommended
    if states.get("calf_tenderness", 0) > 0:
        assert not {"massage", "calf_stretching", "walking_program"} & recommended


def test_the_interview_asks_when_a_pale_numb_leg_began() -> None:
    """An unknown duration keeps a pale, numb leg at "ambulance"; the interview then asks when
    it began, and a months-old change comes down to a same-day vascular check."""
    from legwise.engine.question_choice import next_step

    findings: dict[str, Any] = {"leg_pale_or_cold": "present", "numbness_or_tingling": "present"}
    case = {"age": 74, "sex": "male", "findings": findings}
    step = next_step(case, kb=KB)
    assert not step.done and step.urgent and step.level == "emergency_ambulance"
    assert step.question is not None
    assert step.question.findings == ("symptom_duration_days",)
    assert _rank(dict(case, findings=dict(findings, symptom_duration_days=5))) == AMBULANCE
    assert _rank(dict(case, findings=dict(findings, symptom_duration_days=240))) == SAME_DAY


@given(cases())
def test_magnesium_is_never_offered_with_kidney_disease(case: dict[str, Any]) -> None:
    # Oral magnesium builds up when the kidneys fail (NICE ESUOM4): with kidney disease it is
    # shown only as "avoid", or, in pregnancy, as "ask first" with the kidney warning.
    result = assess_case(case, kb=KB)
    states = result.case.states
    if states.get("kidney_disease", 0) > 0:
        for c in result.advice.treatments:
            if c.item.id == "magnesium":
                pregnant = states.get("pregnant_or_postpartum", 0) > 0
                assert c.item.line == "avoid" or (pregnant and "kidney" in c.item.detail)
