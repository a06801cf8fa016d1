"""The `legwise` command: the Typer app, its commands and the error boundary.

Start-up stays quick because nothing heavy is imported here: the engine, the knowledge
loader and the Rich renderers are imported inside the commands that need them, so
`legwise --help` and `legwise --version` never load them.

Every error legwise raises on purpose becomes one line on stderr and exit status 2 (bad
input) or 1 (the knowledge base itself is broken); nothing is written to stdout first.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from legwise.errors import InputError, KnowledgeError, LegwiseError
from legwise.interfaces.cli.diary import diary_app, saved_app
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

if TYPE_CHECKING:
    from legwise.kb.loader import Knowledge


def _flags_without_a_type() -> None:
    """Typer 0.29 shows every on/off flag as `--json <bool>` in --help, which reads as if the
    flag took a value. A flag takes none: show no type for it (options keep theirs)."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich
    if getattr(shown, "legwise_flags", False):
        return

    def display_type_rich(self: TyperOption, ctx: Any) -> str | None:
        if self.is_flag and self.metavar is None:
            return None
        return shown(self, ctx)

    display_type_rich.legwise_flags = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_flags_without_a_type()

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
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers", metavar="FILE.json", help="One case as a JSON object ('-' reads stdin)."
        ),
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            "--batch",
            metavar="FILE",
            help="Many cases: JSON Lines (one object a line), CSV or Parquet (by extension).",
        ),
    ] = None,
    compact: Annotated[
        bool,
        typer.Option(
            "--compact",
            help="With --batch: a compact result per case (level, rules, top causes, scores), "
            "on the fast vectorised path.",
        ),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            metavar="PATH",
            help="With --batch: write results here (.jsonl, or .csv/.parquet with --compact).",
        ),
    ] = None,
    errors_file: Annotated[
        str | None,
        typer.Option(
            "--errors",
            metavar="FILE.jsonl",
            help="With --batch: write bad rows here (field and reason) and score the rest.",
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="TEXT",
            help="Describe it in your own words ('-' reads stdin); answers and flags override.",
        ),
    ] = None,
    yes: Annotated[
        list[str] | None,
        typer.Option("--yes", metavar="FINDING", help="A finding that is present (repeatable)."),
    ] = None,
    no: Annotated[
        list[str] | None,
        typer.Option("--no", metavar="FINDING", help="A finding that is absent (repeatable)."),
    ] = None,
    unsure: Annotated[
        list[str] | None,
        typer.Option("--unsure", metavar="FINDING", help="A finding you are not sure about."),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FINDING=NUMBER",
            help="A measured value, e.g. ankle_brachial_index=0.6.",
        ),
    ] = None,
    age: Annotated[str | None, typer.Option("--age", metavar="N", help="Age in years.")] = None,
    sex: Annotated[
        str | None, typer.Option("--sex", metavar="female|male|other", help="Sex.")
    ] = None,
    case_id: Annotated[
        str | None, typer.Option("--id", metavar="TEXT", help="An id echoed in the result.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result as JSON (one object a line).")
    ] = False,
    fhir: Annotated[
        str | None,
        typer.Option(
            "--fhir",
            metavar="QR.json",
            help="A FHIR R4 QuestionnaireResponse to legwise's Questionnaire ('-' reads stdin).",
        ),
    ] = None,
    fhir_out: Annotated[
        bool,
        typer.Option("--fhir-out", help="Print the result as a FHIR R4 RiskAssessment (JSON)."),
    ] = False,
    diary: Annotated[
        bool,
        typer.Option("--diary", help="Add what your night diary shows (`legwise diary`)."),
    ] = False,
    save: Annotated[
        bool, typer.Option("--save", help="Keep the result (see `legwise saved list`).")
    ] = False,
    label: Annotated[
        str | None, typer.Option("--label", metavar="TEXT", help="A name for a saved result.")
    ] = None,
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
    with errors_to_exit():
        if label is not None and not save:
            raise InputError("--label", "names a saved result: add --save")
        if batch is not None and (diary or save):
            raise InputError("--batch", "cannot be combined with --diary or --save")
        for option, value in (
            ("--compact", compact),
            ("--output", output),
            ("--errors", errors_file),
        ):
            if value and batch is None:
                raise InputError(option, "goes with --batch FILE")
        if fhir is not None:
            if answers is not None or batch is not None or text is not None or flags.given():
                raise InputError("--fhir", "cannot be combined with other inputs")
            _assess_fhir(ctx, fhir, as_json, fhir_out, keep)
            return
        if fhir_out:
            raise InputError("--fhir-out", "needs --fhir QR.json")
        if answers is not None and batch is not None:
            raise InputError("--batch", "give either --answers or --batch, not both")
        if batch is not None and (flags.given() or text is not None):
            raise InputError(
                "--batch", "cannot be combined with answer flags or --text; put them in the file"
            )
        if answers is None and batch is None and text is None and not flags.given():
            raise InputError(
                "no input",
                "give --text TEXT, --answers FILE.json, --batch FILE.jsonl or answers as "
                "flags (--yes FINDING, --no FINDING, --age N, ...)",
            )
        if batch is not None:
            from legwise.interfaces.cli.batch import BatchOptions, run_batch

            run_batch(load_kb(ctx), BatchOptions(batch, compact, as_json, output, errors_file))
        else:
            _assess_one(ctx, answers, text, flags, as_json, keep)


