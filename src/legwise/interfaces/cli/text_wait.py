"""A word while the free-text reader is built: the first text a process reads waits some
seconds for it (spaCy and the phrase matcher), and a silent terminal looks stuck."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from legwise.kb.loader import Knowledge

WAIT = "Getting ready to read your words (the first time takes a few seconds)..."


@contextlib.contextmanager
def reading_text(kb: Knowledge, console: Any = None) -> Iterator[None]:
    """A spinner with WAIT on `console` (a Rich console; default: standard error) while the
    block runs, only when the reader is not built yet and the console is a terminal (never in
    a pipe, a file or --json output on standard output)."""
    from legwise.intake.phrase_pipeline import reader_ready  # imports no spaCy

    if reader_ready(kb):
        yield
        return
    if console is None:
        from rich.console import Console

        console = Console(stderr=True)
    if not console.is_terminal:
        yield
        return
    with console.status(WAIT):
        yield


def extract_text(kb: Knowledge, text: str) -> Any:
    """`legwise.intake.text.extract`, with the word above while the reader is built."""
    from legwise.intake.text import extract

    with reading_text(kb):
        return extract(text, kb)
