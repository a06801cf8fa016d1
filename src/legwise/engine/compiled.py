"""The knowledge base compiled into lookups and closures the engine can run fast.

Compiling happens once per loaded knowledge base (cached); assessing a case then costs a few
dictionary lookups per answered finding and a closure call per candidate rule.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from legwise.engine.citations import citations
from legwise.engine.explain import Contribution
from legwise.engine.logic import Compiled, Truthy, compile_expr, compile_truth
from legwise.kb.expr import Expr, NumberTest
from legwise.kb.loader import Knowledge
from legwise.kb.schema import (
    LEVELS,
    AdviceAvoid,
    Applicability,
    Band,
    Combined,
    Criterion,
    Link,
    PriorAdjustment,
    Rule,
    Score,
)


@dataclass(frozen=True, slots=True)
class StateLink:
    condition: int
    log_pos: float
    log_neg: float
    link: Link
    explained_pos: Contribution
    explained_neg: Contribution
    # where the ratio is added: the condition's slot, or (for a member of a combined group)
    # the group's slot after the conditions, which is capped before it joins the condition
    slot: int = -1


@dataclass(frozen=True, slots=True)
class CompiledCombined:
    """A combined group: its slot (after the conditions), its condition and log-bounds."""

    slot: int
    condition: int
    low: float  # log min_lr, or -inf
    high: float  # log max_lr, or +inf
    spec: Combined

    def clamp(self, total: float) -> float:
        return self.high if total > self.high else self.low if total < self.low else total

    def explained(self, total: float, capped: float) -> Contribution:
        """The correction that turns the members' summed ratios into the group's."""
        bound = self.spec.max_lr if capped < total else self.spec.min_lr
        delta = capped - total
        which = "at most" if delta < 0 else "at least"
        return Contribution(
            finding=" + ".join(self.spec.findings),
            answer="combined",
            ratio=math.exp(delta),
            log_ratio=delta,
            kind="combined",
            sources=tuple(self.spec.sources),
            estimated=self.spec.estimated,
            note=(
                f"{self.spec.id}: these answers are not independent, so together they count "
                f"{which} a likelihood ratio of {bound:g}"
                + (f" ({self.spec.note})" if self.spec.note else "")
            ),
        )


@dataclass(frozen=True, slots=True)
class BandLink:
    condition: int
    bands: tuple[tuple[NumberTest, float, Band], ...]
    link: Link
    bounds: tuple[tuple[float, float, float, float, float, Band], ...]  # min max gt lt log-LR band

    def band_for(self, value: float) -> tuple[float, Band] | None:
        for lo, hi, gt, lt, log_lr, band in self.bounds:
            if lo <= value <= hi and gt < value < lt:
                return log_lr, band
        return None


@dataclass(frozen=True, slots=True)
class Adjustment:
    condition: int
    test: Compiled
    log_or: float
    spec: PriorAdjustment
    red_flag: bool  # depends on a warning-sign finding (left out of background scoring)
    explained: Contribution


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rank: int
    test: Truthy
    spec: Rule
    uses_score: bool


@dataclass(frozen=True, slots=True)
class CompiledScoreItem:
    id: str
    label: str
    test: Compiled
    points: float


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
    rules: tuple[CompiledRule, ...]
    rules_by_finding: dict[str, tuple[int, ...]]
    rules_always: tuple[int, ...]
    score_rules: frozenset[int]  # rules that test a score's worst case
    point_scores: dict[str, tuple[CompiledScoreItem, ...]]
    score_defs: dict[str, Score]
    criteria: dict[str, tuple[tuple[Criterion, Compiled], ...]]
    advice_avoid: dict[str, tuple[tuple[AdviceAvoid, Compiled, tuple[str, ...]], ...]]
    red_flags: frozenset[str]
    symptom_findings: frozenset[str]
    citations: dict[str, str]  # source id -> one-line citation (engine.citations)


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


def _needs_finding(expr: Expr) -> bool:
    """True when a monotone expression can only be true if one of its findings has an answer
    (so the rule need only be tried for cases that answered one of them)."""
    if expr.present is not None:
        return True
    if expr.number is not None:
        return not expr.number.or_unknown  # an unknown value can make it true
    if expr.all is not None:
        return any(_needs_finding(c) for c in expr.all)
    if expr.any is not None:
        return all(_needs_finding(c) for c in expr.any)
    return False


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


@functools.cache
def compile_knowledge(kb: Knowledge) -> CompiledKnowledge:
    """Compile (once per knowledge base object) for the engine."""
    from legwise.kb.checks import red_flag_findings

    conditions = tuple(kb.conditions)
    index = {c: i for i, c in enumerate(conditions)}
    flags = red_flag_findings(kb)
    state_ids = {f.id for f in kb.findings.values() if f.type == "state"}
    adjustments = tuple(
        Adjustment(
            index[c.id],
            compile_expr(adj.when),
            math.log(adj.odds_ratio),
            adj,
            bool(adj.when.findings() & flags & state_ids),
            _explain_adjustment(adj),
        )
        for c in kb.conditions.values()
        for adj in c.prior.adjustments
    )
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
    state: dict[str, list[StateLink]] = {}
    banded: dict[str, list[BandLink]] = {}
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

    rules = tuple(
        CompiledRule(LEVELS.index(r.level), compile_truth(r.when), r, bool(r.when.scores()))
        for r in kb.rules.values()
    )
    by_finding: dict[str, list[int]] = {}
    always: list[int] = []
    for i, r in enumerate(rules):
        when = r.spec.when
        if not _needs_finding(when):
            always.append(i)
        else:
            # A monotone rule can only be true if one of its findings has an answer.
            for f in when.positive_findings():
                by_finding.setdefault(f, []).append(i)

    point_scores = {
        s.id: tuple(
            CompiledScoreItem(i.id, i.label, compile_expr(i.when), i.points) for i in s.items
        )
        for s in kb.scores.values()
        if s.kind == "points"
    }
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
        rules=rules,
        rules_by_finding={k: tuple(v) for k, v in by_finding.items()},
        rules_always=tuple(always),
        score_rules=frozenset(i for i, r in enumerate(rules) if r.uses_score),
        point_scores=point_scores,
        score_defs=dict(kb.scores),
        criteria={
            s.id: tuple((c, compile_expr(c.when)) for c in s.criteria)
            for s in kb.scores.values()
            if s.kind == "criteria"
        },
        advice_avoid={
            a.id: tuple(
                (av, compile_expr(av.when), tuple(sorted(av.when.conditions()))) for av in a.avoid
            )
            for a in kb.advice.values()
        },
        red_flags=frozenset(flags),
        symptom_findings=frozenset(
            f.id for f in kb.findings.values() if f.group in ("red_flags", "pattern", "exam")
        ),
        citations=citations(kb.sources),
    )
