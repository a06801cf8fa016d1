"""Who the person is, for guidance that differs by population (pregnancy, children, kidney
failure, smokers), and the population variant of a knowledge item that applies to them.

Populations are data (`meta.populations`); an item's `variants` name them. The first variant
(in the item's order) whose population holds is used, so an item lists the most specific first.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TypeVar

from legwise.engine.logic import Facts, Truthy, compile_is_true
from legwise.kb.loader import Knowledge
from legwise.kb.schema import AdviceVariant, CareItem, CareVariant

V = TypeVar("V", AdviceVariant, CareVariant)


@functools.cache
def _tests(kb: Knowledge) -> tuple[tuple[str, Truthy], ...]:
    return tuple((p.id, compile_is_true(p.when)) for p in kb.meta.populations)


@functools.cache
def compiled_expr_for(kb: Knowledge, key: str) -> Truthy | None:
    """`only_when` of advice `key`, compiled once per knowledge base (True exactly when the
    condition is true)."""
    spec = kb.advice[key].only_when
    return None if spec is None else compile_is_true(spec)


def populations_of(kb: Knowledge, facts: Facts) -> frozenset[str]:
    """The populations the person is known to belong to (unknown never counts)."""
    return frozenset(pid for pid, test in _tests(kb) if test(facts))


def variant_for(variants: Sequence[V], populations: frozenset[str]) -> V | None:
    """The first variant whose population holds, or None."""
    if not populations:
        return None
    for v in variants:
        if v.population in populations:
            return v
    return None


_CARE_VARIANTS: dict[tuple[int, str], tuple[CareItem, CareItem]] = {}


def care_variant(item: CareItem, variant: CareVariant) -> CareItem:
    """The item as this population should see it (cached; the variant's sources come first)."""
    key = (id(item), variant.population)
    hit = _CARE_VARIANTS.get(key)
    if hit is None or hit[0] is not item:
        if len(_CARE_VARIANTS) > 4096:
            _CARE_VARIANTS.clear()
        update: dict[str, object] = {
            "sources": list(dict.fromkeys([*variant.sources, *item.sources])),
            "variants": [],
        }
        for name in ("name", "detail", "line"):
            value = getattr(variant, name)
            if value is not None:
                update[name] = value
        hit = (item, item.model_copy(update=update))
        _CARE_VARIANTS[key] = hit
    return hit[1]
