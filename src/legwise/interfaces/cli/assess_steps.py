"""The steps of `legwise assess` for one case: check the options, read the case (answers,
flags, text or FHIR), add the diary, assess, then print and keep the result.

The engine, the intake and the renderers are imported inside the steps, so `legwise --help`
loads none of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

from legwise.errors import InputError
from legwise.interfaces.cli.helpers import load_kb, screen, write_json
from legwise.interfaces.cli.text_input import read_text_option

if TYPE_CHECKING:
    from legwise.kb.loader import Knowledge


@dataclass(frozen=True)
class Keep:
    """What `assess` does besides assessing: read the diary, save the result."""

    diary: bool = False
    save: bool = False
    label: str | None = None


@dataclass(frozen=True)
class Inputs:
    """Where `assess` reads its case or cases from, as given on the command line."""

    answers: str | None
    batch: str | None
    text: str | None
    fhir: str | None
    flags: Any


def check_options(
    inputs: Inputs, keep: Keep, fhir_out: bool, batch_options: dict[str, Any]
) -> None:
    """The options that cannot go together, each refused naming the option, in the order
    `assess` has always checked them (`batch_options`: --compact, --output, --errors)."""
    answers, batch, text, flags = inputs.answers, inputs.batch, inputs.text, inputs.flags
    if keep.label is not None and not keep.save:
        raise InputError("--label", "names a saved result: add --save")
    if batch is not None and (keep.diary or keep.save):
        raise InputError("--batch", "cannot be combined with --diary or --save")
    for option, value in batch_options.items():
        if value and batch is None:
            raise InputError(option, "goes with --batch FILE")
    if inputs.fhir is not None:
        if answers is not None or batch is not None or text is not None or flags.given():
            raise InputError("--fhir", "cannot be combined with other inputs")
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


def with_diary(kb: Knowledge, case: Any, keep: Keep) -> tuple[Any, dict[str, Any] | None]:
    """The case with what the local diary shows merged in (when --diary), and what it gave."""
    if not keep.diary:
        return case, None
    from legwise.diary.trends import read_diary
    from legwise.intake.diary import merge_diary
    from legwise.interfaces.cli.local_store import diary_entries

    reading = read_diary(
        diary_entries(), today=dt.date.today(), kb=kb
    )  # a stale diary shows nothing
    if not reading.summary.nights_recorded:
        raise InputError("--diary", "your diary is empty; add nights with `legwise diary add`")
    return merge_diary(case or {}, reading)


def finish(kb: Knowledge, assessment: Any, keep: Keep, as_json: bool) -> None:
    """Print the result (and keep it when --save); the saved copy is exactly what is shown."""
    result = assessment.to_dict()
    if keep.save:
        from legwise.interfaces.cli.local_store import save_result

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
    from legwise.interfaces.cli.terminal_interview import summary

    summary(console, result)  # the gist last, so it is on screen when the scrolling stops


def assess_one(
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
        case = {**(case or {}), "text": read_text_option(text)}
        if not has_text(case):
            raise InputError("--text", "is empty; describe the symptoms in a few words")
    kb = load_kb(ctx)
    intake = None
    if has_text(case):  # spaCy is imported only here, never for structured answers
        from legwise.intake.merge import merge_text
        from legwise.interfaces.cli.text_wait import reading_text

        with reading_text(kb):
            case, intake = merge_text(case or {}, kb)
    case, from_diary = with_diary(kb, case, keep)
    assessment = assess_case(
        case, from_text=None if intake is None else intake.to_dict(), from_diary=from_diary, kb=kb
    )
    finish(kb, assessment, keep, as_json)


def assess_fhir(ctx: typer.Context, path: str, as_json: bool, fhir_out: bool, keep: Keep) -> None:
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
    case, from_diary = with_diary(kb, read_response(kb, resource).case, keep)
    finish(kb, assess_case(case, from_text=None, from_diary=from_diary, kb=kb), keep, as_json)
