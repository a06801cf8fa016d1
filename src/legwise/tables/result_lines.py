"""Compact results as JSON Lines, built a column at a time with Arrow compute rather than a
row at a time: a column's few distinct values (levels, score pairs, rounded cause
probabilities) are written once and taken per row.

Split from `files.py` (which re-exports `compact_lines` and `score_columns_of`) so each module
holds one thing.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray


def _text(values: pa.Array) -> pa.Array:
    return pc.cast(values, pa.string())


def _json_strings(values: pa.Array) -> pa.Array:
    """Each string as a JSON string literal (null stays null)."""
    plain = pc.fill_null(pc.match_substring_regex(values, r'["\\\x00-\x1f]'), False)
    if pc.any(plain).as_py():
        out = [None if v is None else orjson.dumps(v).decode() for v in values.to_pylist()]
        return pa.array(out, pa.string())
    return pc.binary_join_element_wise('"', values, '"', "")


def _number_text(values: pa.Array, digits: int | None) -> pa.Array:
    """Numbers as JSON (rounded to `digits`; NaN and null become null, as `null`)."""
    x = pc.round(values, digits) if digits is not None else values
    x = pc.if_else(pc.is_nan(x), pa.scalar(None, pa.float64()), x)
    return pc.fill_null(_text(x), "null")


def _dict_take(values: pa.Array, render: Any) -> pa.Array:
    """Render a dictionary column's few distinct values once, then take them per row."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not pa.types.is_dictionary(values.type):
        values = values.dictionary_encode()
    words = pa.array([render(v) for v in values.dictionary.to_pylist()], pa.string())
    return words.take(values.indices)


_STEPS = 10_000  # compact probabilities have four decimals


@functools.cache
def _probability_words() -> pa.Array:
    """'0', '0.0001' ... '1': every probability a compact line can hold, as JSON."""
    words = [f"{k / _STEPS:.4f}".rstrip("0").rstrip(".") for k in range(_STEPS + 1)]
    return pa.array(words, pa.string())


@functools.lru_cache(maxsize=8)
def _cause_words(names: tuple[str, ...]) -> pa.Array:
    """`{"id":..,"probability":..}` for every cause and every rounded probability."""
    probs = _probability_words().to_pylist()
    return pa.array(
        [f'{{"id":{orjson.dumps(c).decode()},"probability":{p}}}' for c in names for p in probs],
        pa.string(),
    )


def _causes_json(causes: pa.Array) -> pa.Array:
    """Each row's causes as a JSON list: every (cause, rounded probability) pair's text is
    looked up, not built, then the pairs are joined."""
    flat = causes.flatten()
    ids = flat.field("id")
    if not pa.types.is_dictionary(ids.type):
        ids = pc.dictionary_encode(ids)
    table = _cause_words(tuple(ids.dictionary.to_pylist()))
    p = np.nan_to_num(_np_float(flat.field("probability")), nan=0.0)
    k = np.rint(np.clip(p, 0.0, 1.0) * _STEPS).astype(np.int64)
    index = _np_int(ids.indices).astype(np.int64) * (_STEPS + 1) + k
    parts = table.take(pa.array(index))
    joined = pc.binary_join(pa.ListArray.from_arrays(causes.offsets, parts), ",")
    return pc.binary_join_element_wise("[", pc.fill_null(joined, ""), "]", "")


def _np_float(values: Any) -> NDArray[np.float64]:
    return np.asarray(pc.fill_null(values, np.nan).to_numpy(zero_copy_only=False))


def _np_int(values: Any) -> NDArray[np.int64]:
    return np.asarray(values.to_numpy(zero_copy_only=False))


def _scores_json(table: pa.Table) -> pa.Array | None:
    """Each row's `scores` object: a score variant's few distinct (value, worst case) pairs
    are written once and taken per row."""
    parts: list[Any] = []
    for name, _, _ in score_columns_of(table):
        key = name.removeprefix("scores.")
        value = _np_float(table.column(name).combine_chunks())
        worst = _np_float(table.column(f"{name}.worst_case").combine_chunks())
        v_codes = pc.dictionary_encode(pa.array(value))
        w_codes = pc.dictionary_encode(pa.array(worst))
        v_words = v_codes.dictionary.to_pylist()
        w_words = w_codes.dictionary.to_pylist()
        index = _np_int(v_codes.indices).astype(np.int64) * len(w_words) + _np_int(w_codes.indices)
        words = []
        for v, w in ((v, w) for v in v_words for w in w_words):
            if math.isnan(v):
                words.append(f'"{key}":null')
            else:
                words.append(f'"{key}":{{"value":{_num(v)},"worst_case":{_num(w)}}}')
        if parts:
            parts.append(",")
        parts.append(pa.array(words, pa.string()).take(pa.array(index)))
    if not parts:
        return None
    return pc.binary_join_element_wise("{", *parts, "}", "")


def _num(x: float) -> str:
    """A number as JSON (null for NaN); whole numbers without a decimal point."""
    if math.isnan(x):
        return "null"
    return str(int(x)) if x.is_integer() else orjson.dumps(x).decode()


def compact_lines(table: pa.Table) -> pa.Array:
    """Each compact result as one line of JSON (ending in a newline), built a column at a time
    rather than a row at a time."""
    table = table.combine_chunks()
    n = table.num_rows
    ids = table.column("id").chunk(0) if table.num_rows else pa.array([], pa.string())
    id_json = pc.fill_null(_json_strings(ids), "null")
    level = _dict_take(table.column("level"), lambda v: f'"{v}"')
    rules = table.column("rules").combine_chunks()
    rules_json = pc.if_else(
        pc.equal(pc.list_value_length(rules), 0),
        "[]",
        pc.binary_join_element_wise('["', pc.binary_join(rules, '","'), '"]', ""),
    )
    causes_json = _causes_json(table.column("causes").combine_chunks())
    unexplained = pc.if_else(table.column("unexplained"), "true", "false")
    scores_json = _scores_json(table)
    if scores_json is None:
        scores_json = pa.array(["{}"] * n, pa.string())
    version = _dict_take(table.column("knowledge_version"), lambda v: orjson.dumps(v).decode())
    return pc.binary_join_element_wise(
        '{"id":',
        id_json,
        ',"level":',
        level,
        ',"rules":',
        rules_json,
        ',"causes":',
        causes_json,
        ',"unexplained":',
        unexplained,
        ',"scores":',
        scores_json,
        ',"knowledge_version":',
        version,
        "}\n",
        "",
    )


def _commas(parts: list[pa.Array]) -> list[Any]:
    out: list[Any] = []
    for i, p in enumerate(parts):
        if i:
            out.append(",")
        out.append(p)
    return out


def score_columns_of(table: pa.Table) -> list[tuple[str, str, str]]:
    """The score value columns a results table has (as `score_columns` names them)."""
    out = []
    for name in table.column_names:
        if name.startswith("scores.") and not name.endswith(".worst_case"):
            _, sid, vid = name.split(".", 2)
            out.append((name, sid, vid))
    return out
