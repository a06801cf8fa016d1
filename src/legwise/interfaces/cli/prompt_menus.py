"""Arrow-key prompts for the interview, drawn inline (never full screen) with questionary.

Select: arrow keys, or type an option's number or first letter ("b": Back) to move to it,
Enter to choose. Checkbox: the same keys to move, Space to tick, Enter to confirm (Enter with
nothing ticked is refused with a message, never read as the highlighted row; Enter on
"← Back" goes back). "None of these", "Not sure"
and "← Back" untick the rest. Numbers: typed, checked as you press Enter. Ctrl-C raises
KeyboardInterrupt.

Cursor-position requests are switched off: these prompts never need them, and a program
driving legwise through a pseudo-terminal would otherwise stall on each prompt waiting for
a reply it will never send.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from legwise.interfaces.answers import (
    BACK,
    BACK_LABEL,
    EXCLUSIVE,
    Answer,
    AnswerError,
    Back,
    number_hint,
    options,
    read_number,
)

if TYPE_CHECKING:
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
    from prompt_toolkit.output import Output
    from questionary import Question
    from questionary.prompts.common import InquirerControl

BACK_VALUE = "__back__"
SELECT_HINT = "(arrow keys or a number, then Enter)"
CHECKBOX_HINT = "(arrow keys or a number to move, Space to tick, Enter to confirm)"
QMARK = "›"
NOTHING_TICKED = 'Nothing is ticked. Press Space to tick, or tick "None of these" or "Not sure".'
DIGIT_PAUSE = 1.0  # seconds within which "1", "2" means 12


class MenuPrompter:
    """Asks with questionary; writes to `stream` (stdout, or stderr when stdout is for JSON)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._output: Output | None = None

    def output(self) -> Output:
        if self._output is None:
            from prompt_toolkit.output import create_output

            out = create_output(stdout=self.stream)
            if hasattr(out, "enable_cpr"):
                out.enable_cpr = False
            self._output = out
        return self._output

    def ask(
        self, question: dict[str, Any], can_go_back: bool, previous: Answer | None
    ) -> Answer | Back:
        kind = question["kind"]
        if kind == "number":
            return self._number(question, can_go_back, previous)
        if kind == "any_of":
            return self._checkbox(question, can_go_back, previous)
        return self._select(question, can_go_back, previous)

    # --- the three kinds ----------------------------------------------------------------------

    def _select(
        self, question: dict[str, Any], can_go_back: bool, previous: Answer | None
    ) -> Answer | Back:
        import questionary

        choices = _choices(question, can_go_back)
        default = next((c for c in choices if c.value == previous), None)
        prompt = questionary.select(
            "Answer",
            choices=choices,
            default=default,
            qmark=QMARK,
            instruction=SELECT_HINT,
            use_jk_keys=False,
            use_emacs_keys=False,
            output=self.output(),
        )
        _add_jump_keys(prompt)
        value = prompt.unsafe_ask()
        return BACK if value == BACK_VALUE else str(value)

    def _checkbox(
        self, question: dict[str, Any], can_go_back: bool, previous: Answer | None
    ) -> Answer | Back:
        import questionary

        ticked = set(previous) if isinstance(previous, tuple) else set()
        while True:
            choices = _choices(question, can_go_back, ticked)
            prompt = questionary.checkbox(
                "Answer",
                choices=choices,
                qmark=QMARK,
                instruction=CHECKBOX_HINT,
                use_jk_keys=False,
                use_emacs_keys=False,
                output=self.output(),
            )
            _add_jump_keys(prompt)
            _add_tick_keys(prompt)
            values = tuple(str(v) for v in prompt.unsafe_ask())
            if values:
                return BACK if BACK_VALUE in values else values
            self.stream.write(NOTHING_TICKED + "\n")  # an untouched list is not an answer
            self.stream.flush()

    def _number(
        self, question: dict[str, Any], can_go_back: bool, previous: Answer | None
    ) -> Answer | Back:
        import questionary

        def check(text: str) -> bool | str:
            try:
                read_number(text, question, can_go_back)
            except AnswerError as exc:
                return str(exc)
            return True

        back = ', "b" to go back' if can_go_back else ""
        default = "" if previous is None or isinstance(previous, tuple) else _show(previous)
        text = questionary.text(
            f"Answer ({number_hint(question)}; ? if not sure{back})",
            default=default,
            qmark=QMARK,
            validate=check,
            output=self.output(),
        ).unsafe_ask()
        return read_number(str(text), question, can_go_back)


