"""The Dask adapter on a local cluster of two worker processes gives the single-process
results, row for row."""

from __future__ import annotations

import pyarrow as pa
import pytest

from legwise.kb.loader import Knowledge
from legwise.tables.core import assess_table
from tests.tables.cases import random_cases, wide

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def test_two_worker_processes_match_one_process(kb: Knowledge) -> None:
    from legwise.tables.on_dask import assess_dataframe

    table = pa.table(wide(random_cases(kb, 600, seed=3)))
    expected = assess_table(table, kb).to_pylist()
    frame = dd.from_pandas(table.to_pandas(), npartitions=4)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        got = assess_dataframe(frame).compute()
    rows = pa.Table.from_pandas(got, preserve_index=False).to_pylist()
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected, strict=True):
        assert row["id"] == want["id"]
        assert row["level"] == want["level"]
        assert list(row["rules"]) == want["rules"]
        assert [c["id"] for c in row["causes"]] == [c["id"] for c in want["causes"]]
        for c, w in zip(row["causes"], want["causes"], strict=True):
            # float32 matrix products may round differently for another chunk size
            assert abs(c["probability"] - w["probability"]) < 1e-6
