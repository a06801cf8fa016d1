"""Honest ranking (issue 11 §3): rule-named causes first, supported causes lead, a cause the
answers argue against never leads by its prior, correlated answers counted once, DVT
calibrated to the Wells strata, ratios pointing the right way."""

from __future__ import annotations

import dataclasses
import itertools
import math
import statistics
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import legwise
from legwise import assess, assess_batch
from legwise.engine.assess import quick_triage
from legwise.engine.batch import encode, run
from legwise.engine.case import parse_case
from legwise.engine.compiled import compile_knowledge
from legwise.kb.checks import check
from legwise.kb.loader import Knowledge
from legwise.kb.schema import Link, Meta
from legwise.tables.results import result_table

from .test_safety_properties import KB, cases

# --- rule-named causes first, with their tests --------------------------------------------------

POSTPARTUM_CALF = {
    "age": 31,
    "sex": "female",
    "findings": {
        "pregnant_or_postpartum": "present",
        "one_leg_swollen": "present",
        "calf_tenderness": "present",
        "pain_at_night": "present",
        "brief_cramp_episodes": "present",
    },
}


def test_the_cause_a_rule_names_is_listed_first_with_its_tests(kb: Knowledge) -> None:
    result = assess(POSTPARTUM_CALF, kb=kb)
    assert result.top == "deep_vein_thrombosis"
    assert result.level_is_about == ("deep_vein_thrombosis",)
    body = result.to_dict()
    assert body["triage"]["level_is_about"] == ["deep_vein_thrombosis"]
    assert body["conditions"][0]["named_by_rule"] is True
    assert any(t["condition"] == "deep_vein_thrombosis" for t in body["advice"]["tests"])
    assert body["advice"]["tests"][0]["condition"] == "deep_vein_thrombosis"


def test_the_order_never_changes_a_probability(kb: Knowledge) -> None:
    result = assess(POSTPARTUM_CALF, kb=kb)
    _, probs = quick_triage(compile_knowledge(kb), parse_case(kb, POSTPARTUM_CALF))
    assert {c.id: c.probability for c in result.conditions} == pytest.approx(probs)


def test_no_rule_named_cause_means_no_level_is_about(kb: Knowledge) -> None:
    case = {"age": 45, "findings": {"brief_cramp_episodes": "present"}}
    result = assess(case, kb=kb)
    assert result.level_is_about == ()
    assert result.to_dict()["triage"]["level_is_about"] == []
    assert not any(c.named_by_rule for c in result.conditions)


def test_every_rule_about_names_a_dangerous_condition(kb: Knowledge) -> None:
    named = {c for r in kb.rules.values() for c in r.about}
    assert named
    assert all(kb.conditions[c].dangerous for c in named)


# --- a benign prior never leads or explains by default ------------------------------------------


def test_a_common_cause_does_not_lead_without_support(kb: Knowledge) -> None:
    # Classic claudication in an older non-smoker: cramps' prior is higher than PAD's
    # posterior, but nothing in the answers points to cramps.
    case = {
        "age": 72,
        "sex": "female",
        "findings": {"calf_pain_walking_relieved_by_rest": "present", "smoker": "absent"},
    }
    result = assess(case, kb=kb)
    cramps = result.probability("nocturnal_leg_cramps")
    pad = result.probability("peripheral_artery_disease")
    assert cramps > pad  # the numbers stay honest...
    assert result.top == "peripheral_artery_disease"  # ...but PAD leads: the answers point to it
    assert next(c for c in result.conditions if c.id == "peripheral_artery_disease").supported


def test_a_long_unexplained_pain_is_not_called_cramps(kb: Knowledge) -> None:
    case = {
        "age": 72,
        "sex": "male",
        "findings": {
            "symptom_duration_days": 365,
            "pain_at_night": "present",
            "pain_persists_into_day": "present",
            "brief_cramp_episodes": "absent",
            "muscle_knot_during_pain": "absent",
            "relieved_by_stretching": "absent",
            "urge_to_move_legs": "absent",
        },
    }
    result = assess(case, kb=kb)
    assert result.unexplained is not None
    assert result.triage.level != "self_care"
    assert result.top != "nocturnal_leg_cramps"
    assert "calf_stretching" not in {a.id for a in result.advice.recommended}


