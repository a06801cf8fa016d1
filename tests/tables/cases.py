"""Random but realistic cases for the table tests: 6-20 answers each (yes, no, not sure),
numbers now and then, age and sex mostly given; seeded, so a failure can be replayed."""

from __future__ import annotations

import random
from typing import Any

from legwise.kb.loader import Knowledge


def random_cases(kb: Knowledge, n: int, seed: int = 16) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    states = [f.id for f in kb.findings.values() if f.type == "state"]
    numbers = [f for f in kb.findings.values() if f.type == "number" and f.id != "age"]
    sexes = list(kb.findings["sex"].choices or ())
    out = []
    for i in range(n):
        findings: dict[str, Any] = {}
        for fid in rng.sample(states, rng.randint(6, 20)):
            findings[fid] = rng.choices(("present", "absent", "unknown"), (4, 5, 1))[0]
        for spec in numbers:
            if rng.random() < 0.15:
                lo = spec.min if spec.min is not None else 0.0
                hi = spec.max if spec.max is not None else 100.0
                findings[spec.id] = round(rng.uniform(lo, hi), 2)
        case: dict[str, Any] = {"id": f"case-{i}", "findings": findings}
        if rng.random() < 0.95:
            case["age"] = rng.randint(3, 95)
        if rng.random() < 0.9:
            case["sex"] = rng.choice(sexes)
        out.append(case)
    return out


def wide(cases: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The same cases as columns: id, age, sex and one column per finding (None: not given)."""
    keys: dict[str, None] = {"id": None, "age": None, "sex": None}
    for c in cases:
        keys.update(dict.fromkeys(c["findings"]))
    columns: dict[str, list[Any]] = {k: [] for k in keys}
    for c in cases:
        for k in keys:
            value = c.get(k) if k in ("id", "age", "sex") else c["findings"].get(k)
            columns[k].append(value)
    return columns
