"""JSON Lines blocks read a column at a time, without a Python object per line.

Most batch files are written by programs, in one plain shape: an object per line with `id`,
`age`, `sex` and a `findings` object of finding id -> answer. Such lines are recognised by one
regular expression over the whole block (a grammar for that shape: strings without escapes
or braces, JSON numbers, `null`; no nesting but `findings`), and their keys and values are
then cut out by the positions of the quotes, looked up in bulk and scattered into typed
columns (yes/no answers as dictionary codes). Nothing here is per line in Python.

Every line the grammar does not vouch for (free text, an escape, a number written as text, a
key given twice, an unknown field, a line that is not JSON) is parsed by orjson and judged
by `parse_case` itself, one line at a time, so its error (or its odd but valid meaning) is
exactly what `legwise.assess` would give.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from legwise.kb.loader import Knowledge

_W = r"[ \t]*"
_STR = r'"[^"\\\x00-\x1f{}]*"'
# no exponent and at most 15 digits before the point: every such number is finite as a
# double (orjson refuses 1e400 as not JSON: such lines take its path)
_NUM = r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]+)?"
_VAL = rf"(?:{_STR}|{_NUM}|null)"
_MEMBER = rf"{_W}{_STR}{_W}:{_W}{_VAL}{_W}"
_OBJECT = rf"\{{(?:{_MEMBER}(?:,{_MEMBER})*|{_W})\}}"
_TOP = rf"{_W}{_STR}{_W}:{_W}(?:{_VAL}|{_OBJECT}){_W}"
GRAMMAR = rf"^{_W}\{{(?:{_TOP}(?:,{_TOP})*|{_W})\}}{_W}\r?\n?$"
STATE_WORDS = ("present", "absent", "unknown")
_QUOTE, _OPEN, _CLOSE, _NL = 34, 123, 125, 10


@dataclass
class Parsed:
    """One block's cases: `table` (wide: id, age, sex, one column a finding; a row per line
    that was JSON), `lines` (each row's line index in the block), `slow` (rows the grammar
    did not vouch for), `raw` (any row as orjson reads its line, on demand) and
    `unreadable` ((line index, message, text) for lines that were not JSON)."""

    table: pa.Table
    lines: NDArray[np.int64]
    slow: NDArray[np.bool_]
    raw: RawLines
    unreadable: list[tuple[int, str, str]]


class RawLines(Mapping[int, Any]):
    """Rows as orjson reads their lines, parsed when asked for (only rows a check sends to
    `parse_case`, or bad rows for the --errors file, ever are)."""

    def __init__(self, data: bytes, starts: NDArray[np.int64], ends: NDArray[np.int64]) -> None:
        self.data, self.starts, self.ends = data, starts, ends
        self.done: dict[int, Any] = {}

    def __getitem__(self, row: int) -> Any:
        if row not in self.done:
            if not 0 <= row < len(self.starts):
                raise KeyError(row)
            line = self.data[int(self.starts[row]) : int(self.ends[row])]
            self.done[row] = orjson.loads(line)
        return self.done[row]

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.starts)))

    def __len__(self) -> int:
        return len(self.starts)


class Layout:
    """Names to look keys up by, built once per knowledge base."""

    def __init__(self, kb: Knowledge) -> None:
        self.top = ("id", "age", "sex", "findings")
        self.findings = tuple(f.id for f in kb.findings.values() if f.id not in ("age", "sex"))
        self.kinds = np.array(
            [{"state": 0, "number": 1}.get(kb.findings[f].type, 2) for f in self.findings],
            dtype=np.int8,
        )
        assert not set(self.top) & set(self.findings)
        self.names = pa.array(['"' + k for k in (*self.top, *self.findings)])
        self.words = pa.array(['"' + w for w in STATE_WORDS])


def _lines(data: bytes) -> tuple[pa.Array, NDArray[np.int64]]:
    """The block's lines (newline kept) as a string array over the same bytes, and where
    each starts."""
    buf = np.frombuffer(data, np.uint8)
    ends = np.flatnonzero(buf == _NL) + 1
    if len(ends) == 0 or ends[-1] != len(buf):
        ends = np.append(ends, len(buf))
    starts = np.concatenate([[0], ends[:-1]]).astype(np.int64)
    wide = len(data) >= 2**31
    offsets = np.concatenate([[0], ends]).astype(np.int64 if wide else np.int32)
    arr = pa.Array.from_buffers(
        pa.large_string() if wide else pa.string(),
        len(ends),
        [None, pa.py_buffer(offsets), pa.py_buffer(data)],
    )
    return arr, starts


def _strings(data: bytes, begin: NDArray[np.int64], end: NDArray[np.int64]) -> pa.Array:
    """data[begin[i]:end[i]] for each i, as one string array (copied into place; used for
    the few number texts)."""
    lengths = (end - begin).astype(np.int64)
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    buf = np.frombuffer(data, np.uint8)
    idx = np.repeat(begin - offsets[:-1], lengths) + np.arange(int(offsets[-1]))
    values = buf[idx]
    return pa.Array.from_buffers(
        pa.large_string(),
        len(lengths),
        [None, pa.py_buffer(offsets), pa.py_buffer(values.tobytes())],
    )


def parse_block(data: bytes, layout: Layout) -> Parsed:
    """Cases from a block of whole JSON lines (see the module docstring)."""
    if not data:
        empty = np.zeros(0, dtype=np.int64)
        table = pa.table({"id": pa.nulls(0, pa.string())})
        return Parsed(table, empty, np.zeros(0, dtype=bool), RawLines(data, empty, empty), [])
    lines, starts = _lines(data)
    ends = np.append(starts[1:], len(data))
    buf = np.frombuffer(data, np.uint8)
    blank = np.zeros(len(starts), dtype=bool)
    maybe = np.flatnonzero(_SPACE[buf[np.minimum(starts, len(buf) - 1)]])
    for i in maybe.tolist():
        blank[i] = not data[int(starts[i]) : int(ends[i])].strip()
    try:
        data.decode("utf-8")
        ok = _np_bool(pc.match_substring_regex(lines, GRAMMAR)) & ~blank
    except UnicodeDecodeError:
        ok = np.zeros(len(lines), dtype=bool)
    readable = ~blank
    odd: dict[int, Any] = {}  # line index -> the line as orjson reads it
    unreadable: list[tuple[int, str, str]] = []
    for i in np.flatnonzero(readable & ~ok).tolist():
        line = data[int(starts[i]) : int(ends[i])]
        try:
            odd[i] = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            text = line.decode("utf-8", errors="replace").rstrip("\r\n")
            unreadable.append((i, f"invalid JSON: {exc}", text))
            readable[i] = False
    row_lines = np.flatnonzero(readable)
    n = len(row_lines)
    row_of_line = np.full(len(ends), -1, dtype=np.int64)
    row_of_line[row_lines] = np.arange(n)
    raw = RawLines(data, starts[row_lines], ends[row_lines])
    slow = np.zeros(n, dtype=bool)
    for i, value in odd.items():
        raw.done[int(row_of_line[i])] = value
        slow[row_of_line[i]] = True
    table, odd_rows = _columns(buf, data, starts, ok, row_of_line, n, layout)
    slow |= odd_rows
    return Parsed(table, row_lines, slow, raw, unreadable)


_SPACE = np.zeros(256, dtype=bool)
_SPACE[[9, 10, 13, 32]] = True


def _np_bool(arr: pa.Array) -> NDArray[np.bool_]:
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


def _skip_blanks(buf: NDArray[np.uint8], at: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each position moved past spaces and tabs (lines in the grammar end in a brace, so
    this never runs off a line)."""
    last = len(buf) - 1
    c = buf[np.minimum(at, last)]
    move = np.flatnonzero((c == 32) | (c == 9))
    if not len(move):
        return at
    at = at.copy()
    while len(move):
        at[move] += 1
        c = buf[np.minimum(at[move], last)]
        move = move[(c == 32) | (c == 9)]
    return at