@dataclass(frozen=True)
class Keep:
    """What `assess` does besides assessing: read the diary, save the result."""

    diary: bool = False
    save: bool = False
    label: str | None = None


def _with_diary(kb: Knowledge, case: Any, keep: Keep) -> tuple[Any, dict[str, Any] | None]:
    """The case with what the local diary shows merged in (when --diary), and what it gave."""
    if not keep.diary:
        return case, None
    from legwise.diary.trends import read_diary
    from legwise.intake.diary import merge_diary
    from legwise.interfaces.cli.diary import diary_entries

    reading = read_diary(
        diary_entries(), today=dt.date.today(), kb=kb
    )  # a stale diary shows nothing
    if not reading.summary.nights_recorded:
        raise InputError("--diary", "your diary is empty; add nights with `legwise diary add`")
    return merge_diary(case or {}, reading)


def _finish(kb: Knowledge, assessment: Any, keep: Keep, as_json: bool) -> None:
    """Print the result (and keep it when --save); the saved copy is exactly what is shown."""
    result = assessment.to_dict()
    if keep.save:
        from legwise.interfaces.cli.diary import save_result

        number = save_result(assessment.case.to_dict(), result, keep.label)
        if not as_json:
            typer.echo(f"Saved as result {number} (`legwise saved show {number}`).", err=True)
    if as_json:
        write_json(result)
        return
    from legwise.interfaces.cli.render import render_assessment

    console = screen()
    if result.get("from_text") is not None:
        from legwise.interfaces.cli.text_view import render_text_result

        render_text_result(console, result["from_text"], kb)
        console.print()
    render_assessment(console, result, kb, assessment.case.to_dict())
    from legwise.interfaces.cli.interview import summary

    summary(console, result)  # the gist last, so it is on screen when the scrolling stops


def _read_text_option(text: str) -> str:
    if text != "-":
        return text
    # Bytes, decoded strictly: a C locale's stdin would turn bad bytes into lone surrogates.
    stream = getattr(sys.stdin, "buffer", None)
    try:
        text = stream.read().decode("utf-8") if stream is not None else sys.stdin.read()
    except UnicodeDecodeError:
        raise InputError("--text", "standard input is not UTF-8 text") from None
    if argv_problem([text]) is not None:
        raise InputError("--text", "standard input is not UTF-8 text")
    return text


def _assess_one(
    ctx: typer.Context,
    answers: str | None,
    text: str | None,
    flags: Any,
    as_json: bool,
    keep: Keep,
) -> None:
    from legwise.engine.assess import assess_case
    from legwise.intake.merge import has_text
    from legwise.interfaces.cli.inputs import apply_flags, read_answers

    case = read_answers(answers) if answers is not None else None  # file errors first
    if flags.given():
        case = apply_flags(case, flags)
    if text is not None:
        case = {**(case or {}), "text": _read_text_option(text)}
        if not has_text(case):
            raise InputError("--text", "is empty; describe the symptoms in a few words")
    kb = load_kb(ctx)
    intake = None
    if has_text(case):  # spaCy is imported only here, never for structured answers
        from legwise.intake.merge import merge_text

        case, intake = merge_text(case or {}, kb)
    case, from_diary = _with_diary(kb, case, keep)
    assessment = assess_case(
        case, from_text=None if intake is None else intake.to_dict(), from_diary=from_diary, kb=kb
    )
    _finish(kb, assessment, keep, as_json)


