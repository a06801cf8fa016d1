"""Bayesian scoring: prior odds times likelihood ratios, one condition at a time.

Each condition is scored as present-or-not on its own (the likelihood ratios in the
literature are defined that way), so probabilities need not add up to one: a person can have
cramps and neuropathy. Unknown answers are absent from the case and so move nothing.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from math import isfinite
from typing import Any

from legwise.engine.case import Case
from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.compiled_tables import band_class, band_hits
from legwise.engine.explain import Contribution
from legwise.engine.frozen import maker
from legwise.engine.logic import Facts


@dataclass(frozen=True, slots=True)
class Scored:
    """Log-odds per condition (None when the condition does not apply to this person)."""

    prior: tuple[float | None, ...]
    log_odds: tuple[float | None, ...]
    contributions: tuple[tuple[Contribution, ...], ...] | None
    background: tuple[float | None, ...]
    # background log-odds before any finding's ratio (prior and quiet adjustments): what the
    # background owes to the person alone, so background - this is the answers' support
    background_prior: tuple[float | None, ...] = ()

    def probabilities(self, compiled: CompiledKnowledge) -> dict[str, float]:
        exp = math.exp
        return {
            c: (1.0 / (1.0 + exp(-lo)) if lo >= 0 else (e := exp(lo)) / (1.0 + e))
            for c, lo in zip(compiled.conditions, self.log_odds, strict=True)
            if lo is not None
        }


_scored = maker(Scored)
_contribution = maker(Contribution)


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def score(compiled: CompiledKnowledge, case: Case, facts: Facts, explain: bool = False) -> Scored:
    """Posterior log-odds for every condition; with `explain`, every contribution too.

    The same pass also yields background log-odds: every answer except yes/no warning signs
    (see `background_probabilities` for why). Both live in one list (`ScoringTables`): the
    conditions and combined groups, then their background copies from `width` on.
    """
    t = compiled.tables
    n, width = len(compiled.conditions), t.width
    lo = list(t.start)
    parts: list[list[Contribution]] | None = [[] for _ in range(n)] if explain else None
    states = case.states

    if case.sex is not None and case.sex in t.sex:
        moves, explained = t.sex[case.sex]
        for slot, delta in moves:
            lo[slot] += delta
        if parts is not None:
            for cond, why in explained:
                parts[cond].append(why)
    if t.other:
        flags = compiled.red_flags
        quiet: Facts | None = None
        for adj in t.other:
            hit = adj.test(facts)
            if hit:
                lo[adj.condition] += adj.log_or
                if parts is not None:
                    parts[adj.condition].append(adj.explained)
            if adj.red_flag:
                if quiet is None:
                    without_flags = {f: v for f, v in states.items() if f not in flags}
                    quiet = Facts(states=without_flags, numbers=facts.numbers, sex=facts.sex)
                hit = adj.test(quiet)
            if hit:
                lo[adj.condition + width] += adj.log_or
    for adj, any_of in compiled.adjust_any:
        hit = quiet_hit = False
        for f in any_of:  # a loop, not any(): no generator per case
            if states.get(f, 0) > 0:
                hit = True
                if f not in compiled.red_flags:
                    quiet_hit = True
                    break
        if hit:
            lo[adj.condition] += adj.log_or
            if parts is not None:
                parts[adj.condition].append(adj.explained)
            if quiet_hit:
                lo[adj.condition + width] += adj.log_or
    age = case.age
    if age is not None and t.age_between:
        points = t.age_points
        at = bisect_left(points, age)
        moves, explained = (
            t.age_at[at] if at < len(points) and points[at] == age else t.age_between[at]
        )
        for slot, delta in moves:
            lo[slot] += delta
        if parts is not None:
            for cond, why in explained:
                parts[cond].append(why)
    present = t.present
    for fid, value in states.items():
        if value > 0 and fid in present:
            moves, explained = present[fid]
            for slot, delta in moves:
                lo[slot] += delta
            if parts is not None:
                for cond, why in explained:
                    parts[cond].append(why)
    prior = lo[:n]
    bg_prior: list[Any] = lo[width : width + n]

    links = t.links
    if parts is None:
        for fid, value in states.items():
            link = links.get(fid)
            if link is not None:
                for slot, delta in link[0] if value > 0 else link[1]:
                    lo[slot] += delta
    else:
        for fid, value in states.items():
            link = links.get(fid)
            if link is not None:
                for slot, delta in link[0] if value > 0 else link[1]:
                    lo[slot] += delta
                for cond, why in link[2] if value > 0 else link[3]:
                    parts[cond].append(why)
    band_classes = compiled.band_classes
    for fid, number in case.numbers.items():
        classes = band_classes.get(fid)
        if classes is None:
            continue
        hits = (
            classes[1][band_class(classes[0], number)]
            if isfinite(number)  # always, from parse_case; a class holds finite values only
            else band_hits(compiled.band_links[fid], number)
        )
        for cond, log_lr, bl, band in hits:
            lo[cond] += log_lr
            lo[cond + width] += log_lr
            if parts is not None:
                parts[cond].append(
                    _contribution(
                        finding=fid,
                        answer=number,
                        ratio=band.lr,
                        log_ratio=log_lr,
                        kind="finding",
                        sources=tuple(bl.link.sources),
                        estimated=bl.link.estimated,
                        note=band.label or bl.link.note,
                    )
                )

    for slot, cond, low, high in compiled.combined_bounds:
        total = lo[slot]
        if total:  # most cases answer no member of most groups
            capped = high if total > high else low if total < low else total
            lo[cond] += capped
            if parts is not None and capped != total:
                parts[cond].append(compiled.combined[slot - n].explained(total, capped))
        quiet_total = lo[slot + width]
        if quiet_total:
            lo[cond + width] += (
                high if quiet_total > high else low if quiet_total < low else quiet_total
            )
    out: list[Any] = lo[:n]
    bg_out: list[Any] = lo[width : width + n]
    prior_out: list[Any] = prior
    for i, applies in compiled.limited:
        if not applies.allows(case.age, case.sex):
            out[i] = bg_out[i] = prior_out[i] = bg_prior[i] = None
    contributions = None
    if parts is not None:
        contributions = tuple(
            tuple(sorted(p, key=_weight)) if len(p) > 1 else tuple(p) for p in parts
        )
    return _scored(tuple(prior_out), tuple(out), contributions, tuple(bg_out), tuple(bg_prior))


def _weight(c: Contribution) -> float:
    """Sort key: the biggest moves first."""
    return -abs(c.log_ratio)


SUPPORT_SLACK = 1e-3


def support_cut(min_ratio: float) -> float:
    """The log-odds rise that counts as support: log(min_ratio), less a slack of 0.1% so that
    a ratio of exactly `min_ratio` counts, and so that sums of common ratios never sit on the
    cut (the vectorised path, in float32, would then have to recompute them)."""
    return math.log(min_ratio) - SUPPORT_SLACK


def supported(scored: Scored, compiled: CompiledKnowledge, quiet: bool = False) -> frozenset[str]:
    """Causes the answers support: their ratios multiply the odds by at least
    `meta.support_min_ratio` (age, sex and risk factors do not count: they are the prior).
    A common cause is not an explanation just because it is common.

    With `quiet`, warning signs are left out as for the background probabilities, so that
    the "no known cause fits" floor cannot be lifted by adding a warning sign."""
    need = support_cut(compiled.kb.meta.support_min_ratio)
    post, base = (
        (scored.background, scored.background_prior) if quiet else (scored.log_odds, scored.prior)
    )
    return frozenset(
        c
        for c, lo, lo0 in zip(compiled.conditions, post, base, strict=True)
        if lo is not None and lo0 is not None and lo - lo0 >= need
    )


def background_probabilities(scored: Scored, compiled: CompiledKnowledge) -> dict[str, float]:
    """Probabilities from every answer except yes/no warning signs (red-flag findings).

    Used only to decide whether a known cause explains the picture. Warning signs are the
    rules' business; leaving them out here makes that decision monotone: a new warning sign
    can only make the picture less explained (so urgency never drops), and answering one
    "no" can never make it look less explained than "not sure".
    """
    return {
        c: sigmoid(lo)
        for c, lo in zip(compiled.conditions, scored.background, strict=True)
        if lo is not None
    }
