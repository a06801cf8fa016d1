"""The vectorised path's model: weights, row maps and lookup tables, built once per knowledge
base from the compiled form (`batch_model`).

Split from `batch.py` (which runs it and re-exports these names) so each module holds one thing.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from legwise.engine.compiled import CompiledKnowledge, compile_knowledge
from legwise.kb.loader import Knowledge

Bool = NDArray[np.bool_]
Packed = NDArray[np.uint8]
Floats = NDArray[np.float64]
SEX_CODES = {"female": 1, "male": 2, "other": 3}


@dataclass(frozen=True)
class BatchModel:
    """Weights and row maps for the vectorised path (built once per knowledge base)."""

    compiled: CompiledKnowledge
    state_ids: tuple[str, ...]  # quiet findings first, then warning signs (red flags)
    number_ids: tuple[str, ...]
    state_col: dict[str, int]
    number_col: dict[str, int]
    n_quiet: int
    # (log LR+ - log LR-)/2 and (log LR+ + log LR-)/2, transposed: (conditions + combined
    # groups + 1) x findings. A combined group's members add to its own row, which is capped
    # and then added to its condition (`_fold`). The two extra last rows count the symptoms
    # other than warning signs that are present, and that are answered (yes or no).
    half_diff: NDArray[np.float32]
    half_sum: NDArray[np.float32]
    half_diff64: Floats
    half_sum64: Floats
    prior: Floats
    thresholds: tuple[tuple[int, float], ...]  # (condition, logit) pairs rules test
    # The products skip what is zero: quiet columns (findings) with no weight, and for the
    # warning signs, the columns and the rows (conditions, groups) they have weights in
    quiet_cols: NDArray[np.intp]
    loud_cols: NDArray[np.intp]
    loud_rows: NDArray[np.intp]
    # the weights for those in float32: (diff, half) for the quiet, then for the flagged
    weights32: tuple[NDArray[np.float32], ...]
    # the age adjustments as one table: ages where one starts or stops holding (`_bounds`),
    # and the summed log odds ratios per condition and age class (`_classify`)
    age_points: Floats
    age_table: Floats
    # the numeric bands the same way, per finding: (its number column, the bounds where a
    # band starts or stops, the conditions its links reach, their summed log LR per class)
    band_tables: tuple[tuple[int, Floats, NDArray[np.intp], Floats], ...]
    # the adjustments that are one finding present (not a warning sign), in order: (the
    # finding's state row, the condition, the log odds ratio). Added one by one, not as a
    # product: a matrix product may sum in another order for another number of cases, and
    # a case must get the same figures whatever else is in its batch.
    present_adjustments: tuple[tuple[int, int, float], ...]


@functools.cache
def batch_model(kb: Knowledge) -> BatchModel:
    compiled = compile_knowledge(kb)
    states = [f.id for f in kb.findings.values() if f.type == "state"]
    state_ids = tuple(
        [f for f in states if f not in compiled.red_flags]
        + [f for f in states if f in compiled.red_flags]
    )
    number_ids = tuple(f.id for f in kb.findings.values() if f.type == "number")
    state_col = {f: i for i, f in enumerate(state_ids)}
    n_rows = len(compiled.conditions) + len(compiled.combined)
    pos = np.zeros((n_rows + 2, len(state_ids)))
    neg = np.zeros_like(pos)
    for fid, links in compiled.state_links.items():
        for sl in links:
            pos[sl.slot, state_col[fid]] += sl.log_pos
            neg[sl.slot, state_col[fid]] += sl.log_neg
    for fid in state_ids:
        if fid in compiled.symptom_findings and fid not in compiled.red_flags:
            pos[n_rows, state_col[fid]] = 1.0  # present adds 1, absent adds 0
            pos[n_rows + 1, state_col[fid]] = neg[n_rows + 1, state_col[fid]] = 1.0  # answered
    thresholds = {
        (compiled.index[n.probability.condition], _logit(n.probability.min))
        for r in kb.rules.values()
        for n in r.when.walk()
        if n.probability is not None
    }
    q = sum(1 for f in state_ids if f not in compiled.red_flags)
    diff, half = (pos - neg) / 2, (pos + neg) / 2
    used = (diff != 0) | (half != 0)
    quiet_cols = np.flatnonzero(used[:, :q].any(axis=0))
    loud_cols = q + np.flatnonzero(used[:, q:].any(axis=0))
    loud_rows = np.flatnonzero(used[:, q:].any(axis=1))
    weights = (
        diff[:, quiet_cols],
        half[:, quiet_cols],
        diff[np.ix_(loud_rows, loud_cols)],
        half[np.ix_(loud_rows, loud_cols)],
    )
    return BatchModel(
        compiled=compiled,
        state_ids=state_ids,
        number_ids=number_ids,
        state_col=state_col,
        number_col={f: i for i, f in enumerate(number_ids)},
        n_quiet=sum(1 for f in state_ids if f not in compiled.red_flags),
        half_diff=((pos - neg) / 2).astype(np.float32),
        half_sum=((pos + neg) / 2).astype(np.float32),
        half_diff64=(pos - neg) / 2,
        half_sum64=(pos + neg) / 2,
        prior=np.array(compiled.prior_logodds),
        thresholds=(*sorted(thresholds), (-1, compiled.unexplained_cut)),
        quiet_cols=quiet_cols,
        loud_cols=loud_cols,
        loud_rows=loud_rows,
        weights32=tuple(np.ascontiguousarray(w, dtype=np.float32) for w in weights),
        age_points=_bounds(compiled.tables.age_points),
        age_table=_age_table(compiled),
        band_tables=_band_tables(compiled, {f: i for i, f in enumerate(number_ids)}),
        present_adjustments=tuple(
            (state_col[str(a.spec.when.present)], a.condition, a.log_or)
            for a in compiled.adjustments
            if not a.red_flag and a.spec.when.present
        ),
    )


def _representatives(points: Sequence[float]) -> list[float]:
    """One value for each class of `_classify` (see there), in class order; the gap between
    neighbouring floats holds no value, so its entry is never used."""
    if not points:
        return [0.0]
    out = [points[0] - 1.0]
    for a, b in itertools.pairwise(points):
        out += [a, (a + b) / 2]
    return [*out, points[-1], points[-1] + 1.0]


def _bounds(points: Sequence[float]) -> Floats:
    """`points` with +inf after them, so that unknown values (NaN sorts last) get a class
    of their own."""
    return np.array([*points, math.inf])


def _classify(bounds: Floats, x: Floats) -> NDArray[np.intp]:
    """Each value's class among the sorted points of `_bounds`: 2i for the gap before point i,
    2i + 1 for point i itself (it sorts left of itself and right of itself), 2 * len(points)
    after the last, and 2 * len(points) + 2 when unknown (NaN sorts after +inf)."""
    # Counted with comparisons rather than two `searchsorted`: with a dozen points this is
    # three times faster. left = points below x, right = points at or below x; NaN compares
    # false, so its class is set apart.
    k = np.zeros(x.shape, dtype=np.intp)
    for point in bounds:
        k += x > point
        k += x >= point
    k[np.isnan(x)] = 2 * bounds.size
    return k


def _class_table(rows: int, values: list[float]) -> Floats:
    """A zero table with a column per class: the values', one for +inf (never given), and
    one for unknown, which adds nothing."""
    return np.zeros((rows, len(values) + 2))


def _band_tables(
    compiled: CompiledKnowledge, number_col: dict[str, int]
) -> tuple[tuple[int, Floats, NDArray[np.intp], Floats], ...]:
    """Per numeric finding with bands, its links' log LRs summed per value class, worked
    out with the single-case path's own band lookup (`BandLink.band_for`)."""
    out = []
    for fid, links in compiled.band_links.items():
        bounds = {
            x
            for bl in links
            for log_odds, hi, gt, lt, _, _ in bl.bounds
            for x in (log_odds, hi, gt, lt)
            if math.isfinite(x)
        }
        points = sorted(bounds)
        conds = sorted({bl.condition for bl in links})
        row = {c: i for i, c in enumerate(conds)}
        values = _representatives(points)
        table = _class_table(len(conds), values)
        for k, value in enumerate(values):
            for bl in links:
                hit = bl.band_for(value)
                if hit is not None:
                    table[row[bl.condition], k] += hit[0]
        out.append((number_col[fid], _bounds(points), np.array(conds, dtype=np.intp), table))
    return tuple(out)


def _age_table(compiled: CompiledKnowledge) -> Floats:
    """Summed age adjustments per condition and age class (see `_classify`)."""
    t = compiled.tables
    n = len(compiled.conditions)
    classes = [t.age_between[0]]
    for at, between in zip(t.age_at, t.age_between[1:], strict=True):
        classes += [at, between]
    table = np.zeros((n, len(classes) + 2))  # +inf (never given) and unknown add nothing
    for k, (moves, _) in enumerate(classes):
        for slot, delta in moves:
            if slot < n:  # the background copies repeat the same additions
                table[slot, k] += delta
    return table


def _logit(p: float) -> float:
    return math.inf if p >= 1 else math.log(p / (1 - p))
