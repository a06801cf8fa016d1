"""An Arrow table of cases -> the vectorised path's arrays, every row checked.

Two shapes are read, and may be mixed: wide (columns `id`, `age`, `sex`, `text` and one
column per finding id, as CSV and Parquet files hold them) and nested (a `findings` struct
column, as JSON Lines gives it). A null is a question not answered.

Clean rows are checked and encoded a column at a time. Any row a column check cannot vouch
for (a value of the wrong type or out of range, a finding id that does not exist, free text
to read) goes to `parse_case` itself, one row at a time: its error then reads exactly as
`legwise.assess` would say it, and an odd but valid row (a number written as text) is
scored the same way as everywhere else.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from legwise.engine.batch import SEX_CODES, BatchInput, batch_model
from legwise.engine.case import Case, parse_case
from legwise.errors import InputError
from legwise.kb.loader import Knowledge

TOP = ("id", "age", "sex", "text")
STATE_CODES = ("present", "absent", "unknown")
_STATE_WORDS = pa.array(STATE_CODES)
_STATE_LUT = np.array([1, -1, 0, 0], dtype=np.int8)  # index in STATE_CODES (3: none) -> code


@dataclass(frozen=True)
class RowError:
    """A row that cannot be scored: its index in the table, the field and why."""

    row: int
    field: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class EncodedCases:
    """The valid rows encoded for `engine.batch.run`; `rows` maps each back to the table,
    `ids` holds their ids (Arrow strings, null when a case has none)."""

    batch: BatchInput
    rows: NDArray[np.int64]
    ids: pa.Array
    errors: list[RowError]


def _columns(table: pa.Table) -> list[tuple[str, pa.ChunkedArray]]:
    """(finding or top-level key, column) for the top-level columns and a `findings` struct's
    fields; findings.age and findings.sex keep their prefix (they must agree with the top)."""
    out: list[tuple[str, pa.ChunkedArray]] = []
    for name in table.column_names:
        col = table.column(name)
        if name == "findings" and pa.types.is_struct(col.type):
            for i, f in enumerate(col.type):
                child = pc.struct_field(col, [i])
                key = f"findings.{f.name}" if f.name in ("age", "sex") else f.name
                out.append((key, child))
        else:
            out.append((name, col))
    return out


_NUMPY: dict[Any, np.dtype[Any]] = {
    pa.float64(): np.dtype(np.float64),
    pa.int8(): np.dtype(np.int8),
    pa.int16(): np.dtype(np.int16),
    pa.uint8(): np.dtype(np.uint8),
    pa.uint16(): np.dtype(np.uint16),
    pa.uint32(): np.dtype(np.uint32),
    pa.uint64(): np.dtype(np.uint64),
    pa.int32(): np.dtype(np.int32),
    pa.int64(): np.dtype(np.int64),
}


def _np(arr: Any) -> NDArray[Any]:
    """An Arrow array of booleans or numbers (chunked or not, no nulls) as numpy, read from
    its buffers: pyarrow's own `to_numpy` imports pandas, a second of start-up."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    n, off = len(arr), arr.offset
    data = arr.buffers()[1]
    if pa.types.is_boolean(arr.type):
        if data is None:
            return np.zeros(n, dtype=bool)
        bits = np.unpackbits(np.frombuffer(data, np.uint8), bitorder="little")
        return bits[off : off + n].view(np.bool_)
    dtype = _NUMPY[arr.type]
    out: NDArray[Any] = np.frombuffer(data, dtype, count=n, offset=off * dtype.itemsize)
    return out


def _validity(arr: pa.Array) -> NDArray[np.bool_] | None:
    """Which rows of an array are given, from its validity bitmap; None when all are."""
    if arr.null_count == 0:
        return None
    n, off = len(arr), arr.offset
    bits = np.unpackbits(np.frombuffer(arr.buffers()[0], np.uint8), bitorder="little")
    return bits[off : off + n].view(np.bool_)


