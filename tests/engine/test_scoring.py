"""Bayesian scoring: contributions explain the posterior exactly, unknown moves nothing."""

from __future__ import annotations

import math

from legwise import assess
from legwise.engine.scoring import sigmoid
from legwise.kb.loader import Knowledge


def test_contributions_add_up_to_the_posterior(kb: Knowledge) -> None:
    case = {
        "age": 70,
        "sex": "male",
        "findings": {
            "smoker": "present",
            "foot_pain_worse_elevated": "present",
            "relieved_by_dangling_leg": "present",
            "urge_to_move_legs": "absent",
            "ankle_brachial_index": 0.5,
        },
    }
    result = assess(case, kb=kb)
    for cond in result.conditions:
        base = math.log(kb.conditions[cond.id].prior.probability)
        base -= math.log(1 - kb.conditions[cond.id].prior.probability)
        total = base + sum(c.log_ratio for c in cond.evidence)
        assert math.isclose(sigmoid(total), cond.probability, rel_tol=1e-9), cond.id


def test_unknown_answers_change_nothing(kb: Knowledge) -> None:
    plain = assess({"findings": {"brief_cramp_episodes": "present"}}, kb=kb)
    unsure = assess(
        {"findings": {"brief_cramp_episodes": "present", "one_leg_swollen": "unknown"}}, kb=kb
    )
    assert [(c.id, c.probability) for c in plain.conditions] == [
        (c.id, c.probability) for c in unsure.conditions
    ]


def test_a_present_finding_moves_its_condition_by_its_ratio(kb: Knowledge) -> None:
    link = next(
        lk for lk in kb.links["restless_legs_syndrome"] if lk.finding == "urge_to_move_legs"
    )
    before = assess({}, kb=kb).probability("restless_legs_syndrome")
    after = assess({"findings": {"urge_to_move_legs": "present"}}, kb=kb)

    def odds(p: float) -> float:
        return p / (1 - p)

    ratio = odds(after.probability("restless_legs_syndrome")) / odds(before)
    assert math.isclose(ratio, link.positive, rel_tol=1e-9)


def test_conditions_for_children_only_are_left_out_for_adults(kb: Knowledge) -> None:
    adult = assess({"age": 40, "findings": {}}, kb=kb)
    child = assess({"age": 7, "findings": {}}, kb=kb)
    assert "growing_pains" not in {c.id for c in adult.conditions}
    assert "growing_pains" in {c.id for c in child.conditions}


def test_band_classes_give_the_bands_each_value_falls_in(kb: Knowledge) -> None:
    """Scoring looks a number's bands up by class; at every bound, beside it and between
    bounds, the class gives the same hits as testing each band."""
    import random

    from legwise.engine.compiled import compile_knowledge
    from legwise.engine.compiled_tables import band_class, band_hits

    compiled = compile_knowledge(kb)
    rng = random.Random(3)
    assert compiled.band_classes
    for fid, (points, hits) in compiled.band_classes.items():
        values = [rng.uniform(-10.0, 500.0) for _ in range(500)]
        for p in points:
            values += [p, math.nextafter(p, math.inf), math.nextafter(p, -math.inf)]
        for v in values:
            assert hits[band_class(points, v)] == band_hits(compiled.band_links[fid], v), (fid, v)
