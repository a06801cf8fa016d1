"""What every `legwise` command shares: its one-line errors and exit codes, the knowledge base
it reads, the console it draws on and JSON output.

The Typer app (`app.py`) and the command groups in their own modules (`diary.py`, `batch.py`)
all import these from here, so no command module imports the app that registers it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from legwise.errors import KnowledgeError, LegwiseError

if TYPE_CHECKING:
    from rich.console import Console

    from legwise.kb.loader import Knowledge

EXIT_INPUT = 2
EXIT_KNOWLEDGE = 1
MAX_KNOWLEDGE_PROBLEMS = 20
SCREEN_WIDTH = 100


@dataclass(frozen=True)
class State:
    """Options of the root command that the subcommands share."""

    knowledge_dir: Path | None = None


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    """One line on stderr, then exit: the whole contract for a bad invocation."""
    line = " ".join(message.split())  # a message with a newline would break "one line"
    typer.echo(f"legwise: error: {line}", err=True)
    raise typer.Exit(code)


def _knowledge_failure(exc: KnowledgeError) -> NoReturn:
    problems = exc.problems
    typer.echo(f"legwise: error: the knowledge base has {len(problems)} problem(s):", err=True)
    for p in problems[:MAX_KNOWLEDGE_PROBLEMS]:
        typer.echo(f"  - {p}", err=True)
    if len(problems) > MAX_KNOWLEDGE_PROBLEMS:
        typer.echo(f"  ... and {len(problems) - MAX_KNOWLEDGE_PROBLEMS} more", err=True)
    raise typer.Exit(EXIT_KNOWLEDGE)


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Turn legwise's own errors into exit statuses, never a traceback."""
    try:
        yield
    except KnowledgeError as exc:
        _knowledge_failure(exc)
    except LegwiseError as exc:
        fail(str(exc))


def load_kb(ctx: typer.Context) -> Knowledge:
    """The shipped knowledge base, or the one given with --knowledge (for authors, tests)."""
    state = ctx.find_object(State)
    if state is not None and state.knowledge_dir is not None:
        from legwise.kb.loader import load_from

        return load_from(state.knowledge_dir)
    from legwise.kb.loader import load_knowledge

    return load_knowledge()


def screen() -> Console:
    """A Rich console for people, at most SCREEN_WIDTH columns wide."""
    from rich.console import Console

    console = Console(highlight=False)
    console.width = min(console.width, SCREEN_WIDTH)
    return console


def write_json(data: Any) -> None:
    """One JSON document on one line of stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