def _valid(col: pa.ChunkedArray) -> NDArray[np.bool_]:
    return _np(pc.is_valid(col)).astype(bool, copy=False)


def _bools(arr: Any) -> NDArray[np.bool_]:
    return _np(pc.fill_null(arr, False)).astype(bool, copy=False)


def _is_text(t: pa.DataType) -> bool:
    if pa.types.is_dictionary(t):
        t = t.value_type
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t))


def _floats(col: pa.ChunkedArray) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """(values with NaN where not given, rows the column check cannot vouch for)."""
    t = col.type
    n = len(col)
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        given = _valid(col)
        values = _np(pc.fill_null(pc.cast(col, pa.float64()), math.nan)).astype(np.float64)
        return np.where(given, values, math.nan), given & ~np.isfinite(values)
    if _is_text(t):
        text = pc.cast(col, pa.string()) if pa.types.is_dictionary(t) else col
        answered = _valid(text) & ~_bools(pc.equal(text, "unknown"))
        values = np.full(n, math.nan)
        try:
            cast = pc.cast(text, pa.float64())
            values = _np(pc.fill_null(cast, math.nan)).astype(np.float64)
            values[~answered] = math.nan
            return values, answered & ~np.isfinite(values)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return values, answered  # some text is not a number: parse_case says which
    return np.full(n, math.nan), _valid(col)  # booleans, lists...: parse_case names them


def _in_range(x: NDArray[np.float64], lo: float, hi: float) -> NDArray[np.bool_]:
    with np.errstate(invalid="ignore"):
        return (x >= lo) & (x <= hi)


