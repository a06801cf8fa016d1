"""`legwise interview`: ask one question at a time, then show the assessment.

The loop holds no clinical logic: the stateless stepper (`engine.question_choice.next_step`)
chooses each question and when to stop, `answers.apply_answer` puts each answer in the case,
and `legwise.assess` judges the final case, shown by the same screen as `legwise assess`.
A history of (question, answer, case before it) lets "Back" undo exactly the last answer.
Nothing is written anywhere unless --save names a file; answers never go to a log.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from legwise.errors import InputError
from legwise.interfaces.answers import Answer, Back, apply_answer
from legwise.interfaces.cli.text_wait import reading_text

if TYPE_CHECKING:
    from legwise.kb.loader import Knowledge

EXIT_STOPPED = 130
STOPPED = "Stopped. Nothing was saved."
WELCOME = (
    "legwise asks about leg pain at rest or at night, then says how soon to get care "
    "and what may be going on. It does not replace a doctor."
)
KEYS_HELP = 'Press Ctrl-C to leave at any time. Choose "← Back" (or type b) to go back.'


class Prompter(Protocol):
    def ask(
        self, question: dict[str, Any], can_go_back: bool, previous: Answer | None
    ) -> Answer | Back: ...


@dataclass(frozen=True)
class Options:
    audience: str = "patient"
    save: Path | None = None
    as_json: bool = False
    plain: bool = False
    text: str | None = None


@dataclass
class Interview:
    """The case so far and how it got there; `step` is the stepper (kb, case, audience)."""

    step: Callable[[dict[str, Any]], dict[str, Any]]
    case: dict[str, Any] = field(default_factory=lambda: {"findings": {}})
    history: list[tuple[dict[str, Any], Answer, dict[str, Any]]] = field(default_factory=list)

    def run(
        self,
        prompter: Prompter,
        show: Callable[[dict[str, Any], int], None],
        alert: Callable[[dict[str, Any]], None] | None = None,
    ) -> Any:
        """Ask until the stepper is done; return its final `Step.to_dict()`.

        `alert` is called with a step that is still asking although the answers already mean
        an emergency (a quick check for ambulance-level signs), before its question is shown.
        """
        redo: tuple[dict[str, Any], Answer] | None = None
        while True:
            if redo is not None:
                question, previous = redo
            else:
                step = self.step(self.case)
                if step["done"]:
                    return step
                if step.get("urgent") and alert is not None:
                    alert(step)
                question, previous = step["question"], None
            redo = None
            show(question, len(self.history) + 1)
            answer = prompter.ask(question, bool(self.history), previous)
            if isinstance(answer, Back):
                redo = self.back()
                continue
            self.history.append((question, answer, self.case))
            self.case = apply_answer(self.case, question, answer)

    def back(self) -> tuple[dict[str, Any], Answer]:
        """Undo the last answer; return that question and the answer it had."""
        question, answer, before = self.history.pop()
        self.case = before
        return question, answer


# --- display --------------------------------------------------------------------------------


def show_question(console: Console) -> Callable[[dict[str, Any], int], None]:
    def show(question: dict[str, Any], number: int) -> None:
        console.print()
        console.print(Text(f"Question {number}", style="dim"))
        console.print(Text(question["text"], style="bold"))
        if question.get("for_child"):
            console.print(Text("(You are answering for your child.)", style="dim"))
        if question.get("help"):
            console.print(Text(question["help"], style="dim"))
        if question.get("why"):
            console.print(Text("Why we ask: " + question["why"], style="dim"))

    return show


def urgent_alert(console: Console, kb: Knowledge) -> Callable[[dict[str, Any]], None]:
    """Say what to do now, before any last question asked to decide on an ambulance."""
    shown: set[str] = set()

    def alert(step: dict[str, Any]) -> None:
        level = str(step.get("level") or "emergency")
        if level in shown:
            return
        shown.add(level)
        info = kb.levels.get(level)
        action = info.action if info else "Get medical help now."
        body = Text(action, style="bold")
        body.append(
            "\nThe next questions check whether you need an ambulance. If you are unsure, do not"
            " wait: get help now.",
            style="",
        )
        console.print()
        console.print(Panel(body, title=info.label if info else "Get help now", style="red"))

    return alert


def emergency_panel(
    result: dict[str, Any], kb: Knowledge, case: dict[str, Any] | None = None
) -> Panel:
    """What to do now, before anything else: the level's action and the top reason, in words
    for the person (naming only their own risk factors), as on the result screen."""
    from legwise.interfaces.views import EMERGENCY_LEVELS, reasons

    tri = result["triage"]
    level = tri["level"]
    colour = kb.levels[level].colour if level in kb.levels else "red"
    body = Text(tri.get("action", ""), style="bold")
    told = reasons(kb, result, case)
    if told:
        top = told[0]
        if top.get("action") and level not in EMERGENCY_LEVELS:  # "go now" is the one voice
            body.append("\n" + top["action"])
        words = top.get("patient") or top.get("text")
        if words:
            body.append("\n\n" + words)
        if top.get("because"):
            body.append(" In your answers: " + ", ".join(top["because"]) + ".")
    return Panel(
        body,
        title=Text(tri.get("label", level), style=f"bold {colour}"),
        title_align="left",
        border_style=colour,
        padding=(0, 1),
    )


# --- saving ---------------------------------------------------------------------------------


def check_save_path(path: Path) -> None:
    """Fail before the first question, not after the last, when the file cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError("--save", f"is a folder, not a file: {path}")
    if not folder.is_dir():
        raise InputError("--save", f"folder not found: {folder}")
    if not os.access(folder, os.W_OK):
        raise InputError("--save", f"cannot write in folder: {folder}")


