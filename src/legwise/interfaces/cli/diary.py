"""`legwise diary ...`: the night diary, locally (`legwise saved ...` is in `cli/saved.py`).

Locally there is no account: everything belongs to the store's one local person. The
database is the user's SQLite file unless LEGWISE_DATABASE_URL says otherwise. SQLAlchemy,
the store and Rich are imported inside the commands, so `legwise --help` stays quick.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from legwise.errors import InputError
from legwise.interfaces.cli.helpers import (
    errors_to_exit,
    fail,
    load_kb,
    screen,
    write_json,
)
from legwise.interfaces.cli.local_store import diary_entries, local_store, save_result
from legwise.interfaces.cli.saved import saved_app

if TYPE_CHECKING:
    from legwise.diary.entry import DiaryEntry
    from legwise.store import Person, Store, StoredEntry

diary_app = typer.Typer(
    name="diary",
    help="Your night diary: one entry a night, trends over weeks, export and delete.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


def at_terminal() -> bool:
    """Whether a person can be asked questions (stdin is a terminal)."""
    return sys.stdin.isatty()


def parse_night(value: str | None, option: str = "--night") -> dt.date:
    """A night: YYYY-MM-DD, "today", "yesterday"; by default last night (yesterday's date).

    A night is named by the date it began: the night of 3 to 4 May is 3 May.
    """
    today = dt.date.today()
    if value is None or value.strip().lower() in ("", "last", "yesterday", "last-night"):
        return today - dt.timedelta(days=1)
    if value.strip().lower() == "today":
        return today
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(option, f"{value!r} is not a date (use YYYY-MM-DD)") from None


def _entry(data: dict[str, Any]) -> DiaryEntry:
    """A DiaryEntry from options; an error names the option, not the entry's field."""
    from legwise.diary.entry import parse_entry

    try:
        return parse_entry(data)
    except InputError as exc:
        raise InputError(OPTION_OF.get(exc.field, exc.field), exc.message) from None


OPTION_OF = {
    "night": "--night",
    "worst_pain": "--pain",
    "episodes": "--episodes",
    "episode_minutes": "--minutes",
    "findings": "--yes",
    "self_care": "--tried",
    "note": "--note",
}


def _find(store: Store, person: Person, which: str) -> StoredEntry:
    """An entry by its number or by its night; InputError naming ENTRY when there is none."""
    stored = None
    if which.isdigit():
        stored = store.get_entry(person, int(which))
    else:
        stored = store.entry_for_night(person, parse_night(which, "ENTRY"))
    if stored is None:
        raise InputError("ENTRY", f"no diary entry {which!r} (see `legwise diary list`)")
    return stored


def entry_json(stored: StoredEntry) -> dict[str, Any]:
    return {"id": stored.id, **stored.entry.model_dump(mode="json")}


# --- commands ---------------------------------------------------------------------------------


@diary_app.command("add")
def add(
    ctx: typer.Context,
    pain: Annotated[
        int | None,
        typer.Option(
            "--pain",
            metavar="0-10",
            help="Worst pain that night (at a terminal: asked if left out).",
        ),
    ] = None,
    episodes: Annotated[
        int, typer.Option("--episodes", metavar="N", help="How many bouts of pain or leg trouble.")
    ] = 1,
    minutes: Annotated[
        int, typer.Option("--minutes", metavar="N", help="About how long a bout lasted.")
    ] = 0,
    night: Annotated[
        str | None,
        typer.Option(
            "--night", metavar="DATE", help="YYYY-MM-DD, today or yesterday [default: last night]."
        ),
    ] = None,
    yes: Annotated[
        list[str] | None,
        typer.Option("--yes", metavar="FINDING", help="A symptom you had (repeatable)."),
    ] = None,
    tried: Annotated[
        list[str] | None,
        typer.Option("--tried", metavar="MEASURE", help="Self-care you tried (repeatable)."),
    ] = None,
    woke: Annotated[
        bool, typer.Option("--woke/--slept", help="Did it wake you or keep you awake?")
    ] = False,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Anything else.")] = "",
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace that night's entry if there is one.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the saved entry as JSON.")] = False,
) -> None:
    """Add one night: worst pain, bouts, symptoms, self-care tried, sleep.

    At a terminal, `legwise diary add` with no --pain asks about the night instead.
    Symptom ids are listed by `legwise knowledge findings`; self-care ids by
    `legwise knowledge advice`.
    """
    from legwise.diary.entry import check_entry

    with errors_to_exit():
        when = parse_night(night)
        kb = load_kb(ctx)
        answers: dict[str, Any] = {
            "worst_pain": pain,
            "episodes": episodes,
            "episode_minutes": minutes,
            "findings": tuple(yes or ()),
            "self_care": tuple(tried or ()),
            "sleep_disturbed": woke,
            "note": note,
        }
        if pain is None:
            if not at_terminal():
                raise InputError("--pain", "is required (or run this at a terminal to be asked)")
            from legwise.interfaces.cli.diary_prompt import ask_night

            answers = ask_night(kb, f"{when:%A %d %B %Y}")
        entry = _entry({"night": when, **answers})
        try:
            check_entry(kb, entry)
        except InputError as exc:
            field = exc.field.split("[")[0]
            raise InputError(OPTION_OF.get(field, field), exc.message) from None
    with local_store() as (store, me):
        stored = store.add_entry(me, entry, replace=replace)
    if as_json:
        write_json(entry_json(stored))
        return
    typer.echo(f"Saved the night of {stored.entry.night:%a %d %b %Y} (entry {stored.id}).")


@diary_app.command("list")
def list_(
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only nights from DATE on.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
) -> None:
    """List the nights in the diary, oldest first."""
    with errors_to_exit():
        start = parse_night(since, "--since") if since is not None else None
    with local_store() as (store, me):
        entries = store.list_entries(me, since=start)
    if as_json:
        for stored in entries:
            write_json(entry_json(stored))
        return
    if not entries:
        typer.echo("The diary is empty. Add a night with `legwise diary add --pain N`.")
        return
    from legwise.interfaces.cli.diary_view import entries_table

    screen().print(entries_table(entries))


@diary_app.command("show")
def show(
    ctx: typer.Context,
    which: Annotated[str, typer.Argument(metavar="ENTRY", help="Entry number or night date.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one night in full."""
    with local_store() as (store, me):
        stored = _find(store, me, which)
    if as_json:
        write_json(entry_json(stored))
        return
    from legwise.interfaces.cli.diary_view import render_entry

    with errors_to_exit():
        kb = load_kb(ctx)
    render_entry(screen(), stored, kb)


@diary_app.command("delete")
def delete(
    which: Annotated[
        str | None, typer.Argument(metavar="ENTRY", help="Entry number or night date.")
    ] = None,
    everything: Annotated[
        bool,
        typer.Option("--everything", help="Delete the whole diary and every saved result."),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask to confirm --everything.")] = False,
) -> None:
    """Delete one night, or (with --everything) all that legwise keeps about you."""
    if everything == (which is not None):
        fail("ENTRY: give one entry to delete, or --everything")
    if which is not None:
        with local_store() as (store, me):
            stored = _find(store, me, which)
            store.delete_entry(me, stored.id)
        typer.echo(f"Deleted the night of {stored.entry.night:%a %d %b %Y}.")
        return
    if not yes and not typer.confirm(
        "Delete your whole diary and every saved result? This cannot be undone.", default=False
    ):
        typer.echo("Nothing was deleted.")
        raise typer.Exit(1)
    with local_store() as (store, me):
        store.delete_person(me)
    typer.echo("Deleted your diary and saved results.")


@diary_app.command("export")
def export(
    fhir: Annotated[
        bool, typer.Option("--fhir", help="A FHIR R4 Bundle of Observations instead.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE, not to the screen."),
    ] = None,
) -> None:
    """Everything legwise keeps about you: as JSON, or as a FHIR R4 Bundle."""
    with local_store() as (store, me):
        data = store.export_fhir(me) if fhir else store.export_json(me)
    if output is None:
        write_json(data)
        return
    from legwise.interfaces.cli.terminal_interview import save_atomically

    try:
        save_atomically(output, data)
    except OSError as exc:
        fail(f"--output: cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"Wrote {output}.")


@diary_app.command("report")
def report(
    ctx: typer.Context,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", metavar="FILE", help="Also write the chart as an SVG picture."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The trends as JSON.")] = False,
) -> None:
    """A chart of pain and bouts night by night, what the trends show, and what that means."""
    from legwise.diary.trends import read_diary

    with local_store() as (store, me):
        entries = [s.entry for s in store.list_entries(me)]
    with errors_to_exit():
        kb = load_kb(ctx)
        reading = read_diary(entries, today=dt.date.today(), kb=kb)
    if as_json:
        write_json(reading.to_dict())
        return
    from legwise.interfaces.cli.diary_view import render_report

    render_report(screen(), entries, reading, kb)
    if svg is not None:
        from legwise.interfaces.charts import diary_svg

        try:
            svg.write_text(diary_svg(entries), encoding="utf-8")
        except OSError as exc:
            fail(f"--svg: cannot write {svg}: {exc.strerror or exc}")
        typer.echo(f"Wrote the chart to {svg}.")


__all__ = [
    "diary_app",
    "diary_entries",
    "local_store",
    "save_result",
    "saved_app",
]
