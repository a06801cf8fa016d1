"""The vignette suite covers the whole knowledge base.

Every triage rule must fire, and every advice `avoid` entry must trigger, in at least one
vignette; every condition must be the expected top cause of at least two vignettes. A rule or
contraindication that no vignette reaches is knowledge nobody has checked against a case.

Each vignette is assessed once (module-scoped fixture). Which avoid entries fired is not part
of the result, so the facts the engine evaluated them on are rebuilt from the assessment (see
`_rebuild_facts`) and checked against the advice the engine actually returned.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from legwise.engine.assess import Assessment, assess_case, suspicion_cuts
from legwise.engine.compiled import compile_knowledge
from legwise.engine.logic import Facts
from legwise.engine.voice import said, yields_of
from legwise.kb.loader import Knowledge

from .test_vignettes import VIGNETTE_LIST

MIN_TOP_VIGNETTES = 2

AvoidKey = tuple[str, int]  # (advice id, index in its `avoid` list)


@dataclass(frozen=True)
class Assessed:
    vignette: dict[str, Any]
    result: Assessment
    rules: frozenset[str]
    avoid_entries: frozenset[AvoidKey]


def _logit(p: float) -> float:
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return math.inf
    return math.log(p) - math.log1p(-p)


def _rebuild_facts(kb: Knowledge, result: Assessment) -> Facts:
    """The facts `assess_case` gave to the advice step, rebuilt from its result.

    Mirrors legwise.engine.assess: answers from the parsed case, probabilities from the ranked
    conditions, and the suspected causes (`_suspected`): those named by a fired rule, plus
    those at or above the plausible threshold that are the first cause listed and supported
    by the answers, or whose posterior odds beat the person's prior odds; a dangerous cause
    with a suspicion rule (`meta.suspicion_rules`) is suspected from that rule's cut-off
    instead; a cause a fired rule excludes is not suspected unless a rule names it.
    """
    probs = {c.id: c.probability for c in result.conditions}
    suspected = {s for reason in result.triage.reasons for s in reason.suspects}
    suspected |= {c.id for c in result.conditions if c.named_by_rule}
    threshold = kb.meta.plausible_probability
    cuts = suspicion_cuts(kb)
    for c in result.conditions:
        cut = cuts.get(c.id)
        if cut is not None:
            if c.probability >= cut:
                suspected.add(c.id)
            continue
        if c.probability < threshold:
            continue
        if (c.id == result.top and c.supported) or _logit(c.probability) > _logit(c.prior) + 1e-9:
            suspected.add(c.id)
    # ... less a cause a fired rule's findings exclude, unless a rule names it (growing pains
    # with a limp).
    named = {c.id for c in result.conditions if c.named_by_rule}
    rules = [kb.rules[r.rule] for r in result.triage.reasons if r.rule in kb.rules]
    suspected -= {c for rule in rules for c in rule.excludes} - named
    return Facts(
        states=result.case.states,
        numbers=result.case.numbers,
        sex=result.case.sex,
        probabilities=probs,
        suspected=frozenset(suspected),
    )


def _left_out_by_one_voice(kb: Knowledge, result: Assessment) -> set[str]:
    """Cautions the engine leaves off the avoid list because what they say gives way to an
    instruction the result keeps ("get up and move around" beside "rest the leg")."""
    table = yields_of(kb)
    kept = said(kb, result.triage, result.advice)
    gone = {y for k in kept for y in table.get(k, ())}
    return {a.id for a in kb.advice.values() if a.kind == "caution" and gone & set(a.avoid_says)}


def _fired_avoid_entries(kb: Knowledge, facts: Facts) -> frozenset[AvoidKey]:
    compiled = compile_knowledge(kb)
    return frozenset(
        (advice_id, i)
        for advice_id, entries in compiled.advice_avoid.items()
        for i, (_spec, test, _conditions) in enumerate(entries)
        if test(facts) is True
    )


@pytest.fixture(scope="module")
def assessed(kb: Knowledge) -> list[Assessed]:
    out: list[Assessed] = []
    for v in VIGNETTE_LIST:
        result = assess_case(dict(v["case"], id=v["id"]), kb=kb)
        rules = frozenset(r.rule for r in result.triage.reasons)
        quiet = _left_out_by_one_voice(kb, result)
        entries = frozenset(
            e for e in _fired_avoid_entries(kb, _rebuild_facts(kb, result)) if e[0] not in quiet
        )
        out.append(Assessed(v, result, rules, entries))
    return out


def test_rebuilt_facts_match_the_engines_avoid_list(
    kb: Knowledge, assessed: list[Assessed]
) -> None:
    """Guard for the rebuild: the entries found to fire give exactly the engine's avoid list."""
    mismatches: list[str] = []
    for a in assessed:
        by_advice: dict[str, list[int]] = {}
        for advice_id, i in sorted(a.avoid_entries):
            by_advice.setdefault(advice_id, []).append(i)
        engine = {item.id: item.why for item in a.result.advice.avoid}
        shown = {item.id: item for item in a.result.advice.avoid}
        if set(by_advice) != set(engine):
            mismatches.append(
                f"{a.vignette['id']}: rebuilt={sorted(by_advice)} engine={sorted(engine)}"
            )
            continue
        for advice_id, indices in by_advice.items():
            whys = kb.advice[advice_id].avoid
            why = " ".join(dict.fromkeys(whys[i].why for i in indices))
            population = shown[advice_id].population
            if population is not None:  # a population variant may give its own reason
                variant = next(
                    v for v in kb.advice[advice_id].variants if v.population == population
                )
                why = variant.why or why
            if why != engine[advice_id]:
                mismatches.append(f"{a.vignette['id']}: {advice_id} fired entries {indices}")
    assert not mismatches, "rebuilt facts disagree with the engine:\n" + "\n".join(mismatches)


def test_every_rule_fires_in_some_vignette(kb: Knowledge, assessed: list[Assessed]) -> None:
    fired = set().union(*(a.rules for a in assessed))
    missing = [rule_id for rule_id in kb.rules if rule_id not in fired]
    assert not missing, f"triage rules that fire in no vignette: {missing}"


def test_every_avoid_entry_triggers_in_some_vignette(
    kb: Knowledge, assessed: list[Assessed]
) -> None:
    triggered: set[AvoidKey] = set().union(*(a.avoid_entries for a in assessed))
    missing = [
        f"{advice_id}[{i}] when={entry.when.model_dump(exclude_none=True, by_alias=True)}"
        for advice_id, advice in kb.advice.items()
        for i, entry in enumerate(advice.avoid)
        if (advice_id, i) not in triggered
    ]
    assert not missing, "advice avoid entries triggered by no vignette:\n" + "\n".join(missing)


def test_every_condition_is_the_top_cause_of_two_vignettes(kb: Knowledge) -> None:
    """Counts vignettes whose `top` names that one cause alone (a list of alternatives does
    not make either the expected top cause)."""
    counts = Counter(
        v["expect"]["top"][0] for v in VIGNETTE_LIST if len(v["expect"].get("top", [])) == 1
    )
    short = {c: counts[c] for c in kb.conditions if counts[c] < MIN_TOP_VIGNETTES}
    assert not short, (
        f"conditions expected as the top cause of fewer than {MIN_TOP_VIGNETTES} vignettes: {short}"
    )
