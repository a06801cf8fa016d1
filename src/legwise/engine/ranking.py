"""The order causes are listed in (one definition, mirrored by the vectorised path).

The order never changes a probability: it says what legwise acted on and what the answers
point to; the number says how likely each cause is. `engine/batch.py` (its order tier) and
`tables/results.py` (`_causes`) list causes the same way for many cases at once; the property
tests in tests/engine/test_ranking.py compare the two paths.
"""

from __future__ import annotations

import functools
import math

from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.scoring import SUPPORT_SLACK, Scored
from legwise.kb.loader import Knowledge


def against_cut(max_ratio: float) -> float:
    """The log-odds fall from the answers that counts as arguing against a cause:
    log(max_ratio), plus the same slack as `scoring.support_cut` so that a ratio of exactly
    `max_ratio` counts and sums of common ratios never sit on the cut (the vectorised path, in
    float32, would then have to recompute them). A ratio of 0 turns the rule off."""
    return math.log(max_ratio) + SUPPORT_SLACK if max_ratio > 0 else -math.inf


def plausible_cut(plausible: float) -> float:
    """The log-odds from which a cause counts as plausible enough to be listed ahead of a
    cause the answers argue against: logit(`meta.plausible_probability`), less the support
    slack, so that a prior of exactly that probability counts and never sits on the cut."""
    return math.log(plausible) - math.log1p(-plausible) - SUPPORT_SLACK


@functools.cache
def _cuts(kb: Knowledge) -> tuple[float, float]:
    """(against, plausible) log-odds cuts of `kb`, worked out once: this runs per case."""
    meta = kb.meta
    return against_cut(meta.against_max_ratio), plausible_cut(meta.plausible_probability)


def listed_behind(
    scored: Scored, compiled: CompiledKnowledge, support: frozenset[str]
) -> frozenset[str]:
    """Causes listed after the open ones (see `rank_causes`): those the answers argue
    against (their ratios together multiply the odds by at most `meta.against_max_ratio`;
    age, sex and risk factors do not count, they are the prior: the mirror of
    `scoring.supported`), and those neither supported nor plausible
    (below `meta.plausible_probability`), so that a rare cause at its prior is not listed
    ahead of a likelier one merely because the answers said nothing about it."""
    against, unlikely = _cuts(compiled.kb)
    out = []
    for c, lo, lo0 in zip(compiled.conditions, scored.log_odds, scored.prior, strict=True):
        if lo is None or lo0 is None:
            continue  # the cause does not apply to this person
        if lo - lo0 <= against or (lo < unlikely and c not in support):
            out.append(c)
    return frozenset(out)


def rank_causes(
    probs: dict[str, float],
    named: frozenset[str],
    support: frozenset[str],
    excluded: frozenset[str] = frozenset(),
    behind: frozenset[str] = frozenset(),
) -> list[tuple[str, float]]:
    """The order causes are listed in, most likely first within each part:

    1. those a fired rule names (`about`);
    2. the likeliest cause the answers support (`supported`), so that a common cause nothing
       in the answers points to never leads by its prior alone;
    3. the open causes: the other supported ones, and those the answers neither support nor
       argue against that are plausible;
    4. those `behind` (`listed_behind`): causes the answers argue against (they at least
       halve the odds), with the unlikely ones the answers left alone. So when nothing is
       named or supported, a cause the answers made less likely does not lead by its prior
       and read as the answer (a 71-year-old with night bone pain and weight loss is not
       "night cramps first"), while a clear cause still leads;
    5. those a fired rule `excludes` (its findings rule them out by definition, as a limp or
       weight loss rules out growing pains).

    A cause a fired rule names is listed first whatever the answers say about it."""
    excluded = excluded - named
    behind = behind - named
    ranked = sorted(
        probs.items(),
        key=lambda kv: (kv[0] not in named, kv[0] in excluded, kv[0] in behind, -kv[1]),
    )
    lead = next(
        (kv for kv in ranked if kv[0] not in named and kv[0] in support and kv[0] not in excluded),
        None,
    )
    if lead is None:
        return ranked
    ranked.remove(lead)
    ranked.insert(sum(1 for c, _ in ranked if c in named), lead)
    return ranked
