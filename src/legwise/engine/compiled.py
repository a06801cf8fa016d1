"""The knowledge base compiled into lookups and closures the engine can run fast.

Compiling happens once per loaded knowledge base (cached); assessing a case then costs a few
dictionary lookups per answered finding and a closure call per candidate rule.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from legwise.engine.citations import citations
from legwise.engine.compiled_records import (
    Adjustment,
    BandLink,
    CompiledCombined,
    CompiledRule,
    CompiledScoreItem,
    Explained,
    Moves,
    ScoringTables,
    StateLink,
)
from legwise.engine.compiled_tables import (
    BandHits,
    band_classes,
    probability_rules,
    probability_test,
    scoring_tables,
    triggers,
)
from legwise.engine.explain import Contribution
from legwise.engine.logic import Compiled, Truthy, compile_fast, compile_is_true, compile_truth
from legwise.kb.expr import NumberTest
from legwise.kb.loader import Knowledge
from legwise.kb.schema import (
    LEVELS,
    AdviceAvoid,
    Applicability,
    Band,
    Criterion,
    Link,
    PriorAdjustment,
    Score,
)

__all__ = [  # the records live in compiled_records; importable from here as before
    "Adjustment",
    "BandLink",
    "CompiledCombined",
    "CompiledKnowledge",
    "CompiledRule",
    "CompiledScoreItem",
    "Explained",
    "Moves",
    "ScoringTables",
    "StateLink",
    "compile_knowledge",
]


@dataclass(frozen=True, eq=False)  # hashed by identity, so derived tables can be cached
class CompiledKnowledge:
    kb: Knowledge
    conditions: tuple[str, ...]
    index: dict[str, int]
    prior_logodds: tuple[float, ...]
    applies: tuple[Applicability | None, ...]
    adjustments: tuple[Adjustment, ...]
    adjust_by_finding: dict[str, tuple[Adjustment, ...]]  # adjustments that are one `present`
    adjust_other: tuple[Adjustment, ...]
    # adjustments that are "any of these present" (a setting: a cast or an injury), with the
    # findings, so scoring needs no three-valued evaluation (nor a copy of the answers)
    adjust_any: tuple[tuple[Adjustment, tuple[str, ...]], ...]
    # adjustments that are one age test, as (adjustment, lowest age, highest age) inclusive
    adjust_age: tuple[tuple[Adjustment, float, float], ...]
    limited: tuple[tuple[int, Applicability], ...]  # conditions only some people can have
    state_links: dict[str, tuple[StateLink, ...]]
    combined: tuple[CompiledCombined, ...]  # slots len(conditions) .. +len(combined)-1
    combined_bounds: tuple[tuple[int, int, float, float], ...]  # (slot, condition, low, high)
    # finding -> ((slot, log LR) ...) for present and for absent, zero ratios left out; a slot
    # is a condition's index, or a combined group's slot (see CompiledCombined)
    deltas: dict[str, tuple[tuple[tuple[int, float], ...], tuple[tuple[int, float], ...]]]
    band_links: dict[str, tuple[BandLink, ...]]
    # the same per finding as classes of values: the sorted bounds of its bands, and per
    # class (`band_class`) the links' hits that move the odds, as (condition, log LR, link,
    # band) in link order; which band holds is the same for every value of a class
    band_classes: dict[str, tuple[tuple[float, ...], tuple[BandHits, ...]]]
    rules: tuple[CompiledRule, ...]  # in the knowledge's order (the batch path's columns)
    # the same rules most urgent first (then by id): the order reasons are listed in
    rules_by_urgency: tuple[CompiledRule, ...]
    # finding -> positions in `rules_by_urgency` of the rules that cannot be true unless the
    # finding is present (or, for a number, given); `rules_untriggered` are tried every time
    rule_triggers: dict[str, tuple[int, ...]]
    rules_untriggered: tuple[int, ...]
    # the untriggered rules that are one probability test, by condition, lowest cut first
    # as (cut, position): compared directly, without a call each (`triage.fired_rules`);
    # `rules_always` are the other untriggered ones
    rules_probability: tuple[tuple[str, tuple[tuple[float, int], ...]], ...]
    rules_always: tuple[int, ...]
    score_rules: frozenset[int]  # positions of rules that test a score's worst case
    point_scores: dict[str, tuple[CompiledScoreItem, ...]]
    score_defs: dict[str, Score]
    criteria: dict[str, tuple[tuple[Criterion, Compiled], ...]]
    advice_avoid: dict[str, tuple[tuple[AdviceAvoid, Truthy, tuple[str, ...]], ...]]
    red_flags: frozenset[str]
    symptom_findings: frozenset[str]  # findings in `meta.symptom_groups`
    citations: dict[str, str]  # source id -> one-line citation (engine.citations)
    tables: ScoringTables
    # the "no known cause fits" floor, read once from meta: the level (as a rank) it raises
    # a result to, and the log-odds a cause must reach to fit (`meta.unexplained_probability`)
    unexplained_rank: int
    unexplained_cut: float


def _explain_link(finding: str, link: Link, present: bool) -> Contribution:
    ratio = link.positive if present else link.negative
    return Contribution(
        finding=finding,
        answer="present" if present else "absent",
        ratio=ratio,
        log_ratio=math.log(ratio),
        kind="finding",
        sources=tuple(link.sources),
        estimated=link.estimated,
        note=link.note,
    )


def _explain_adjustment(spec: PriorAdjustment) -> Contribution:
    names = sorted(spec.when.findings()) + sorted(f"sex={x}" for x in spec.when.uses_sex())
    return Contribution(
        finding=" + ".join(names),
        answer="yes",
        ratio=spec.odds_ratio,
        log_ratio=math.log(spec.odds_ratio),
        kind="prior",
        sources=tuple(spec.sources),
        estimated=spec.estimated,
        note=spec.note,
    )


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _test(b: Band | object) -> NumberTest:
    # Bands share NumberTest's bounds; the finding name is irrelevant for the check itself.
    return NumberTest(
        finding="value",
        min=getattr(b, "min", None),
        max=getattr(b, "max", None),
        gt=getattr(b, "gt", None),
        lt=getattr(b, "lt", None),
    )


def _adjustments(kb: Knowledge, index: dict[str, int], flags: set[str]) -> tuple[Adjustment, ...]:
    """Every condition's prior adjustments, compiled, in the knowledge's order."""
    state_ids = {f.id for f in kb.findings.values() if f.type == "state"}
    return tuple(
        Adjustment(
            index[c.id],
            compile_is_true(adj.when),
            math.log(adj.odds_ratio),
            adj,
            bool(adj.when.findings() & flags & state_ids),
            _explain_adjustment(adj),
        )
        for c in kb.conditions.values()
        for adj in c.prior.adjustments
    )


_AdjustmentKinds = tuple[
    dict[str, list[Adjustment]],
    list[Adjustment],
    list[tuple[Adjustment, tuple[str, ...]]],
    list[tuple[Adjustment, float, float]],
]


def _sort_adjustments(adjustments: tuple[Adjustment, ...]) -> _AdjustmentKinds:
    """The adjustments by kind: one `present`, anything else, "any of these present", and
    one age test (as adjustment, lowest age, highest age inclusive), so scoring can look
    most of them up instead of evaluating them."""
    by_present: dict[str, list[Adjustment]] = {}
    other: list[Adjustment] = []
    any_of: list[tuple[Adjustment, tuple[str, ...]]] = []
    by_age: list[tuple[Adjustment, float, float]] = []
    for adj in adjustments:
        when = adj.spec.when
        if when.present is not None:
            by_present.setdefault(when.present, []).append(adj)
        elif when.any is not None and all(c.present is not None for c in when.any):
            any_of.append((adj, tuple(str(c.present) for c in when.any)))
        elif when.number is not None and when.number.finding == "age":
            t = when.number
            lo = max(
                -math.inf if t.min is None else t.min,
                -math.inf if t.gt is None else math.nextafter(t.gt, math.inf),
            )
            hi = min(
                math.inf if t.max is None else t.max,
                math.inf if t.lt is None else math.nextafter(t.lt, -math.inf),
            )
            by_age.append((adj, lo, hi))
        else:
            other.append(adj)
    return by_present, other, any_of, by_age


def _combined_groups(
    kb: Knowledge, conditions: tuple[str, ...], index: dict[str, int]
) -> tuple[list[CompiledCombined], dict[tuple[str, str], int]]:
    """The combined groups (slots after the conditions) and each member's slot."""
    groups: list[CompiledCombined] = []
    member_slot: dict[tuple[str, str], int] = {}
    for cond, specs in kb.combined.items():
        for spec in specs:
            slot = len(conditions) + len(groups)
            groups.append(
                CompiledCombined(
                    slot,
                    index[cond],
                    -math.inf if spec.min_lr is None else math.log(spec.min_lr),
                    math.inf if spec.max_lr is None else math.log(spec.max_lr),
                    spec,
                )
            )
            for fid in spec.findings:
                member_slot[(cond, fid)] = slot
    return groups, member_slot