# --- correlated answers count once --------------------------------------------------------------

RLS_CRITERIA = ["urge_to_move_legs", "worse_when_resting", "relieved_by_movement"]


def _p(kb: Knowledge, condition: str, findings: dict[str, Any], age: int = 50) -> float:
    case = parse_case(kb, {"age": age, "sex": "male", "findings": findings})
    return quick_triage(compile_knowledge(kb), case)[1][condition]


def _odds(p: float) -> float:
    return p / (1 - p)


def test_the_four_rls_criteria_count_as_one_item(kb: Knowledge) -> None:
    base = _p(kb, "restless_legs_syndrome", {})
    four = {f: "present" for f in [*RLS_CRITERIA, "worse_evening_or_night"]}
    together = _p(kb, "restless_legs_syndrome", four)
    assert _odds(together) / _odds(base) == pytest.approx(6.0)  # Hening 2009: LR+ about 6
    assert together < 0.95


def test_the_two_rest_pain_questions_count_as_one(kb: Knowledge) -> None:
    one = _p(kb, "peripheral_artery_disease", {"foot_pain_worse_elevated": "present"}, 70)
    both = _p(
        kb,
        "peripheral_artery_disease",
        {"foot_pain_worse_elevated": "present", "relieved_by_dangling_leg": "present"},
        70,
    )
    assert both == pytest.approx(one)


def test_a_capped_group_is_explained_and_still_adds_up(kb: Knowledge) -> None:
    four = {f: "present" for f in [*RLS_CRITERIA, "worse_evening_or_night"]}
    result = assess({"age": 50, "sex": "male", "findings": four}, kb=kb)
    rls = next(c for c in result.conditions if c.id == "restless_legs_syndrome")
    kinds = [e.kind for e in rls.evidence]
    assert "combined" in kinds
    prior_lo = math.log(_odds(rls.prior))
    assert prior_lo + sum(e.log_ratio for e in rls.evidence if e.kind != "prior") == (
        pytest.approx(math.log(_odds(rls.probability)))
    )


def test_every_combined_group_names_a_source(kb: Knowledge) -> None:
    groups = [g for gs in kb.combined.values() for g in gs]
    assert {g.id for g in groups} >= {
        "irlssg_symptom_criteria",
        "ischaemic_rest_pain",
        "wells_items",
    }
    assert all(g.sources for g in groups)


# --- DVT agrees with the Wells strata -----------------------------------------------------------

WELLS = [
    "active_cancer",
    "leg_cast_or_paralysis",
    "recent_surgery_or_bedridden",
    "deep_vein_tenderness",
    "whole_leg_swollen",
    "calf_difference_3cm",
    "pitting_edema_symptomatic_leg",
    "collateral_superficial_veins",
]
# Wells 2006 (JAMA), pooled prevalence by three-level Wells score, with its 95% intervals.
STRATA = {"low": (0.04, 0.08), "moderate": (0.13, 0.23), "high": (0.44, 0.61)}


def _referred_population(kb: Knowledge) -> dict[str, list[float]]:
    """DVT probability for every combination of Wells answers in people referred with one
    swollen leg (the population the strata were measured in), at three ages, both sexes."""
    compiled = compile_knowledge(kb)
    out: dict[str, list[float]] = {s: [] for s in STRATA}
    for bits in itertools.product((0, 1), repeat=len(WELLS)):
        for alternative, age, sex in itertools.product((0, 1), (35, 55, 75), ("female", "male")):
            findings = {f: "present" if b else "absent" for f, b in zip(WELLS, bits, strict=True)}
            findings["one_leg_swollen"] = "present"
            findings["alternative_diagnosis_likely"] = "present" if alternative else "absent"
            points = sum(bits) - 2 * alternative
            stratum = "low" if points <= 0 else "moderate" if points <= 2 else "high"
            case = parse_case(kb, {"age": age, "sex": sex, "findings": findings})
            out[stratum].append(quick_triage(compiled, case)[1]["deep_vein_thrombosis"])
    return out


