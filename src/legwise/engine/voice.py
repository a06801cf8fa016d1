"""One consistent voice: the rule actions and the advice of a result never contradict.

Each rule action and advice item declares what it tells the person as instruction tags
(`asks`; `avoid_says` for an item on the avoid list). `meta.instruction_conflicts` says which
tag is kept and which give way when both would be said ("keep weight off" beats "keep moving";
"do not raise the leg" beats "rest with the leg raised"). Whatever gives way is left out: a
measure is not recommended, a caution is not listed, a rule keeps its reason but loses its
action text. Contraindicated measures on the avoid list never give way: they are the safe side.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from legwise.engine.advice import AdviceItem, AdviceResult
from legwise.engine.triage import Reason, TriageResult
from legwise.kb.loader import Knowledge


@functools.cache
def yields_of(kb: Knowledge) -> dict[str, frozenset[str]]:
    """For each kept tag, the tags that give way to it."""
    out: dict[str, set[str]] = {}
    for c in kb.meta.instruction_conflicts:
        out.setdefault(c.keep, set()).update(c.yields)
    return {k: frozenset(v) for k, v in out.items()}


def _item_tags(kb: Knowledge, item: AdviceItem, avoid: bool) -> tuple[str, ...]:
    spec = kb.advice.get(item.id)
    if spec is None:
        return ()
    return tuple(spec.avoid_says if avoid else spec.asks)


def _reason_tags(kb: Knowledge, reason: Reason) -> tuple[str, ...]:
    rule = kb.rules.get(reason.rule)
    return tuple(rule.asks) if rule is not None and reason.action else ()


def _said(
    kb: Knowledge,
    reasons: tuple[Reason, ...],
    recommended: tuple[AdviceItem, ...],
    avoid: tuple[AdviceItem, ...],
) -> set[str]:
    out: set[str] = set()
    for r in reasons:
        out.update(_reason_tags(kb, r))
    for a in recommended:
        out.update(_item_tags(kb, a, False))
    for a in avoid:
        out.update(_item_tags(kb, a, True))
    return out


def said(kb: Knowledge, tri: TriageResult, advice: AdviceResult) -> set[str]:
    """Every instruction tag the result says (rule actions, recommended and avoided items)."""
    return _said(kb, tri.reasons, advice.recommended, advice.avoid)


def one_voice(
    kb: Knowledge, tri: TriageResult, advice: AdviceResult
) -> tuple[TriageResult, AdviceResult]:
    """The result with everything that contradicts a kept instruction left out."""
    table = yields_of(kb)
    reasons, recommended, avoid = tri.reasons, advice.recommended, advice.avoid
    changed = False
    while table:
        tags = _said(kb, reasons, recommended, avoid)
        gone: set[str] = set()
        for t in tags:
            gone |= table.get(t, frozenset())
        gone &= tags
        if not gone:
            break
        new_reasons = tuple(
            replace(r, action=None) if gone.intersection(_reason_tags(kb, r)) else r
            for r in reasons
        )
        new_recommended = tuple(
            a for a in recommended if not gone.intersection(_item_tags(kb, a, False))
        )
        new_avoid = tuple(
            a
            for a in avoid
            if a.kind != "caution" or not gone.intersection(_item_tags(kb, a, True))
        )
        if (new_reasons, new_recommended, new_avoid) == (reasons, recommended, avoid):
            break  # only contraindications say it: they are the safe side and stay
        reasons, recommended, avoid = new_reasons, new_recommended, new_avoid
        changed = True
    if not changed:
        return tri, advice
    return replace(tri, reasons=reasons), replace(advice, recommended=recommended, avoid=avoid)
