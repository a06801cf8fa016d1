"""A batch file cut into pieces that worker processes score side by side.

Each piece is a byte range of whole lines (JSON Lines) or a run of row groups (Parquet). A
worker reads its own piece, checks and scores it through `assess_table` and renders the
results (compact JSON Lines or CSV as bytes, Parquet as an Arrow table); the parent writes
the pieces in file order, so the output, the order of bad rows and the first error that
stops a run are the same as reading the file front to back in one process. The knowledge
base is shared by forking; the rendered results come back through files on shared memory
(`/dev/shm`, an Arrow IPC file the parent maps without copying, or bytes), not through the
pool's pipe, which would copy them four times (pickle, write, read, unpickle): in a profile
of a million cases, Parquet to Parquet, those copies and their fresh pages were about a
third of the parent's CPU time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from legwise.kb.loader import Knowledge
from legwise.tables.files import Chunk, jsonl_chunk, render_results
from legwise.tables.jsonl import Layout

PIECE_BYTES = 16 << 20  # a JSON Lines piece: ~35,000 cases
PIECE_ROWS = 1 << 16


@dataclass(frozen=True)
class Piece:
    """What a worker is asked to score: `start`/`stop` are bytes (JSON Lines) or row groups
    (Parquet); `first` is the place (line or row number) of the piece's first row when it
    is known up front (Parquet), else 0 (JSON Lines: the parent numbers lines)."""

    kind: str
    path: str
    start: int
    stop: int
    first: int
    index: int
    size: int = 0  # bytes of the file it covers (for the progress bar)


@dataclass
class Scored:
    """A scored piece: rendered results, bad rows (place, field, message, case) with places
    counted from the piece's start for JSON Lines, how many were scored, lines in the piece
    and its size in bytes (for the progress bar)."""

    out: list[Any]
    found: list[tuple[int, str, str, Any]] = field(default_factory=list)
    scored: int = 0
    lines: int = 0
    size: int = 0
    failed: tuple[str, str] | None = None  # an InputError's field and message


def score_chunk(kb: Knowledge, chunk: Chunk, out_kind: str, header: bool) -> Scored:
    """Check, score and render one chunk (in a worker or in the parent)."""
    from legwise.tables.cases import RowError, row_case
    from legwise.tables.core import assess_table

    bad: list[RowError] = []
    results = assess_table(chunk.table, kb, errors=bad, rows=chunk.rows, slow=chunk.slow)
    found = [(place, "line", message, raw) for place, message, raw in chunk.unreadable]
    for e in bad:
        if chunk.rows is not None and e.row in chunk.rows:
            case = chunk.rows[e.row]
        else:
            case = row_case(chunk.table.slice(e.row, 1).to_pylist()[0])
        found.append((int(chunk.places[e.row]), e.field, e.message, case))
    found.sort(key=lambda f: f[0])
    out = render_results(results, out_kind, header)
    return Scored([out], found, results.num_rows, 0, chunk.size)


_KB: Knowledge | None = None  # the knowledge base forked workers inherit
_OUT_KIND = "jsonl"
_SHARE: str | None = None  # the folder on shared memory for rendered results, if any
SHARED_MEMORY = "/dev/shm"


@dataclass(frozen=True)
class Shared:
    """Rendered results a worker left in a file for the parent: an Arrow IPC file (Parquet
    output) or the bytes to write."""

    path: str
    arrow: bool


def _share(rendered: Any, path: str) -> Any:
    """Rendered results as a `Shared` file; as they are when the file cannot be written."""
    try:
        if isinstance(rendered, bytes):
            with open(path, "wb") as f:
                f.write(rendered)
            return Shared(path, arrow=False)
        with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, rendered.schema) as out:
            out.write_table(rendered)
        return Shared(path, arrow=True)
    except OSError:  # shared memory full: the pipe it is
        if os.path.exists(path):
            os.unlink(path)
        return rendered


def unshare(part: Any) -> Any:
    """A worker's rendered results back (an Arrow table mapped from its file, or bytes)."""
    if not isinstance(part, Shared):
        return part
    try:
        if part.arrow:
            return pa.ipc.open_file(pa.memory_map(part.path)).read_all()
        with open(part.path, "rb") as f:
            return f.read()
    finally:
        os.unlink(part.path)  # a mapped table keeps its pages until it is let go


def _share_folder() -> str | None:
    """A private folder on shared memory (tmpfs) for this run, or None where there is none."""
    if not os.path.isdir(SHARED_MEMORY) or not os.access(SHARED_MEMORY, os.W_OK):
        return None
    try:
        return tempfile.mkdtemp(prefix="legwise-batch-", dir=SHARED_MEMORY)
    except OSError:
        return None


def _score_piece(piece: Piece) -> Scored:
    from legwise.errors import InputError

    try:
        done = _score(piece)
    except InputError as exc:  # sent back as data: the parent raises it again
        return Scored([], failed=(exc.field or "", exc.message))
    if _SHARE is not None:
        where = os.path.join(_SHARE, str(piece.index))
        done.out = [_share(part, f"{where}-{i}") for i, part in enumerate(done.out)]
    return done


