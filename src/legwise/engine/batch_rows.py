"""Row-wise three-valued evaluation of condition trees on the vectorised path (`_PackedEvaluator`).

Split from `batch.py` (which re-exports `_PackedEvaluator`) so each module holds one thing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from legwise.engine.batch_model import (
    SEX_CODES,
    BatchModel,
    Bool,
    Floats,
    Packed,
    _logit,
)
from legwise.kb.expr import Expr, NumberTest


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


class _PackedEvaluator:
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
        lo = self.log_odds[self.model.compiled.index[e.probability.condition]]
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
