"""Batch file names and raw reading, without Arrow: the full-result path needs only these,
so it does not pay for importing pyarrow."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from legwise.errors import InputError

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
FORMATS |= {".parquet": "parquet", ".pq": "parquet"}


def file_format(path: str, option: str) -> str:
    """jsonl, csv or parquet from the file name; `-` (stdin/stdout) is JSON Lines."""
    if path == "-":
        return "jsonl"
    kind = FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        raise InputError(option, f"{path}: expected a .jsonl, .csv or .parquet file")
    return kind


def open_input(path: str, option: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(option, f"file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(option, f"is a directory, not a file: {path}") from None
    except OSError as exc:
        raise InputError(option, f"cannot read {path}: {exc.strerror}") from None


def line_blocks(stream: BinaryIO, size: int) -> Iterator[bytes]:
    """Blocks of whole lines of about `size` bytes."""
    rest = b""
    while True:
        data = stream.read(size)
        if not data:
            if rest:
                yield rest
            return
        data = rest + data
        cut = data.rfind(b"\n")
        if cut < 0:
            rest = data
            continue
        rest = data[cut + 1 :]
        yield data[: cut + 1]


def file_size(path: str) -> int | None:
    try:
        return os.path.getsize(path) if path != "-" else None
    except OSError:
        return None


# A write call's most. Bigger ones cost the kernel several times more per byte on this
# project's machine (Linux 6.18, ext4: 10 MB written at once took ~2.5 us of system time a
# KB, against ~0.25 us a KB in 1 MB calls), so results go out a megabyte at a time.
WRITE_BYTES = 1 << 20


def write_in_pieces(out: BinaryIO, data: bytes | memoryview) -> None:
    """`out.write(data)`, a megabyte (WRITE_BYTES) at a time."""
    view = memoryview(data)
    for start in range(0, len(view), WRITE_BYTES):
        out.write(view[start : start + WRITE_BYTES])
