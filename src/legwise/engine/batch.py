"""The vectorised path: probabilities and triage levels for many structured cases at once.

Cases are encoded as a matrix of answer codes (+1 present, -1 absent, 0 unknown) plus
columns for numbers and sex. Each chunk of rows is transposed once, so every finding is one
contiguous row; scoring is then a few matrix products, and rules and prior adjustments are
the same condition trees as the single-case path, evaluated on whole rows with three-valued
logic. State findings are ordered with the warning signs last, so the "background" log-odds
(every answer except warning signs, used to decide whether the picture is explained) come
out of the same products.

The result agrees with `assess` case by case: the products run in float32 for speed, and any
row whose log-odds lie too close to a triage threshold for float32 to be sure is recomputed
in float64.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from numpy.typing import NDArray

from legwise.engine.batch_model import (
    SEX_CODES,
    BatchModel,
    Bool,
    Floats,
    Packed,
    _classify,
    batch_model,
)
from legwise.engine.batch_order import answer_tier, final_tier
from legwise.engine.batch_records import BatchInput, BatchResult
from legwise.engine.batch_rows import _PackedEvaluator
from legwise.engine.case import Case, parse_case
from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.ranking import against_cut
from legwise.engine.scoring import support_cut
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS
from legwise.signatures import case_first

CHUNK = 1 << 16
SLICE = 1 << 12  # columns per matrix product: keeps its inputs in the CPU cache
THRESHOLD_GUARD = 1e-4  # float32 log-odds are good to about 1e-5 here
MAX_THREADS = 4


def encode(kb: Knowledge, cases: Sequence[Any]) -> BatchInput:
    """Validate each case (InputError names `[row].field`) and encode them as arrays."""
    from legwise.errors import InputError

    model = batch_model(kb)
    n = len(cases)
    states = np.zeros((len(model.state_ids), n), dtype=np.int8)
    numbers = np.full((len(model.number_ids), n), np.nan)
    sex = np.zeros(n, dtype=np.int8)
    ids: list[str | None] = []
    for row, data in enumerate(cases):
        try:
            case = parse_case(kb, data)
        except InputError as exc:
            raise InputError(f"[{row}].{exc.field}", exc.message) from None
        ids.append(case.id)
        for fid, v in case.states.items():
            states[model.state_col[fid], row] = v
        for fid, x in case.numbers.items():
            numbers[model.number_col[fid], row] = x
        sex[row] = SEX_CODES.get(case.sex or "", 0)
    return BatchInput(ids, states, numbers, sex)


def _products(
    model: BatchModel, states_t: NDArray[np.int8], exact: bool
) -> tuple[Floats, Floats, Floats]:
    """Finding contributions (conditions x n): all answers, quiet answers only, and the counts
    (2 x n) of present and of answered symptom findings other than warning signs. Works in
    slices small enough to stay in the CPU cache.

    The float32 products skip the weights that are zero (`BatchModel.quiet_cols`...). The
    float64 recount of the few cases near a threshold keeps the whole matrices: its figures
    must not depend on how many cases are recounted together, and that shape's are known
    not to (tests/tables: a table gives the same results whichever rows it holds)."""
    n = states_t.shape[1]
    rows = model.half_diff.shape[0]
    total = np.empty((rows, n))
    quiet_out = np.empty((rows, n))
    if exact:
        q = model.n_quiet
        diff, half = model.half_diff64, model.half_sum64
        for start in range(0, n, SLICE):
            x = states_t[:, start : start + SLICE].astype(np.float64)
            ax = np.abs(x)
            quiet = diff[:, :q] @ x[:q] + half[:, :q] @ ax[:q]
            flagged = diff[:, q:] @ x[q:] + half[:, q:] @ ax[q:]
            quiet_out[:, start : start + SLICE] = quiet
            total[:, start : start + SLICE] = quiet + flagged
    else:
        dq, hq, dl, hl = model.weights32
        qc, lc, lr = model.quiet_cols, model.loud_cols, model.loud_rows
        for start in range(0, n, SLICE):
            part = states_t[:, start : start + SLICE]
            x = part[qc].astype(np.float32)
            quiet = dq @ x
            quiet += hq @ np.abs(x, out=x)
            x = part[lc].astype(np.float32)
            flagged = dl @ x
            flagged += hl @ np.abs(x, out=x)
            quiet_out[:, start : start + SLICE] = quiet
            quiet[lr] += flagged
            total[:, start : start + SLICE] = quiet
    counts = np.rint(total[-2:])
    return _fold(model, total), _fold(model, quiet_out), counts


def _fold(model: BatchModel, rows: Floats) -> Floats:
    """Conditions x n: each combined group's row capped and added to its condition's row."""
    compiled = model.compiled
    out = rows[: len(compiled.conditions)]
    for group in compiled.combined:
        out[group.condition] += np.clip(rows[group.slot], group.low, group.high)
    return out


def _base(
    model: BatchModel, rows: _PackedEvaluator, log_odds: Floats, background: Floats
) -> Floats:
    """Prior log-odds with every adjustment that reads no warning sign, and NaN where a
    condition does not apply (shared by the full and background log-odds); the numeric
    bands' log ratios, answers like any other, are added to `log_odds` and `background` directly."""
    compiled = model.compiled
    age_col = model.number_col.get("age")
    if age_col is not None and model.age_points.size > 1:
        k = _classify(model.age_points, rows.numbers_t[age_col])
        base = model.age_table.take(k, axis=1)
        base += model.prior[:, None]
    else:
        base = np.repeat(model.prior[:, None], rows.n, axis=1)
    for col, cond, log_or in model.present_adjustments:  # one finding present: no packing
        base[cond] += (rows.states_t[col] > 0) * log_or  # multiply beats a masked add
    for adj in compiled.adjustments:
        when = adj.spec.when
        if adj.red_flag or when.present is not None:
            continue  # warning signs are added later; one finding: done above
        if when.number is not None and when.number.finding == "age":
            continue  # done by the age table
        base[adj.condition] += rows.truth(when) * adj.log_or  # multiply beats a masked add
    for col, points, conds, table in model.band_tables:
        x = rows.numbers_t[col]
        known = np.flatnonzero(~np.isnan(x))
        if known.size > rows.n // 2:
            add = table.take(_classify(points, x), axis=1)
            log_odds[conds] += add
            background[conds] += add
        elif known.size:  # most cases leave most numbers out: add only where given
            add = table.take(_classify(points, x[known]), axis=1)
            where = np.ix_(conds, known)
            log_odds[where] += add
            background[where] += add
    age = rows.numbers_t[model.number_col["age"]] if "age" in model.number_col else None
    for i, applies in enumerate(compiled.applies):
        if applies is None:
            continue
        ok = np.ones(rows.n, dtype=bool)
        if age is not None:
            with np.errstate(invalid="ignore"):
                if applies.age_min is not None:
                    ok &= ~(age < applies.age_min)
                if applies.age_max is not None:
                    ok &= ~(age > applies.age_max)
        if applies.sex is not None:
            ok &= np.isin(rows.sex, [0] + [SEX_CODES[s] for s in applies.sex])
        base[i, ~ok] = np.nan
    return base


