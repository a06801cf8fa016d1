"""Scoring's per-answer lookup tables (`ScoringTables`), worked out once from the compiled
adjustments and links, so scoring a case costs one lookup and one short loop per answer.
"""

from __future__ import annotations

import itertools
import math

from legwise.engine.compiled_records import (
    Adjustment,
    Explained,
    Moves,
    ScoringTables,
    StateLink,
)


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
