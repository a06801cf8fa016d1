"""Validated clinical scores, driven by their definitions in knowledge/scores/.

Points scores (Wells DVT) report the value with unknown items counted as zero, and a worst
case with every unknown item that adds points counted as present: triage rules test the worst
case, so a score that could not be completed never reassures. Criteria scores (IRLSSG) report
met / not met / incomplete; band scores (ankle-brachial index) place a measured value.
"""

from __future__ import annotations

import functools
from typing import Any

from legwise.engine.compiled import CompiledKnowledge, _test
from legwise.engine.jsonable import source_dicts
from legwise.engine.logic import Facts
from legwise.kb.expr import NumberTest
from legwise.kb.schema import Score, ScoreBand


@functools.lru_cache(maxsize=64)
def _band_tests(compiled: CompiledKnowledge) -> dict[int, tuple[tuple[NumberTest, ScoreBand], ...]]:
    """Each band list's bounds as number tests, built once (keyed by the list's identity:
    the lists belong to `compiled`'s knowledge, which the cache keeps alive)."""
    out: dict[int, tuple[tuple[NumberTest, ScoreBand], ...]] = {}
    for score in compiled.score_defs.values():
        lists = [score.bands, *(v.bands for v in score.variants)]
        for bands in lists:
            out[id(bands)] = tuple((_test(b), b) for b in bands)
    return out


def _band(compiled: CompiledKnowledge, bands: list[ScoreBand], value: float) -> ScoreBand | None:
    tests = _band_tests(compiled).get(id(bands))
    if tests is None:
        tests = tuple((_test(b), b) for b in bands)
    for test, band in tests:
        if test.holds(value):
            return band
    return None


def worst_cases(compiled: CompiledKnowledge, facts: Facts) -> dict[str, float]:
    """Each points score's worst case: the value it could reach if unknowns were present."""
    out: dict[str, float] = {}
    for sid, items in compiled.point_scores.items():
        total = 0.0
        for item in items:
            truth = item.test(facts)
            if truth is True or (truth is None and item.points > 0):
                total += item.points
        out[sid] = total
    return out


def _points(compiled: CompiledKnowledge, score: Score, facts: Facts) -> dict[str, Any] | None:
    items = compiled.point_scores[score.id]
    answers = tuple(item.test(facts) for item in items)
    if all(t is None for t in answers):
        return None
    made = _points_made(compiled, score.id, answers)
    # A fresh copy each time, so a caller that edits one result never edits another.
    out = dict(made)
    out["unknown_items"] = list(made["unknown_items"])
    out["items"] = [dict(i) for i in made["items"]]
    out["variants"] = {k: dict(v) for k, v in made["variants"].items()}
    out["sources"] = [dict(x) for x in made["sources"]]
    return out


@functools.lru_cache(maxsize=4096)
def _points_made(
    compiled: CompiledKnowledge, score_id: str, answers: tuple[bool | None, ...]
) -> dict[str, Any]:
    """A points score's result for these item answers (cached: the result depends on the
    answers alone, and few answer patterns make up most cases; copied before use)."""
    score = compiled.score_defs[score_id]
    truths = list(zip(compiled.point_scores[score_id], answers, strict=True))
    answered = [
        {
            "id": item.id,
            "label": item.label,
            "points": item.points,
            "answer": "unknown" if t is None else ("yes" if t else "no"),
        }
        for item, t in truths
    ]
    variants: dict[str, Any] = {}
    for variant in score.variants:
        value = sum(i.points for i, t in truths if t is True and i.id not in variant.exclude)
        worst = value + sum(
            i.points
            for i, t in truths
            if t is None and i.points > 0 and i.id not in variant.exclude
        )
        band = _band(compiled, variant.bands, value)
        variants[variant.id] = {
            "name": variant.name,
            "value": value,
            "worst_case": worst,
            "band": band.label if band else None,
            "meaning": band.meaning if band else None,
        }
    unknown = [i.id for i, t in truths if t is None]
    return {
        "name": score.name,
        "kind": score.kind,
        "complete": not unknown,
        "unknown_items": unknown,
        "items": answered,
        "variants": variants,
        "sources": source_dicts(score.sources),
    }


def _criteria(compiled: CompiledKnowledge, score: Score, facts: Facts) -> dict[str, Any] | None:
    results = [(c, test(facts)) for c, test in compiled.criteria[score.id]]
    if not any(t is True for _, t in results):
        return None  # nothing points to this diagnosis: the criteria would be noise
    if any(t is False for _, t in results):
        status = "not_met"
    elif all(t is True for _, t in results):
        status = "met"
    else:
        status = "incomplete"
    return {
        "name": score.name,
        "kind": score.kind,
        "status": status,
        "met": sum(1 for _, t in results if t is True),
        "of": len(results),
        "criteria": [
            {
                "id": c.id,
                "label": c.label,
                "answer": "unknown" if t is None else ("yes" if t else "no"),
            }
            for c, t in results
        ],
        "sources": source_dicts(score.sources),
    }


def _bands(compiled: CompiledKnowledge, score: Score, facts: Facts) -> dict[str, Any] | None:
    assert score.finding is not None
    value = facts.numbers.get(score.finding)
    if value is None:
        return None
    band = _band(compiled, score.bands, value)
    return {
        "name": score.name,
        "kind": score.kind,
        "value": value,
        "band": band.label if band else None,
        "meaning": band.meaning if band else None,
        "sources": source_dicts(score.sources),
    }


def compute_scores(compiled: CompiledKnowledge, facts: Facts) -> dict[str, dict[str, Any]]:
    """Every score that has at least one answered input, keyed by score id."""
    out: dict[str, dict[str, Any]] = {}
    for score in compiled.score_defs.values():
        if score.kind == "points":
            result = _points(compiled, score, facts)
        elif score.kind == "criteria":
            result = _criteria(compiled, score, facts)
        else:
            result = _bands(compiled, score, facts)
        if result is not None:
            out[score.id] = result
    return out