def test_dvt_probability_agrees_with_the_wells_strata(kb: Knowledge) -> None:
    population = _referred_population(kb)
    means = {s: statistics.mean(v) for s, v in population.items()}
    for stratum, (lo, hi) in STRATA.items():
        assert lo <= means[stratum] <= hi, (stratum, round(means[stratum], 3))
    assert means["low"] < means["moderate"] < means["high"]
    # correlated findings may not push a suspected clot to near-certainty
    assert max(p for v in population.values() for p in v) < 0.8


def test_one_swollen_leg_alone_is_a_referred_patient_before_the_score(kb: Knowledge) -> None:
    p = _p(kb, "deep_vein_thrombosis", {"one_leg_swollen": "present"})
    assert 0.08 <= p <= 0.2  # referred cohorts: 16% (Wells 1997), about 19% pooled


# --- ratios point the way their sources say -----------------------------------------------------


def test_a_declared_direction_catches_a_ratio_the_wrong_way_round(kb: Knowledge) -> None:
    links = dict(kb.links)
    wrong = [
        Link(**{**link.model_dump(), "lr_pos": 0.5})
        if link.finding == "bilateral_sciatica"
        else link
        for link in links["sciatica"]
    ]
    bad = dataclasses.replace(kb, links={**links, "sciatica": wrong})
    problems = check(bad)
    assert any("bilateral_sciatica" in p and "declared to raise" in p for p in problems)


def test_a_ratio_cannot_point_both_ways(kb: Knowledge) -> None:
    links = dict(kb.links)
    wrong = [
        Link(**{**link.model_dump(), "lr_neg": 1.5})
        if link.finding == "urge_to_move_legs"
        else link
        for link in links["restless_legs_syndrome"]
    ]
    problems = check(dataclasses.replace(kb, links={**links, "restless_legs_syndrome": wrong}))
    assert any("urge_to_move_legs" in p and "point the same way" in p for p in problems)


def test_bilateral_sciatica_raises_sciatica(kb: Knowledge) -> None:
    base = _p(kb, "sciatica", {"back_pain": "present"})
    both = _p(kb, "sciatica", {"back_pain": "present", "bilateral_sciatica": "present"})
    assert both > base


def test_not_sudden_only_halves_the_odds_of_limb_ischaemia(kb: Knowledge) -> None:
    link = next(x for x in kb.links["acute_limb_ischemia"] if x.finding == "sudden_onset")
    assert link.negative == 0.5
    cold = {"leg_pale_or_cold": "present", "numbness_or_tingling": "present"}
    unknown = _p(kb, "acute_limb_ischemia", cold, 75)
    no = _p(kb, "acute_limb_ischemia", {**cold, "sudden_onset": "absent"}, 75)
    assert _odds(no) / _odds(unknown) == pytest.approx(0.5)


# --- each question reads one thing ---------------------------------------------------------------


def test_the_dangling_question_does_not_also_catch_relief_by_getting_up(kb: Knowledge) -> None:
    """Relief by standing up and walking is restless legs (IRLSSG criterion 3); relief by
    hanging the leg down is ischaemic rest pain. One question must not read both."""
    dangling = kb.findings["relieved_by_dangling_leg"]
    words = f"{dangling.question} {dangling.help}".lower()
    assert "stand up" not in dangling.question.lower()
    assert "walk" in words  # the help sends walking relief elsewhere
    for phrase in dangling.phrases:
        assert "stand" not in phrase and "walk" not in phrase, phrase


# --- a cause a fired rule excludes never leads --------------------------------------------------


def _reasons(result: Any) -> list[Any]:
    """The fired rules behind a result (the unexplained floor is not a rule)."""
    return [r for r in result.triage.reasons if r.rule in KB.rules]