def _links(
    kb: Knowledge, index: dict[str, int], member_slot: dict[tuple[str, str], int]
) -> tuple[dict[str, list[StateLink]], dict[str, list[BandLink]]]:
    """The likelihood-ratio links by finding: yes/no links, and links with number bands."""
    state: dict[str, list[StateLink]] = {}
    banded: dict[str, list[BandLink]] = {}
    for cond, links in kb.links.items():
        for link in links:
            if link.bands is not None:
                bands = tuple((_test(b), math.log(b.lr), b) for b in link.bands)
                bounds = tuple(
                    (
                        -math.inf if b.min is None else b.min,
                        math.inf if b.max is None else b.max,
                        -math.inf if b.gt is None else b.gt,
                        math.inf if b.lt is None else b.lt,
                        math.log(b.lr),
                        b,
                    )
                    for b in link.bands
                )
                banded.setdefault(link.finding, []).append(
                    BandLink(index[cond], bands, link, bounds)
                )
            else:
                state.setdefault(link.finding, []).append(
                    StateLink(
                        index[cond],
                        math.log(link.positive),
                        math.log(link.negative),
                        link,
                        _explain_link(link.finding, link, True),
                        _explain_link(link.finding, link, False),
                        member_slot.get((cond, link.finding), index[cond]),
                    )
                )
    return state, banded