class _Encoder:
    """Column checks and codes for one table; `slow` collects rows for `parse_case`."""

    def __init__(self, kb: Knowledge, table: pa.Table) -> None:
        self.kb = kb
        self.model = batch_model(kb)
        self.table = table
        self.n = table.num_rows
        self.states = np.zeros((len(self.model.state_ids), self.n), dtype=np.int8)
        self.numbers = np.full((len(self.model.number_ids), self.n), math.nan)
        self.sex = np.zeros(self.n, dtype=np.int8)
        self.slow = np.zeros(self.n, dtype=bool)
        self.ids: pa.Array = pa.nulls(self.n, pa.string())
        self.age = np.full(self.n, math.nan)

    def run(self) -> None:
        kb = self.kb
        handlers: dict[str, Callable[[str, pa.ChunkedArray], None]] = {
            "id": self._id,
            "text": self._text,
            "age": self._age,
            "findings.age": self._age,
            "sex": self._sex,
            "findings.sex": self._sex,
        }
        for key, col in _columns(self.table):
            if key in handlers:
                handlers[key](key, col)
                continue
            spec = kb.findings.get(key)
            if spec is None or key in ("age", "sex") or key == "findings":
                self.slow |= _valid(col)  # unknown field or finding: parse_case names it
            elif spec.type == "state":
                self._state(key, col)
            elif spec.type == "number":
                self._number(key, col)
            else:
                allowed = pa.array([*(spec.choices or ()), "unknown"])
                ok = _bools(pc.is_in(col, value_set=allowed)) if _is_text(col.type) else False
                self.slow |= _valid(col) & ~ok
        self._implied()
        if "age" in self.model.number_col:
            self.numbers[self.model.number_col["age"]] = self.age

    def _id(self, _: str, col: pa.ChunkedArray) -> None:
        t = col.type
        if _is_text(t) or pa.types.is_integer(t):
            self.ids = pc.cast(col, pa.string()).combine_chunks()
        else:
            self.slow |= _valid(col)

    def _text(self, _: str, col: pa.ChunkedArray) -> None:
        if _is_text(col.type):
            self.slow |= _bools(pc.not_equal(pc.utf8_trim_whitespace(col), ""))
        else:
            self.slow |= _valid(col)

    def _age(self, _: str, col: pa.ChunkedArray) -> None:
        values, bad = _floats(col)
        spec = self.kb.findings.get("age")
        hi = spec.max if spec is not None and spec.max is not None else 120.0
        given = ~np.isnan(values)
        bad |= given & ~_in_range(values, 0.0, hi)
        both = given & ~np.isnan(self.age)
        bad |= both & (values != self.age)
        self.slow |= bad
        self.age = np.where(given, values, self.age)

    def _sex(self, _: str, col: pa.ChunkedArray) -> None:
        if not _is_text(col.type):
            self.slow |= _valid(col)
            return
        code = np.zeros(self.n, dtype=np.int8)
        for sex, c in SEX_CODES.items():
            code[_bools(pc.equal(col, sex))] = c
        unknown = _bools(pc.equal(col, "unknown"))
        self.slow |= _valid(col) & (code == 0) & ~unknown
        self.slow |= (code > 0) & (self.sex > 0) & (code != self.sex)
        self.sex = np.where(code > 0, code, self.sex)

    def _state(self, fid: str, col: pa.ChunkedArray) -> None:
        if not _is_text(col.type):
            self.slow |= _valid(col)
            return
        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
        if pa.types.is_dictionary(col.type):
            self._state_words(fid, col)
            return
        index = pc.index_in(col, value_set=_STATE_WORDS)
        codes = _np(pc.fill_null(index, 3)).astype(np.int8, copy=False)
        if index.null_count != col.null_count:  # some given value is not a state word
            self.slow |= (codes == 3) & _valid(col)
        self.states[self.model.state_col[fid]] = _STATE_LUT[codes]

    def _state_words(self, fid: str, col: pa.DictionaryArray) -> None:
        """A dictionary column (Parquet's, the JSON Lines reader's): the few distinct words
        are mapped to codes once, then each row's code is looked up from its index."""
        row = self.states[self.model.state_col[fid]]
        words = col.dictionary
        if len(words) == 0:  # no word: a row is null, or parse_case says what it holds
            row[:] = 0
            if col.null_count < len(col):
                self.slow |= _valid(col)
            return
        at = _np(pc.fill_null(pc.index_in(words, value_set=_STATE_WORDS), 3)).astype(np.intp)
        idx = _np(col.indices)
        # clip: an index under a null may be anything; such rows are zeroed just below
        np.take(_STATE_LUT[at], idx, out=row, mode="clip")
        given = _validity(col)
        if given is not None:
            row *= given
        if (at == 3).any():  # some word is not a state word: parse_case says which rows
            odd = np.take(at == 3, idx, mode="clip")
            self.slow |= odd if given is None else odd & given

    def _number(self, fid: str, col: pa.ChunkedArray) -> None:
        spec = self.kb.findings[fid]
        values, bad = _floats(col)
        lo = spec.min if spec.min is not None else -math.inf
        hi = spec.max if spec.max is not None else math.inf
        bad |= ~np.isnan(values) & ~_in_range(values, lo, hi)
        self.slow |= bad
        self.numbers[self.model.number_col[fid]] = values

    def _implied(self) -> None:
        """A number answers a yes/no finding unless it was answered directly (as
        `parse_case` does it: the first number to answer it wins)."""
        for fid, i in self.model.number_col.items():
            spec = self.kb.findings.get(fid)
            if spec is None or not spec.implies:
                continue
            x = self.numbers[i]
            for imp in spec.implies:
                ok = ~np.isnan(x)
                with np.errstate(invalid="ignore"):
                    if imp.min is not None:
                        ok &= x >= imp.min
                    if imp.max is not None:
                        ok &= x <= imp.max
                    if imp.gt is not None:
                        ok &= x > imp.gt
                    if imp.lt is not None:
                        ok &= x < imp.lt
                row = self.states[self.model.state_col[imp.finding]]
                row[ok & (row == 0)] = 1 if imp.state == "present" else -1

    def put(self, row: int, case: Case) -> None:
        """Overwrite one row's codes with a case `parse_case` checked."""
        model = self.model
        self.states[:, row] = 0
        self.numbers[:, row] = math.nan
        for fid, v in case.states.items():
            self.states[model.state_col[fid], row] = v
        for fid, x in case.numbers.items():
            self.numbers[model.number_col[fid], row] = x
        self.sex[row] = SEX_CODES.get(case.sex or "", 0)