def _per_line(pos: NDArray[np.int64], starts: NDArray[np.int64]) -> NDArray[np.int64]:
    """Index into `pos` (sorted) of each line's first position at or after its start."""
    return np.searchsorted(pos, starts).astype(np.int64)


def _columns(
    buf: NDArray[np.uint8],
    data: bytes,
    starts: NDArray[np.int64],
    ok: NDArray[np.bool_],
    row_of_line: NDArray[np.int64],
    n: int,
    layout: Layout,
) -> tuple[pa.Table, NDArray[np.bool_]]:
    """The wide table of the grammar's lines (other rows left empty), and the rows whose
    values need `parse_case` after all (a key twice, a field or finding id it does not know,
    a value of the wrong kind)."""
    odd_rows = np.zeros(n, dtype=bool)
    if not ok.any():
        return pa.table({"id": pa.nulls(n, pa.string())}), odd_rows
    n_lines = len(starts)
    quotes = np.flatnonzero(buf == _QUOTE)
    first_q = _per_line(quotes, starts)
    count_q = np.diff(np.append(first_q, len(quotes)))
    if not ok.all():  # only lines in the grammar are cut by their quotes
        quotes = quotes[np.repeat(ok, count_q)]
        count_q = np.where(ok, count_q, 0)
    begin, end = quotes[0::2], quotes[1::2]  # every string: its opening and closing quote
    sline = np.repeat(np.arange(n_lines), count_q // 2)
    # where the one object a line may hold inside its own opens and closes
    opens = np.flatnonzero(buf == _OPEN)
    closes = np.flatnonzero(buf == _CLOSE)
    first_open = _per_line(opens, starts)
    count_open = np.diff(np.append(first_open, len(opens)))
    inner_open = np.where(count_open >= 2, opens[np.minimum(first_open + 1, len(opens) - 1)], -1)
    inner_close = closes[np.minimum(_per_line(closes, starts), max(0, len(closes) - 1))]
    after = _skip_blanks(buf, end + 1)
    keys = np.flatnonzero(buf[np.minimum(after, len(buf) - 1)] == 58)  # ':' follows a key
    kline = sline[keys]
    krow = row_of_line[kline]
    kbegin = begin[keys]
    inner = (kbegin > inner_open[kline]) & (kbegin < inner_close[kline])
    top = ~inner
    vat = _skip_blanks(buf, after[keys] + 1)  # where each key's value starts
    first = buf[np.minimum(vat, len(buf) - 1)]
    v_str = first == _QUOTE
    v_null = first == ord("n")
    v_obj = first == _OPEN
    v_num = ~(v_str | v_null | v_obj)
    # strings as one array over the block: segment j runs from quote j to quote j + 1, so a
    # string's segment (2 s) holds its opening quote and its text
    wide = len(data) >= 2**31
    segments = pa.Array.from_buffers(
        pa.large_string() if wide else pa.string(),
        max(0, len(quotes) - 1),
        [None, pa.py_buffer(quotes.astype(np.int64 if wide else np.int32)), pa.py_buffer(data)],
    )
    key_seg = 2 * keys.astype(np.int64)
    name = _np_index(pc.index_in(segments.take(pa.array(key_seg)), value_set=layout.names))
    n_top = len(layout.top)
    tname = np.where(top & (name >= 0) & (name < n_top), name, -1)
    fname = np.where(inner & (name >= n_top), name - n_top, -1)
    # a top-level key the fast path does not take ("text", unknown fields), a finding id
    # it does not know (or age/sex inside findings): parse_case says what they mean
    odd_rows[krow[(top & (tname < 0)) | (inner & (fname < 0))]] = True
    # a key given twice in the same object: orjson keeps the last, parse_case too; send the
    # row there rather than guess (rows where fewer distinct keys were set than given)
    slot = np.where(inner, n_top + fname, tname)
    known = slot >= 0
    seen = np.zeros((n_top + len(layout.findings), n), dtype=np.uint8)
    seen[slot[known], krow[known]] = 1
    given = np.bincount(krow[known], minlength=n)
    odd_rows[seen.sum(axis=0, dtype=np.int64) != given] = True
    val_seg = 2 * (keys.astype(np.int64) + 1)  # a string value: the string after its key

    def strings(which: NDArray[np.bool_], keep_quote: bool = False) -> pa.Array:
        taken = segments.take(pa.array(val_seg[which]))
        return taken if keep_quote else pc.utf8_slice_codeunits(taken, 1)

    def numbers(which: NDArray[np.bool_]) -> NDArray[np.float64]:
        where = vat[which]
        texts = _strings(data, where, _number_ends(buf, where))
        return np.asarray(pc.cast(texts, pa.float64()).to_numpy(zero_copy_only=False))

    columns: dict[str, Any] = {}
    for col, want in (("id", v_str), ("age", v_num), ("sex", v_str), ("findings", v_obj)):
        sel = tname == layout.top.index(col)
        odd_rows[krow[sel & ~(want | v_null)]] = True
        use = sel & want
        if col == "age":
            age = np.full(n, np.nan)
            age[krow[use]] = numbers(use)
            columns["age"] = pa.array(age, from_pandas=True)
        elif col != "findings":
            columns[col] = _scatter_strings(n, krow[use], strings(use))

    kind = np.where(fname >= 0, layout.kinds[np.maximum(fname, 0)], -1)
    # yes/no findings: one of the three words; a number or null is an error parse_case names
    sel = kind == 0
    odd_rows[krow[sel & ~v_str]] = True
    use = sel & v_str
    word = _np_index(pc.index_in(strings(use, keep_quote=True), value_set=layout.words))
    odd_rows[krow[use][word < 0]] = True
    codes = np.full((len(layout.findings), n), -1, dtype=np.int8)
    codes[fname[use], krow[use]] = word
    sel = kind == 1  # numbers: a number or null (text such as "8" or "unknown": parse_case)
    odd_rows[krow[sel & ~(v_num | v_null)]] = True
    use = sel & v_num
    num_f, num_rows, num_values = fname[use], krow[use], numbers(use)
    sel = kind == 2  # other choices: a string
    odd_rows[krow[sel & ~v_str]] = True
    use = sel & v_str
    choice = strings(use) if use.any() else None
    words = pa.array(STATE_WORDS)
    for f in np.flatnonzero(np.bincount(fname[kind >= 0], minlength=len(layout.findings))).tolist():
        fid = layout.findings[f]
        k = layout.kinds[f]
        if k == 0:
            c = codes[f]
            columns[fid] = pa.DictionaryArray.from_arrays(pa.array(c, mask=c < 0), words)
        elif k == 1:
            x = np.full(n, np.nan)
            mine = num_f == f
            x[num_rows[mine]] = num_values[mine]
            columns[fid] = pa.array(x, from_pandas=True)
        else:
            assert choice is not None
            mine = fname[use] == f
            columns[fid] = _scatter_strings(n, krow[use][mine], choice.filter(pa.array(mine)))
    return pa.table(columns), odd_rows


def _np_index(arr: pa.Array) -> NDArray[np.int64]:
    return np.asarray(pc.fill_null(arr, -1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _number_ends(buf: NDArray[np.uint8], at: NDArray[np.int64]) -> NDArray[np.int64]:
    """Where each JSON number starting at `at` ends (numbers are short: step a byte at a
    time while any is still going)."""
    stop = at.copy()
    going = np.ones(len(at), dtype=bool)
    allowed = np.zeros(256, dtype=bool)
    allowed[np.frombuffer(b"0123456789-.", np.uint8)] = True
    while going.any():
        idx = np.flatnonzero(going)
        more = allowed[buf[np.minimum(stop[idx], len(buf) - 1)]] & (stop[idx] < len(buf))
        stop[idx[more]] += 1
        going[idx[~more]] = False
    return stop


def _scatter_strings(n: int, rows: NDArray[np.int64], values: pa.Array) -> pa.Array:
    """A string column of n rows with `values` at `rows` and null elsewhere."""
    index = np.full(n, -1, dtype=np.int64)
    index[rows] = np.arange(len(rows))
    return values.take(pa.array(index, mask=index < 0)).cast(pa.string())
