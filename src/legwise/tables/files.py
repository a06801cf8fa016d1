"""Batch files in chunks: JSON Lines, CSV and Parquet in (by extension), and out.

Reading streams: a JSON Lines file is cut into blocks of whole lines, a CSV file and a Parquet
file are read a block or row group at a time, so memory stays flat whatever the file's size.
Each chunk is an Arrow table of cases, with where each of its rows sits in the file.

JSON Lines blocks are cut into columns by `legwise.tables.jsonl` (no Python object per line);
a line it cannot vouch for is parsed by orjson and judged by `parse_case` alone, so each bad
line gets its own error and the good ones are still scored.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from legwise.errors import InputError
from legwise.kb.loader import Knowledge
from legwise.tables.formats import (
    FORMATS,
    file_format,
    file_size,
    line_blocks,
    open_input,
    write_in_pieces,
)
from legwise.tables.jsonl import Layout, parse_block
from legwise.tables.result_lines import compact_lines, score_columns_of
from legwise.tables.results import score_columns

BLOCK_BYTES = 16 << 20  # JSON Lines / CSV read size: ~30,000 cases a block
PARQUET_ROWS = 1 << 16
PARQUET_OUT_ROWS = 1 << 17  # rows per row group written


@dataclass
class Chunk:
    """Cases read from one part of a file: the table, each row's place in the file (line
    number for text files, row number from 1 for Parquet), the rows that must be read one
    by one as the file said them (by row index), and lines that were not even a case (bad
    JSON)."""

    table: pa.Table
    places: np.ndarray[Any, np.dtype[np.int64]]
    rows: Mapping[int, Any] | None
    slow: np.ndarray[Any, np.dtype[np.bool_]] | None
    unreadable: list[tuple[int, str, Any]]  # (place, message, raw text)
    size: int  # bytes of the file this chunk covers (for the progress bar)


def json_schema(kb: Knowledge) -> pa.Schema:
    """The contract's case shape as an Arrow schema (for readers of nested cases)."""
    kinds = {"number": pa.float64()}
    findings = [pa.field(f.id, kinds.get(f.type, pa.string())) for f in kb.findings.values()]
    return pa.schema(
        [
            pa.field("id", pa.string()),
            pa.field("age", pa.float64()),
            pa.field("sex", pa.string()),
            pa.field("text", pa.string()),
            pa.field("findings", pa.struct(findings)),
        ]
    )


def jsonl_chunk(block: bytes, first_line: int, layout: Layout) -> Chunk:
    """One block of whole lines as a chunk (see `legwise.tables.jsonl`)."""
    parsed = parse_block(block, layout)
    unreadable = [(first_line + i, message, text) for i, message, text in parsed.unreadable]
    places = parsed.lines + first_line
    return Chunk(parsed.table, places, parsed.raw, parsed.slow, unreadable, len(block))


def read_jsonl(path: str, kb: Knowledge, option: str = "--batch") -> Iterator[Chunk]:
    layout = Layout(kb)
    stream = open_input(path, option)
    try:
        line = 1
        for block in line_blocks(stream, BLOCK_BYTES):
            yield jsonl_chunk(block, line, layout)
            line += block.count(b"\n")
    finally:
        if path != "-":
            stream.close()


def read_csv(path: str, kb: Knowledge, option: str = "--batch") -> Iterator[Chunk]:
    """CSV with a header row: `id`, `age`, `sex`, `text` and finding ids as columns. Every
    column is read as text (numbers are checked as the engine checks them), empty is null."""
    import pyarrow.csv as pcsv

    stream = open_input(path, option)
    try:
        header = stream.readline()
        names = [n.strip() for n in header.decode("utf-8-sig").strip().split(",")]
        if not any(names):
            raise InputError(option, f"{path}: no header row")
        body = io.BufferedReader(_Prefixed(header, stream))
        reader = pcsv.open_csv(
            body,
            read_options=pcsv.ReadOptions(block_size=BLOCK_BYTES // 4),
            convert_options=pcsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                null_values=[""],
                strings_can_be_null=True,
            ),
        )
        line = 2
        try:
            for batch in reader:
                n = batch.num_rows
                places = np.arange(line, line + n, dtype=np.int64)
                line += n
                size = int(batch.nbytes)
                yield Chunk(pa.Table.from_batches([batch]), places, None, None, [], size)
        except pa.ArrowInvalid as exc:
            raise InputError(
                option, f"{path}: not a CSV file this reader can follow ({exc})"
            ) from None
    finally:
        if path != "-":
            stream.close()


