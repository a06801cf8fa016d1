"""`legwise assess --batch FILE`: many cases from JSON Lines, CSV or Parquet, in chunks.

With `--compact` the cases go through `legwise.tables` (Arrow, the vectorised path) and each
gets a compact result; otherwise each gets today's full contract result (JSON Lines) or, for
people, one line. Output goes to a temporary file first and takes its place only when every
row was good (or bad rows went to `--errors`), so a failed run writes nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson

from legwise import strict_json
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


def _case_rows(kb: Knowledge, path: str, kind: str) -> Iterator[tuple[list[tuple[int, Any]], int]]:
    """(place, case dict) per row, a chunk at a time, for the one-by-one path."""
    if kind == "jsonl":
        from legwise.tables.formats import line_blocks, open_input

        stream = open_input(path, "--batch")
        try:
            line = 1
            for block in line_blocks(stream, FULL_BLOCK):
                rows: list[tuple[int, Any]] = []
                for i, text in enumerate(block.split(b"\n")):
                    if text.strip():
                        rows.append((line + i, text))
                line += block.count(b"\n")
                yield rows, len(block)
        finally:
            if path != "-":
                stream.close()
        return
    from legwise.tables.cases import row_case
    from legwise.tables.files import read_cases

    for chunk in read_cases(path, kb):
        records = chunk.table.to_pylist()
        yield (
            [(int(p), row_case(r)) for p, r in zip(chunk.places, records, strict=True)],
            chunk.size,
        )


FULL_BLOCK = 1 << 17  # ~250 cases a chunk: their full results (~10 MB) reuse the same memory


def _full(
    kb: Knowledge, opts: BatchOptions, kind: str, out: BinaryIO, errors: _Errors, advance: Any
) -> int:
    """Full contract results, one JSON line each (or one line for people per case)."""
    chunks = _case_rows(kb, opts.path, kind)
    if not opts.as_json and opts.output is None:
        return _for_people(kb, chunks, errors, advance)
    scored = 0
    for (blob, bad, count), size in _spread(kb, chunks):
        for place, field, message, case in bad:
            errors.add(place, field, message, case)
        out.write(blob)
        scored += count
        if advance is not None:
            advance(size)
    return scored


def _checked(
    kb: Knowledge, rows: list[tuple[int, Any]]
) -> tuple[list[tuple[int, Any, Any]], list[tuple[int, str, str, Any]]]:
    """Each row parsed (a JSON line), its text read and checked: (place, Case, intake)
    for the good ones (a needs_answers dict in place of the Case when its text gave nothing
    clinical), (place, field, message, row) for the bad ones."""
    from legwise.engine.case import parse_case
    from legwise.intake.merge import has_text

    good: list[tuple[int, Any, Any]] = []
    bad: list[tuple[int, str, str, Any]] = []
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


def full_lines(
    kb: Knowledge, rows: list[tuple[int, Any]]
) -> tuple[bytes, list[tuple[int, str, str, Any]], int]:
    """One chunk's full results as JSON lines, its bad rows, and how many were scored."""
    from legwise.engine.assess import assess_case
    from legwise.engine.compiled import compile_knowledge
    from legwise.engine.encode import encode_assessment

    compiled = compile_knowledge(kb)
    good, bad = _checked(kb, rows)
    parts = []
    for _, case, intake in good:
        if isinstance(case, dict):  # needs_answers: nothing to assess
            parts.append(orjson.dumps(case))
            continue
        result = assess_case(case, from_text=None if intake is None else intake.to_dict(), kb=kb)
        parts.append(encode_assessment(result, compiled))
    parts.append(b"")  # so the join ends with a newline too
    return b"\n".join(parts), bad, len(good)


_WORKER_KB: Knowledge | None = None  # the knowledge base forked workers inherit


def _in_worker(rows: list[tuple[int, Any]]) -> tuple[bytes, list[tuple[int, str, str, Any]], int]:
    assert _WORKER_KB is not None
    return full_lines(_WORKER_KB, rows)


def _spread(kb: Knowledge, chunks: Iterator[tuple[list[tuple[int, Any]], int]]) -> Iterator[Any]:
    """(full_lines result, bytes read) per chunk, in order. With more than one CPU the
    chunks are scored by forked worker processes, a few in flight at a time (so memory stays
    bounded); otherwise here."""
    import multiprocessing

    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for rows, size in chunks:
            yield full_lines(kb, rows), size
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER_KB
    _WORKER_KB = kb
    full_lines(kb, [])  # compile the knowledge and its encoded pieces once, before forking
    context = multiprocessing.get_context("fork")
    pending: deque[Any] = deque()
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for rows, size in chunks:
            pending.append((pool.submit(_in_worker, rows), size))
            if len(pending) > 2 * workers:
                future, done = pending.popleft()
                yield future.result(), done
        while pending:
            future, done = pending.popleft()
            yield future.result(), done


def _for_people(
    kb: Knowledge,
    chunks: Iterator[tuple[list[tuple[int, Any]], int]],
    errors: _Errors,
    advance: Any,
) -> int:
    from legwise.engine.assess import assess_case

    lines = []
    scored = 0
    for rows, size in chunks:
        good, bad = _checked(kb, rows)
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
