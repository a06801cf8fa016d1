"""Cases and results as Arrow tables: the one path every batch takes.

`assess_table` (in `legwise.tables.core`) turns an Arrow table of cases into an Arrow table of
compact results. The CLI's `--batch`, the library's `legwise.assess_table` and the Dask adapter
(`legwise.tables.on_dask`) all call it, so every path gives the same numbers. Reading and
writing files (JSON Lines, CSV, Parquet) lives in `legwise.tables.files`.

pyarrow is imported only here, never at CLI start-up.
"""
