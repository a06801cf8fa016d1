"""One consistent voice: the rule actions and the advice of a result never contradict.

Each rule action and advice item declares what it tells the person as instruction tags
(`asks`; `avoid_says` for an item on the avoid list). `meta.instruction_conflicts` says which
tag is kept and which give way when both would be said ("keep weight off" beats "keep moving";
"do not raise the leg" beats "rest with the leg raised"). Whatever gives way is left out: a
measure is not recommended, a caution is not listed, a rule keeps its reason but loses its
action text. Contraindicated measures on the avoid list never give way: they are the safe side.
A test or treatment shown under "what a doctor may do" gives way too ("raise the sore leg" is
not shown beside "do not raise the leg"), but never makes anything else give way: what the
result tells the person to do now comes from the rules and the advice.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from legwise.engine.advice import AdviceItem, AdviceResult, CareResult
from legwise.engine.frozen import maker
from legwise.engine.memo import remembered
from legwise.engine.triage import Reason, TriageResult
from legwise.kb.loader import Knowledge


@functools.cache
def yields_of(kb: Knowledge) -> dict[str, frozenset[str]]:
    """For each kept tag, the tags that give way to it."""
    out: dict[str, set[str]] = {}
    for c in kb.meta.instruction_conflicts:
        out.setdefault(c.keep, set()).update(c.yields)
    return {k: frozenset(v) for k, v in out.items()}


Tags = dict[str, tuple[str, ...]]
_triage_result = maker(TriageResult)
_advice_result = maker(AdviceResult)


@functools.cache
def _tables(kb: Knowledge) -> tuple[Tags, Tags, Tags, dict[str, frozenset[str]]]:
    """Instruction tags by rule id, by advice id when recommended and when avoided, and the
    conflict table (looked up once per result: hashing the knowledge base is not free)."""
    return (
        {r.id: tuple(r.asks) for r in kb.rules.values() if r.asks},
        {a.id: tuple(a.asks) for a in kb.advice.values() if a.asks},
        {a.id: tuple(a.avoid_says) for a in kb.advice.values() if a.avoid_says},
        yields_of(kb),
    )


def _said(
    tables: tuple[Tags, Tags, Tags, dict[str, frozenset[str]]],
    reasons: tuple[Reason, ...],
    recommended: tuple[AdviceItem, ...],
    avoid: tuple[AdviceItem, ...],
) -> set[str]:
    rules, asks, avoids, _ = tables
    out: set[str] = set()
    for r in reasons:
        if r.action and r.rule in rules:
            out.update(rules[r.rule])
    for a in recommended:
        if a.id in asks:
            out.update(asks[a.id])
    for a in avoid:
        if a.id in avoids:
            out.update(avoids[a.id])
    return out


def said(kb: Knowledge, tri: TriageResult, advice: AdviceResult) -> set[str]:
    """Every instruction tag the result says (rule actions, recommended and avoided items)."""
    return _said(_tables(kb), tri.reasons, advice.recommended, advice.avoid)


# What `_kept` gave, by the identities of what it was given (reasons and advice items are
# the knowledge's cached objects, the same case after case): a few hundred entries make up
# nearly every result. Each entry holds what its key names, so no id in a key is reused.
_Parts = tuple[
    tuple[Reason, ...],
    tuple[AdviceItem, ...],
    tuple[AdviceItem, ...],
    tuple[CareResult, ...],
    tuple[CareResult, ...],
]


@functools.lru_cache(maxsize=64)
def _kept_table(kb: Knowledge) -> dict[tuple[int | None, ...], tuple[_Parts, _Parts | None]]:
    return {}


def one_voice(
    kb: Knowledge, tri: TriageResult, advice: AdviceResult
) -> tuple[TriageResult, AdviceResult]:
    """The result with everything that contradicts a kept instruction left out."""
    given = (tri.reasons, advice.recommended, advice.avoid, advice.tests, advice.treatments)
    key = (
        *map(id, given[0]),
        None,
        *map(id, given[1]),
        None,
        *map(id, given[2]),
        id(given[3]),
        id(given[4]),
    )
    kept = remembered(_kept_table(kb), key, lambda: (given, _kept(kb, *given)), 8192)[1]
    if kept is None:
        return tri, advice
    reasons, recommended, avoid, tests, treatments = kept
    # `replace(...)` of both, without its per-field work (fields in the classes' order)
    if reasons is not tri.reasons:
        tri = _triage_result(tri.level, tri.rank, reasons, tri.unanswered_red_flags, tri.about)
    return tri, _advice_result(recommended, avoid, tests, treatments)


def _kept(
    kb: Knowledge,
    reasons: tuple[Reason, ...],
    recommended: tuple[AdviceItem, ...],
    avoid: tuple[AdviceItem, ...],
    tests: tuple[CareResult, ...],
    treatments: tuple[CareResult, ...],
) -> _Parts | None:
    """What `one_voice` keeps of these parts, or None when it keeps them all."""
    advice = _advice_result(recommended, avoid, tests, treatments)
    tables = _tables(kb)
    rules, asks, avoids, table = tables
    changed = False
    tags = _said(tables, reasons, recommended, avoid)
    while table:
        gone = {y for t in tags if t in table for y in table[t]} & tags
        if not gone:
            break
        new_reasons = tuple(
            replace(r, action=None) if r.action and gone.intersection(rules.get(r.rule, ())) else r
            for r in reasons
        )
        new_recommended = tuple(a for a in recommended if not gone.intersection(asks.get(a.id, ())))
        new_avoid = tuple(
            a for a in avoid if a.kind != "caution" or not gone.intersection(avoids.get(a.id, ()))
        )
        if (new_reasons, new_recommended, new_avoid) == (reasons, recommended, avoid):
            break  # only contraindications say it: they are the safe side and stay
        reasons, recommended, avoid = new_reasons, new_recommended, new_avoid
        changed = True
        tags = _said(tables, reasons, recommended, avoid)
    care_gone = _care_gone(advice, tags, table)
    if not changed and not care_gone:
        return None
    if care_gone:
        tests, treatments = _care_kept(advice, care_gone)
    return reasons, recommended, avoid, tests, treatments


# tests and treatments as `advice.select_advice` lists them (cached tuples, so a few make up
# nearly every result) -> (those tuples, the tags their items ask, and what `_care_kept` kept
# of them for each set of tags that give way); the tuples held here keep their ids unique
_CareEntry = tuple[
    tuple[CareResult, ...],
    tuple[CareResult, ...],
    frozenset[str],
    dict[frozenset[str], tuple[tuple[CareResult, ...], tuple[CareResult, ...]]],
]
_CARE: dict[tuple[int, int], _CareEntry] = {}


def _care_entry(advice: AdviceResult) -> _CareEntry:
    tests, treatments = advice.tests, advice.treatments
    key = (id(tests), id(treatments))
    hit = _CARE.get(key)
    if hit is None or hit[0] is not tests or hit[1] is not treatments:
        if len(_CARE) > 4096:
            _CARE.clear()
        asked = frozenset(
            t
            for c in (*tests, *treatments)
            if c.item.asks and c.item.line != "avoid"
            for t in c.item.asks
        )
        hit = (tests, treatments, asked, {})
        _CARE[key] = hit
    return hit


def _care_kept(
    advice: AdviceResult, gone: frozenset[str]
) -> tuple[tuple[CareResult, ...], tuple[CareResult, ...]]:
    """The tests and treatments that do not ask what gives way (`gone`); an item on the
    `avoid` line is a contraindication: the safe side, it stays."""
    entry = _care_entry(advice)
    kept = entry[3].get(gone)
    if kept is None:

        def keep(c: CareResult) -> bool:
            return c.item.line == "avoid" or not gone.intersection(c.item.asks)

        kept = (tuple(c for c in entry[0] if keep(c)), tuple(c for c in entry[1] if keep(c)))
        entry[3][gone] = kept
    return kept


def _care_gone(
    advice: AdviceResult, tags: set[str], table: dict[str, frozenset[str]]
) -> frozenset[str]:
    """The tags of shown tests and treatments that give way to what the result says (an item
    on the `avoid` line is a contraindication: the safe side, it stays)."""
    asked = _care_entry(advice)[2]
    if not asked:
        return frozenset()
    return frozenset({y for t in tags if t in table for y in table[t]} & asked)
