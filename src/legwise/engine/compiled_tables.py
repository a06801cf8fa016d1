"""Scoring's per-answer lookup tables (`ScoringTables`), worked out once from the compiled
adjustments and links, so scoring a case costs one lookup and one short loop per answer; the
numeric bands' value classes; and what picks the rules to try (their trigger findings, the
rules that are one probability test).
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left

from legwise.engine.compiled_records import (
    Adjustment,
    BandLink,
    CompiledRule,
    Explained,
    Moves,
    ScoringTables,
    StateLink,
)
from legwise.kb.expr import Expr
from legwise.kb.schema import Band


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


def scoring_tables(
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


BandHits = tuple[tuple[int, float, BandLink, Band], ...]


def band_class(points: tuple[float, ...], value: float) -> int:
    """A value's class among sorted bounds: 2i in the gap before bound i, 2i + 1 at bound i,
    2 * len(points) after the last (as the vectorised path's `_classify`)."""
    at = bisect_left(points, value)
    return 2 * at + 1 if at < len(points) and points[at] == value else 2 * at


def band_classes(links: list[BandLink]) -> tuple[tuple[float, ...], tuple[BandHits, ...]]:
    """Each class's hits, worked out with `BandLink.band_for` on one value of the class."""
    points = tuple(
        sorted({x for bl in links for b in bl.bounds for x in b[:4] if math.isfinite(x)})
    )
    values = [points[0] - 1.0] if points else [0.0]
    for i, point in enumerate(points):
        values.append(point)
        values.append((point + points[i + 1]) / 2 if i + 1 < len(points) else point + 1.0)
    return points, tuple(band_hits(links, value) for value in values)


def band_hits(links: tuple[BandLink, ...] | list[BandLink], value: float) -> BandHits:
    """The links' hits for one value (those that move the odds), in link order."""
    found = []
    for bl in links:
        hit = bl.band_for(value)
        if hit is not None and hit[0] != 0.0:
            found.append((bl.condition, hit[0], bl, hit[1]))
    return tuple(found)


def probability_test(expr: Expr) -> tuple[str, float] | None:
    """(condition, cut) when `expr` is nothing but one probability test."""
    p = expr.probability
    if p is None or any(
        x is not None
        for x in (expr.present, expr.absent, expr.number, expr.sex, expr.suspected, expr.score)
    ):
        return None
    if expr.all is not None or expr.any is not None or expr.not_ is not None:
        return None
    return p.condition, float(p.min)


def probability_rules(
    by_urgency: tuple[CompiledRule, ...], untriggered: list[int]
) -> tuple[tuple[str, tuple[tuple[float, int], ...]], ...]:
    by_condition: dict[str, list[tuple[float, int]]] = {}
    for at in untriggered:
        test = probability_test(by_urgency[at].spec.when)
        if test is not None:
            by_condition.setdefault(test[0], []).append((test[1], at))
    return tuple((c, tuple(sorted(cuts))) for c, cuts in by_condition.items())


def triggers(expr: Expr, numbers: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Findings one of which must be present (or, for a number, given) for a monotone
    expression to be true; None when it can be true without any (a probability, a score,
    sex, or a number that holds when unknown). A rule is then tried only for cases that
    answered one of its triggers.

    Of an `all`'s parts, the one with the fewest `numbers` (number findings: most cases give
    an age), then the fewest findings, is taken: it leaves the rule out of the most cases."""
    if expr.present is not None:
        return frozenset({expr.present})
    if expr.number is not None:
        return None if expr.number.or_unknown else frozenset({expr.number.finding})
    if expr.all is not None:  # every part is needed: the narrowest part's triggers do
        found = [t for t in (triggers(c, numbers) for c in expr.all) if t is not None]
        return min(found, key=lambda t: (len(t & numbers), len(t))) if found else None
    if expr.any is not None:  # any part will do: each needs its own
        parts = [triggers(c, numbers) for c in expr.any]
        if any(p is None for p in parts):
            return None
        return frozenset().union(*[p for p in parts if p is not None])
    return None
