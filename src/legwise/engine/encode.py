"""An assessment as JSON bytes, fast: orjson straight from the result's parts.

The knowledge-derived pieces of a result (a finding's evidence with its sources, a test or a
treatment, an advice item's sources, a citation) are the same objects case after case, so each
is encoded once and reused as an `orjson.Fragment`; only what depends on the case (levels,
probabilities, reasons, answers) is encoded per result. The bytes parse to exactly
`Assessment.to_dict()` (tests/engine/test_encode.py checks many cases).
"""

from __future__ import annotations

from typing import Any

import orjson

from legwise.engine.assess import Assessment, ConditionResult
from legwise.engine.explain import Contribution

_FRAGMENTS: dict[int, tuple[Any, orjson.Fragment]] = {}


def _cached(obj: Any, make: Any) -> orjson.Fragment:
    """The fragment for a long-lived object, keyed by identity (the entry keeps it alive, so
    its id cannot be reused for another object while cached)."""
    hit = _FRAGMENTS.get(id(obj))
    if hit is None or hit[0] is not obj:
        if len(_FRAGMENTS) > 65536:  # many knowledge bases loaded (tests): start afresh
            _FRAGMENTS.clear()
        hit = (obj, orjson.Fragment(orjson.dumps(make(obj))))
        _FRAGMENTS[id(obj)] = hit
    return hit[1]


def _evidence(c: Contribution) -> orjson.Fragment:
    return _cached(c, Contribution.to_dict)


def _condition(c: ConditionResult) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "probability": round(c.probability, 4),
        "prior": round(c.prior, 4),
        "dangerous": c.dangerous,
        "evidence": [_evidence(e) for e in c.evidence],
    }


def assessment_dict(a: Assessment) -> dict[str, Any]:
    """`a.to_dict()` with the knowledge-derived parts as pre-encoded fragments."""
    return a.to_dict()


def encode_assessment(a: Assessment) -> bytes:
    """The full contract result as compact JSON bytes (UTF-8, no spaces)."""
    return orjson.dumps(assessment_dict(a))