def _show(value: Answer) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "?" if value == "unknown" else str(value)


def _choices(
    question: dict[str, Any], can_go_back: bool, ticked: set[str] | None = None
) -> list[Any]:
    from questionary import Choice

    out = [
        Choice(f"{n}) {label}", value=value, checked=bool(ticked and value in ticked))
        for n, (value, label) in enumerate(options(question), start=1)
    ]
    if can_go_back:
        out.append(Choice(BACK_LABEL, value=BACK_VALUE))
    return out


def _control(prompt: Question) -> InquirerControl:
    from questionary.prompts.common import InquirerControl

    for window in prompt.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            return window.content
    raise RuntimeError("questionary changed: no choice list in the prompt's layout")


def _bindings(prompt: Question) -> KeyBindings:
    from prompt_toolkit.key_binding import KeyBindings

    kb = prompt.application.key_bindings
    if not isinstance(kb, KeyBindings):
        raise RuntimeError("questionary changed: the prompt's key bindings are not editable")
    return kb


def _first_key(title: str, value: str) -> str:
    if value == BACK_VALUE:
        return "b"
    label = title.split(") ", 1)[-1]
    return label[:1].lower()


@dataclass
class _Typed:
    digits: str = ""
    at: float = 0.0


def _add_jump_keys(prompt: Question) -> None:
    """Typing an option's number moves to it ("1" then "2" within a second: option 12); a
    letter moves to the next option starting with it, but "b" to "← Back" when it is there.
    Later bindings win in prompt_toolkit, so these replace questionary's keys of that name."""
    ic = _control(prompt)
    bindings = _bindings(prompt)
    titles = [(i, str(c.title), str(c.value)) for i, c in enumerate(ic.choices)]
    numbered = sum(1 for _, _, v in titles if v != BACK_VALUE)
    typed = _Typed()

    def digit(event: KeyPressEvent) -> None:
        now = time.monotonic()
        joined = typed.digits + event.data
        if not (now - typed.at < DIGIT_PAUSE and 1 <= int(joined) <= numbered):
            joined = event.data
        typed.digits, typed.at = joined, now
        if 1 <= int(joined) <= numbered:
            ic.pointed_at = int(joined) - 1

    for d in "0123456789":
        bindings.add(d, eager=True)(digit)

    letters = {_first_key(t, v) for _, t, v in titles} - set("0123456789 ")
    for letter in letters:

        def cycle(event: KeyPressEvent, letter: str = letter) -> None:
            matches = [i for i, t, v in titles if _first_key(t, v) == letter]
            back = [i for i in matches if titles[i][2] == BACK_VALUE]
            if back:  # "b" is for Back, as the welcome says
                matches = back
            after = [i for i in matches if i > ic.pointed_at]
            ic.pointed_at = (after or matches)[0]

        bindings.add(letter, eager=True)(cycle)


def _add_tick_keys(prompt: Question) -> None:
    """Space ticks with "None of these"/"Not sure"/"Back" standing alone; Enter with nothing
    ticked is refused (as the web form does: an untouched list is not an answer), Enter on
    "← Back" goes back; tick-all and invert are off."""
    ic = _control(prompt)
    bindings = _bindings(prompt)
    alone = {*EXCLUSIVE, BACK_VALUE}

    @bindings.add(" ", eager=True)
    def tick(event: KeyPressEvent) -> None:
        value = ic.get_pointed_at().value
        if value in ic.selected_options:
            ic.selected_options.remove(value)
        elif value in alone:
            ic.selected_options = [value]
        else:
            ic.selected_options = [v for v in ic.selected_options if v not in alone] + [value]

    @bindings.add("enter", eager=True)
    def confirm(event: KeyPressEvent) -> None:
        if ic.get_pointed_at().value == BACK_VALUE:
            ic.selected_options = [BACK_VALUE]
        elif not ic.selected_options:
            ic.selected_options = []  # the caller says so and asks again
        ic.is_answered = True
        event.app.exit(result=[c.value for c in ic.choices if c.value in ic.selected_options])

    for key in ("a", "i"):
        if not any(_first_key(str(c.title), str(c.value)) == key for c in ic.choices):

            @bindings.add(key, eager=True)
            def ignore(event: KeyPressEvent) -> None:
                """Tick-all and invert would break the stand-alone answers."""