def _assess_fhir(ctx: typer.Context, path: str, as_json: bool, fhir_out: bool, keep: Keep) -> None:
    """A QuestionnaireResponse in; the usual result, or the RiskAssessment with --fhir-out."""
    from legwise.engine.assess import assess_case
    from legwise.fhir.response import read_response
    from legwise.interfaces.cli.inputs import read_json_object

    resource = read_json_object(path, "--fhir")
    kb = load_kb(ctx)
    if fhir_out:
        if keep.diary or keep.save:
            raise InputError("--fhir-out", "cannot be combined with --diary or --save")
        from legwise.fhir.service import assess_response

        write_json(assess_response(kb, resource))
        return
    case, from_diary = _with_diary(kb, read_response(kb, resource).case, keep)
    _finish(kb, assess_case(case, from_text=None, from_diary=from_diary, kb=kb), keep, as_json)


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
        from legwise.intake.text import extract

        kb = load_kb(ctx)
        result = extract(_read_text_option(text), kb)
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
    from legwise.interfaces.cli.interview import Options, run_interview

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
            help="Server processes [default: 1]. Each loads the knowledge base (~150 MB); "
            "about one per CPU core is the most that helps.",
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
        _serve(settings, access_log)


def _serve(settings: Any, access_log: bool = True) -> None:
    """Run uvicorn: the app object with one worker, the app factory (each worker builds its
    own app from the environment, which carries these settings) with more."""
    import logging
    import os

    import uvicorn

    from legwise.interfaces import signing_key
    from legwise.interfaces.api.protocols import ENV_TIMEOUT, TimedHttpToolsProtocol
    from legwise.interfaces.api.settings import ENV_NAMES

    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    # The app writes the access log itself, in batches (api/access_log.py): uvicorn's costs
    # a tenth of a worker's time at full load.
    settings = settings.model_copy(update={"access_log": access_log})
    if settings.workers > 1:  # each worker builds its app from the environment
        for name, var in ENV_NAMES.items():
            value = getattr(settings, name)
            if value is None or value == ():
                continue
            os.environ[var] = ",".join(value) if isinstance(value, tuple) else str(value)
    os.environ[ENV_TIMEOUT] = str(settings.header_timeout)  # read by the protocol
    # Read (or make, 0600) the signing key once, before any worker starts: they all use it.
    environ = dict(os.environ)
    if settings.data_dir is not None:
        environ[signing_key.ENV_DATA_DIR] = str(settings.data_dir)
    signing_key.resolve(environ)
    if (
        not settings.base_url
        and not settings.trusted_hosts
        and settings.host
        not in (
            "127.0.0.1",
            "localhost",
            "::1",
        )
    ):
        logging.getLogger("legwise").warning(
            "listening on %s without LEGWISE_BASE_URL or LEGWISE_TRUSTED_HOSTS: private diary "
            "links will be shown without a host name (see docs/security.md)",
            settings.host,
        )
    common: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "http": TimedHttpToolsProtocol,
        "timeout_keep_alive": 5,
        "server_header": False,
    }
    # The access log has method, path and status only: health data travels in bodies.
    if settings.workers == 1:
        from legwise.interfaces.api.app import create_app

        uvicorn.run(create_app(settings), access_log=False, **common)
        return
    uvicorn.run(
        "legwise.interfaces.api.app:create_app",
        factory=True,
        workers=settings.workers,
        access_log=False,
        **common,
    )


# --- entry point --------------------------------------------------------------------------------


def argv_problem(args: list[str]) -> str | None:
    """The first argument that is not text, named by its option: bytes that are not UTF-8
    reach Python as lone surrogates, which nothing downstream can print or store."""
    for i, arg in enumerate(args):
        if not any("\ud800" <= ch <= "\udfff" for ch in arg):
            continue
        if arg.startswith("--") and "=" in arg:
            name = arg.split("=", 1)[0]
        elif i and args[i - 1].startswith("-"):
            name = args[i - 1]
        else:
            name = f"argument {i + 1}"
        return f"{name}: is not valid UTF-8 text; type it again"
    return None


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
