"""Cause-aware advice: what may help tonight, what to avoid and why, and what a doctor may do.

A measure is recommended only when a cause it helps is suspected and none of its
contraindications holds; a contraindication that holds always puts it on the avoid list with
the reason, even when it would not have been recommended (people raise sore legs by habit).
From `meta.urgent_steps_level` (emergency) self-care gives way to the urgent steps: get care now.
Where guidance differs by population (pregnancy, children, kidney failure, smokers), the item's
variant for the person is shown instead (`legwise.engine.populations`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from legwise.engine.advice_index import maybe_holding
from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.jsonable import care_dict, source_dicts
from legwise.engine.logic import Facts, Truthy
from legwise.engine.memo import remembered
from legwise.engine.populations import (
    care_variant,
    compiled_expr_for,
    populations_of,
    variant_for,
)
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS, CareItem, SourceRef

MAX_CARE_CONDITIONS = 3  # how many suspected causes' tests and treatments are listed


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
        out.pop("asks", None)  # knowledge bookkeeping for one voice, not part of the result
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


@dataclass(frozen=True, slots=True)
class _Plan:
    """One advice item as selection reads it, worked out once per knowledge base."""

    id: str
    kind: str
    urgent_always: bool  # shown at every emergency level, whatever the cause
    helps: tuple[str, ...]  # the causes of its `helps` entries, in order
    help_set: frozenset[str]
    only_when: Truthy | None
    avoid: tuple[tuple[Truthy, frozenset[str]], ...]  # each avoid test and its causes


@functools.lru_cache(maxsize=64)
def _plans(compiled: CompiledKnowledge) -> tuple[_Plan, ...]:
    return tuple(
        _Plan(
            a.id,
            a.kind,
            a.always_when_urgent,
            tuple(h.condition for h in a.helps),
            frozenset(h.condition for h in a.helps),
            compiled_expr_for(compiled.kb, a.id),
            tuple((test, frozenset(c)) for _, test, c in compiled.advice_avoid[a.id]),
        )
        for a in compiled.kb.advice.values()
    )


def _avoid_item(
    compiled: CompiledKnowledge,
    plan: _Plan,
    fired: tuple[int, ...],
    suspected: frozenset[str],
    pops: frozenset[str],
) -> AdviceItem | None:
    """The avoid item of `plan` for its avoid tests `fired` (positions in its `avoid`, which
    hold), naming the suspected causes they are about (the item itself is cached by
    `_avoid_built`; the suspected causes are too many combinations to key a cache on)."""
    if suspected:
        avoid = plan.avoid
        if len(fired) == 1:
            causes = avoid[fired[0]][1] & suspected
        else:
            causes = frozenset().union(*[avoid[i][1] for i in fired]) & suspected
        conditions = tuple(sorted(causes)) if causes else ()
    else:
        conditions = ()
    return _avoid_built(compiled, plan.id, fired, conditions, pops)


@functools.lru_cache(maxsize=64)
def _avoid_made(
    compiled: CompiledKnowledge,
) -> dict[tuple[int, tuple[int, ...], frozenset[str], frozenset[str]], AdviceItem | None]:
    """The avoid items made so far, by (plan position, its tests that hold, suspected causes,
    populations): what `_avoid_item` gives depends on nothing else, and the same few hundred
    keys make up nearly every result (a dict lookup instead of its set work and sort)."""
    return {}


@dataclass(frozen=True, slots=True)
class _Choices:
    """Which plans selection need look at, worked out once per knowledge base: an item can be
    recommended only when it helps a suspected cause or is an urgent step shown whatever
    the cause (the loop's other checks come after those)."""

    by_cause: dict[str, tuple[int, ...]]  # cause -> positions of the plans helping it
    urgent_always: tuple[int, ...]


@functools.lru_cache(maxsize=64)
def _choices(compiled: CompiledKnowledge) -> _Choices:
    by_cause: dict[str, list[int]] = {}
    for at, plan in enumerate(_plans(compiled)):
        for cause in plan.help_set:
            by_cause.setdefault(cause, []).append(at)
    return _Choices(
        {k: tuple(v) for k, v in by_cause.items()},
        tuple(at for at, plan in enumerate(_plans(compiled)) if plan.urgent_always),
    )


# A plan that passes the checks which depend only on the suspected causes and the level:
# (its position, the plan, the positions in its `helps` of the suspected causes it helps)
_Candidate = tuple[int, _Plan, tuple[int, ...]]


@functools.lru_cache(maxsize=4096)
def _candidates(
    compiled: CompiledKnowledge, suspected: frozenset[str], urgent: bool
) -> tuple[_Candidate, ...]:
    """The plans that may be recommended for these suspected causes at a level from (`urgent`)
    or below the urgent-steps level, in knowledge order (cached: a few hundred combinations
    make up nearly every result; what depends on the answers is checked per case)."""
    choices = _choices(compiled)
    plans = _plans(compiled)
    looked_at = set(choices.urgent_always)
    for cause in suspected:
        looked_at.update(choices.by_cause.get(cause, ()))
    out: list[_Candidate] = []
    for at in sorted(looked_at):
        plan = plans[at]
        if plan.kind == "caution":
            continue
        if plan.kind == "measure" and urgent:
            continue  # self-care gives way to getting care now
        if plan.kind == "urgent" and not urgent:
            continue
        if plan.help_set.isdisjoint(suspected):
            if not plan.urgent_always:
                continue
            out.append((at, plan, ()))
        else:
            out.append((at, plan, tuple(i for i, c in enumerate(plan.helps) if c in suspected)))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _care_for(
    kb: Knowledge, conditions: tuple[str, ...], pops: frozenset[str]
) -> tuple[tuple[CareResult, ...], tuple[CareResult, ...]]:
    """The tests and the treatments of `conditions`, in order (cached like `_care`)."""
    tests = tuple(r for c in conditions for r in _care(kb, c, "tests", pops))
    treatments = tuple(r for c in conditions for r in _care(kb, c, "treatments", pops))
    return tests, treatments


@functools.lru_cache(maxsize=8192)
def _avoid_built(
    compiled: CompiledKnowledge,
    advice_id: str,
    fired_at: tuple[int, ...],
    conditions: tuple[str, ...],
    pops: frozenset[str],
) -> AdviceItem | None:
    """The avoid item for the avoid entries that hold (cached: items are frozen, and a few
    combinations of entries, causes and populations make up nearly every result)."""
    advice = compiled.kb.advice[advice_id]
    fired = [compiled.advice_avoid[advice_id][i][0] for i in fired_at]
    why = " ".join(dict.fromkeys(a.why for a in fired))
    sources = tuple(dict.fromkeys(s for a in fired for s in a.sources))
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


@functools.lru_cache(maxsize=8192)
def _recommended_built(
    compiled: CompiledKnowledge, advice_id: str, helps_at: tuple[int, ...], pops: frozenset[str]
) -> AdviceItem | None:
    """The recommended item helping the suspected causes `helps_at` (indices into its
    `helps`, likeliest cause first; empty for an urgent step shown whatever the cause), or
    None when its population variant omits it (cached like `_avoid_built`)."""
    advice = compiled.kb.advice[advice_id]
    if helps_at:
        helps = [advice.helps[i] for i in helps_at]
        why = helps[0].why
        conditions = tuple(h.condition for h in helps)
        sources = tuple(dict.fromkeys(s for h in helps for s in h.sources))
    else:
        why = compiled.kb.meta.urgent_steps_why
        conditions, sources = (), tuple(advice.sources)
    name, how, population = advice.name, advice.how, None
    variant = variant_for(advice.variants, pops) if advice.variants else None
    if variant is not None:
        if variant.omit:
            return None
        name, how, population = variant.name or name, variant.how or how, variant.population
        why = variant.why or why
        sources = tuple(dict.fromkeys([*variant.sources, *sources]))
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
    compiled: CompiledKnowledge, facts: Facts, rank: int, ranked: list[tuple[str, float]]
) -> AdviceResult:
    """Recommended and avoided advice, and tests and treatments for the suspected causes."""
    probs = facts.probabilities
    kb = compiled.kb
    pops = populations_of(kb, facts)
    recommended: list[tuple[float, AdviceItem]] = []
    avoid: list[AdviceItem] = []
    suspected = facts.suspected
    if type(suspected) is not frozenset:  # a key of the cached tables below
        suspected = frozenset(suspected)
    urgent_from = LEVELS.index(kb.meta.urgent_steps_level)
    plans = _plans(compiled)
    # Avoid tests first, only those that could hold (`advice_index`), in knowledge order
    holding: dict[int, list[int]] = {}  # plan position -> its avoid tests that hold
    for at, i in maybe_holding(compiled, facts):
        if plans[at].avoid[i][0](facts):
            holding.setdefault(at, []).append(i)
    blocked: set[int] = set()
    if holding:
        made = _avoid_made(compiled)
        for at, fired in holding.items():
            holds = tuple(fired)
            item = remembered(
                made,
                (at, holds, suspected, pops),
                functools.partial(_avoid_item, compiled, plans[at], holds, suspected, pops),
                16384,
            )
            if item is not None:
                avoid.append(item)
                blocked.add(at)
    for at, plan, helps_at in _candidates(compiled, suspected, rank >= urgent_from):
        if at in blocked:
            continue
        if len(helps_at) > 1:
            helps = plan.helps
            helps_at = tuple(sorted(helps_at, key=lambda i: -probs.get(helps[i], 0.0)))
        if plan.only_when is not None and not plan.only_when(facts):
            continue  # for someone else (stop smoking: only for smokers)
        item = _recommended_built(compiled, plan.id, helps_at, pops)
        if item is None:
            continue
        weight = probs.get(item.conditions[0], 0.0) if item.conditions else 1.0
        if plan.kind == "urgent":
            weight += 2.0 + (1.0 if plan.urgent_always else 0.0)
        recommended.append((weight, item))
    recommended.sort(key=lambda pair: -pair[0])

    care_for = [c for c, _ in ranked if c in facts.suspected][:MAX_CARE_CONDITIONS]
    if not care_for and ranked:
        care_for = [ranked[0][0]]
    tests, treatments = _care_for(kb, tuple(care_for), pops)
    return AdviceResult(tuple(a for _, a in recommended), tuple(avoid), tests, treatments)