def row_case(record: dict[str, Any]) -> dict[str, Any]:
    """One table row (as `to_pylist` gives it) as a case dict in the contract's shape; nulls
    are left out (not answered)."""
    case: dict[str, Any] = {}
    findings: dict[str, Any] = {}
    for key, value in record.items():
        if value is None:
            continue
        if key in TOP:
            case[key] = value
        elif key == "findings":
            if isinstance(value, dict):
                findings.update({k: v for k, v in value.items() if v is not None})
            else:
                case["findings"] = value  # not an object: parse_case says so
        else:
            findings[key] = value
    if findings and (isinstance(case.get("findings"), dict) or "findings" not in case):
        case["findings"] = {**case.get("findings", {}), **findings}
    return case


def check_case(kb: Knowledge, data: Any) -> Case:
    """`parse_case`, with free text read first as `legwise.assess` does."""
    from legwise.intake.merge import has_text

    if has_text(data):
        from legwise.intake.merge import merge_text

        data, _ = merge_text(data, kb)
    return parse_case(kb, data)


def encode_table(
    kb: Knowledge,
    table: pa.Table,
    cases: Sequence[Any] | Mapping[int, Any] | None = None,
    slow: NDArray[np.bool_] | None = None,
) -> EncodedCases:
    """Check and encode every row of `table`; rows that fail are reported, not encoded.

    `cases` gives rows as the caller read them (JSON Lines lines), by row index, or all of
    them as a list (`table` then needs only as many rows, and every row is judged by
    `parse_case`). `slow` marks rows the caller could not put in columns. Every row a check
    sends to `parse_case` is judged on exactly what the file said when `cases` has it.
    """
    enc = _Encoder(kb, table)
    given: Mapping[int, Any] = {}
    if isinstance(cases, Mapping):
        given = cases
        enc.run()
        if slow is None and given:
            enc.slow[np.fromiter(given, dtype=np.int64, count=len(given))] = True
    elif cases is not None:
        given = dict(enumerate(cases))
        enc.slow[:] = True
    else:
        enc.run()
    if slow is not None:
        enc.slow |= slow
    errors: list[RowError] = []
    slow_rows = np.flatnonzero(enc.slow)
    if len(slow_rows):
        from_table = [int(i) for i in slow_rows if int(i) not in given]
        read = table.take(pa.array(from_table, pa.int64())).to_pylist() if from_table else []
        by_row = dict(zip(from_table, (row_case(r) for r in read), strict=True))
        ids = enc.ids.to_pylist()
        for row in slow_rows.tolist():
            data = given[row] if row in given else by_row[row]
            try:
                case = check_case(kb, data)
            except InputError as exc:
                errors.append(RowError(row, exc.field or "case", exc.message))
                continue
            enc.put(row, case)
            ids[row] = case.id
        enc.ids = pa.array(ids, pa.string())
    bad = np.array([e.row for e in errors], dtype=np.int64)
    keep = np.setdiff1d(np.arange(enc.n, dtype=np.int64), bad, assume_unique=True)
    if len(bad):
        states, numbers, sex = enc.states[:, keep], enc.numbers[:, keep], enc.sex[keep]
        ids_out = enc.ids.take(pa.array(keep))
    else:
        states, numbers, sex, ids_out = enc.states, enc.numbers, enc.sex, enc.ids
    return EncodedCases(BatchInput([], states, numbers, sex), keep, ids_out, errors)
