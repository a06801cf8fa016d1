"""The avoid-test index never hides an avoid test that holds (advice selection reads only
the items it names)."""

from __future__ import annotations

import random
from typing import Any

from legwise.engine.advice_index import maybe_avoided
from legwise.engine.compiled import compile_knowledge
from legwise.engine.logic import Facts
from legwise.kb.loader import Knowledge


def _random_facts(
    rng: random.Random, compiled: Any, states: list[str], numbers: list[Any]
) -> Facts:
    """A random picture: up to 25 yes/no answers, some numbers, a sex, up to 4 suspected causes."""
    return Facts(
        states={f: rng.choice((1, -1)) for f in rng.sample(states, rng.randint(0, 25))},
        numbers={
            f.id: rng.uniform(f.min or 0.0, f.max if f.max is not None else 100.0)
            for f in numbers
            if rng.random() < 0.3
        },
        sex=rng.choice((None, "female", "male")),
        suspected=frozenset(rng.sample(list(compiled.conditions), rng.randint(0, 4))),
    )


def test_items_left_out_have_no_avoid_test_that_holds(kb: Knowledge) -> None:
    compiled = compile_knowledge(kb)
    rng = random.Random(11)
    states = [f.id for f in kb.findings.values() if f.type == "state"]
    numbers = [f for f in kb.findings.values() if f.type == "number"]
    checked = 0
    for _ in range(3000):
        facts = _random_facts(rng, compiled, states, numbers)
        candidates = maybe_avoided(compiled, facts)
        for advice in kb.advice.values():
            if advice.id in candidates:
                continue
            for _, test, _ in compiled.advice_avoid[advice.id]:
                checked += 1
                assert test(facts) is not True, (advice.id, facts)
    assert checked > 1000  # the index does leave items out, and they were all checked


def test_avoid_tests_left_out_do_not_hold(kb: Knowledge) -> None:
    """The per-test index (`maybe_holding`) never leaves out a test that holds."""
    from legwise.engine.advice_index import maybe_holding

    compiled = compile_knowledge(kb)
    rng = random.Random(12)
    states = [f.id for f in kb.findings.values() if f.type == "state"]
    numbers = [f for f in kb.findings.values() if f.type == "number"]
    items = list(kb.advice.values())
    held = 0
    for _ in range(2000):
        facts = _random_facts(rng, compiled, states, numbers)
        listed = maybe_holding(compiled, facts)
        assert listed == sorted(set(listed))
        for at, advice in enumerate(items):
            for i, (_, test, _) in enumerate(compiled.advice_avoid[advice.id]):
                if test(facts):
                    held += 1
                    assert (at, i) in listed, (advice.id, i)
    assert held > 100