def save_atomically(path: Path, data: dict[str, Any]) -> None:
    """Write JSON to a temp file beside `path`, then rename it over: never half-written."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- the command ----------------------------------------------------------------------------


def use_plain(options: Options, stream: TextIO) -> bool:
    """Typed answers unless both ends are a real, capable terminal."""
    if options.plain or os.environ.get("TERM", "") == "dumb":
        return True
    return not (sys.stdin.isatty() and stream.isatty())


def make_console(stream: TextIO, width: int) -> Console:
    console = Console(file=stream, highlight=False)
    console.width = min(console.width, width)
    return console


def run_interview(kb: Knowledge, options: Options, width: int) -> int:
    """Run the whole interview; return the exit status (0, or 130 when stopped)."""
    from legwise.interfaces.unsure import next_step

    if options.save is not None:
        check_save_path(options.save)
    stream = sys.stderr if options.as_json else sys.stdout  # stdout is for the JSON then
    console = make_console(stream, width)
    prompter: Prompter
    if use_plain(options, stream):
        from legwise.interfaces.cli.prompt_plain import PlainPrompter

        prompter = PlainPrompter(console)
    else:
        from legwise.interfaces.cli.prompt_menus import MenuPrompter

        prompter = MenuPrompter(stream)

    def step(case: dict[str, Any]) -> dict[str, Any]:
        history = [(question, answer) for question, answer, _ in interview.history]
        return next_step(kb, case, history, options.audience)

    interview = Interview(step)
    try:
        console.print(Text(WELCOME, style="bold"))
        console.print(Text(KEYS_HELP, style="dim"))
        if options.text:
            interview.case = start_case(kb, options.text, console)
        done = interview.run(prompter, show_question(console), urgent_alert(console, kb))
        if done.get("reason_code") != "emergency" and not options.as_json:
            added = anything_else(kb, interview.case, console)
            if added:
                interview.case = {
                    **interview.case,
                    "findings": {**added, **(interview.case.get("findings") or {})},
                }
                done = interview.run(prompter, show_question(console), urgent_alert(console, kb))
    except (KeyboardInterrupt, EOFError):
        console.print()
        console.print(Text(STOPPED, style="bold"))
        return EXIT_STOPPED
    finish(kb, interview.case, done, options, console)
    return 0


ANYTHING_ELSE = "Is there anything else you want to tell us?"


def anything_else(kb: Knowledge, case: dict[str, Any], console: Console) -> dict[str, Any]:
    """The closing free-text question; the findings it gives that the answers left open.
    An empty line (or the end of input) skips it."""
    import legwise
    from legwise.errors import NothingRecognised

    console.print()
    console.print(Text(ANYTHING_ELSE, style="bold"))
    console.print(Text("Type it and press Enter, or just press Enter to skip: ", style=""), end="")
    try:
        text = input()
    except EOFError:
        return {}
    if not text.strip() or text.strip() == "?":
        return {}
    try:
        with reading_text(kb, console):
            res = legwise.parse_text(text[:5000], kb=kb)
    except (NothingRecognised, InputError):
        return {}
    answered = case.get("findings") or {}
    added = {f: v for f, v in res.findings.items() if f not in answered}
    if added:
        from legwise.interfaces.views import finding_label

        noted = ", ".join(finding_label(kb, f) for f in added)
        console.print(Text(f"We noted: {noted}.", style="dim"))
    return added


def start_case(kb: Knowledge, text: str, console: Console) -> dict[str, Any]:
    """The case the person's own words give (the questions then skip those answers); says
    what was noted. Nothing recognised starts from nothing, as the web page does."""
    import legwise
    from legwise.errors import NothingRecognised

    try:
        with reading_text(kb, console):
            res = legwise.parse_text(text, kb=kb)
    except NothingRecognised:
        res = None
    if res is None or not res.findings:
        console.print(
            Text("We could not pick out symptoms from your words. The questions cover them.")
        )
        return {"findings": {}}
    case: dict[str, Any] = {"findings": dict(res.findings)}
    if res.age is not None:
        case["age"] = res.age
    if res.sex is not None:
        case["sex"] = res.sex
    from legwise.interfaces.views import finding_label

    noted = ", ".join(finding_label(kb, f) for f in res.findings)
    console.print(Text(f"From your words we noted: {noted}.", style="dim"))
    return case


def finish(
    kb: Knowledge,
    case: dict[str, Any],
    done: dict[str, Any],
    options: Options,
    console: Console,
) -> None:
    """Assess the final case; emergency advice first, then the screen (or JSON); save."""
    import legwise

    result = legwise.assess(case, kb=kb).to_dict()
    if done.get("reason_code") == "emergency" and options.as_json:
        # The screen opens with this panel anyway; with --json it is the only thing people see.
        console.print()
        console.print(emergency_panel(result, kb, case))
    if options.save is not None:
        save_atomically(options.save, {"case": case, "result": result})
    console.print()
    console.print(Text(str(done.get("reason", "")), style="italic"))
    if options.as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        from legwise.interfaces.cli.render import render_assessment

        unsure_panel(console, kb, case, result)
        render_assessment(console, result, kb, case, options.audience)
        summary(console, result)
    if options.save is not None:
        console.print(Text(f"Saved your answers and the result to {options.save}", style="dim"))


def unsure_panel(
    console: Console, kb: Knowledge, case: dict[str, Any], result: dict[str, Any]
) -> None:
    """Warning signs left unsure or unasked, first, with what to do if any of them is true."""
    from legwise.interfaces.unsure import open_warning_signs

    groups = open_warning_signs(kb, case, result["triage"].get("unanswered_red_flags", []))
    if not groups:
        return
    body = Text("You were not sure about these warning signs (or they were not asked).")
    for g in groups:
        body.append(f"\nIf you have any of these: {g['action']}\n", style="bold")
        body.append("\n".join(f"  - {label}" for label in g["signs"]))
    console.print()
    console.print(Panel(body, title="Warning signs you were not sure about", style="yellow"))


def summary_lines(result: dict[str, Any]) -> list[str]:
    """Three lines: the level, what to do, the top causes (as natural frequencies)."""
    from legwise.interfaces.frequencies import in_ten

    tri = result["triage"]
    from legwise.interfaces.views import shown

    causes = [
        f"{c['name']} ({in_ten(float(c['probability']))})" for c in shown(result["conditions"])[:3]
    ]
    return [
        f"In short: {tri.get('label', tri['level'])}.",
        f"What to do: {tri.get('action', '')}",
        "Most likely: " + ("; ".join(causes) if causes else "no cause stands out") + ".",
    ]


def summary(console: Console, result: dict[str, Any]) -> None:
    """The result ends with its gist, so it is on screen when the scrolling stops."""
    console.print()
    for n, line in enumerate(summary_lines(result)):
        console.print(Text(line, style="bold" if n < 2 else ""))
