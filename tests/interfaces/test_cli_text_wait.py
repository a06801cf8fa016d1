"""The first text a process reads waits for the reader's build: a terminal is told so (a
spinner on standard error), a pipe or a JSON reader never sees it."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from legwise.interfaces.cli import text_wait
from legwise.kb import load_knowledge


def test_a_terminal_is_told_to_wait_while_the_reader_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("legwise.intake.phrase_pipeline.reader_ready", lambda kb: False)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with text_wait.reading_text(load_knowledge(), console):
        pass
    assert "Getting ready to read your words" in out.getvalue()


def test_a_pipe_or_a_built_reader_gets_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr("legwise.intake.phrase_pipeline.reader_ready", lambda kb: False)
    with text_wait.reading_text(load_knowledge(), Console(file=out, force_terminal=False)):
        pass
    monkeypatch.setattr("legwise.intake.phrase_pipeline.reader_ready", lambda kb: True)
    with text_wait.reading_text(load_knowledge(), Console(file=out, force_terminal=True)):
        pass
    assert out.getvalue() == ""