CHILD_PATTERN = {"child_both_legs_evening_pain": "present"}
EXCLUSION_SIGNS = ["pallor_or_easy_bruising", "limp", "one_leg_only", "unexplained_weight_loss"]


@pytest.mark.parametrize("sign", EXCLUSION_SIGNS)
def test_an_exclusion_sign_puts_growing_pains_last_in_both_paths(kb: Knowledge, sign: str) -> None:
    """Growing pains is a diagnosis of exclusion: with the classic pattern and one exclusion
    sign, the rule that fires excludes it, so it is listed last, not first by its prior."""
    case = {"age": 8, "sex": "female", "findings": {**CHILD_PATTERN, sign: "present"}}
    result = assess(case, kb=kb)
    assert any("growing_pains" in kb.rules[r.rule].excludes for r in _reasons(result))
    order = [c.id for c in result.conditions]
    assert order[-1] == "growing_pains"
    assert result.top != "growing_pains"
    batch = assess_batch([case], kb=kb)
    assert batch.top(0) == result.top


def test_without_an_exclusion_sign_growing_pains_still_leads(kb: Knowledge) -> None:
    case = {"age": 8, "sex": "female", "findings": dict(CHILD_PATTERN)}
    assert assess(case, kb=kb).top == "growing_pains"


@settings(max_examples=150, deadline=None)
@given(case=cases())
def test_no_excluded_cause_is_listed_first(case: dict[str, Any]) -> None:
    result = assess(case, kb=KB)
    fired = [KB.rules[r.rule] for r in _reasons(result)]
    named = {c for r in fired for c in r.about}
    excluded = {c for r in fired for c in r.excludes} - named
    if result.top is not None and len(excluded) < len(result.conditions):
        assert result.top not in excluded


# --- a cause the answers argue against does not lead by its prior -------------------------------

# 45-year-old with a month of deep bone pain at night that stays by day: rules point outside
# legwise, nothing is named or supported; the answers argue against night cramps (brief,
# night-only), whose prior is the highest.
BONE_PAIN = {
    "age": 45,
    "sex": "male",
    "findings": {
        "night_bone_pain": "present",
        "pain_persists_into_day": "present",
        "symptom_duration_days": 30,
    },
}


def _log_odds(p: float) -> float:
    return math.log(p) - math.log1p(-p)


def test_a_cause_the_answers_argue_against_does_not_lead_in_any_path(kb: Knowledge) -> None:
    result = assess(BONE_PAIN, kb=kb)
    cramps = next(c for c in result.conditions if c.id == "nocturnal_leg_cramps")
    assert _odds(cramps.probability) / _odds(cramps.prior) <= kb.meta.against_max_ratio
    assert cramps.probability == max(c.probability for c in result.conditions)  # still honest
    assert result.top != "nocturnal_leg_cramps"
    assert result.conditions[0].probability >= kb.meta.plausible_probability
    assert assess_batch([BONE_PAIN], kb=kb).top(0) == result.top
    table = legwise.assess_table(pa.Table.from_pylist([BONE_PAIN]), kb=kb).to_pylist()
    assert [c["id"] for c in table[0]["causes"]] == [c.id for c in result.conditions[:3]]


def test_the_reason_says_plainly_that_no_listed_cause_fits(kb: Knowledge) -> None:
    result = assess(BONE_PAIN, kb=kb)
    assert result.unexplained is not None and result.unexplained.outside
    assert kb.meta.unexplained_none_listed
    assert result.unexplained.reason.endswith(kb.meta.unexplained_none_listed)
    # ...but not when a listed cause is named or supported (a clot behind a swollen calf)
    result = assess(POSTPARTUM_CALF, kb=kb)
    assert result.unexplained is None or kb.meta.unexplained_none_listed not in (
        result.unexplained.reason
    )


