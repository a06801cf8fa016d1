"""Vectorised results -> an Arrow table of compact results, one row a case.

Columns: `id`, `level`, `rules` (the triage rules that fired, in knowledge order), `causes`
(the top causes, most likely first, with probabilities at full precision), `unexplained`,
one pair of columns per points score variant (`scores.wells_dvt.two_level` with unknown items
counted as no, and `...worst_case` with every unknown item that adds points counted as yes;
null when no item of the score was answered), and `knowledge_version`. Levels, cause ids and
the version are dictionary-encoded (a few distinct values, many rows).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from legwise.engine.batch import BatchInput, BatchModel, BatchResult, _PackedEvaluator, batch_model
from legwise.kb.loader import Knowledge

TOP_CAUSES = 3
LABEL = pa.dictionary(pa.int8(), pa.string())  # a few distinct values, many rows
CAUSE_ID = pa.dictionary(pa.int16(), pa.string())  # room for many conditions
CAUSE = pa.struct([("id", CAUSE_ID), ("probability", pa.float64())])


def score_columns(kb: Knowledge) -> list[tuple[str, str, str]]:
    """(column name, score id, variant id) for every points score variant."""
    out = []
    for score in kb.scores.values():
        if score.kind == "points":
            for v in score.variants:
                out.append((f"scores.{score.id}.{v.id}", score.id, v.id))
    return out


def result_schema(kb: Knowledge) -> pa.Schema:
    """The columns `assess_table` returns, for callers that need them up front (Dask)."""
    fields = [
        pa.field("id", pa.string()),
        pa.field("level", LABEL),
        pa.field("rules", pa.list_(pa.string())),
        pa.field("causes", pa.list_(CAUSE)),
        pa.field("unexplained", pa.bool_()),
    ]
    for name, _, _ in score_columns(kb):
        fields += [pa.field(name, pa.float64()), pa.field(f"{name}.worst_case", pa.float64())]
    fields.append(pa.field("knowledge_version", LABEL))
    return pa.schema(fields)


def _list_of(mask: NDArray[np.bool_]) -> tuple[NDArray[np.int32], NDArray[np.intp]]:
    """Offsets and column indices of the true cells of `mask` (rows x labels), row by row.
    (The flat positions: numpy's two-dimensional `nonzero` is several times slower.)"""
    n, width = mask.shape
    if width == 0:
        return np.zeros(n + 1, dtype=np.int32), np.zeros(0, dtype=np.intp)
    flat = np.flatnonzero(np.ascontiguousarray(mask))
    offsets = np.searchsorted(flat, np.arange(n + 1) * width).astype(np.int32)
    return offsets, flat % width


def _causes(
    model: BatchModel, probs: NDArray[np.float64], tier: NDArray[np.int8] | None = None
) -> pa.Array:
    """The first TOP_CAUSES causes per row in the order `ranking.rank_causes` lists them:
    causes a fired rule names (tier 2) first, then the likeliest cause the answers support
    (tier 1), then the open ones (tier 0 and the other supported ones), then those listed
    behind (tier -1: argued against, or unsupported and not plausible), then those a fired
    rule excludes (tier -2), most likely first within each part; conditions that do not
    apply are left out, and ties keep knowledge order (as the single-case ranking does)."""
    n, k = probs.shape[0], min(TOP_CAUSES, probs.shape[1])
    missing = np.isnan(probs)
    score = np.where(missing, -np.inf, probs)  # probabilities are in [0, 1]
    if tier is not None:
        supported = np.where((tier == 1) & ~missing, probs, -np.inf)
        lead = np.zeros(probs.shape, dtype=bool)
        has = np.isfinite(supported.max(axis=1)) if probs.shape[1] else np.zeros(n, bool)
        rows = np.flatnonzero(has)
        lead[rows, np.argmax(supported, axis=1)[rows]] = True
        # probabilities lie in [0, 1], so steps of 2 or more keep the parts apart
        score = score + 10.0 * (tier == 2) + 5.0 * lead - 2.0 * (tier == -1) - 20.0 * (tier < -1)
    key = -score
    order = np.argsort(key, axis=1, kind="stable")[:, :k]
    top = np.take_along_axis(probs, order, axis=1)
    keep = ~np.isnan(top)
    counts = keep.sum(axis=1)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    names = pa.array(model.compiled.conditions, pa.string())
    ids = pa.DictionaryArray.from_arrays(pa.array(order[keep].astype(np.int16)), names)
    values = pa.StructArray.from_arrays(
        [ids, pa.array(top[keep], pa.float64())], fields=list(CAUSE)
    )
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def _scores(
    kb: Knowledge, model: BatchModel, batch: BatchInput
) -> dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]]:
    """(value, worst case) per points score variant; NaN where no item was answered."""
    rows = _PackedEvaluator(model, batch.states, batch.numbers, batch.sex)
    out = {}
    for name, sid, vid in score_columns(kb):
        score = kb.scores[sid]
        variant = next(v for v in score.variants if v.id == vid)
        value = np.zeros(rows.n)
        worst = np.zeros(rows.n)
        answered = np.zeros(rows.n, dtype=bool)
        for item in score.items:
            t, f = rows.eval(item.when)
            yes, no = rows.unpack(t), rows.unpack(f)
            answered |= yes | no
            if item.id in variant.exclude:
                continue
            value += yes * item.points
            worst += yes * item.points
            if item.points > 0:
                worst += (~yes & ~no) * item.points
        value[~answered] = np.nan
        worst[~answered] = np.nan
        out[name] = (value, worst)
    return out


def result_table(kb: Knowledge, batch: BatchInput, result: BatchResult, ids: pa.Array) -> pa.Table:
    """The compact results of `batch` (see the module docstring)."""
    model = batch_model(kb)
    n = len(batch)
    levels = pa.array(result.levels, pa.string())
    level = pa.DictionaryArray.from_arrays(pa.array(result.level_index, pa.int8()), levels)
    rule_names = pa.array([r.spec.id for r in model.compiled.rules], pa.string())
    fired = result.fired if result.fired is not None else np.zeros((n, len(rule_names)), bool)
    offsets, cols = _list_of(fired)
    rules = pa.ListArray.from_arrays(
        pa.array(offsets), rule_names.take(pa.array(cols.astype(np.int64)))
    )
    columns: dict[str, pa.Array] = {
        "id": ids,
        "level": level,
        "rules": rules,
        "causes": _causes(model, result.probabilities, result.tier),
        "unexplained": pa.array(result.unexplained, pa.bool_()),
    }
    for name, (value, worst) in _scores(kb, model, batch).items():
        columns[name] = pa.array(value, pa.float64(), from_pandas=True)
        columns[f"{name}.worst_case"] = pa.array(worst, pa.float64(), from_pandas=True)
    columns["knowledge_version"] = pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(n, dtype=np.int8)), pa.array([kb.version], pa.string())
    )
    return pa.Table.from_pydict(columns, schema=result_schema(kb))
