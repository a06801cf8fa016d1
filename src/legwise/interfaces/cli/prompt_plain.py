"""Typed-answer prompts for the interview (`--plain`, TERM=dumb, or no terminal).

Options are numbered; the person types a number (or a label, "b" to go back, "?" for not
sure) and presses Enter. Nothing is drawn with cursor movement, so it works on any terminal,
through a pipe, or driven by another program. Ctrl-C raises KeyboardInterrupt; the end of
input raises EOFError.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from legwise.interfaces.answers import (
    BACK_LABEL,
    Answer,
    AnswerError,
    Back,
    number_hint,
    options,
    read_any_of,
    read_choice,
    read_number,
)

CHOOSE_ONE = "Choose one (type its number)"
CHOOSE_ANY = "Choose all that apply (numbers, e.g. 1,3)"


class PlainPrompter:
    """Asks on a Rich console, reading one typed line an answer."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def ask(
        self, question: dict[str, Any], can_go_back: bool, previous: Answer | None
    ) -> Answer | Back:
        kind = question["kind"]
        back = ', "b" to go back' if can_go_back else ""
        if kind == "number":
            prompt = f"Answer ({number_hint(question)}; ? if not sure{back})"
            reader = read_number
        else:
            self._list(question, can_go_back)
            prompt = (CHOOSE_ANY if kind == "any_of" else CHOOSE_ONE) + back
            reader = read_any_of if kind == "any_of" else read_choice
        while True:
            self.console.print(Text(f"{prompt}: ", style="bold"), end="")
            text = input()
            try:
                return reader(text, question, can_go_back)
            except AnswerError as exc:
                self.console.print(Text(str(exc), style="yellow"))

    def _list(self, question: dict[str, Any], can_go_back: bool) -> None:
        for n, (_, label) in enumerate(options(question), start=1):
            self.console.print(Text(f"  {n}) {label}"))
        if can_go_back:
            self.console.print(Text(f"  b) {BACK_LABEL}", style="dim"))
