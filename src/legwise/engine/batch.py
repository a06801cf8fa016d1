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

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from legwise.engine.case import Case, parse_case
from legwise.engine.compiled import CompiledKnowledge, compile_knowledge
from legwise.engine.scoring import support_cut
from legwise.kb.expr import Expr, NumberTest
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS
from legwise.signatures import case_first

Bool = NDArray[np.bool_]
Packed = NDArray[np.uint8]
Floats = NDArray[np.float64]
SEX_CODES = {"female": 1, "male": 2, "other": 3}
CHUNK = 1 << 16
SLICE = 1 << 12  # columns per matrix product: keeps its inputs in the CPU cache
THRESHOLD_GUARD = 1e-4  # float32 log-odds are good to about 1e-5 here


@dataclass(frozen=True)
class BatchInput:
    """Encoded cases, finding-major so each finding is one contiguous row:
    `states` (state findings in `BatchModel.state_ids` order x n cases, int8: +1 present,
    -1 absent, 0 unknown), `numbers` (number findings in `BatchModel.number_ids` order x n,
    float64, NaN when unknown, age included) and `sex` (n, int8 code, 0 unknown).
    Build it with `encode`, or directly as arrays (benchmarks)."""

    ids: list[str | None]
    states: NDArray[np.int8]
    numbers: Floats
    sex: NDArray[np.int8]

    def __len__(self) -> int:
        return int(self.states.shape[1])


@dataclass(frozen=True)
class BatchResult:
    """`probabilities` (n x conditions; NaN where a condition does not apply), the triage
    level index per case (see `levels`), whether the picture was left unexplained, and which
    triage rules fired (n x rules, in `CompiledKnowledge.rules` order; compact results)."""

    ids: list[str | None]
    conditions: tuple[str, ...]
    probabilities: Floats
    level_index: NDArray[np.int8]
    unexplained: Bool
    levels: tuple[str, ...] = LEVELS
    # n x conditions: 2 when a fired rule names the cause (`about`), else 1 when the answers
    # support it (`scoring.supported`), else 0, and -1 when a fired rule excludes it; the first
    # cause listed is the likeliest of the highest tier (as `assess.rank_causes`)
    tier: NDArray[np.int8] | None = None
    fired: Bool | None = None

    def level(self, row: int) -> str:
        return self.levels[int(self.level_index[row])]

    def top(self, row: int) -> str | None:
        """The first cause listed: the likeliest of those a fired rule names, if any, else
        the likeliest (as `Assessment.top`)."""
        p = self.probabilities[row]
        if np.all(np.isnan(p)):
            return None
        if self.tier is not None:
            tier = self.tier[row]
            p = np.where(tier == tier.max(), p, -np.inf)
        return self.conditions[int(np.nanargmax(p))]


