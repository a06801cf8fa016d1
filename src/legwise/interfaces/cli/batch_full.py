"""Full contract results for `legwise assess --batch` (no `--compact`): one JSON line a case.

The file is read in blocks of whole lines; each block is checked, assessed and encoded
(`engine.encode`, straight from the result objects) as one run of bytes. With more than one
CPU the blocks go to forked worker processes, and each worker writes its block's bytes
straight into the output file, taking turns in file order: the parent only reads the input
and collects the bad rows. Before, the bytes (about 10 MB a block) came back to the parent
through the pool's pipe, copied four times on the way (pickle, write, read, unpickle) and
once more into the file, on fresh pages each time: that was more CPU than the parent's
share of the two cores, and the run waited on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, BinaryIO

import orjson

from legwise import strict_json
from legwise.errors import InputError
from legwise.kb.loader import Knowledge

FULL_BLOCK = 1 << 17  # ~250 cases a block: their full results (~10 MB) reuse the same memory

Bad = tuple[int, str, str, Any]  # place (line or row), field, message, the row as read
# What a block of work is: (first line, raw JSON Lines) or (place, case dict) rows
Unit = tuple[int, bytes] | list[tuple[int, Any]]


def case_units(kb: Knowledge, path: str, kind: str) -> Iterator[tuple[Unit, int]]:
    """The file's rows a block at a time, with the bytes each block covers: JSON Lines as
    raw blocks of whole lines (split where they are scored), CSV and Parquet as case dicts."""
    if kind == "jsonl":
        from legwise.tables.formats import line_blocks, open_input

        stream = open_input(path, "--batch")
        try:
            line = 1
            for block in line_blocks(stream, FULL_BLOCK):
                yield (line, block), len(block)
                line += block.count(b"\n")
        finally:
            if path != "-":
                stream.close()
        return
    from legwise.tables.cases import row_case
    from legwise.tables.files import read_cases

    for chunk in read_cases(path, kb):
        records = chunk.table.to_pylist()
        rows = [(int(p), row_case(r)) for p, r in zip(chunk.places, records, strict=True)]
        yield rows, chunk.size


def unit_rows(unit: Unit) -> list[tuple[int, Any]]:
    """(place, raw line or case dict) for each non-blank row of a block."""
    if isinstance(unit, list):
        return unit
    line, block = unit
    return [(line + i, text) for i, text in enumerate(block.split(b"\n")) if text.strip()]


def checked(
    kb: Knowledge, rows: list[tuple[int, Any]]
) -> tuple[list[tuple[int, Any, Any]], list[Bad]]:
    """Each row parsed (a JSON line), its text read and checked: (place, Case, intake)
    for the good ones (a needs_answers dict in place of the Case when its text gave nothing
    clinical), (place, field, message, row) for the bad ones."""
    from legwise.engine.case import parse_case
    from legwise.intake.merge import has_text

    good: list[tuple[int, Any, Any]] = []
    bad: list[Bad] = []
    for place, data in rows:
        if isinstance(data, bytes):
            try:
                data = orjson.loads(data)
            except orjson.JSONDecodeError as exc:
                # orjson refuses NaN, huge numbers, lone surrogates and deep nesting with a
                # parser message; the strict reader says which field (as `--answers` does)
                try:
                    data = strict_json.loads(data)  # valid after all (a big integer): go on
                except InputError as named:
                    bad.append((place, named.field or "line", named.message, None))
                    continue
                except ValueError:
                    shown = data.decode(errors="replace")
                    bad.append((place, "line", f"invalid JSON: {exc}", shown))
                    continue
        try:
            intake = None
            merged = data
            if has_text(data):
                from legwise.intake.merge import TextGaveNothing, merge_text

                try:
                    merged, intake = merge_text(data, kb)
                except TextGaveNothing as nothing:  # a result line with the questions to ask
                    from legwise.intake.gaps import needs_answers

                    good.append((place, needs_answers(kb, data, nothing.result), None))
                    continue
            good.append((place, parse_case(kb, merged), intake))
        except InputError as exc:
            bad.append((place, exc.field or "case", exc.message, data))
    return good, bad


def full_lines(kb: Knowledge, rows: list[tuple[int, Any]]) -> tuple[list[bytes], list[Bad], int]:
    """One block's full results, one JSON line (ending in a newline) a case, its bad rows,
    and how many were scored. The lines stay apart (written with one `writev`): joining
    them first would copy ~10 MB a block once more."""
    from legwise.engine.assess import assess_case
    from legwise.engine.compiled import compile_knowledge
    from legwise.engine.encode import encode_assessment

    compiled = compile_knowledge(kb)
    good, bad = checked(kb, rows)
    lines = []
    for _, case, intake in good:
        if isinstance(case, dict):  # needs_answers: nothing to assess
            lines.append(orjson.dumps(case, option=orjson.OPT_APPEND_NEWLINE))
            continue
        result = assess_case(case, from_text=None if intake is None else intake.to_dict(), kb=kb)
        lines.append(encode_assessment(result, compiled, newline=True))
    return lines, bad, len(good)


def write_lines(fd: int, lines: list[bytes]) -> None:
    """All of `lines`, back to back, at the file's offset: `writev` calls of about a
    megabyte (`formats.WRITE_BYTES`: bigger ones cost the kernel more per byte; and at most
    512 lines, under every system's IOV_MAX); a short write goes on from where it stopped."""
    from legwise.tables.formats import WRITE_BYTES

    group: list[memoryview] = []
    size = 0
    for line in lines:
        group.append(memoryview(line))
        size += len(line)
        if size >= WRITE_BYTES or len(group) == 512:
            _writev(fd, group)
            group, size = [], 0
    _writev(fd, group)


def _writev(fd: int, views: list[memoryview]) -> None:
    views = [v for v in views if v]
    while views:
        done = os.writev(fd, views)
        while views and done >= len(views[0]):
            done -= len(views.pop(0))
        if done:
            views[0] = views[0][done:]


def write_full(
    kb: Knowledge, units: Iterator[tuple[Unit, int]], out: BinaryIO
) -> Iterator[tuple[list[Bad], int, int]]:
    """Score every block and write its lines to `out` in file order; yields each block's
    (bad rows, how many scored, bytes read) in order. With more than one CPU the blocks are
    scored by forked workers that write to `out` themselves (see the module's docstring)."""
    import multiprocessing

    cpus = workers()
    fd = _file_number(out)
    if cpus < 2 or fd is None or "fork" not in multiprocessing.get_all_start_methods():
        for unit, size in units:
            lines, bad, count = full_lines(kb, unit_rows(unit))
            if fd is None:
                out.write(b"".join(lines))
            else:
                out.flush()
                write_lines(fd, lines)
            yield bad, count, size
        return
    out.flush()  # from here on only the workers write to it, through the same file offset
    yield from _spread(kb, units, fd, cpus)


def workers() -> int:
    """Worker processes for a run: the CPUs this process may use (each worker holds one
    block's results at a time, ~10 MB, so memory does not limit them)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _file_number(out: BinaryIO) -> int | None:
    try:
        return out.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's buffer)
        return None


class _Turns:
    """Workers write their blocks into the output one after another, in file order: the
    worker with block k waits until blocks 0..k-1 are written. A block's worker is always
    running or done before the next block's (the pool hands them out in order), so the
    wait ends."""

    def __init__(self, context: Any, fd: int) -> None:
        self.next = context.RawValue("q", 0)
        self.cond = context.Condition()
        self.fd = fd

    def write(self, index: int, lines: list[bytes]) -> None:
        """Write block `index`'s lines (none: it failed) when its turn comes, then hand the
        turn on, even when the write fails."""
        with self.cond:
            while self.next.value != index:
                self.cond.wait()
            try:
                write_lines(self.fd, lines)
            finally:
                self.next.value = index + 1
                self.cond.notify_all()


_WORKER_KB: Knowledge | None = None  # what forked workers inherit
_TURNS: _Turns | None = None


def _in_worker(index: int, unit: Unit) -> tuple[list[Bad], int]:
    assert _WORKER_KB is not None and _TURNS is not None
    lines: list[bytes] = []
    try:
        lines, bad, count = full_lines(_WORKER_KB, unit_rows(unit))
    finally:
        _TURNS.write(index, lines)  # a failed block still hands the turn on
    return bad, count


def _spread(
    kb: Knowledge, units: Iterator[tuple[Unit, int]], fd: int, workers: int
) -> Iterator[tuple[list[Bad], int, int]]:
    """Blocks scored by forked workers, a few in flight at a time; results in file order."""
    import gc
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from legwise.tables.batch_process import keep_freed_memory

    global _WORKER_KB, _TURNS
    full_lines(kb, [(0, {})])  # compile the knowledge and encode its pieces before forking
    keep_freed_memory()  # each block's ~10 MB reuses the last one's pages (workers inherit it)
    gc.freeze()  # what the workers inherit stays out of their collector's walks
    context = multiprocessing.get_context("fork")
    _WORKER_KB, _TURNS = kb, _Turns(context, fd)
    pending: deque[Any] = deque()
    pool = ProcessPoolExecutor(workers, mp_context=context)
    try:
        for index, (unit, size) in enumerate(units):
            pending.append((pool.submit(_in_worker, index, unit), size))
            if len(pending) > 2 * workers:
                future, done = pending.popleft()
                yield (*future.result(), done)
        while pending:
            future, done = pending.popleft()
            yield (*future.result(), done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER_KB, _TURNS = None, None
