"""The order tier of the vectorised path: which part of the list each cause is in, per case,
as `ranking.rank_causes` orders them (tests/engine/test_ranking.py compares the paths)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from legwise.engine.batch_model import BatchModel, Bool, Floats, Packed
from legwise.engine.batch_rows import _PackedEvaluator
from legwise.engine.ranking import plausible_cut

# The order tier of each cause in each case (as `ranking.rank_causes`): the causes of the
# highest tier are listed first, likeliest first within a tier, except that only the likeliest
# supported cause (SUPPORTED) leads; the other supported ones are listed with the OPEN ones.
# BEHIND: the answers argue against the cause, or it is neither supported nor plausible.
NAMED, SUPPORTED, OPEN, BEHIND, EXCLUDED = 2, 1, 0, -1, -2
NOT_LISTED = -3  # the condition does not apply to this person


def _gap(values: Floats, cut: float, exact: bool) -> NDArray[np.floating[Any]]:
    """values - cut, in float32 unless `exact`: enough to order causes and to see which cases
    lie within the guard of the cut (those are recomputed in float64), at half the
    memory traffic."""
    return np.subtract(values, cut, dtype=np.float64 if exact else np.float32)


def _mark_near(near: Bool, gap: NDArray[np.floating[Any]], guard: float) -> None:
    """Mark the cases where some cause's `gap` to a cut is within float32's error."""
    np.abs(gap, out=gap)
    near |= (gap < guard).any(axis=0)


def answer_tier(
    rise: Floats, need: float, against: float, near: Bool, guard: float | None
) -> NDArray[np.int8]:
    """Conditions x n: SUPPORTED where the answers alone (`rise`, before the prior) support
    the cause, BEHIND where they argue against it, else OPEN. Cases whose rise sits within
    float32's error (`guard`; None: the float64 recount) of the against cut are marked `near`
    (the support cut's are marked by `batch.near_support`)."""
    tier = (rise >= need).view(np.int8)  # bool -> int8 is a view, not a copy
    if np.isfinite(against):
        gap = _gap(rise, against, guard is None)
        tier -= (gap <= 0).view(np.int8)  # OPEN (0) -> BEHIND (-1); faster than putmask
        if guard is not None:
            _mark_near(near, gap, guard)
    return tier


def final_tier(
    model: BatchModel,
    rows: _PackedEvaluator,
    tier: NDArray[np.int8],
    log_odds: Floats,
    near: Bool,
    guard: float | None,
    rules: tuple[dict[int, Packed], dict[int, Packed]],
) -> None:
    """What the probabilities (`log_odds`, final) and fired rules add to the order: BEHIND
    where an open cause is not plausible, EXCLUDED where a rule excludes the cause, NAMED
    where one names it (a naming rule wins), NOT_LISTED where it does not apply."""
    compiled = model.compiled
    gap = _gap(log_odds, plausible_cut(compiled.kb.meta.plausible_probability), guard is None)
    with np.errstate(invalid="ignore"):  # NaN: the condition does not apply
        low = gap < 0
        low &= tier == OPEN
        tier -= low.view(np.int8)  # OPEN (0) -> BEHIND (-1)
        if guard is not None:
            _mark_near(near, gap, guard)
    named_bits, excluded_bits = rules
    for cond, bits in excluded_bits.items():
        np.putmask(tier[cond], rows.unpack(bits), EXCLUDED)
    for cond, bits in named_bits.items():
        np.putmask(tier[cond], rows.unpack(bits), NAMED)
    for i, _ in compiled.limited:
        np.putmask(tier[i], np.isnan(log_odds[i]), NOT_LISTED)