@dataclass(frozen=True)
class BatchModel:
    """Weights and row maps for the vectorised path (built once per knowledge base)."""

    ck: CompiledKnowledge
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
    # the weights for those in float32: (diff, half) for the quiet, then for the loud
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
    ck = compile_knowledge(kb)
    states = [f.id for f in kb.findings.values() if f.type == "state"]
    state_ids = tuple(
        [f for f in states if f not in ck.red_flags] + [f for f in states if f in ck.red_flags]
    )
    number_ids = tuple(f.id for f in kb.findings.values() if f.type == "number")
    state_col = {f: i for i, f in enumerate(state_ids)}
    n_rows = len(ck.conditions) + len(ck.combined)
    pos = np.zeros((n_rows + 2, len(state_ids)))
    neg = np.zeros_like(pos)
    for fid, links in ck.state_links.items():
        for sl in links:
            pos[sl.slot, state_col[fid]] += sl.log_pos
            neg[sl.slot, state_col[fid]] += sl.log_neg
    for fid in state_ids:
        if fid in ck.symptom_findings and fid not in ck.red_flags:
            pos[n_rows, state_col[fid]] = 1.0  # present adds 1, absent adds 0
            pos[n_rows + 1, state_col[fid]] = neg[n_rows + 1, state_col[fid]] = 1.0  # answered
    thresholds = {
        (ck.index[n.probability.condition], _logit(n.probability.min))
        for r in kb.rules.values()
        for n in r.when.walk()
        if n.probability is not None
    }
    q = sum(1 for f in state_ids if f not in ck.red_flags)
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
        ck=ck,
        state_ids=state_ids,
        number_ids=number_ids,
        state_col=state_col,
        number_col={f: i for i, f in enumerate(number_ids)},
        n_quiet=sum(1 for f in state_ids if f not in ck.red_flags),
        half_diff=((pos - neg) / 2).astype(np.float32),
        half_sum=((pos + neg) / 2).astype(np.float32),
        half_diff64=(pos - neg) / 2,
        half_sum64=(pos + neg) / 2,
        prior=np.array(ck.prior_logodds),
        thresholds=(*sorted(thresholds), (-1, ck.unexplained_cut)),
        quiet_cols=quiet_cols,
        loud_cols=loud_cols,
        loud_rows=loud_rows,
        weights32=tuple(np.ascontiguousarray(w, dtype=np.float32) for w in weights),
        age_points=_bounds(ck.tables.age_points),
        age_table=_age_table(ck),
        band_tables=_band_tables(ck, {f: i for i, f in enumerate(number_ids)}),
        present_adjustments=tuple(
            (state_col[str(a.spec.when.present)], a.condition, a.log_or)
            for a in ck.adjustments
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
    k = np.searchsorted(bounds, x, side="left")
    k += np.searchsorted(bounds, x, side="right")
    return k


def _class_table(rows: int, values: list[float]) -> Floats:
    """A zero table with a column per class: the values', one for +inf (never given), and
    one for unknown, which adds nothing."""
    return np.zeros((rows, len(values) + 2))


def _band_tables(
    ck: CompiledKnowledge, number_col: dict[str, int]
) -> tuple[tuple[int, Floats, NDArray[np.intp], Floats], ...]:
    """Per numeric finding with bands, its links' log LRs summed per value class, worked
    out with the single-case path's own band lookup (`BandLink.band_for`)."""
    out = []
    for fid, links in ck.band_links.items():
        bounds = {
            x
            for bl in links
            for lo, hi, gt, lt, _, _ in bl.bounds
            for x in (lo, hi, gt, lt)
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


def _age_table(ck: CompiledKnowledge) -> Floats:
    """Summed age adjustments per condition and age class (see `_classify`)."""
    t = ck.tables
    n = len(ck.conditions)
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


def _in_bounds(x: Floats, t: NumberTest | Any) -> Bool:
    """Where x lies inside the bounds (NaN never does; comparisons with NaN are false, so
    no separate test is needed when there is a bound)."""
    ok: Bool | None = None
    for bound, op in (
        (t.min, np.greater_equal),
        (t.max, np.less_equal),
        (t.gt, np.greater),
        (t.lt, np.less),
    ):
        if bound is not None:
            hit = op(x, bound)
            ok = hit if ok is None else np.logical_and(ok, hit, out=ok)
    return ~np.isnan(x) if ok is None else ok


class _Rows:
    """Row-wise three-valued evaluation of condition trees for one chunk of cases.

    Truth values are kept as packed bits (8 cases a byte): the many and/or/not steps of the
    rules then touch an eighth of the memory that boolean arrays would.
    """

    def __init__(
        self,
        model: BatchModel,
        states_t: NDArray[np.int8],
        numbers_t: Floats,
        sex: NDArray[np.int8],
        silenced: frozenset[str] = frozenset(),
    ) -> None:
        self.model = model
        self.states_t = states_t
        self.numbers_t = numbers_t
        self.sex = sex
        self.n = states_t.shape[1]
        self.silenced = silenced
        self.log_odds: Floats | None = None
        self.worst: dict[str, Floats] = {}
        self._cache: dict[str, tuple[Packed, Packed]] = {}
        self._none = np.packbits(np.zeros(self.n, dtype=bool))

    def pack(self, mask: Bool) -> Packed:
        return np.packbits(mask)

    def unpack(self, bits: Packed) -> Bool:
        return np.unpackbits(bits, count=self.n).view(np.bool_)

    def state(self, fid: str) -> tuple[Packed, Packed]:
        if fid in self.silenced:
            return self._none, self._none
        if fid not in self._cache:
            row = self.states_t[self.model.state_col[fid]]
            self._cache[fid] = (np.packbits(row > 0), np.packbits(row < 0))
        return self._cache[fid]

    def _split(self, hit: Bool, known: Bool) -> tuple[Packed, Packed]:
        return np.packbits(hit), np.packbits(known & ~hit)

    def number(self, t: NumberTest) -> tuple[Packed, Packed]:
        """(inside, outside) for a number test, cached: rules repeat the same windows."""
        key = f"#{t.finding}:{t.min}:{t.max}:{t.gt}:{t.lt}:{t.or_unknown}"
        hit = self._cache.get(key)
        if hit is None:
            x = self.numbers_t[self.model.number_col[t.finding]]
            inside = _in_bounds(x, t)
            if t.or_unknown:  # a danger window: unanswered counts as inside
                inside |= np.isnan(x)
                hit = (np.packbits(inside), np.packbits(~inside))
            else:
                outside = ~np.isnan(x)
                outside &= ~inside
                hit = (np.packbits(inside), np.packbits(outside))
            self._cache[key] = hit
        return hit

    def _sex(self, want: str) -> tuple[Packed, Packed]:
        key = f"sex:{want}"
        if key not in self._cache:
            self._cache[key] = self._split(self.sex == SEX_CODES[want], self.sex > 0)
        return self._cache[key]

    def _probability(self, e: Expr) -> tuple[Packed, Packed]:
        assert self.log_odds is not None and e.probability is not None
        lo = self.log_odds[self.model.ck.index[e.probability.condition]]
        return self._split(lo >= _logit(e.probability.min), ~np.isnan(lo))

    def _score(self, e: Expr) -> tuple[Packed, Packed]:
        assert e.score is not None
        hit = self.worst[e.score.id] >= e.score.min
        return np.packbits(hit), np.packbits(~hit)

    def true(self, e: Expr) -> Packed:
        """Where `e` is true, as packed bits. Only the parts needed are worked out: for a
        monotone rule, never where anything is false."""
        if e.present is not None:
            return self.state(e.present)[0]
        if e.absent is not None:
            return self.state(e.absent)[1]
        if e.number is not None:
            return self.number(e.number)[0]
        if e.sex is not None:
            return self._sex(e.sex)[0]
        if e.probability is not None:
            return self._probability(e)[0]
        if e.score is not None:
            return self._score(e)[0]
        if e.suspected is not None:
            raise ValueError("`suspected` is for advice, not for the vectorised path")
        if e.not_ is not None:
            return self.false(e.not_)
        if e.all is not None:
            parts = [self.true(c) for c in e.all]
            return parts[0] if len(parts) == 1 else np.bitwise_and.reduce(parts)
        assert e.any is not None
        parts = [self.true(c) for c in e.any]
        return parts[0] if len(parts) == 1 else np.bitwise_or.reduce(parts)

    def false(self, e: Expr) -> Packed:
        """Where `e` is false, as packed bits (neither true nor false: unknown)."""
        if e.present is not None:
            return self.state(e.present)[1]
        if e.absent is not None:
            return self.state(e.absent)[0]
        if e.number is not None:
            return self.number(e.number)[1]
        if e.sex is not None:
            return self._sex(e.sex)[1]
        if e.probability is not None:
            return self._probability(e)[1]
        if e.score is not None:
            return self._score(e)[1]
        if e.suspected is not None:
            raise ValueError("`suspected` is for advice, not for the vectorised path")
        if e.not_ is not None:
            return self.true(e.not_)
        if e.all is not None:
            parts = [self.false(c) for c in e.all]
            return parts[0] if len(parts) == 1 else np.bitwise_or.reduce(parts)
        assert e.any is not None
        parts = [self.false(c) for c in e.any]
        return parts[0] if len(parts) == 1 else np.bitwise_and.reduce(parts)

    def eval(self, e: Expr) -> tuple[Packed, Packed]:
        """(is_true, is_false) per case as packed bits; neither means unknown."""
        return self.true(e), self.false(e)

    def truth(self, e: Expr) -> Bool:
        """Where `e` is true, as a boolean array."""
        return self.unpack(self.true(e))


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
            loud = diff[:, q:] @ x[q:] + half[:, q:] @ ax[q:]
            quiet_out[:, start : start + SLICE] = quiet
            total[:, start : start + SLICE] = quiet + loud
    else:
        dq, hq, dl, hl = model.weights32
        qc, lc, lr = model.quiet_cols, model.loud_cols, model.loud_rows
        for start in range(0, n, SLICE):
            part = states_t[:, start : start + SLICE]
            x = part[qc].astype(np.float32)
            quiet = dq @ x
            quiet += hq @ np.abs(x, out=x)
            x = part[lc].astype(np.float32)
            loud = dl @ x
            loud += hl @ np.abs(x, out=x)
            quiet_out[:, start : start + SLICE] = quiet
            quiet[lr] += loud
            total[:, start : start + SLICE] = quiet
    counts = np.rint(total[-2:])
    return _fold(model, total), _fold(model, quiet_out), counts


def _fold(model: BatchModel, rows: Floats) -> Floats:
    """Conditions x n: each combined group's row capped and added to its condition's row."""
    ck = model.ck
    out = rows[: len(ck.conditions)]
    for group in ck.combined:
        out[group.condition] += np.clip(rows[group.slot], group.low, group.high)
    return out


def _base(model: BatchModel, rows: _Rows, lo: Floats, bg: Floats) -> Floats:
    """Prior log-odds with every adjustment that reads no warning sign, and NaN where a
    condition does not apply (shared by the full and background log-odds); the numeric
    bands' log ratios, answers like any other, are added to `lo` and `bg` directly."""
    ck = model.ck
    base = np.repeat(model.prior[:, None], rows.n, axis=1)
    age_col = model.number_col.get("age")
    if age_col is not None and model.age_points.size > 1:
        k = _classify(model.age_points, rows.numbers_t[age_col])
        base += model.age_table.take(k, axis=1)
    for col, cond, log_or in model.present_adjustments:  # one finding present: no packing
        base[cond] += (rows.states_t[col] > 0) * log_or  # multiply beats a masked add
    for adj in ck.adjustments:
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
            lo[conds] += add
            bg[conds] += add
        elif known.size:  # most cases leave most numbers out: add only where given
            add = table.take(_classify(points, x[known]), axis=1)
            where = np.ix_(conds, known)
            lo[where] += add
            bg[where] += add
    age = rows.numbers_t[model.number_col["age"]] if "age" in model.number_col else None
    for i, applies in enumerate(ck.applies):
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


def _add_warning_adjustments(model: BatchModel, lo: Floats, rows: _Rows) -> None:
    """The adjustments that read a warning sign. With warning signs silenced (the background),
    one that is just a warning sign present never holds, so it is skipped."""
    for adj in model.ck.adjustments:
        if adj.red_flag:
            if rows.silenced and adj.spec.when.present in rows.silenced:
                continue
            lo[adj.condition] += rows.truth(adj.spec.when) * adj.log_or


def near_support(near: Bool, rise: Floats, need: float) -> None:
    """Mark cases where some cause's rise from the answers sits within float32's error of
    the support cut: they are recomputed in float64."""
    d = rise - need
    np.abs(d, out=d)
    near |= (d < THRESHOLD_GUARD).any(axis=0)


def _run_chunk(
    model: BatchModel,
    states_t: NDArray[np.int8],
    numbers_t: Floats,
    sex: NDArray[np.int8],
    exact: bool,
    want_fired: bool = False,
) -> tuple[Floats, NDArray[np.int8], Bool, NDArray[np.int8], Bool, Bool | None]:
    ck = model.ck
    meta = ck.kb.meta
    need = support_cut(meta.support_min_ratio)
    rows = _Rows(model, states_t, numbers_t, sex)
    lo, bg, symptoms = _products(model, states_t, exact)
    base = _base(model, rows, lo, bg)
    near = np.zeros(rows.n, dtype=bool)
    # What the answers alone add (before the prior): support orders the causes (all answers)
    # and decides whether one explains the picture (quiet answers only).
    # The order tier: 2 when a fired rule names the cause, else 1 when the answers support
    # it, else 0, and -1 when a fired rule excludes it (as `assess.rank_causes`); bool -> int8
    # is a view, not a copy.
    tier = (lo >= need).view(np.int8)
    fits = bg >= need
    if not exact:
        near_support(near, lo, need)
        near_support(near, bg, need)
    lo += base
    _add_warning_adjustments(model, lo, rows)
    bg += base
    _add_warning_adjustments(model, bg, _Rows(model, states_t, numbers_t, sex, ck.red_flags))
    rows.log_odds = lo

    for sid, items in ck.point_scores.items():
        worst = np.zeros(rows.n)
        for item, spec in zip(items, ck.score_defs[sid].items, strict=True):
            t, f = rows.eval(spec.when)
            use = np.invert(f) if item.points > 0 else t  # unknown counts when it adds points
            worst += rows.unpack(use) * item.points
        rows.worst[sid] = worst
    by_level = [rows._none.copy() for _ in LEVELS]
    outside_bits = rows._none.copy()
    named_bits: dict[int, Packed] = {}  # condition -> cases where a rule naming it fired
    excluded_bits: dict[int, Packed] = {}  # condition -> cases where a rule excluding it fired
    fired = np.empty((len(ck.rules), rows.n), dtype=bool) if want_fired else None
    for i, rule in enumerate(ck.rules):
        t = rows.true(rule.spec.when)
        if fired is not None:
            fired[i] = rows.unpack(t)
        by_level[rule.rank] |= t
        if rule.spec.outside:
            outside_bits |= t
        for cid in rule.spec.about:
            key = ck.index[cid]
            named_bits[key] = named_bits[key] | t if key in named_bits else t
        for cid in rule.spec.excludes:
            key = ck.index[cid]
            excluded_bits[key] = excluded_bits[key] | t if key in excluded_bits else t
    rank = np.zeros(rows.n, dtype=np.int8)
    for level in range(1, len(LEVELS)):  # rising, so the last level to hit is the highest
        np.putmask(rank, rows.unpack(by_level[level]), level)
    outside = rows.unpack(outside_bits)

    cut = ck.unexplained_cut
    # Causes the quiet answers do not support are skipped (NaN: not applicable, also skipped)
    np.putmask(bg, ~fits, np.nan)
    best_bg = np.fmax.reduce(bg, axis=0)
    enough = (symptoms[0] >= 1) & (symptoms[1] >= meta.unexplained_min_findings)
    low = enough & ~(best_bg >= cut)
    unexplained = outside | low
    floor = ck.unexplained_rank
    np.putmask(rank, unexplained & (rank < floor), floor)
    for cond, bits in excluded_bits.items():  # -1: listed last (a naming rule still wins)
        np.putmask(tier[cond], rows.unpack(bits), -1)
    for cond, bits in named_bits.items():
        np.putmask(tier[cond], rows.unpack(bits), 2)
    for i, _ in ck.limited:  # a condition that does not apply is not listed
        np.putmask(tier[i], np.isnan(lo[i]), 0)
    if not exact:
        with np.errstate(invalid="ignore"):
            for cond, logit in model.thresholds:
                values = best_bg if cond < 0 else lo[cond]
                near |= np.abs(values - logit) < THRESHOLD_GUARD
    probs = np.negative(lo)
    with np.errstate(over="ignore"):
        np.exp(probs, out=probs)
    probs += 1.0
    np.reciprocal(probs, out=probs)
    return probs.T, rank, unexplained, tier.T, near, None if fired is None else fired.T


def run(kb: Knowledge, batch: BatchInput, fired: bool = False) -> BatchResult:
    """Probabilities and triage levels for every encoded case (and, with `fired`, which
    rules fired for each: compact results list them)."""
    model = batch_model(kb)
    n = len(batch)
    n_cond = len(model.ck.conditions)
    probs = np.empty((n, n_cond))
    ranks = np.empty(n, dtype=np.int8)
    unexplained = np.empty(n, dtype=bool)
    tier = np.empty((n, n_cond), dtype=np.int8)
    fired_all = np.empty((n, len(model.ck.rules)), dtype=bool) if fired else None
    for start in range(0, n, CHUNK):
        sl = slice(start, min(n, start + CHUNK))
        states, numbers, sex = batch.states[:, sl], batch.numbers[:, sl], batch.sex[sl]
        p, r, u, a, near, f = _run_chunk(model, states, numbers, sex, exact=False, want_fired=fired)
        if near.any():  # rare: settle rows on a threshold's edge in float64
            idx = np.flatnonzero(near)
            pe, re, ue, ae, _, fe = _run_chunk(
                model, states[:, idx], numbers[:, idx], sex[idx], exact=True, want_fired=fired
            )
            p[idx], r[idx], u[idx], a[idx] = pe, re, ue, ae
            if f is not None and fe is not None:
                f[idx] = fe
        probs[sl], ranks[sl], unexplained[sl], tier[sl] = p, r, u, a
        if fired_all is not None and f is not None:
            fired_all[sl] = f
    return BatchResult(
        batch.ids, model.ck.conditions, probs, ranks, unexplained, LEVELS, tier, fired=fired_all
    )


@case_first("kb", "cases")
def assess_batch(cases: Sequence[dict[str, Any] | Case], *, kb: Knowledge) -> BatchResult:
    """Validate, encode and run many cases on the vectorised path."""
    return run(kb, encode(kb, cases))