def _add_warning_adjustments(model: BatchModel, log_odds: Floats, rows: _PackedEvaluator) -> None:
    """The adjustments that read a warning sign. With warning signs silenced (the background),
    one that is just a warning sign present never holds, so it is skipped."""
    for adj in model.compiled.adjustments:
        if adj.red_flag:
            if rows.silenced and adj.spec.when.present in rows.silenced:
                continue
            log_odds[adj.condition] += rows.truth(adj.spec.when) * adj.log_or


def near_support(near: Bool, rise: Floats, need: float) -> None:
    """Mark cases where some cause's rise from the answers sits within float32's error of
    the support cut: they are recomputed in float64."""
    d = rise - need
    np.abs(d, out=d)
    near |= (d < THRESHOLD_GUARD).any(axis=0)


def _worst_scores(compiled: CompiledKnowledge, rows: _PackedEvaluator) -> None:
    """Each points score's worst case per row (unknown counts when it adds points), kept in
    `rows.worst` for the rules that test it."""
    for sid, items in compiled.point_scores.items():
        worst = np.zeros(rows.n)
        for item, spec in zip(items, compiled.score_defs[sid].items, strict=True):
            t, f = rows.eval(spec.when)
            use = np.invert(f) if item.points > 0 else t  # unknown counts when it adds points
            worst += rows.unpack(use) * item.points
        rows.worst[sid] = worst


