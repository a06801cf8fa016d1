"""The knowledge base compiled into lookups and closures the engine can run fast.

Compiling happens once per loaded knowledge base (cached); assessing a case then costs a few
dictionary lookups per answered finding and a closure call per candidate rule.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

from legwise.engine.citations import citations
from legwise.engine.explain import Contribution
from legwise.engine.logic import Compiled, Truthy, compile_fast, compile_is_true, compile_truth
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
    test: Truthy  # True exactly when the adjustment's condition is true
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


Moves = tuple[tuple[int, float], ...]  # (slot, log ratio) additions, in order
Explained = tuple[tuple[int, Contribution], ...]  # (condition, contribution) in order


@dataclass(frozen=True, slots=True)
class ScoringTables:
    """Scoring's lookups: per answer, the additions it makes, worked out once.

    Scoring keeps one list of log-odds: the conditions, then the combined groups (`width`
    slots in all), then the same again for the background (every answer except warning
    signs). Each answer's additions name their slots in that list, background ones included
    where the answer is not a warning sign, so a case costs one lookup and one short loop
    per answer, and the additions happen in the same order as one slot at a time would.
    """

    width: int  # conditions + combined groups; the background slots start here
    start: tuple[float, ...]  # base prior log-odds (and zero for the groups), twice
    sex: dict[str, tuple[Moves, Explained]]  # adjustments that are one `sex` test
    other: tuple[Adjustment, ...]  # adjustments evaluated as conditions
    # adjustments that are one age test: the ages where one starts or stops holding, and the
    # additions at each of those ages and in each gap before, between and after them
    age_points: tuple[float, ...]
    age_at: tuple[tuple[Moves, Explained], ...]
    age_between: tuple[tuple[Moves, Explained], ...]
    present: dict[str, tuple[Moves, Explained]]  # adjustments that are one `present`
    # the symptom findings (`meta.symptom_groups`) other than warning signs: the answers
    # that decide whether the picture is explained
    quiet_symptoms: frozenset[str]
    # finding -> additions and explanations when present, and when absent (zero ratios out)
    links: dict[str, tuple[Moves, Moves, Explained, Explained]]


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
    rules: tuple[CompiledRule, ...]  # in the knowledge's order (the batch path's columns)
    # the same rules most urgent first (then by id): the order reasons are listed in
    rules_by_urgency: tuple[CompiledRule, ...]
    # finding -> positions in `rules_by_urgency` of the rules that cannot be true unless the
    # finding is present (or, for a number, given); `rules_untriggered` are tried every time
    rule_triggers: dict[str, tuple[int, ...]]
    rules_untriggered: tuple[int, ...]
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


def _age_tables(
    by_age: list[tuple[Adjustment, float, float]], width: int
) -> tuple[
    tuple[float, ...], tuple[tuple[Moves, Explained], ...], tuple[tuple[Moves, Explained], ...]
]:
    """Which age adjustments hold is the same between any two neighbouring bounds: the
    additions at each bound and in each gap, so scoring finds them with one bisection."""
    points = tuple(sorted({x for _, lo, hi in by_age for x in (lo, hi) if math.isfinite(x)}))

    def at(age: float) -> tuple[Moves, Explained]:
        hit = [adj for adj, lo, hi in by_age if lo <= age <= hi]
        moves = tuple(
            (slot, adj.log_or) for adj in hit for slot in (adj.condition, adj.condition + width)
        )
        return moves, tuple((adj.condition, adj.explained) for adj in hit)

    if not points:
        return (), (), (at(0.0),)
    gaps = [points[0] - 1.0]
    gaps += [(a + b) / 2 for a, b in itertools.pairwise(points)]
    gaps.append(points[-1] + 1.0)
    return points, tuple(at(x) for x in points), tuple(at(x) for x in gaps)


def _scoring_tables(
    conditions: tuple[str, ...],
    prior_logodds: tuple[float, ...],
    n_groups: int,
    flags: frozenset[str],
    other: list[Adjustment],
    by_age: list[tuple[Adjustment, float, float]],
    by_present: dict[str, list[Adjustment]],
    state: dict[str, list[StateLink]],
    symptoms: frozenset[str],
) -> ScoringTables:
    width = len(conditions) + n_groups
    start = (*prior_logodds, *([0.0] * n_groups))
    sex: dict[str, list[Adjustment]] = {}
    rest: list[Adjustment] = []
    for adj in other:
        if adj.spec.when.sex is not None:
            sex.setdefault(adj.spec.when.sex, []).append(adj)
        else:
            rest.append(adj)

    def moves(adjs: list[Adjustment], quiet: bool) -> tuple[Moves, Explained]:
        out = [(a.condition, a.log_or) for a in adjs]
        if quiet:
            out += [(a.condition + width, a.log_or) for a in adjs]
        return tuple(out), tuple((a.condition, a.explained) for a in adjs)

    def link_moves(fid: str, links: list[StateLink], present: bool) -> tuple[Moves, Explained]:
        used = [sl for sl in links if (sl.log_pos if present else sl.log_neg) != 0.0]
        out = [(sl.slot, sl.log_pos if present else sl.log_neg) for sl in used]
        if fid not in flags:
            out += [(sl.slot + width, sl.log_pos if present else sl.log_neg) for sl in used]
        explained = tuple(
            (sl.condition, sl.explained_pos if present else sl.explained_neg) for sl in used
        )
        return tuple(out), explained

    links = {}
    for fid, v in state.items():
        pos, pos_explained = link_moves(fid, v, True)
        neg, neg_explained = link_moves(fid, v, False)
        links[fid] = (pos, neg, pos_explained, neg_explained)
    points, age_at, age_between = _age_tables(by_age, width)
    return ScoringTables(
        width=width,
        start=start + start,
        sex={k: moves(v, True) for k, v in sex.items()},
        other=tuple(rest),
        age_points=points,
        age_at=age_at,
        age_between=age_between,
        present={k: moves(v, k not in flags) for k, v in by_present.items()},
        quiet_symptoms=symptoms - flags,
        links=links,
    )


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


def _triggers(expr: Expr) -> frozenset[str] | None:
    """Findings one of which must be present (or, for a number, given) for a monotone
    expression to be true; None when it can be true without any (a probability, a score,
    sex, or a number that holds when unknown). A rule is then tried only for cases that
    answered one of its triggers."""
    if expr.present is not None:
        return frozenset({expr.present})
    if expr.number is not None:
        return None if expr.number.or_unknown else frozenset({expr.number.finding})
    if expr.all is not None:  # every part is needed: the narrowest part's triggers do
        found = [t for t in (_triggers(c) for c in expr.all) if t is not None]
        return min(found, key=len) if found else None
    if expr.any is not None:  # any part will do: each needs its own
        parts = [_triggers(c) for c in expr.any]
        if any(p is None for p in parts):
            return None
        return frozenset().union(*[p for p in parts if p is not None])
    return None


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
            compile_is_true(adj.when),
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

    symptoms = frozenset(f.id for f in kb.findings.values() if f.group in kb.meta.symptom_groups)
    rules = tuple(
        CompiledRule(LEVELS.index(r.level), compile_truth(r.when), r, bool(r.when.scores()))
        for r in kb.rules.values()
    )
    by_urgency = tuple(sorted(rules, key=lambda r: (-r.rank, r.spec.id)))
    by_finding: dict[str, list[int]] = {}
    untriggered: list[int] = []
    for at, r in enumerate(by_urgency):
        found = _triggers(r.spec.when)
        if found is None:
            untriggered.append(at)
        else:
            for f in sorted(found):
                by_finding.setdefault(f, []).append(at)

    point_scores = {
        s.id: tuple(
            CompiledScoreItem(i.id, i.label, compile_fast(i.when), i.points) for i in s.items
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
        rules_by_urgency=by_urgency,
        rule_triggers={k: tuple(v) for k, v in by_finding.items()},
        rules_untriggered=tuple(untriggered),
        score_rules=frozenset(i for i, r in enumerate(by_urgency) if r.uses_score),
        point_scores=point_scores,
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
        tables=_scoring_tables(
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
