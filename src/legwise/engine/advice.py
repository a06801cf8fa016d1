"""Cause-aware advice: what may help tonight, what to avoid and why, and what a doctor may do.

A measure is recommended only when a cause it helps is suspected and none of its
contraindications holds; a contraindication that holds always puts it on the avoid list with
the reason, even when it would not have been recommended (people raise sore legs by habit).
At emergency levels self-care gives way to the urgent steps: get care now.
Where guidance differs by population (pregnancy, children, kidney failure, smokers), the item's
variant for the person is shown instead (`legwise.engine.populations`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from legwise.engine.advice_index import maybe_avoided
from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.jsonable import care_dict, source_dicts
from legwise.engine.logic import Facts
from legwise.engine.populations import (
    care_variant,
    compiled_expr_for,
    populations_of,
    variant_for,
)
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS, Advice, CareItem, SourceRef

EMERGENCY = LEVELS.index("emergency")
MAX_CARE_CONDITIONS = 3
URGENT_WHY = "One or more of your answers is a warning sign that needs care now."


@dataclass(frozen=True, slots=True)
class AdviceItem:
    id: str
    kind: str
    name: str
    how: str
    why: str
    conditions: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    population: str | None = None  # the population variant shown, if any

    def to_dict(self, avoid: bool = False) -> dict[str, object]:
        out: dict[str, object] = {"id": self.id, "name": self.name, "why": self.why}
        if not avoid:
            out["how"] = self.how
        out["kind"] = self.kind
        out["conditions"] = list(self.conditions)
        out["sources"] = source_dicts(self.sources)
        if self.population:
            out["population"] = self.population
        return out


@dataclass(frozen=True, slots=True)
class CareResult:
    condition: str
    item: CareItem
    population: str | None = None  # the population variant shown, if any

    def to_dict(self) -> dict[str, object]:
        out = care_dict(self.item)
        out.pop("variants", None)
        out["condition"] = self.condition
        if self.population:
            out["population"] = self.population
        return out


@dataclass(frozen=True, slots=True)
class AdviceResult:
    recommended: tuple[AdviceItem, ...]
    avoid: tuple[AdviceItem, ...]
    tests: tuple[CareResult, ...]
    treatments: tuple[CareResult, ...]


def _avoid_item(
    ck: CompiledKnowledge, advice: Advice, facts: Facts, pops: frozenset[str]
) -> AdviceItem | None:
    fired = [(a, c) for a, test, c in ck.advice_avoid[advice.id] if test(facts) is True]
    if not fired:
        return None
    why = " ".join(dict.fromkeys(a.why for a, _ in fired))
    conditions = tuple(sorted({x for _, c in fired for x in c if x in facts.suspected}))
    sources = tuple(dict.fromkeys(s for a, _ in fired for s in a.sources))
    name, how, population = advice.name, advice.how, None
    variant = variant_for(advice.variants, pops) if advice.variants else None
    if variant is not None:
        if variant.omit:
            return None
        name, how = variant.name or name, variant.how or how
        why = variant.why or why
        sources = tuple(dict.fromkeys([*variant.sources, *sources]))
        population = variant.population
    return AdviceItem(advice.id, advice.kind, name, how, why, conditions, sources, population)


@functools.lru_cache(maxsize=4096)
def _care(kb: Knowledge, condition: str, kind: str, pops: frozenset[str]) -> tuple[CareResult, ...]:
    """A condition's tests or treatments as this person should see them (cached: results are
    frozen, and there are few conditions and population mixes)."""
    out = []
    items: list[CareItem] = getattr(kb.conditions[condition], kind)
    for item in items:
        variant = variant_for(item.variants, pops)
        if variant is None:
            out.append(CareResult(condition, item))
        elif not variant.omit:
            out.append(CareResult(condition, care_variant(item, variant), variant.population))
    return tuple(out)


def select_advice(
    ck: CompiledKnowledge, facts: Facts, rank: int, ranked: list[tuple[str, float]]
) -> AdviceResult:
    """Recommended and avoided advice, and tests and treatments for the suspected causes."""
    probs = facts.probabilities
    kb = ck.kb
    pops = populations_of(kb, facts)
    recommended: list[tuple[float, AdviceItem]] = []
    avoid: list[AdviceItem] = []
    could_avoid = maybe_avoided(ck, facts)  # the other items' avoid tests cannot hold
    for advice in kb.advice.values():
        if advice.id in could_avoid:
            blocked = _avoid_item(ck, advice, facts, pops)
            if blocked is not None:
                avoid.append(blocked)
                continue
        if advice.kind == "caution":
            continue
        if advice.kind == "measure" and rank >= EMERGENCY:
            continue  # self-care gives way to getting care now
        if advice.kind == "urgent" and rank < EMERGENCY:
            continue
        helps = [h for h in advice.helps if h.condition in facts.suspected]
        helps.sort(key=lambda h: -probs.get(h.condition, 0.0))
        if helps:
            why = helps[0].why
            conditions = tuple(h.condition for h in helps)
            sources = tuple(dict.fromkeys(s for h in helps for s in h.sources))
        elif advice.always_when_urgent:
            why = URGENT_WHY
            conditions, sources = (), tuple(advice.sources)
        else:
            continue
        if advice.only_when is not None:
            test = compiled_expr_for(kb, advice.id)
            if test is not None and test(facts) is not True:
                continue  # for someone else (stop smoking: only for smokers)
        name, how, population = advice.name, advice.how, None
        variant = variant_for(advice.variants, pops) if advice.variants else None
        if variant is not None:
            if variant.omit:
                continue
            name, how, population = variant.name or name, variant.how or how, variant.population
            why = variant.why or why
            sources = tuple(dict.fromkeys([*variant.sources, *sources]))
        weight = probs.get(conditions[0], 0.0) if conditions else 1.0
        if advice.kind == "urgent":
            weight += 2.0 + (1.0 if advice.always_when_urgent else 0.0)
        item = AdviceItem(advice.id, advice.kind, name, how, why, conditions, sources, population)
        recommended.append((weight, item))
    recommended.sort(key=lambda pair: -pair[0])

    care_for = [c for c, _ in ranked if c in facts.suspected][:MAX_CARE_CONDITIONS]
    if not care_for and ranked:
        care_for = [ranked[0][0]]
    tests = tuple(r for c in care_for for r in _care(kb, c, "tests", pops))
    treatments = tuple(r for c in care_for for r in _care(kb, c, "treatments", pops))
    return AdviceResult(tuple(a for _, a in recommended), tuple(avoid), tests, treatments)
