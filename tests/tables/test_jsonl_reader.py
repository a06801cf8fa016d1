"""The JSON Lines column reader reads every line as orjson and `parse_case` read it.

Lines in the plain shape are cut into columns without a Python object per line; any line the
reader cannot vouch for goes to `parse_case` on its own. Either way each line must give the
same answers, the same error field, or the same 'not JSON' verdict as reading it one line
at a time, whatever odd but legal JSON (spacing, key order, a key twice, escapes, numbers as
text) or broken input a file holds.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legwise.engine.batch import SEX_CODES, batch_model
from legwise.errors import InputError
from legwise.kb.loader import Knowledge, load_knowledge
from legwise.tables.cases import check_case, encode_table
from legwise.tables.files import jsonl_chunk
from legwise.tables.jsonl import Layout

KB = load_knowledge()
STATES = [f.id for f in KB.findings.values() if f.type == "state"]
NUMBERS = [f.id for f in KB.findings.values() if f.type == "number" and f.id != "age"]

_text = st.text(alphabet=st.sampled_from('ab ,:{}"\\\u00e9\t\n\x01'), max_size=6)
_state_value = st.one_of(
    st.sampled_from(["present", "absent", "unknown"]),
    st.sampled_from(["yes", "Present", None, 1, True]),
)
_number_value = st.one_of(
    st.integers(-5, 300),
    st.floats(-10, 400, allow_nan=False),
    st.sampled_from(["8", "unknown", None, "x", 1e400]),
)


@st.composite
def cases(draw: Any) -> Any:
    findings: dict[str, Any] = {}
    for fid in draw(st.lists(st.sampled_from(STATES), max_size=6)):
        findings[fid] = draw(_state_value) if draw(st.integers(0, 9)) == 0 else "present"
    for fid in draw(st.lists(st.sampled_from(NUMBERS), max_size=2)):
        findings[fid] = draw(_number_value)
    if draw(st.integers(0, 12)) == 0:
        findings[draw(st.sampled_from(["age", "sex", "no_such_finding"]))] = draw(
            st.sampled_from([40, "female", "present", None])
        )
    case: dict[str, Any] = {}
    if draw(st.booleans()):
        case["id"] = draw(st.one_of(st.sampled_from(["c-1", "x y"]), _text, st.integers(0, 9)))
    if draw(st.booleans()):
        case["age"] = draw(st.one_of(st.integers(0, 130), st.sampled_from([None, "40", 40.5])))
    if draw(st.booleans()):
        case["sex"] = draw(st.sampled_from(["female", "male", "other", "unknown", None, 3]))
    case["findings"] = findings if draw(st.integers(0, 15)) else draw(st.sampled_from([None, 5]))
    if draw(st.integers(0, 15)) == 0:
        case["extra"] = 1
    return case


TWICE = '"calf_pop":"absent","calf_pop":"present",'


@st.composite
def lines(draw: Any) -> bytes:
    case = draw(cases())
    if draw(st.booleans()):
        keys = list(case)
        case = {k: case[k] for k in draw(st.permutations(keys))}
    style = draw(st.sampled_from(["compact", "spaced", "ascii", "raw"]))
    if style == "compact":
        text = orjson.dumps(case).decode()
    elif style == "raw":  # hand-made oddities: a key twice, a broken line, CRLF, a blank line
        text = orjson.dumps(case).decode()
        text = draw(
            st.sampled_from(
                [
                    text,
                    text.replace('"findings":{', '"findings":{' + TWICE),
                    text.replace('{"', '{"age":3,"', 1),
                    text[: max(1, len(text) - 2)],
                    text + "\r",
                    "   ",
                    "[1, 2]",
                    '{"age":1e400}',
                    '{"age":1E2,"findings":{"pain_score":8e0}}',
                    '{"findings":{"pain_score":-0.0,"calf_pop":"present"}}',
                    "{}",
                ]
            )
        )
    else:
        text = json.dumps(case, ensure_ascii=style == "ascii")
    return text.encode()


def reference(kb: Knowledge, line: bytes) -> Any:
    """What one line means read on its own: None (blank), ('bad json',), ('error', field) or
    the parsed case's (id, states, numbers, sex)."""
    if not line.strip():
        return None
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        return ("bad json",)
    try:
        case = check_case(kb, data)
    except InputError as exc:
        return ("error", exc.field)
    model = batch_model(kb)
    states = {model.state_col[f]: v for f, v in case.states.items()}
    numbers = {model.number_col[f]: v for f, v in case.numbers.items()}
    return (case.id, states, numbers, SEX_CODES.get(case.sex or "", 0))


def read_fast(kb: Knowledge, block: bytes) -> list[Any]:
    chunk = jsonl_chunk(block, 1, Layout(kb))
    out: dict[int, Any] = {place: ("bad json",) for place, _, _ in chunk.unreadable}
    enc = encode_table(kb, chunk.table, chunk.rows, chunk.slow)
    for e in enc.errors:
        out[int(chunk.places[e.row])] = ("error", e.field)
    ids = enc.ids.to_pylist()
    batch = enc.batch
    for i, row in enumerate(enc.rows.tolist()):
        states = {int(s): int(batch.states[s, i]) for s in np.flatnonzero(batch.states[:, i])}
        numbers = {
            int(k): float(batch.numbers[k, i])
            for k in range(batch.numbers.shape[0])
            if not math.isnan(batch.numbers[k, i])
        }
        out[int(chunk.places[row])] = (ids[i], states, numbers, int(batch.sex[i]))
    return [out.get(place) for place in range(1, block.count(b"\n") + 1)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines(), min_size=1, max_size=12))
def test_each_line_reads_as_it_reads_alone(block_lines: list[bytes]) -> None:
    block = b"".join(line + b"\n" for line in block_lines)
    expected = [reference(KB, line) for line in block_lines]
    assert read_fast(KB, block) == expected


def test_the_plain_shape_takes_the_column_path() -> None:
    """A file of plain lines needs no line read one by one (the speed of the batch path)."""
    plain = [
        {"id": "a", "age": 70, "sex": "male", "findings": {"calf_pop": "present"}},
        {"id": "b", "findings": {"pain_score": 8, "one_leg_swollen": "absent"}},
        {"findings": {}},
    ]
    block = b"".join(orjson.dumps(c) + b"\n" for c in plain)
    chunk = jsonl_chunk(block, 1, Layout(KB))
    assert chunk.slow is not None and not chunk.slow.any()
    assert read_fast(KB, block) == [reference(KB, orjson.dumps(c)) for c in plain]
