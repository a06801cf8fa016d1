"""The `legwise` command: the Typer app, its commands and the error boundary.

Start-up stays quick because nothing heavy is imported here: the engine, the knowledge
loader and the Rich renderers are imported inside the commands that need them, so
`legwise --help` and `legwise --version` never load them.

Every error legwise raises on purpose becomes one line on stderr and exit status 2 (bad
input) or 1 (the knowledge base itself is broken); nothing is written to stdout first.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from legwise.errors import KnowledgeError, LegwiseError
from legwise.interfaces.cli.assess_options import (
    AgeOption,
    AnswersOption,
    AsJsonOption,
    BatchOption,
    CaseIdOption,
    CompactOption,
    DiaryOption,
    ErrorsFileOption,
    FhirOption,
    FhirOutOption,
    LabelOption,
    NoOption,
    OutputOption,
    SaveOption,
    SetOption,
    SexOption,
    TextOption,
    UnsureOption,
    YesOption,
)
from legwise.interfaces.cli.assess_steps import (
    Inputs,
    Keep,
    assess_fhir,
    assess_one,
    check_options,
)
from legwise.interfaces.cli.diary import diary_app, saved_app
from legwise.interfaces.cli.flag_help import flags_without_a_type
from legwise.interfaces.cli.helpers import (
    EXIT_INPUT,
    EXIT_KNOWLEDGE,
    SCREEN_WIDTH,
    State,
    errors_to_exit,
    fail,
    load_kb,
    screen,
    write_json,
)
from legwise.interfaces.cli.server import run_server
from legwise.interfaces.cli.text_input import argv_problem, read_text_option

flags_without_a_type()

app = typer.Typer(
    name="legwise",
    help="Assess leg pain at rest or at night: likely causes, how urgent, what to do.",
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals can hold health data; never print them
)


# --- root -------------------------------------------------------------------------------------


def show_help(ctx: typer.Context) -> None:
    """Print the help (what `legwise` with no command does when stdin is not a terminal)."""
    text = ctx.get_help()  # Typer's Rich help prints itself and returns ""
    if text:
        typer.echo(text)


def interview_or_help(ctx: typer.Context) -> None:
    """The interview for a person at a terminal; the help for a script or a pipe."""
    if sys.stdin.isatty():
        _run_interview(ctx)
    else:
        show_help(ctx)


default_action: Callable[[typer.Context], None] = interview_or_help
"""Run when `legwise` is called without a command."""


def _version(value: bool) -> None:
    if value:
        from legwise import __version__

        typer.echo(f"legwise {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    knowledge_dir: Annotated[
        Path | None,
        typer.Option(
            "--knowledge",
            envvar="LEGWISE_KNOWLEDGE",
            exists=True,
            file_okay=False,
            dir_okay=True,
            metavar="DIR",
            help="Use the knowledge files in DIR instead of the shipped ones.",
        ),
    ] = None,
) -> None:
    """Assess leg pain at rest or at night: likely causes, how urgent, what to do."""
    ctx.obj = State(knowledge_dir)
    if ctx.invoked_subcommand is None:
        default_action(ctx)


# --- assess -------------------------------------------------------------------------------------


@app.command()
def assess(
    ctx: typer.Context,
    answers: AnswersOption = None,
    batch: BatchOption = None,
    compact: CompactOption = False,
    output: OutputOption = None,
    errors_file: ErrorsFileOption = None,
    text: TextOption = None,
    yes: YesOption = None,
    no: NoOption = None,
    unsure: UnsureOption = None,
    set_: SetOption = None,
    age: AgeOption = None,
    sex: SexOption = None,
    case_id: CaseIdOption = None,
    as_json: AsJsonOption = False,
    fhir: FhirOption = None,
    fhir_out: FhirOutOption = False,
    diary: DiaryOption = False,
    save: SaveOption = False,
    label: LabelOption = None,
) -> None:
    """Assess one case (--text, --answers, --fhir or flags) or many (--batch).

    Finding ids are listed by `legwise knowledge findings`. Flags given with --answers
    override the file's findings; both override what --text gave.
    """
    from legwise.interfaces.cli.inputs import Flags

    flags = Flags(
        yes=yes or (),
        no=no or (),
        unsure=unsure or (),
        sets=set_ or (),
        age=age,
        sex=sex,
        case_id=case_id,
    )
    keep = Keep(diary=diary, save=save, label=label)
    inputs = Inputs(answers, batch, text, fhir, flags)
    with errors_to_exit():
        batch_options = {"--compact": compact, "--output": output, "--errors": errors_file}
        check_options(inputs, keep, fhir_out, batch_options)
        if fhir is not None:
            assess_fhir(ctx, fhir, as_json, fhir_out, keep)
        elif batch is not None:
            from legwise.interfaces.cli.batch import BatchOptions, run_batch

            run_batch(load_kb(ctx), BatchOptions(batch, compact, as_json, output, errors_file))
        else:
            assess_one(ctx, answers, text, flags, as_json, keep)


# --- parse ------------------------------------------------------------------------------------


@app.command()
def parse(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Option("--text", metavar="TEXT", help="The words to read ('-' reads stdin)."),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what was read as JSON (one object).")
    ] = False,
) -> None:
    """Show the findings read from free text, with the words that gave each (no assessment)."""
    with errors_to_exit():
        from legwise.errors import NothingRecognised
        from legwise.interfaces.cli.text_wait import extract_text

        result = extract_text(kb := load_kb(ctx), read_text_option(text))
        if not result.recognised:
            raise NothingRecognised()
    if as_json:
        write_json(result.to_dict())
        return
    from legwise.interfaces.cli.text_view import render_gaps, render_text_result

    console = screen()
    render_text_result(console, result.to_dict(), kb)
    render_gaps(console, result.to_dict(), kb)


# --- interview ----------------------------------------------------------------------------------


class Audience(StrEnum):
    patient = "patient"
    clinician = "clinician"


def _run_interview(
    ctx: typer.Context,
    audience: Audience = Audience.patient,
    save: Path | None = None,
    as_json: bool = False,
    plain: bool = False,
    text: str | None = None,
) -> None:
    from legwise.interfaces.cli.terminal_interview import Options, run_interview

    with errors_to_exit():
        kb = load_kb(ctx)
        options = Options(audience.value, save, as_json, plain, text)
        status = run_interview(kb, options, SCREEN_WIDTH)
    if status:
        raise typer.Exit(status)


@app.command()
def interview(
    ctx: typer.Context,
    audience: Annotated[
        Audience,
        typer.Option("--audience", help="clinician also asks examination findings."),
    ] = Audience.patient,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save", metavar="FILE.json", help="Save the answers and the result as JSON."
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="At the end print the result as JSON instead of the screen."),
    ] = False,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="Typed answers (numbers) instead of arrow-key menus."),
    ] = False,
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="WORDS",
            help="Start from your own words; the questions then cover what they leave open.",
        ),
    ] = None,
) -> None:
    """Answer questions one at a time, then see how urgent it is and what to do.

    Ctrl-C leaves without saving; "Back" (or b) goes back one question.
    """
    _run_interview(ctx, audience, save, as_json, plain, text)


# --- knowledge ----------------------------------------------------------------------------------


class What(StrEnum):
    conditions = "conditions"
    findings = "findings"
    rules = "rules"
    advice = "advice"
    scores = "scores"
    sources = "sources"


@app.command()
def knowledge(
    ctx: typer.Context,
    what: Annotated[
        What | None, typer.Argument(help="Which records to list; a summary when left out.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the records).")] = False,
) -> None:
    """Show what the knowledge base holds: conditions, findings, rules, advice, scores, sources."""
    from legwise.interfaces.cli import knowledge_view

    with errors_to_exit():
        kb = load_kb(ctx)
    name = what.value if what is not None else None
    if as_json:
        write_json(knowledge_view.dump(kb, name))
        return
    knowledge_view.render(screen(), kb, name)


# --- serve --------------------------------------------------------------------------------------


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None,
        typer.Option("--host", metavar="HOST", help="Address to listen on [default: 127.0.0.1]."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option("--port", metavar="PORT", help="Port to listen on [default: 8000]."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            metavar="N",
            help="Server processes [default: one per CPU]. Each loads the knowledge base "
            "(~150 MB); about one per CPU core is the most that helps.",
        ),
    ] = None,
    access_log: Annotated[
        bool,
        typer.Option(
            "--access-log/--no-access-log",
            help="Log each response's method, path and status (written in batches).",
        ),
    ] = True,
) -> None:
    """Serve the web pages (interview, result, doctor's report, diary), the REST API (/v1,
    OpenAPI at /openapi.json), FHIR (/fhir) and CDS Hooks (/cds-services) until Ctrl-C.

    Settings also come from LEGWISE_* variables (docs/security.md lists them: the signing
    secret, base URL, trusted hosts, limits and timeouts); the options given here win.
    """
    from pydantic import ValidationError

    from legwise.interfaces.api.settings import Settings

    state = ctx.find_object(State)
    update: dict[str, Any] = {"host": host, "port": port, "workers": workers}
    if state is not None:
        update["knowledge_dir"] = state.knowledge_dir
    try:
        settings = Settings.from_env()
        settings = Settings.model_validate(
            {**settings.model_dump(), **{k: v for k, v in update.items() if v is not None}}
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        fail(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}")
    with errors_to_exit():
        run_server(settings, access_log)


# --- entry point --------------------------------------------------------------------------------


def main() -> None:
    """Console-script entry point: run the app with a last-resort error boundary."""
    problem = argv_problem(sys.argv[1:])
    if problem is not None:
        typer.echo(f"legwise: error: {problem}", err=True)
        sys.exit(EXIT_INPUT)
    try:
        app(prog_name="legwise")
    except KnowledgeError as exc:
        typer.echo(f"legwise: error: {' '.join(str(exc).split())}", err=True)
        sys.exit(EXIT_KNOWLEDGE)
    except LegwiseError as exc:
        typer.echo(f"legwise: error: {' '.join(str(exc).split())}", err=True)
        sys.exit(EXIT_INPUT)
    except BrokenPipeError:  # e.g. `legwise knowledge findings | head`
        sys.stderr.close()
        sys.exit(0)


# --- diary and saved results (command groups of their own module) ---------------------------

app.add_typer(diary_app)
app.add_typer(saved_app)