_Fired = tuple[list[Packed], Packed, dict[int, Packed], dict[int, Packed], Bool | None]


def _fire_rules(compiled: CompiledKnowledge, rows: _PackedEvaluator, want_fired: bool) -> _Fired:
    """Every rule on every row, as packed bits: the cases at each level, those with a cause
    outside the leg, those where a rule names or excludes each condition, and (when wanted)
    which rules fired, unpacked, one row per rule."""
    by_level = [rows._none.copy() for _ in LEVELS]
    outside_bits = rows._none.copy()
    named_bits: dict[int, Packed] = {}  # condition -> cases where a rule naming it fired
    excluded_bits: dict[int, Packed] = {}  # condition -> cases where a rule excluding it fired
    fired = np.empty((len(compiled.rules), rows.n), dtype=bool) if want_fired else None
    for i, rule in enumerate(compiled.rules):
        t = rows.true(rule.spec.when)
        if fired is not None:
            fired[i] = rows.unpack(t)
        by_level[rule.rank] |= t
        if rule.spec.outside:
            outside_bits |= t
        for cid in rule.spec.about:
            key = compiled.index[cid]
            named_bits[key] = named_bits[key] | t if key in named_bits else t
        for cid in rule.spec.excludes:
            key = compiled.index[cid]
            excluded_bits[key] = excluded_bits[key] | t if key in excluded_bits else t
    return by_level, outside_bits, named_bits, excluded_bits, fired


def _run_chunk(
    model: BatchModel,
    states_t: NDArray[np.int8],
    numbers_t: Floats,
    sex: NDArray[np.int8],
    exact: bool,
    want_fired: bool = False,
) -> tuple[Floats, NDArray[np.int8], Bool, NDArray[np.int8], Bool, Bool | None]:
    compiled = model.compiled
    meta = compiled.kb.meta
    need = support_cut(meta.support_min_ratio)
    rows = _PackedEvaluator(model, states_t, numbers_t, sex)
    log_odds, background, symptoms = _products(model, states_t, exact)
    base = _base(model, rows, log_odds, background)
    near = np.zeros(rows.n, dtype=bool)
    # What the answers alone add (before the prior): support and arguing against order the
    # causes (all answers); support decides whether one explains the picture (quiet answers).
    guard = None if exact else THRESHOLD_GUARD
    tier = answer_tier(log_odds, need, against_cut(meta.against_max_ratio), near, guard)
    fits = background >= need
    if not exact:
        near_support(near, log_odds, need)
        near_support(near, background, need)
    log_odds += base
    _add_warning_adjustments(model, log_odds, rows)
    background += base
    _add_warning_adjustments(
        model, background, _PackedEvaluator(model, states_t, numbers_t, sex, compiled.red_flags)
    )
    rows.log_odds = log_odds

    _worst_scores(compiled, rows)
    by_level, outside_bits, named_bits, excluded_bits, fired = _fire_rules(
        compiled, rows, want_fired
    )
    rank = np.zeros(rows.n, dtype=np.int8)
    for level in range(1, len(LEVELS)):  # rising, so the last level to hit is the highest
        np.putmask(rank, rows.unpack(by_level[level]), level)
    outside = rows.unpack(outside_bits)

    cut = compiled.unexplained_cut
    # Causes the quiet answers do not support are skipped (NaN: not applicable, also skipped)
    np.putmask(background, ~fits, np.nan)
    best_bg = np.fmax.reduce(background, axis=0)
    enough = (symptoms[0] >= 1) & (symptoms[1] >= meta.unexplained_min_findings)
    low = enough & ~(best_bg >= cut)
    unexplained = outside | low
    floor = compiled.unexplained_rank
    np.putmask(rank, unexplained & (rank < floor), floor)
    final_tier(model, rows, tier, log_odds, near, guard, (named_bits, excluded_bits))
    if not exact:
        with np.errstate(invalid="ignore"):
            for cond, logit in model.thresholds:
                values = best_bg if cond < 0 else log_odds[cond]
                near |= np.abs(values - logit) < THRESHOLD_GUARD
    probs = np.negative(log_odds)
    with np.errstate(over="ignore"):
        np.exp(probs, out=probs)
    probs += 1.0
    np.reciprocal(probs, out=probs)
    return probs.T, rank, unexplained, tier.T, near, None if fired is None else fired.T


