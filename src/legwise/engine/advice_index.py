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


TestAt = tuple[int, int]  # (the advice item's position in `kb.advice`, its avoid test's)


@dataclass(frozen=True)
class AvoidIndex:
    always: frozenset[str]  # advice ids with a test that has no trigger
    by_trigger: dict[tuple[str, str], frozenset[str]]  # trigger -> advice ids
    # the same per avoid test, so selection runs only the tests that could hold
    tests_always: frozenset[TestAt]
    tests_by_finding: dict[str, tuple[TestAt, ...]]  # present finding -> tests
    tests_by_number: dict[str, tuple[TestAt, ...]]  # given number -> tests
    tests_by_cause: dict[str, tuple[TestAt, ...]]  # suspected cause -> tests


@functools.cache
def avoid_index(compiled: CompiledKnowledge) -> AvoidIndex:
    always: set[str] = set()
    by: dict[tuple[str, str], set[str]] = {}
    tests_always: set[TestAt] = set()
    tests_by: dict[tuple[str, str], list[TestAt]] = {}
    for at, advice in enumerate(compiled.kb.advice.values()):
        for i, avoid in enumerate(advice.avoid):
            found = triggers(avoid.when)
            if found is None:
                always.add(advice.id)
                tests_always.add((at, i))
                continue
            for t in sorted(found):
                by.setdefault(t, set()).add(advice.id)
                tests_by.setdefault(t, []).append((at, i))

    def kind(name: str) -> dict[str, tuple[TestAt, ...]]:
        return {k[1]: tuple(v) for k, v in tests_by.items() if k[0] == name}

    return AvoidIndex(
        frozenset(always),
        {k: frozenset(v) for k, v in by.items()},
        frozenset(tests_always),
        kind("finding"),
        kind("number"),
        kind("cause"),
    )


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


@dataclass(frozen=True)
class _Numbered:
    """The per-test index with each test as its position in knowledge order (by advice item,
    then by test), so a case's tests are gathered and put in order as small integers."""

    tests: tuple[TestAt, ...]  # position -> (advice item, test)
    always: frozenset[int]
    by_finding: dict[str, tuple[int, ...]]
    by_number: dict[str, tuple[int, ...]]
    by_cause: dict[str, tuple[int, ...]]


@functools.cache
def _numbered(compiled: CompiledKnowledge) -> _Numbered:
    index = avoid_index(compiled)
    tests = tuple(
        (at, i)
        for at, advice in enumerate(compiled.kb.advice.values())
        for i in range(len(advice.avoid))
    )
    pos = {t: k for k, t in enumerate(tests)}

    def numbered(by: dict[str, tuple[TestAt, ...]]) -> dict[str, tuple[int, ...]]:
        return {key: tuple(pos[t] for t in found) for key, found in by.items()}

    return _Numbered(
        tests,
        frozenset(pos[t] for t in index.tests_always),
        numbered(index.tests_by_finding),
        numbered(index.tests_by_number),
        numbered(index.tests_by_cause),
    )


def maybe_holding(compiled: CompiledKnowledge, facts: Facts) -> list[TestAt]:
    """The avoid tests that could hold for these facts (the rest cannot), in knowledge order:
    by advice item, then by test."""
    index = _numbered(compiled)
    out = set(index.always)
    by = index.by_finding
    for fid, v in facts.states.items():
        if v > 0:
            found = by.get(fid)
            if found is not None:
                out.update(found)
    by = index.by_number
    for fid in facts.numbers:
        found = by.get(fid)
        if found is not None:
            out.update(found)
    by = index.by_cause
    for cid in facts.suspected:
        found = by.get(cid)
        if found is not None:
            out.update(found)
    tests = index.tests
    return [tests[k] for k in sorted(out)]
