"""Which advice items could be on the avoid list for a case, worked out from its answers.

Each avoid test is read once per knowledge base for what it cannot be true without: a
finding that is present, a number that was given (unless the test also holds when it is
unknown), or a cause that is suspected. Per case only
the items whose tests could hold are then tested, instead of every test of every item (that
was most of the time advice selection took). A test with no such trigger (one that holds on an
"absent", a "not", a probability, a score or sex alone) is always tested.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.logic import Facts
from legwise.kb.expr import Expr

Trigger = frozenset[tuple[str, str]]  # ("finding" | "number" | "cause", id)


def triggers(e: Expr) -> Trigger | None:
    """Facts one of which must hold for `e` to be true; None when there is no such set."""
    if e.present is not None:
        return frozenset({("finding", e.present)})
    if e.number is not None:  # `or_unknown` holds without the number: no trigger then
        return None if e.number.or_unknown else frozenset({("number", e.number.finding)})
    if e.suspected is not None:
        return frozenset({("cause", e.suspected)})
    if e.all is not None:  # any one part's triggers are needed; take the narrowest
        found = [t for t in (triggers(c) for c in e.all) if t is not None]
        return min(found, key=len) if found else None
    if e.any is not None:  # every part needs its own, so one of them all is needed
        parts = [triggers(c) for c in e.any]
        if any(p is None for p in parts):
            return None
        return frozenset().union(*[p for p in parts if p is not None])
    return None  # absent, not, probability, score, sex: true without anything present


@dataclass(frozen=True)
class AvoidIndex:
    always: frozenset[str]  # advice ids with a test that has no trigger
    by_trigger: dict[tuple[str, str], frozenset[str]]  # trigger -> advice ids


@functools.cache
def avoid_index(compiled: CompiledKnowledge) -> AvoidIndex:
    always: set[str] = set()
    by: dict[tuple[str, str], set[str]] = {}
    for advice in compiled.kb.advice.values():
        for avoid in advice.avoid:
            found = triggers(avoid.when)
            if found is None:
                always.add(advice.id)
                continue
            for t in found:
                by.setdefault(t, set()).add(advice.id)
    return AvoidIndex(frozenset(always), {k: frozenset(v) for k, v in by.items()})


def maybe_avoided(compiled: CompiledKnowledge, facts: Facts) -> set[str]:
    """Advice ids whose avoid tests could hold for these facts (the rest cannot)."""
    index = avoid_index(compiled)
    out = set(index.always)
    by = index.by_trigger
    for fid, v in facts.states.items():
        if v > 0:
            out.update(by.get(("finding", fid), ()))
    for fid in facts.numbers:
        out.update(by.get(("number", fid), ()))
    for cid in facts.suspected:
        out.update(by.get(("cause", cid), ()))
    return out