def threads_for(n: int) -> int:
    """Threads for `n` cases: one per chunk, at most one per CPU this process may use and at
    most MAX_THREADS (each chunk in flight holds ~60 MB). numpy lets go of the GIL for the
    products and the array steps, so two chunks run side by side on two cores."""
    chunks = -(-n // CHUNK)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(chunks, cpus or 1, MAX_THREADS))


ALIGN = 64  # chunk rows: a multiple, so each product column keeps its BLAS kernel (and figures)


def chunk_rows(n: int, threads: int) -> int:
    """Rows a chunk: about CHUNK, as many chunks to each thread (not one alone at the end)."""
    chunks = max(1, round(n / CHUNK))
    if threads > 1 and chunks > 1:
        chunks = -(-chunks // threads) * threads
    rows = -(-max(1, n) // chunks)
    return min(CHUNK, -(-rows // ALIGN) * ALIGN) if CHUNK % ALIGN == 0 else CHUNK


def run(
    kb: Knowledge, batch: BatchInput, fired: bool = False, threads: int | None = None
) -> BatchResult:
    """Probabilities and triage levels for every encoded case (and, with `fired`, which
    rules fired for each: compact results list them).

    Chunks run on `threads` threads (default `threads_for(n)`), as many chunks to each; the
    few rows near a threshold are then recounted in float64 together. A row's figures depend
    on neither (tests/engine/test_batch.py)."""
    model = batch_model(kb)
    n = len(batch)
    n_cond = len(model.compiled.conditions)
    probs = np.empty((n, n_cond))
    ranks = np.empty(n, dtype=np.int8)
    unexplained = np.empty(n, dtype=bool)
    tier = np.empty((n, n_cond), dtype=np.int8)
    fired_all = np.empty((n, len(model.compiled.rules)), dtype=bool) if fired else None

    workers = threads_for(n) if threads is None else max(1, threads)
    size = chunk_rows(n, workers)

    def score(sl: Any, exact: bool) -> NDArray[np.bool_]:
        """Score and store rows `sl` (a slice, or rows to recount exactly); which are near."""
        states, numbers, sex = batch.states[:, sl], batch.numbers[:, sl], batch.sex[sl]
        p, r, u, a, near, f = _run_chunk(model, states, numbers, sex, exact, want_fired=fired)
        probs[sl], ranks[sl], unexplained[sl], tier[sl] = p, r, u, a
        if fired_all is not None and f is not None:
            fired_all[sl] = f
        return near

    def one(start: int) -> NDArray[np.intp]:  # a chunk: its rows near a threshold
        return start + np.flatnonzero(score(slice(start, min(n, start + size)), False))

    starts = range(0, n, size)
    if workers > 1 and len(starts) > 1:
        from threadpoolctl import threadpool_limits

        # OpenBLAS's own threads would only spin against ours for these small products
        with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(workers) as pool:
            near = list(pool.map(one, starts))
    else:
        near = [one(start) for start in starts]
    idx = np.concatenate(near) if near else np.empty(0, dtype=np.intp)
    for at in range(0, idx.size, CHUNK):  # rare: settle rows on a threshold's edge in float64
        score(idx[at : at + CHUNK], True)
    return BatchResult(
        batch.ids,
        model.compiled.conditions,
        probs,
        ranks,
        unexplained,
        LEVELS,
        tier,
        fired=fired_all,
    )


@case_first("kb", "cases")
def assess_batch(cases: Sequence[dict[str, Any] | Case], *, kb: Knowledge) -> BatchResult:
    """Validate, encode and run many cases on the vectorised path."""
    return run(kb, encode(kb, cases))


__all__ = [  # the model and the row evaluation live in batch_model and batch_rows
    "SEX_CODES",
    "BatchInput",
    "BatchModel",
    "BatchResult",
    "_PackedEvaluator",
    "assess_batch",
    "batch_model",
    "encode",
    "run",
]
