"""The vectorised path: probabilities and triage levels for many structured cases at once.

Cases are encoded as a matrix of answer codes (+1 present, -1 absent, 0 unknown) plus
columns for numbers and sex. Scoring is two matrix products per chunk of rows; rules and
prior adjustments are the same condition trees as the single-case path, evaluated on whole
columns with three-valued logic. The result agrees with `assess` case by case: the products
run in float32 for speed, and any row whose probability lies too close to a triage threshold
for float32 to be sure is recomputed in float64.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from legwise.engine.case import Case, parse_case
from legwise.engine.compiled import CompiledKnowledge, compile_knowledge
from legwise.kb.expr import Expr
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS

Bool = NDArray[np.bool_]
SEX_CODES = {"female": 1, "male": 2, "other": 3}
CHUNK = 1 << 17
THRESHOLD_GUARD = 1e-4  # float32 log-odds are good to about 1e-5 here


@dataclass(frozen=True)
class BatchInput:
    """Encoded cases: `states` (n x state findings, int8), `numbers` (n x number findings,
    float64, NaN when unknown, age included) and `sex` (int8 code, 0 unknown)."""

    ids: list[str | None]
    states: NDArray[np.int8]
    numbers: NDArray[np.float64]
    sex: NDArray[np.int8]

    def __len__(self) -> int:
        return int(self.states.shape[0])


@dataclass(frozen=True)
class BatchResult:
    """`probabilities` (n x conditions; NaN where a condition does not apply), the triage
    level index per case (see `levels`), and whether the picture was left unexplained."""

    ids: list[str | None]
    conditions: tuple[str, ...]
    probabilities: NDArray[np.float64]
    level_index: NDArray[np.int8]
    unexplained: Bool
    levels: tuple[str, ...] = LEVELS

    def level(self, row: int) -> str:
        return self.levels[int(self.level_index[row])]

    def top(self, row: int) -> str | None:
        p = self.probabilities[row]
        if np.all(np.isnan(p)):
            return None
        return self.conditions[int(np.nanargmax(p))]


@dataclass(frozen=True)
class BatchModel:
    """Weights and column maps for the vectorised path (built once per knowledge base)."""

    ck: CompiledKnowledge
    state_ids: tuple[str, ...]
    number_ids: tuple[str, ...]
    state_col: dict[str, int]
    number_col: dict[str, int]
    half_diff: NDArray[np.float32]  # (log LR+ - log LR-) / 2, per finding x condition
    half_sum: NDArray[np.float32]  # (log LR+ + log LR-) / 2
    half_diff64: NDArray[np.float64]
    half_sum64: NDArray[np.float64]
    prior: NDArray[np.float64]
    symptom_cols: NDArray[np.intp]
    red_flag_cols: NDArray[np.intp]


@functools.cache
def batch_model(kb: Knowledge) -> BatchModel:
    ck = compile_knowledge(kb)
    state_ids = tuple(f.id for f in kb.findings.values() if f.type == "state")
    number_ids = tuple(f.id for f in kb.findings.values() if f.type == "number")
    state_col = {f: i for i, f in enumerate(state_ids)}
    pos = np.zeros((len(state_ids), len(ck.conditions)))
    neg = np.zeros_like(pos)
    for fid, links in ck.state_links.items():
        for sl in links:
            pos[state_col[fid], sl.condition] += sl.log_pos
            neg[state_col[fid], sl.condition] += sl.log_neg
    symptom = [state_col[f] for f in state_ids if f in ck.symptom_findings]
    return BatchModel(
        ck=ck,
        state_ids=state_ids,
        number_ids=number_ids,
        state_col=state_col,
        number_col={f: i for i, f in enumerate(number_ids)},
        half_diff=((pos - neg) / 2).astype(np.float32),
        half_sum=((pos + neg) / 2).astype(np.float32),
        half_diff64=(pos - neg) / 2,
        half_sum64=(pos + neg) / 2,
        prior=np.array(ck.prior_logodds),
        symptom_cols=np.array(symptom, dtype=np.intp),
        red_flag_cols=np.array(
            [state_col[f] for f in state_ids if f in ck.red_flags], dtype=np.intp
        ),
    )


def encode(kb: Knowledge, cases: Sequence[Any]) -> BatchInput:
    """Validate each case (InputError names `[row].field`) and encode them as arrays."""
    from legwise.errors import InputError

    model = batch_model(kb)
    n = len(cases)
    states = np.zeros((n, len(model.state_ids)), dtype=np.int8)
    numbers = np.full((n, len(model.number_ids)), np.nan)
    sex = np.zeros(n, dtype=np.int8)
    ids: list[str | None] = []
    for row, data in enumerate(cases):
        try:
            case = parse_case(kb, data)
        except InputError as exc:
            raise InputError(f"[{row}].{exc.field}", exc.message) from None
        ids.append(case.id)
        for fid, v in case.states.items():
            states[row, model.state_col[fid]] = v
        for fid, x in case.numbers.items():
            numbers[row, model.number_col[fid]] = x
        sex[row] = SEX_CODES.get(case.sex or "", 0)
    return BatchInput(ids, states, numbers, sex)


class _Columns:
    """Column-wise three-valued evaluation of condition trees for one chunk of rows."""

    def __init__(
        self,
        model: BatchModel,
        states: NDArray[np.int8],
        numbers: NDArray[np.float64],
        sex: NDArray[np.int8],
    ) -> None:
        self.model = model
        self.states = states
        self.numbers = numbers
        self.sex = sex
        self.n = states.shape[0]
        self.probs: NDArray[np.float64] | None = None
        self.worst: dict[str, NDArray[np.float64]] = {}
        self._cache: dict[tuple[str, str], tuple[Bool, Bool]] = {}

    def _state(self, fid: str) -> tuple[Bool, Bool]:
        key = ("state", fid)
        if key not in self._cache:
            col = self.states[:, self.model.state_col[fid]]
            self._cache[key] = (col > 0, col < 0)
        return self._cache[key]

    def eval(self, e: Expr) -> tuple[Bool, Bool]:
        """(is_true, is_false) per row; neither means unknown."""
        if e.present is not None:
            return self._state(e.present)
        if e.absent is not None:
            t, f = self._state(e.absent)
            return f, t
        if e.number is not None:
            x = self.numbers[:, self.model.number_col[e.number.finding]]
            known = ~np.isnan(x)
            ok = known.copy()
            t = e.number
            with np.errstate(invalid="ignore"):
                if t.min is not None:
                    ok &= x >= t.min
                if t.max is not None:
                    ok &= x <= t.max
                if t.gt is not None:
                    ok &= x > t.gt
                if t.lt is not None:
                    ok &= x < t.lt
            return ok, known & ~ok
        if e.sex is not None:
            known = self.sex > 0
            hit = self.sex == SEX_CODES[e.sex]
            return hit, known & ~hit
        if e.probability is not None:
            assert self.probs is not None
            p = self.probs[:, self.model.ck.index[e.probability.condition]]
            known = ~np.isnan(p)
            with np.errstate(invalid="ignore"):
                hit = p >= e.probability.min
            return hit, known & ~hit
        if e.score is not None:
            hit = self.worst[e.score.id] >= e.score.min
            return hit, ~hit
        if e.suspected is not None:
            raise ValueError("`suspected` is for advice, not for the vectorised path")
        if e.not_ is not None:
            t, f = self.eval(e.not_)
            return f, t
        parts = [self.eval(c) for c in e.children()]
        if e.all is not None:
            t = np.logical_and.reduce([p[0] for p in parts])
            f = np.logical_or.reduce([p[1] for p in parts])
        else:
            t = np.logical_or.reduce([p[0] for p in parts])
            f = np.logical_and.reduce([p[1] for p in parts])
        return t, f


def _log_odds(model: BatchModel, cols: _Columns, exact: bool) -> NDArray[np.float64]:
    ck = model.ck
    if exact:
        x = cols.states.astype(np.float64)
        lo = x @ model.half_diff64 + np.abs(x) @ model.half_sum64
    else:
        x32 = cols.states.astype(np.float32)
        lo = (x32 @ model.half_diff + np.abs(x32) @ model.half_sum).astype(np.float64)
    lo += model.prior
    for adj in ck.adjustments:
        t, _ = cols.eval(adj.spec.when)
        lo[t, adj.condition] += adj.log_or
    for fid, links in ck.band_links.items():
        column = cols.numbers[:, model.number_col[fid]]
        for bl in links:
            x = column
            for test, log_lr, _band in bl.bands:
                hit = ~np.isnan(x)
                with np.errstate(invalid="ignore"):
                    if test.min is not None:
                        hit &= x >= test.min
                    if test.max is not None:
                        hit &= x <= test.max
                    if test.gt is not None:
                        hit &= x > test.gt
                    if test.lt is not None:
                        hit &= x < test.lt
                lo[hit, bl.condition] += log_lr
                # first matching band wins, as in the single-case path
                x = np.where(hit, np.nan, x)
    age = cols.numbers[:, model.number_col["age"]] if "age" in model.number_col else None
    for i, applies in enumerate(ck.applies):
        if applies is None:
            continue
        ok = np.ones(cols.n, dtype=bool)
        if age is not None:
            with np.errstate(invalid="ignore"):
                if applies.age_min is not None:
                    ok &= ~(age < applies.age_min)
                if applies.age_max is not None:
                    ok &= ~(age > applies.age_max)
        if applies.sex is not None:
            allowed = np.isin(cols.sex, [0] + [SEX_CODES[s] for s in applies.sex])
            ok &= allowed
        lo[~ok, i] = np.nan
    return lo


def _triage(
    model: BatchModel, cols: _Columns, probs: NDArray[np.float64], exact: bool
) -> tuple[NDArray[np.int8], Bool, Bool]:
    """Level index, unexplained flag, and rows too close to a probability threshold."""
    ck = model.ck
    cols.probs = probs
    for sid, items in ck.point_scores.items():
        worst = np.zeros(cols.n)
        for item, spec in zip(items, ck.score_defs[sid].items, strict=True):
            t, f = cols.eval(spec.when)
            use = t | (~t & ~f) if item.points > 0 else t
            worst += np.where(use, item.points, 0.0)
        cols.worst[sid] = worst
    rank = np.zeros(cols.n, dtype=np.int8)
    outside = np.zeros(cols.n, dtype=bool)
    near = np.zeros(cols.n, dtype=bool)
    for rule in ck.rules:
        t, _ = cols.eval(rule.spec.when)
        np.maximum(rank, np.where(t, rule.rank, 0).astype(np.int8), out=rank)
        if rule.spec.outside:
            outside |= t
        for node in rule.spec.when.walk():
            if node.probability is not None:
                p = probs[:, ck.index[node.probability.condition]]
                lo = np.log(node.probability.min / (1 - node.probability.min)) if (
                    node.probability.min < 1
                ) else math.inf
                with np.errstate(divide="ignore", invalid="ignore"):
                    lp = np.log(p / (1 - p))
                    near |= np.abs(lp - lo) < THRESHOLD_GUARD
    meta = ck.kb.meta
    symptoms = (cols.states[:, model.symptom_cols] > 0).sum(axis=1)
    enough = symptoms >= meta.unexplained_min_findings
    low = np.zeros(cols.n, dtype=bool)
    if enough.any():
        # Background probabilities leave warning signs out (see scoring.background_...).
        rows = np.flatnonzero(enough)
        quiet = cols.states[rows].copy()
        quiet[:, model.red_flag_cols] = 0
        bg_cols = _Columns(model, quiet, cols.numbers[rows], cols.sex[rows])
        with np.errstate(over="ignore"):
            bg = 1.0 / (1.0 + np.exp(-_log_odds(model, bg_cols, exact)))
        best = np.max(np.where(np.isnan(bg), -1.0, bg), axis=1)
        low[rows] = best < meta.unexplained_probability
        cut = math.log(meta.unexplained_probability / (1 - meta.unexplained_probability))
        with np.errstate(divide="ignore", invalid="ignore"):
            near[rows] |= np.abs(np.log(best / (1 - best)) - cut) < THRESHOLD_GUARD
    unexplained = outside | low
    consultation = LEVELS.index("consultation")
    rank = np.where(unexplained & (rank < consultation), consultation, rank).astype(np.int8)
    return rank, unexplained, near


def _run_chunk(
    model: BatchModel,
    states: NDArray[np.int8],
    numbers: NDArray[np.float64],
    sex: NDArray[np.int8],
    exact: bool,
) -> tuple[NDArray[np.float64], NDArray[np.int8], Bool, Bool]:
    cols = _Columns(model, states, numbers, sex)
    lo = _log_odds(model, cols, exact)
    with np.errstate(over="ignore"):
        probs = 1.0 / (1.0 + np.exp(-lo))
    rank, unexplained, near = _triage(model, cols, probs, exact)
    return probs, rank, unexplained, near


def run(kb: Knowledge, batch: BatchInput) -> BatchResult:
    """Probabilities and triage levels for every encoded case."""
    model = batch_model(kb)
    n = len(batch)
    probs = np.empty((n, len(model.ck.conditions)))
    ranks = np.empty(n, dtype=np.int8)
    unexplained = np.empty(n, dtype=bool)
    for start in range(0, n, CHUNK):
        sl = slice(start, min(n, start + CHUNK))
        p, r, u, near = _run_chunk(
            model, batch.states[sl], batch.numbers[sl], batch.sex[sl], exact=False
        )
        if near.any():  # rare: settle rows on a threshold's edge in float64
            idx = np.flatnonzero(near)
            pe, re, ue, _ = _run_chunk(
                model, batch.states[sl][idx], batch.numbers[sl][idx], batch.sex[sl][idx], True
            )
            p[idx], r[idx], u[idx] = pe, re, ue
        probs[sl], ranks[sl], unexplained[sl] = p, r, u
    return BatchResult(batch.ids, model.ck.conditions, probs, ranks, unexplained)


def assess_batch(kb: Knowledge, cases: Sequence[dict[str, Any] | Case]) -> BatchResult:
    """Validate, encode and run many cases on the vectorised path."""
    return run(kb, encode(kb, cases))
