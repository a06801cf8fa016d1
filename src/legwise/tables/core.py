"""`assess_table`: one pure function from an Arrow table of cases to an Arrow table of results.

The CLI's batch files, the library and the Dask adapter all go through it, so a case gets the
same level and probabilities whichever way it came in (and the same as `legwise.assess`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

from legwise.engine.batch import run
from legwise.errors import InputError
from legwise.kb.loader import Knowledge
from legwise.tables.cases import RowError, encode_table
from legwise.tables.results import result_table


def as_table(cases: Any) -> pa.Table:
    """An Arrow table from a table, a record batch, a pandas DataFrame or a dict of columns."""
    if isinstance(cases, pa.Table):
        return cases
    if isinstance(cases, pa.RecordBatch):
        return pa.Table.from_batches([cases])
    if isinstance(cases, list):
        raise InputError("cases", "expected a table; for a list of case dicts use assess_batch")
    return pa.table(cases)


def assess_table(
    cases: Any,
    knowledge: Knowledge | None = None,
    *,
    errors: list[RowError] | None = None,
    rows: Sequence[Any] | Mapping[int, Any] | None = None,
    slow: Any = None,
) -> pa.Table:
    """Compact results (see `legwise.tables.results`) for every case in `cases`, in order.

    Without `errors`, the first bad row raises `InputError` naming it (`[3].findings.x`) and
    nothing is scored. With a list, bad rows are appended to it and left out of the results
    (match results to cases by `id`). `rows` gives some cases as dicts instead, by row index
    (JSON Lines lines the column reader would not take), or all of them as a list (`cases`
    then needs only as many rows); each is judged by `parse_case`. `slow` (a boolean array)
    marks rows that must be judged that way (then `rows` must hold them).
    """
    if knowledge is None:
        from legwise.kb.loader import load_knowledge

        knowledge = load_knowledge()
    encoded = encode_table(knowledge, as_table(cases), rows, slow)
    if encoded.errors:
        if errors is None:
            first = encoded.errors[0]
            raise InputError(f"[{first.row}].{first.field}", first.message)
        errors.extend(encoded.errors)
    result = run(knowledge, encoded.batch, fired=True)
    return result_table(knowledge, encoded.batch, result, encoded.ids)
