"""`legwise saved ...`: the results kept with `legwise assess --save`, in the local store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from legwise.errors import InputError
from legwise.interfaces.cli.helpers import errors_to_exit, load_kb, screen, write_json
from legwise.interfaces.cli.local_store import local_store

if TYPE_CHECKING:
    from legwise.store import Person, Store

saved_app = typer.Typer(
    name="saved",
    help="Results you saved with `legwise assess --save`: list, reopen, check again, delete.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


@saved_app.command("list")
def saved_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
) -> None:
    """List the results you saved, newest first."""
    with local_store() as (store, me):
        saved = store.list_assessments(me)
    if as_json:
        for s in saved:
            write_json(_saved_summary(s))
        return
    if not saved:
        typer.echo("No saved results. Save one with `legwise assess ... --save`.")
        return
    from legwise.interfaces.cli.diary_view import saved_table

    screen().print(saved_table(saved))


def _saved_summary(s: Any) -> dict[str, Any]:
    conditions = s.result.get("conditions") or [{}]
    return {
        "id": s.id,
        "saved_at": s.created_at.isoformat(),
        "label": s.label,
        "level": s.level,
        "top": conditions[0].get("id"),
        "knowledge_version": s.knowledge_version,
    }


def _saved(store: Store, person: Person, number: int) -> Any:
    saved = store.get_assessment(person, number)
    if saved is None:
        raise InputError("RESULT", f"no saved result {number} (see `legwise saved list`)")
    return saved


@saved_app.command("show")
def saved_show(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(metavar="RESULT", help="The saved result's number.")],
    as_json: Annotated[bool, typer.Option("--json", help="The result exactly as saved.")] = False,
) -> None:
    """Reopen a saved result exactly as it was shown."""
    with local_store() as (store, me), errors_to_exit():
        saved = _saved(store, me, number)
    if as_json:
        write_json(saved.result)
        return
    from legwise.interfaces.cli.render import render_assessment

    with errors_to_exit():
        kb = load_kb(ctx)
    console = screen()
    console.print(
        f"Saved {saved.created_at:%d %b %Y %H:%M} UTC with knowledge {saved.knowledge_version}."
    )
    render_assessment(console, saved.result, kb, saved.case)


@saved_app.command("reassess")
def saved_reassess(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(metavar="RESULT", help="The saved result's number.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Both results and the difference.")
    ] = False,
) -> None:
    """Assess a saved case again with today's knowledge, and show what changed."""
    from legwise.store import reassess

    with local_store() as (store, me), errors_to_exit():
        saved = _saved(store, me, number)
    with errors_to_exit():
        kb = load_kb(ctx)
        again = reassess(saved, kb)
    if as_json:
        write_json(again.to_dict())
        return
    from legwise.interfaces.cli.diary_view import render_difference

    render_difference(screen(), again, kb)


@saved_app.command("delete")
def saved_delete(
    number: Annotated[int, typer.Argument(metavar="RESULT", help="The saved result's number.")],
) -> None:
    """Delete one saved result."""
    with local_store() as (store, me), errors_to_exit():
        if not store.delete_assessment(me, number):
            raise InputError("RESULT", f"no saved result {number} (see `legwise saved list`)")
    typer.echo(f"Deleted saved result {number}.")