def test_the_against_ratio_is_the_knowledge_s(kb: Knowledge) -> None:
    """Set to 0 in meta.yaml, nothing counts as argued against and the prior leads again
    (so the rule is data, read by both paths)."""
    meta = kb.meta.model_copy(update={"against_max_ratio": 0.0})
    off = dataclasses.replace(kb, meta=meta)
    assert assess(BONE_PAIN, kb=off).top == "nocturnal_leg_cramps"
    assert assess_batch([BONE_PAIN], kb=off).top(0) == "nocturnal_leg_cramps"


def test_support_and_arguing_against_cannot_overlap(kb: Knowledge) -> None:
    data = {**kb.meta.model_dump(by_alias=True), "support_min_ratio": 1.0}
    with pytest.raises(ValidationError, match="against_max_ratio"):
        Meta.model_validate({**data, "against_max_ratio": 0.995})
    assert Meta.model_validate({**data, "against_max_ratio": 0.5}).against_max_ratio == 0.5


def test_a_clear_common_cause_still_leads(kb: Knowledge) -> None:
    """Controls: classic cramps in an older person, and too few answers to argue against the
    commonest cause, keep it first; the rule demotes only what the answers argue against."""
    classic = {
        "age": 78,
        "findings": {
            "brief_cramp_episodes": "present",
            "muscle_knot_during_pain": "present",
            "pain_at_night": "present",
        },
    }
    sparse = {"age": 67, "findings": {"pain_at_night": "present"}}
    for case in (classic, sparse):
        assert assess(case, kb=kb).top == "nocturnal_leg_cramps"
        assert assess_batch([case], kb=kb).top(0) == "nocturnal_leg_cramps"


def _order_parts(kb: Knowledge, result: Any) -> list[int]:
    """The part of the list (`ranking.rank_causes`) each listed cause belongs in, read back
    from the result alone: 0 named, 1 open (supported, or plausible and not argued against),
    2 behind (argued against, or unsupported and not plausible), 3 excluded. The likeliest
    supported cause leads the open part."""
    fired = [kb.rules[r.rule] for r in _reasons(result)]
    named = {c for r in fired for c in r.about}
    excluded = {c for r in fired for c in r.excludes} - named
    against = math.log(kb.meta.against_max_ratio)
    plausible = _log_odds(kb.meta.plausible_probability)
    parts = []
    for c in result.conditions:
        rise = _log_odds(c.probability) - _log_odds(c.prior)
        if c.id in named:
            parts.append(0)
        elif c.id in excluded:
            parts.append(3)
        elif c.supported or (rise > against + 0.01 and _log_odds(c.probability) > plausible):
            parts.append(1)
        elif rise < against - 0.01 or _log_odds(c.probability) < plausible - 0.01:
            parts.append(2)
        else:  # within rounding of a cut: either part
            parts.append(-1)
    return parts


@settings(max_examples=150, deadline=None)
@given(batch=st.lists(cases(), min_size=1, max_size=8))
def test_the_order_rule_holds_and_both_paths_list_causes_alike(batch: list[Any]) -> None:
    """Named causes first, then the supported and plausible open ones, then those the answers
    argue against (or that are neither supported nor plausible), then the excluded; and the
    vectorised path (its first cause, and the table's three causes) lists them the same."""
    encoded = encode(KB, batch)
    vectorised = run(KB, encoded, fired=True)
    ids = pa.array([None] * len(batch), pa.string())
    table = result_table(KB, encoded, vectorised, ids).to_pylist()
    for row, case in enumerate(batch):
        result = assess(case, kb=KB)
        parts = [p for p in _order_parts(KB, result) if p >= 0]
        assert parts == sorted(parts), [c.id for c in result.conditions]
        top = vectorised.top(row)
        if top != result.top:  # only a float32 near-tie may order two causes differently
            assert result.top is not None and top is not None
            assert abs(result.probability(top) - result.probability(result.top)) < 1e-5
        causes = table[row]["causes"]
        assert len(causes) == min(3, len(result.conditions))
        for cause, expected in zip(causes, result.conditions, strict=False):
            assert abs(cause["probability"] - expected.probability) < 1e-6, cause["id"]
