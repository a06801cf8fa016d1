"""`legwise diary add` at a terminal without options: ask about last night, one line at a time.

Plain numbered prompts (no full-screen menus), so they work with a screen reader and over a
slow connection. Every answer is checked where it is typed; a wrong one is asked again.
"""

from __future__ import annotations

from typing import Any

import typer

from legwise.diary.choices import self_care_options, symptom_options
from legwise.diary.entry import MAX_NOTE
from legwise.kb.loader import Knowledge


def _pick(question: str, options: list[dict[str, str]]) -> tuple[str, ...]:
    """Ids the person picks from a numbered list (numbers with spaces; Enter for none)."""
    typer.echo(question)
    for number, option in enumerate(options, start=1):
        typer.echo(f"  {number:>2}) {option['label']}")
    while True:
        raw = typer.prompt(
            "Type the numbers with spaces between them, or press Enter for none",
            default="",
            show_default=False,
        )
        words = raw.replace(",", " ").split()
        if all(w.isdigit() and 1 <= int(w) <= len(options) for w in words):
            return tuple(dict.fromkeys(options[int(w) - 1]["id"] for w in words))
        typer.echo(f"Please type numbers from 1 to {len(options)}.")


def _number(question: str, low: int, high: int, default: int | None = None) -> int:
    """A whole number from `low` to `high`, asked again until it is one."""
    while True:
        raw = typer.prompt(
            question, default=None if default is None else str(default), show_default=True
        )
        text = str(raw).strip()
        if text.isdigit() and low <= int(text) <= high:
            return int(text)
        typer.echo(f"Please type a whole number from {low} to {high}.")


def ask_night(kb: Knowledge, night_label: str) -> dict[str, Any]:
    """The answers for one night, in the shape `DiaryEntry` takes (without the night)."""
    typer.echo(f"About the night of {night_label}.")
    pain = _number("Worst pain that night, from 0 (none) to 10 (the worst you can imagine)", 0, 10)
    episodes = _number("How many bouts of pain or leg trouble?", 0, 50, 1 if pain else 0)
    minutes = 0
    if episodes:
        minutes = _number("About how many minutes did a bout last? (0 if not sure)", 0, 720, 0)
    findings = _pick("Which of these did you have that night?", symptom_options(kb))
    tried = _pick("Which self-care did you try?", self_care_options(kb))
    woke = typer.confirm("Did it wake you or keep you awake?", default=False)
    note = typer.prompt(
        "Anything else to write down? (press Enter to skip)", default="", show_default=False
    )
    return {
        "worst_pain": pain,
        "episodes": episodes,
        "episode_minutes": minutes,
        "findings": findings,
        "self_care": tried,
        "sleep_disturbed": woke,
        "note": note[:MAX_NOTE],
    }
