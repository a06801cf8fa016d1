"""Honest strength of evidence (issue 11 §3): a probability above 95% needs evidence that
strong, so no single answer and no single group of correlated answers (one definition, one
symptom, one score) may take a cause there on its own; and the DVT probability follows the
Wells score point by point, in line with the validation strata (Wells 2006 JAMA pooled
prevalence; the two-level split of Wells 2003 and NICE NG158)."""

from __future__ import annotations

import collections
import itertools
import math
import statistics
from typing import Any

from hypothesis import given, settings

from legwise.engine.assess import assess_case, quick_triage
from legwise.engine.case import parse_case
from legwise.engine.compiled import compile_knowledge
from legwise.kb.loader import Knowledge

from .test_safety_properties import KB, cases
from .test_scores import wells_items

CERTAIN = 0.95
AGES = (5, 10, 30, 55, 80)
SEXES = ("female", "male")


def _probabilities(kb: Knowledge, age: int, sex: str, findings: dict[str, Any]) -> dict[str, float]:
    case = parse_case(kb, {"age": age, "sex": sex, "findings": findings})
    return quick_triage(compile_knowledge(kb), case)[1]


def test_one_group_of_correlated_answers_never_passes_95_percent(kb: Knowledge) -> None:
    """Every member of a combined group said yes, at the age and sex with the highest prior:
    one definition or one symptom asked several ways is one item, never near-certainty."""
    for cond, groups in kb.combined.items():
        for group in groups:
            for age, sex in itertools.product(AGES, SEXES):
                findings = {f: "present" for f in group.findings}
                p = _probabilities(kb, age, sex, findings).get(cond)
                assert p is None or p < CERTAIN, (group.id, age, sex, round(p, 3))


def test_one_answer_never_passes_95_percent(kb: Knowledge) -> None:
    for fid, finding in kb.findings.items():
        if finding.type != "state":
            continue
        for age, sex in itertools.product(AGES, SEXES):
            probs = _probabilities(kb, age, sex, {fid: "present"})
            top = max(probs, key=probs.__getitem__)
            assert probs[top] < CERTAIN, (fid, top, age, sex)


def _units(kb: Knowledge, condition: str, evidence: Any) -> dict[str, float]:
    """The answers behind a probability as independent units: a combined group is one unit
    (its members and its correction), any other finding its own; the prior is not evidence."""
    groups = kb.combined.get(condition, [])
    group_of = {f: g.id for g in groups for f in g.findings}
    by_members = {" + ".join(g.findings): g.id for g in groups}
    units: dict[str, float] = collections.defaultdict(float)
    for e in evidence:
        if e.kind == "combined":
            units[by_members[e.finding]] += e.log_ratio
        elif e.kind == "finding":
            units[group_of.get(e.finding, e.finding)] += e.log_ratio
    return units


@settings(max_examples=300, deadline=None)
@given(case=cases())
def test_above_95_percent_needs_two_independent_kinds_of_evidence(case: dict[str, Any]) -> None:
    result = assess_case(case, kb=KB)
    for c in result.conditions:
        if c.probability > CERTAIN:
            units = _units(KB, c.id, c.evidence)
            raising = [u for u, v in units.items() if v > 1e-9]
            assert len(raising) >= 2, (c.id, round(c.probability, 3), dict(units))


# --- DVT by Wells score, point by point ------------------------------------------------------

WELLS_TWO_LEVEL = wells_items(KB)
# Wells 2006 (JAMA) pooled prevalence by three-level stratum, 95% intervals.
LOW, MODERATE, HIGH = (0.04, 0.08), (0.13, 0.23), (0.44, 0.61)


def _by_score(kb: Knowledge) -> dict[int, float]:
    """Mean DVT probability per complete two-level Wells score (every item answered, one
    swollen leg: the referred population), over every combination, three ages, both sexes."""
    compiled = compile_knowledge(kb)
    out: dict[int, list[float]] = collections.defaultdict(list)
    for bits in itertools.product((0, 1), repeat=len(WELLS_TWO_LEVEL) + 1):
        *items, alternative = bits
        findings = {
            f: "present" if b else "absent" for f, b in zip(WELLS_TWO_LEVEL, items, strict=True)
        }
        findings["alternative_diagnosis_likely"] = "present" if alternative else "absent"
        findings["one_leg_swollen"] = "present"
        for age, sex in itertools.product((35, 55, 75), SEXES):
            case = parse_case(kb, {"age": age, "sex": sex, "findings": findings})
            p = quick_triage(compiled, case)[1]["deep_vein_thrombosis"]
            out[sum(items) - 2 * alternative].append(p)
    return {score: statistics.mean(ps) for score, ps in out.items()}


def test_dvt_probability_rises_with_the_wells_score_and_fits_its_strata(kb: Knowledge) -> None:
    """Each point makes a clot likelier (never less likely) until the cap; the two-level
    split (Wells 2003; NICE NG158) falls where the three-level strata put it: a score of 0 or
    less in the low stratum, "unlikely" (1 or less) below the moderate stratum's top, "likely"
    (2 or more) above its bottom, and a score of 3 or 4 near the high stratum."""
    mean = _by_score(kb)
    scores = sorted(mean)
    for a, b in itertools.pairwise(scores):
        assert mean[b] >= mean[a] - 1e-9, (a, b)
    for a, b in itertools.pairwise(range(-1, 5)):  # below the cap: every point counts
        assert mean[b] > mean[a] * 1.3, (a, b)
    assert LOW[0] <= mean[0] <= LOW[1]
    assert all(mean[s] <= MODERATE[1] for s in scores if s <= 1)
    assert all(mean[s] >= MODERATE[0] for s in scores if s >= 2)
    assert MODERATE[0] <= statistics.mean([mean[1], mean[2]]) <= MODERATE[1]
    assert HIGH[0] <= statistics.mean([mean[3], mean[4]]) <= HIGH[1]
    assert max(mean.values()) < 0.8
    # odds per point, below the cap, near the step between the pooled strata (about 2.4)
    steps = [
        math.log(mean[b] / (1 - mean[b])) - math.log(mean[a] / (1 - mean[a]))
        for a, b in itertools.pairwise(range(0, 5))
    ]
    assert 1.5 <= math.exp(statistics.mean(steps)) <= 3.5


# --- directions ---------------------------------------------------------------------------------


def test_every_condition_declares_the_direction_of_its_defining_feature(kb: Knowledge) -> None:
    """The loader checks a declared direction against the ratios (`kb.checks`), so each
    condition's defining feature declares one: a ratio typed the wrong way round for the
    feature a cause is recognised by cannot load."""
    missing = [
        c for c, links in kb.links.items() if not any(x.direction == "raises" for x in links)
    ]
    assert not missing


def test_venous_aching_is_lowered_by_pain_that_is_worst_in_bed(kb: Knowledge) -> None:
    """ESVS 2022: venous aching builds up standing and eases lying with the legs raised, so
    pain at its worst in bed points away from weak veins, and day-only rest pain a little
    towards them (the direction its source gives; the size is an estimate)."""
    base = _probabilities(kb, 60, "female", {})["chronic_venous_insufficiency"]
    night = _probabilities(kb, 60, "female", {"pain_at_night": "present"})
    day = _probabilities(kb, 60, "female", {"pain_at_night": "absent"})
    assert night["chronic_venous_insufficiency"] < base < day["chronic_venous_insufficiency"]