def _rules(
    kb: Knowledge,
) -> tuple[tuple[CompiledRule, ...], tuple[CompiledRule, ...], dict[str, list[int]], list[int]]:
    """The rules in the knowledge's order and most urgent first, with each trigger finding's
    positions in the urgent order, and the positions tried every time."""
    rules = tuple(
        CompiledRule(LEVELS.index(r.level), compile_truth(r.when), r, bool(r.when.scores()))
        for r in kb.rules.values()
    )
    by_urgency = tuple(sorted(rules, key=lambda r: (-r.rank, r.spec.id)))
    by_finding: dict[str, list[int]] = {}
    untriggered: list[int] = []
    numbers = frozenset(f.id for f in kb.findings.values() if f.type == "number")
    for at, r in enumerate(by_urgency):
        found = triggers(r.spec.when, numbers)
        if found is None:
            untriggered.append(at)
        else:
            for f in sorted(found):
                by_finding.setdefault(f, []).append(at)
    return rules, by_urgency, by_finding, untriggered


def _point_scores(kb: Knowledge) -> dict[str, tuple[CompiledScoreItem, ...]]:
    """Each points score's items, compiled."""
    return {
        s.id: tuple(
            CompiledScoreItem(i.id, i.label, compile_fast(i.when), i.points) for i in s.items
        )
        for s in kb.scores.values()
        if s.kind == "points"
    }


@functools.cache
def compile_knowledge(kb: Knowledge) -> CompiledKnowledge:
    """Compile (once per knowledge base object) for the engine."""
    from legwise.kb.checks import red_flag_findings

    conditions = tuple(kb.conditions)
    index = {c: i for i, c in enumerate(conditions)}
    flags = red_flag_findings(kb)
    adjustments = _adjustments(kb, index, flags)
    by_present, other, any_of, by_age = _sort_adjustments(adjustments)
    groups, member_slot = _combined_groups(kb, conditions, index)
    state, banded = _links(kb, index, member_slot)
    symptoms = frozenset(f.id for f in kb.findings.values() if f.group in kb.meta.symptom_groups)
    rules, by_urgency, by_finding, untriggered = _rules(kb)
    return CompiledKnowledge(
        kb=kb,
        conditions=conditions,
        index=index,
        prior_logodds=tuple(_logit(c.prior.probability) for c in kb.conditions.values()),
        applies=tuple(c.applies for c in kb.conditions.values()),
        adjustments=adjustments,
        adjust_by_finding={k: tuple(v) for k, v in by_present.items()},
        adjust_other=tuple(other),
        adjust_any=tuple(any_of),
        adjust_age=tuple(by_age),
        limited=tuple(
            (i, c.applies) for i, c in enumerate(kb.conditions.values()) if c.applies is not None
        ),
        state_links={k: tuple(v) for k, v in state.items()},
        combined=tuple(groups),
        combined_bounds=tuple((g.slot, g.condition, g.low, g.high) for g in groups),
        deltas={
            k: (
                tuple((sl.slot, sl.log_pos) for sl in v if sl.log_pos != 0.0),
                tuple((sl.slot, sl.log_neg) for sl in v if sl.log_neg != 0.0),
            )
            for k, v in state.items()
        },
        band_links={k: tuple(v) for k, v in banded.items()},
        band_classes={k: band_classes(v) for k, v in banded.items()},
        rules=rules,
        rules_by_urgency=by_urgency,
        rule_triggers={k: tuple(v) for k, v in by_finding.items()},
        rules_untriggered=tuple(untriggered),
        rules_probability=probability_rules(by_urgency, untriggered),
        rules_always=tuple(
            at for at in untriggered if probability_test(by_urgency[at].spec.when) is None
        ),
        score_rules=frozenset(i for i, r in enumerate(by_urgency) if r.uses_score),
        point_scores=_point_scores(kb),
        score_defs=dict(kb.scores),
        criteria={
            s.id: tuple((c, compile_fast(c.when)) for c in s.criteria)
            for s in kb.scores.values()
            if s.kind == "criteria"
        },
        advice_avoid={
            a.id: tuple(
                (av, compile_is_true(av.when), tuple(sorted(av.when.conditions())))
                for av in a.avoid
            )
            for a in kb.advice.values()
        },
        red_flags=frozenset(flags),
        symptom_findings=symptoms,
        citations=citations(kb.sources),
        tables=scoring_tables(
            conditions,
            tuple(_logit(c.prior.probability) for c in kb.conditions.values()),
            len(groups),
            frozenset(flags),
            other,
            by_age,
            by_present,
            state,
            symptoms,
        ),
        unexplained_rank=LEVELS.index(kb.meta.unexplained_level),
        unexplained_cut=_logit(kb.meta.unexplained_probability),
    )
