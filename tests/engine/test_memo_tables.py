"""Advice selection and one voice keep what they worked out for the knowledge's own objects
(avoid items by plan, tests that hold, suspected causes and populations; what one voice kept
by the reasons and items it was given). A result made from those tables must be the result
made without them, whatever was asked before."""

from __future__ import annotations

import random
from typing import Any

from legwise.engine import advice, voice
from legwise.engine.assess import assess_case
from legwise.kb.loader import Knowledge


def _cases(kb: Knowledge, n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    states = [f.id for f in kb.findings.values() if f.type == "state"]
    numbers = [f for f in kb.findings.values() if f.type == "number" and f.id != "age"]
    out = []
    for _ in range(n):
        findings: dict[str, Any] = {
            f: rng.choice(("present", "absent", "present"))
            for f in rng.sample(states, rng.randint(0, 18))
        }
        for f in numbers:
            if rng.random() < 0.2:
                lo = f.min if f.min is not None else 0.0
                findings[f.id] = round(rng.uniform(lo, f.max if f.max is not None else lo + 10), 1)
        case: dict[str, Any] = {"findings": findings}
        if rng.random() < 0.9:
            case["age"] = rng.randint(1, 95)
        if rng.random() < 0.9:
            case["sex"] = rng.choice(("female", "male"))
        out.append(case)
    return out


def _clear() -> None:
    advice._avoid_made.cache_clear()
    voice._kept_table.cache_clear()


def test_results_from_the_tables_are_the_results_without_them(kb: Knowledge) -> None:
    cases = _cases(kb, 400, seed=16)
    _clear()
    first = [assess_case(c, kb=kb).to_dict() for c in cases]
    kept = voice._kept_table(kb)
    # the cases reach both paths of one voice: something left out, and nothing
    assert any(v[1] is not None for v in kept.values())
    assert any(v[1] is None for v in kept.values())
    again = [assess_case(c, kb=kb).to_dict() for c in reversed(cases)][::-1]
    assert again == first  # made from the tables the first pass filled
    for case, made in zip(cases, first, strict=True):
        _clear()
        assert assess_case(case, kb=kb).to_dict() == made  # made with empty tables