def _score(piece: Piece) -> Scored:
    assert _KB is not None
    kb = _KB
    if piece.kind == "jsonl":
        with open(piece.path, "rb") as f:
            f.seek(piece.start)
            data = f.read(piece.stop - piece.start)
        done = score_chunk(kb, jsonl_chunk(data, 0, Layout(kb)), _OUT_KIND, piece.index == 0)
        done.lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        return done
    import pyarrow.parquet as pq

    states = [f.id for f in kb.findings.values() if f.type == "state"]
    handle = pq.ParquetFile(piece.path, read_dictionary=states)
    total = Scored([])
    row = piece.first
    groups = list(range(piece.start, piece.stop))
    batches = handle.iter_batches(batch_size=PIECE_ROWS, row_groups=groups, use_threads=False)
    for batch in batches:
        n = batch.num_rows
        places = np.arange(row, row + n, dtype=np.int64)
        row += n
        chunk = Chunk(pa.Table.from_batches([batch]), places, None, None, [], 0)
        done = score_chunk(kb, chunk, _OUT_KIND, piece.index == 0 and not total.out)
        total.out += done.out
        total.found += done.found
        total.scored += done.scored
    total.size = piece.size
    return total


def jsonl_pieces(path: str, size: int) -> Iterator[Piece]:
    """Byte ranges of whole lines, about PIECE_BYTES each."""
    with open(path, "rb") as f:
        start = 0
        index = 0
        while start < size:
            stop = start + PIECE_BYTES
            if stop < size:
                f.seek(stop)
                f.readline()  # to the start of the next line
                stop = min(f.tell(), size)
            else:
                stop = size
            yield Piece("jsonl", path, start, stop, 0, index, stop - start)
            start = stop
            index += 1


def parquet_rows(path: str) -> int:
    """Rows in a Parquet file with more than one row group (0 otherwise, or when it cannot
    be read: the one-process reader then says why)."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except (pa.ArrowInvalid, OSError):
        return 0
    return int(meta.num_rows) if meta.num_row_groups > 1 else 0


def parquet_pieces(path: str) -> Iterator[Piece]:
    """Runs of whole row groups, about PIECE_ROWS rows or more each."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    row = 1
    start = 0
    rows = 0
    size = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        rows += group.num_rows
        size += sum(group.column(c).total_compressed_size for c in range(group.num_columns))
        if rows >= PIECE_ROWS or g == meta.num_row_groups - 1:
            yield Piece("parquet", path, start, g + 1, row, start, size)
            row += rows
            start = g + 1
            rows = 0
            size = 0


def _one_thread() -> None:
    """A worker is one of as many processes as there are CPUs: BLAS threads inside it would
    only fight its siblings for the same cores (OpenBLAS spins while it waits)."""
    import ctypes
    import glob

    folder = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
    for path in glob.glob(os.path.join(folder, "libopenblas*")) + glob.glob(
        os.path.join(folder, "libscipy_openblas*")
    ):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("openblas_set_num_threads64_", "openblas_set_num_threads"):
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return
        for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads"):
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return


# Each worker holds about 300 MB at its peak (its piece, the arrays, the results); two keep a
# run under 1 GB whatever the machine. Beyond that, scale out with the Dask adapter
# (docs/scale.md), whose workers each have their own memory.
MAX_WORKERS = 2


def workers() -> int:
    """Worker processes for one run: the CPUs this process may use, at most MAX_WORKERS."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(cpus, MAX_WORKERS))


def score_pieces(kb: Knowledge, pieces: Iterator[Piece], out_kind: str) -> Iterator[Scored]:
    """Each piece scored by forked worker processes, a few in flight at a time (memory stays
    bounded), given back in file order with JSON Lines places made absolute."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _KB, _OUT_KIND, _SHARE
    _KB, _OUT_KIND = kb, out_kind
    from legwise.engine.batch import batch_model

    batch_model(kb)  # compile once, before forking
    gc.freeze()  # what the workers inherit stays out of their collector's walks
    _SHARE = _share_folder()
    n = workers()
    context = multiprocessing.get_context("fork")
    pending: deque[Any] = deque()
    line = 1
    pool = ProcessPoolExecutor(n, mp_context=context, initializer=_one_thread)
    try:

        def take() -> Scored:
            nonlocal line
            piece, future = pending.popleft()
            done: Scored = future.result()
            if done.failed is not None:
                from legwise.errors import InputError

                raise InputError(*done.failed)
            if piece.kind == "jsonl":
                done.found = [(line + p, f, m, c) for p, f, m, c in done.found]
                line += done.lines
            done.out = [unshare(part) for part in done.out]
            return done

        for piece in pieces:
            pending.append((piece, pool.submit(_score_piece, piece)))
            if len(pending) > n + 1:
                yield take()
        while pending:
            yield take()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if _SHARE is not None:
            shutil.rmtree(_SHARE, ignore_errors=True)
            _SHARE = None
