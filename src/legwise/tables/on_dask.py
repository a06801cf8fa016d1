"""Score a Dask dataframe of cases, partition by partition, through `assess_table`.

    import dask.dataframe as dd
    from legwise.tables.on_dask import assess_dataframe

    cases = dd.read_parquet("cases/*.parquet")      # wide: id, age, sex, one column a finding
    results = assess_dataframe(cases)               # lazy; one task per partition
    results.to_parquet("results/")                  # runs on whatever cluster is connected

Each partition is turned into an Arrow table and scored by the same pure function as the CLI
and the library, so a cluster gives exactly the single-process numbers. Dask does the
scheduling (a `distributed.Client` pointed at a cluster spreads it over machines); legwise
holds no scheduler of its own. Every worker loads the shipped knowledge base once (or is
sent `knowledge`). Needs the `dask` extra: `pip install 'legwise[dask]'`.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from legwise.kb.loader import Knowledge
from legwise.tables.core import assess_table
from legwise.tables.results import result_schema


def _partition(frame: Any, knowledge: Knowledge | None) -> Any:
    """One partition (a pandas DataFrame) of cases -> its compact results (pandas)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return assess_table(table, knowledge).to_pandas()


def assess_dataframe(cases: Any, knowledge: Knowledge | None = None) -> Any:
    """Compact results for every row of a `dask.dataframe` of cases (lazy; same columns as
    `assess_table` gives). A bad row fails its partition's task with an `InputError` naming
    the row within the partition and the field."""
    if knowledge is None:
        from legwise.kb.loader import load_knowledge

        kb = load_knowledge()
    else:
        kb = knowledge
    meta = result_schema(kb).empty_table().to_pandas()
    return cases.map_partitions(_partition, knowledge, meta=meta, enforce_metadata=False)
