"""`legwise assess --batch FILE`: many cases from JSON Lines, CSV or Parquet, in chunks.

With `--compact` the cases go through `legwise.tables` (Arrow, the vectorised path) and each
gets a compact result; otherwise each gets today's full contract result (JSON Lines) or, for
people, one line. Output goes to a temporary file first and takes its place only when every
row was good (or bad rows went to `--errors`), so a failed run writes nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from legwise.errors import InputError
from legwise.interfaces.cli.batch_output import Errors as _Errors
from legwise.interfaces.cli.batch_output import progress as _progress
from legwise.interfaces.cli.batch_output import staged as _staged
from legwise.kb.loader import Knowledge


@dataclass(frozen=True)
class BatchOptions:
    path: str
    compact: bool = False
    as_json: bool = False
    output: str | None = None
    errors: str | None = None


def run_batch(kb: Knowledge, opts: BatchOptions) -> int:
    """Assess every case of the file; returns how many were scored."""
    from legwise.tables.formats import file_format

    kind = file_format(opts.path, "--batch")
    out_kind = file_format(opts.output, "--output") if opts.output else "jsonl"
    if not opts.compact and out_kind != "jsonl":
        raise InputError(
            "--output", "full results are JSON Lines: add --compact for CSV or Parquet"
        )
    errors = _Errors(opts.errors, kind)
    try:
        with _progress(opts.path) as advance, _staged(opts.output) as out:
            if opts.compact:
                scored = _compact(kb, opts, kind, out_kind, out, errors, advance)
            else:
                scored = _full(kb, opts, kind, out, errors, advance)
    finally:
        errors.close()
    if errors.count:
        print(f"legwise: {errors.count} bad rows written to {opts.errors}", file=sys.stderr)
    if not scored and not errors.count:
        print(f"legwise: no cases in {opts.path}", file=sys.stderr)
    return scored


def _compact(
    kb: Knowledge,
    opts: BatchOptions,
    kind: str,
    out_kind: str,
    out: BinaryIO,
    errors: _Errors,
    advance: Any,
) -> int:
    from legwise.tables.batch_process import prepare

    prepare()  # before any Arrow array: this process and the workers it forks
    from legwise.tables.files import ResultWriter

    writer = ResultWriter(out, out_kind, kb)
    scored = 0
    for done in _scored_pieces(kb, opts.path, kind, out_kind):
        for place, field, message, case in done.found:
            errors.add(place, field, message, case)
        for rendered in done.out:
            writer.write_rendered(rendered)
        scored += done.scored
        if advance is not None:
            advance(done.size)
    writer.close()
    return scored


SPREAD_BYTES = 32 << 20  # smaller files are scored here, without worker processes
SPREAD_ROWS = 200_000


def _scored_pieces(kb: Knowledge, path: str, kind: str, out_kind: str) -> Iterator[Any]:
    """Each part of the file scored and rendered, in file order: by worker processes for a
    big JSON Lines or Parquet file on a machine with more than one CPU, else here (with the
    next chunk read on a thread)."""
    import multiprocessing

    from legwise.tables import pieces
    from legwise.tables.files import read_cases
    from legwise.tables.formats import file_size

    size = file_size(path) or 0
    spread = (
        path != "-"
        and pieces.workers() > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and (
            (kind == "jsonl" and size >= SPREAD_BYTES)
            or (kind == "parquet" and pieces.parquet_rows(path) >= SPREAD_ROWS)
        )
    )
    if spread:
        parts = pieces.jsonl_pieces(path, size) if kind == "jsonl" else pieces.parquet_pieces(path)
        yield from pieces.score_pieces(kb, parts, out_kind)
        return
    first = True
    for chunk in _ahead(read_cases(path, kb)):
        yield pieces.score_chunk(kb, chunk, out_kind, first)
        first = False


def _ahead(chunks: Iterator[Any]) -> Iterator[Any]:
    """The same chunks, the next one read on a thread while this one is scored (Arrow's
    readers let go of the GIL, so reading and scoring share the cores)."""
    from concurrent.futures import ThreadPoolExecutor

    done = object()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(next, chunks, done)
        while True:
            chunk = future.result()
            if chunk is done:
                return
            future = pool.submit(next, chunks, done)
            yield chunk


def _full(
    kb: Knowledge, opts: BatchOptions, kind: str, out: BinaryIO, errors: _Errors, advance: Any
) -> int:
    """Full contract results, one JSON line each (or one line for people per case)."""
    from legwise.interfaces.cli.batch_full import case_units, write_full

    units = case_units(kb, opts.path, kind)
    if not opts.as_json and opts.output is None:
        return _for_people(kb, units, errors, advance)
    scored = 0
    for bad, count, size in write_full(kb, units, out):
        for place, field, message, case in bad:
            errors.add(place, field, message, case)
        scored += count
        if advance is not None:
            advance(size)
    return scored


def _for_people(
    kb: Knowledge,
    units: Iterator[tuple[Any, int]],
    errors: _Errors,
    advance: Any,
) -> int:
    from legwise.engine.assess import assess_case
    from legwise.interfaces.cli.batch_full import checked, unit_rows

    lines = []
    scored = 0
    for unit, size in units:
        good, bad = checked(kb, unit_rows(unit))
        for place, field, message, case in bad:
            errors.add(place, field, message, case)
        for place, case, intake in good:
            if isinstance(case, dict):  # needs_answers: the questions to ask
                lines.append(_person_line(kb, case, place))
                continue
            result = assess_case(
                case, from_text=None if intake is None else intake.to_dict(), kb=kb
            )
            lines.append(_person_line(kb, result.to_dict(), place))
        scored += len(good)
        if advance is not None:
            advance(size)
    if lines:
        from legwise.interfaces.cli.helpers import screen

        console = screen()
        for text in lines:
            console.print(text, soft_wrap=True, markup=False, highlight=False)
    return scored


def _person_line(kb: Knowledge, result: Any, place: int) -> Any:
    from legwise.interfaces.cli.render import batch_line

    return batch_line(result, place, kb)