class _Prefixed(io.RawIOBase):
    """A stream that gives `head` back before the rest of `rest` (the header we peeked at)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self.head:
            n = min(len(view), len(self.head))
            view[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def read_parquet(path: str, kb: Knowledge, option: str = "--batch") -> Iterator[Chunk]:
    import pyarrow.parquet as pq

    if path == "-":
        raise InputError(option, "Parquet cannot be read from stdin: give a file")
    states = [f.id for f in kb.findings.values() if f.type == "state"]
    try:
        # yes/no columns as dictionaries: three words, a million rows (cases.py maps them once)
        handle = pq.ParquetFile(path, read_dictionary=states)
    except FileNotFoundError:
        raise InputError(option, f"file not found: {path}") from None
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(option, f"{path}: not a Parquet file ({exc})") from None
    row = 1
    for batch in handle.iter_batches(batch_size=PARQUET_ROWS):
        n = batch.num_rows
        places = np.arange(row, row + n, dtype=np.int64)
        row += n
        yield Chunk(pa.Table.from_batches([batch]), places, None, None, [], int(batch.nbytes))


def read_cases(path: str, kb: Knowledge, option: str = "--batch") -> Iterator[Chunk]:
    """Chunks of cases from a JSON Lines, CSV or Parquet file (by its extension)."""
    kind = file_format(path, option)
    if kind == "csv":
        return read_csv(path, kb, option)
    if kind == "parquet":
        return read_parquet(path, kb, option)
    return read_jsonl(path, kb, option)


# --- writing -------------------------------------------------------------------------------------


def write_lines(out: BinaryIO, lines: pa.Array) -> None:
    """Write a string array's values back to back (each already ends in a newline)."""
    if len(lines) == 0:
        return
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)[lines.offset :]
    start, stop = int(offsets[0]), int(offsets[len(lines)])
    write_in_pieces(out, memoryview(lines.buffers()[2])[start:stop])


def flat_results(table: pa.Table) -> pa.Table:
    """The compact results with list columns spread out, for CSV: `rules` joined by spaces,
    and `cause_1`, `cause_1_probability` ... for the top causes."""
    from legwise.tables.results import TOP_CAUSES

    rules = table.column("rules").combine_chunks()
    causes = table.column("causes").combine_chunks()
    columns: dict[str, Any] = {
        "id": table.column("id"),
        "level": pc.cast(table.column("level"), pa.string()),
        "rules": pc.binary_join(rules, " "),
    }
    for k in range(TOP_CAUSES):
        item = pc.list_element(
            pc.if_else(pc.greater(pc.list_value_length(causes), k), causes, None), k
        )
        columns[f"cause_{k + 1}"] = pc.struct_field(item, [0])
        columns[f"cause_{k + 1}_probability"] = pc.struct_field(item, [1])
    columns["unexplained"] = table.column("unexplained")
    for name in table.column_names:
        if name.startswith("scores."):
            columns[name] = table.column(name)
    columns["knowledge_version"] = pc.cast(table.column("knowledge_version"), pa.string())
    return pa.table(columns)


def render_results(table: pa.Table, kind: str, header: bool = False) -> bytes | pa.Table:
    """Compact results ready to write: JSON Lines or CSV bytes (with the header row when
    `header`), or the table itself for Parquet."""
    if kind == "jsonl":
        sink = io.BytesIO()
        write_lines(sink, compact_lines(table))
        return sink.getvalue()
    if kind == "csv":
        import pyarrow.csv as pcsv

        sink = io.BytesIO()
        options = pcsv.WriteOptions(include_header=header)
        pcsv.write_csv(flat_results(table), sink, write_options=options)
        return sink.getvalue()
    return table


def parquet_options(table: pa.Table) -> dict[str, Any]:
    """How compact results are written to Parquet. zstd: about a third of snappy's or lz4's
    size for a few percent more time. Dictionary pages for the columns with few distinct
    values (levels, rule and cause ids, scores, the version), not for ids and probabilities,
    where nearly every value differs and the writer would build a dictionary only to drop it.
    Min/max statistics for the flat columns a reader filters on; none for the list columns."""
    flat = [n for n in table.column_names if n not in ("rules", "causes")]
    return {
        "compression": "zstd",
        "use_dictionary": [
            *(n for n in flat if n != "id"),
            "rules.list.element",
            "causes.list.element.id",
        ],
        "write_statistics": flat,
    }


class ResultWriter:
    """Compact results to JSON Lines, CSV or Parquet, a chunk at a time (rendered by
    `render_results`, here or in a worker process)."""

    def __init__(self, out: BinaryIO, kind: str, kb: Knowledge) -> None:
        self.out = out
        self.kind = kind
        self.kb = kb
        self._writer: Any = None
        self.started = False

    def write(self, table: pa.Table) -> None:
        self.write_rendered(render_results(table, self.kind, not self.started))

    def write_rendered(self, rendered: bytes | pa.Table) -> None:
        self.started = True
        if isinstance(rendered, bytes):
            write_in_pieces(self.out, rendered)
            return
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(self.out, rendered.schema, **parquet_options(rendered))
        self._writer.write_table(rendered, row_group_size=PARQUET_OUT_ROWS)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        elif self.kind == "parquet":
            import pyarrow.parquet as pq

            from legwise.tables.results import result_schema

            pq.write_table(result_schema(self.kb).empty_table(), self.out)


__all__ = [
    "FORMATS",
    "Chunk",
    "ResultWriter",
    "compact_lines",
    "file_format",
    "file_size",
    "read_cases",
    "score_columns",
    "score_columns_of",
]
