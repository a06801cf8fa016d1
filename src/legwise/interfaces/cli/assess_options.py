"""The options of `legwise assess`, one named type each, so that the command reads as a list.

Typer reads the help, metavar and option name from each `Annotated` type; the command's
defaults stay in its signature.
"""

from __future__ import annotations

from typing import Annotated

import typer

AnswersOption = Annotated[
    str | None,
    typer.Option(
        "--answers", metavar="FILE.json", help="One case as a JSON object ('-' reads stdin)."
    ),
]
BatchOption = Annotated[
    str | None,
    typer.Option(
        "--batch",
        metavar="FILE",
        help="Many cases: JSON Lines (one object a line), CSV or Parquet (by extension).",
    ),
]
CompactOption = Annotated[
    bool,
    typer.Option(
        "--compact",
        help="With --batch: a compact result per case (level, rules, top causes, scores), "
        "on the fast vectorised path.",
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        metavar="PATH",
        help="With --batch: write results here (.jsonl, or .csv/.parquet with --compact).",
    ),
]
ErrorsFileOption = Annotated[
    str | None,
    typer.Option(
        "--errors",
        metavar="FILE.jsonl",
        help="With --batch: write bad rows here (field and reason) and score the rest.",
    ),
]
TextOption = Annotated[
    str | None,
    typer.Option(
        "--text",
        metavar="TEXT",
        help="Describe it in your own words ('-' reads stdin); answers and flags override.",
    ),
]
YesOption = Annotated[
    list[str] | None,
    typer.Option("--yes", metavar="FINDING", help="A finding that is present (repeatable)."),
]
NoOption = Annotated[
    list[str] | None,
    typer.Option("--no", metavar="FINDING", help="A finding that is absent (repeatable)."),
]
UnsureOption = Annotated[
    list[str] | None,
    typer.Option("--unsure", metavar="FINDING", help="A finding you are not sure about."),
]
SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="FINDING=NUMBER",
        help="A measured value, e.g. ankle_brachial_index=0.6.",
    ),
]
AgeOption = Annotated[str | None, typer.Option("--age", metavar="N", help="Age in years.")]
SexOption = Annotated[str | None, typer.Option("--sex", metavar="female|male|other", help="Sex.")]
CaseIdOption = Annotated[
    str | None, typer.Option("--id", metavar="TEXT", help="An id echoed in the result.")
]
AsJsonOption = Annotated[
    bool, typer.Option("--json", help="Print the result as JSON (one object a line).")
]
FhirOption = Annotated[
    str | None,
    typer.Option(
        "--fhir",
        metavar="QR.json",
        help="A FHIR R4 QuestionnaireResponse to legwise's Questionnaire ('-' reads stdin).",
    ),
]
FhirOutOption = Annotated[
    bool,
    typer.Option("--fhir-out", help="Print the result as a FHIR R4 RiskAssessment (JSON)."),
]
DiaryOption = Annotated[
    bool,
    typer.Option("--diary", help="Add what your night diary shows (`legwise diary`)."),
]
SaveOption = Annotated[
    bool, typer.Option("--save", help="Keep the result (see `legwise saved list`).")
]
LabelOption = Annotated[
    str | None, typer.Option("--label", metavar="TEXT", help="A name for a saved result.")
]
