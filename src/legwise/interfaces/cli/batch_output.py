"""Where a batch run writes: a staged output file that replaces its target only when the run
ends well, the side file of bad rows (`--errors`), and the progress bar. Split from
`cli/batch.py`, which reads and scores."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO

import orjson

from legwise.errors import InputError
from legwise.interfaces.cli.inputs import BatchLineError


class Errors:
    """Bad rows: the first one stops the run (the default), or each goes to a side file."""

    def __init__(self, path: str | None, kind: str) -> None:
        self.path = path
        self.kind = kind
        self.count = 0
        self._out: IO[bytes] | None = None

    def add(self, place: int, field: str, message: str, case: Any) -> None:
        if self.path is None:
            if self.kind == "parquet":
                raise InputError(f"row {place}: {field}", message)
            raise BatchLineError(place, field or None, message)
        if self._out is None:
            self._out = open_out(self.path, "--errors")
        where = "row" if self.kind == "parquet" else "line"
        record = {where: place, "field": field, "message": message, "case": case}
        self._out.write(orjson.dumps(record, default=str) + b"\n")
        self.count += 1

    def close(self) -> None:
        if self._out is not None:
            self._out.close()


def open_out(path: str, option: str) -> IO[bytes]:
    try:
        return open(path, "wb")
    except OSError as exc:
        raise InputError(option, f"cannot write {path}: {exc.strerror}") from None


@contextlib.contextmanager
def staged(output: str | None) -> Iterator[BinaryIO]:
    """A file to write results into; it becomes `output` (or goes to stdout) only when the
    block ends without an error."""
    if output in (None, "-"):
        direct = _stdout_file()
        if direct is not None:
            with _taken_back(*direct) as out:
                yield out
            return
    folder = Path(output).parent if output not in (None, "-") else None
    if folder is not None and not folder.is_dir():
        raise InputError("--output", f"no such folder: {folder}")
    fd, tmp = tempfile.mkstemp(prefix=".legwise-", suffix=".partial", dir=folder)
    done = False
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
        if output in (None, "-"):
            with open(tmp, "rb") as src:
                sys.stdout.flush()
                shutil.copyfileobj(src, sys.stdout.buffer, 1 << 20)
                sys.stdout.buffer.flush()
        else:
            os.replace(tmp, output)
            done = True
    finally:
        if not done:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _stdout_file() -> tuple[int, int] | None:
    """(fd, where this run's output starts) when stdout is a regular file (`> out.jsonl`),
    else None. Results then go straight into it rather than through a staged copy (two
    more passes over every byte), and a run that fails cuts it back to where it started."""
    import fcntl
    import stat

    try:
        fd = sys.stdout.fileno()
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        sys.stdout.flush()
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND:  # `>>`: it writes at the end
            return fd, os.fstat(fd).st_size
        return fd, os.lseek(fd, 0, os.SEEK_CUR)
    except (AttributeError, OSError, ValueError):  # not a real file (a test's buffer)
        return None


@contextlib.contextmanager
def _taken_back(fd: int, start: int) -> Iterator[BinaryIO]:
    """stdout's file to write into (a duplicate of its descriptor: the same offset), cut
    back to `start` when the block ends with an error: a failed run leaves it as it was."""
    out = os.fdopen(os.dup(fd), "wb")
    try:
        with out:
            yield out
    except BaseException:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, start)
            os.lseek(fd, start, os.SEEK_SET)
        raise


@contextlib.contextmanager
def progress(path: str) -> Iterator[Any]:
    """A Rich progress bar on stderr for a file of known size, only at a terminal."""
    from legwise.tables.formats import file_size

    total = file_size(path)
    if not sys.stderr.isatty() or total is None:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("assessing", total=total)
        yield lambda n: bar.advance(task, n)
