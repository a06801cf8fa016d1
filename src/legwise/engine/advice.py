"""Cause-aware advice: what may help tonight, what to avoid and why, and what a doctor may do.

A measure is recommended only when a cause it helps is suspected and none of its
contraindications holds; a contraindication that holds always puts it on the avoid list with
the reason, even when it would not have been recommended (people raise sore legs by habit).
At emergency levels self-care gives way to the urgent steps: get care now.
"""

from __future__ import annotations

from dataclasses import dataclass

from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.jsonable import care_dict, source_dicts
from legwise.engine.logic import Facts
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

    def to_dict(self, avoid: bool = False) -> dict[str, object]:
        out: dict[str, object] = {"id": self.id, "name": self.name, "why": self.why}
        if not avoid:
            out["how"] = self.how
        out["kind"] = self.kind
        out["conditions"] = list(self.conditions)
        out["sources"] = source_dicts(self.sources)
        return out


@dataclass(frozen=True, slots=True)
class CareResult:
    condition: str
    item: CareItem

    def to_dict(self) -> dict[str, object]:
        out = care_dict(self.item)
        out["condition"] = self.condition
        return out


@dataclass(frozen=True, slots=True)
class AdviceResult:
    recommended: tuple[AdviceItem, ...]
    avoid: tuple[AdviceItem, ...]
    tests: tuple[CareResult, ...]
    treatments: tuple[CareResult, ...]


def _avoid_item(ck: CompiledKnowledge, advice: Advice, facts: Facts) -> AdviceItem | None:
    fired = [(a, c) for a, test, c in ck.advice_avoid[advice.id] if test(facts) is True]
    if not fired:
        return None
    why = " ".join(dict.fromkeys(a.why for a, _ in fired))
    conditions = tuple(sorted({x for _, c in fired for x in c if x in facts.suspected}))
    sources = tuple(dict.fromkeys(s for a, _ in fired for s in a.sources))
    return AdviceItem(advice.id, advice.kind, advice.name, advice.how, why, conditions, sources)


def select_advice(
    ck: CompiledKnowledge, facts: Facts, rank: int, ranked: list[tuple[str, float]]
) -> AdviceResult:
    """Recommended and avoided advice, and tests and treatments for the suspected causes."""
    from legwise.engine.advice_index import maybe_avoided

    probs = facts.probabilities
    recommended: list[tuple[float, AdviceItem]] = []
    avoid: list[AdviceItem] = []
    could_avoid = maybe_avoided(ck, facts)  # the other items' avoid tests cannot hold
    for advice in ck.kb.advice.values():
        blocked = _avoid_item(ck, advice, facts) if advice.id in could_avoid else None
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
        weight = probs.get(conditions[0], 0.0) if conditions else 1.0
        if advice.kind == "urgent":
            weight += 2.0 + (1.0 if advice.always_when_urgent else 0.0)
        item = AdviceItem(advice.id, advice.kind, advice.name, advice.how, why, conditions, sources)
        recommended.append((weight, item))
    recommended.sort(key=lambda pair: -pair[0])

    care_for = [c for c, _ in ranked if c in facts.suspected][:MAX_CARE_CONDITIONS]
    if not care_for and ranked:
        care_for = [ranked[0][0]]
    tests = tuple(CareResult(c, t) for c in care_for for t in ck.kb.conditions[c].tests)
    treatments = tuple(CareResult(c, t) for c in care_for for t in ck.kb.conditions[c].treatments)
    return AdviceResult(tuple(a for _, a in recommended), tuple(avoid), tests, treatments)
