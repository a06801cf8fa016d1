"""What the routes do, without HTTP: assess, interview, read text, list the knowledge.

Each function takes the knowledge base and plain data and returns JSON-ready data; errors
are legwise's own (`InputError` naming the field), which the app turns into HTTP 422.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from legwise.engine.assess import assess_case
from legwise.engine.case import Case, parse_case
from legwise.errors import InputError, NothingRecognised
from legwise.intake.merge import has_text
from legwise.kb.loader import Knowledge

KINDS = ("conditions", "findings", "rules", "sources", "advice", "scores")


def _with_text(kb: Knowledge, case: Mapping[str, Any]) -> tuple[Mapping[str, Any], Any]:
    """The case with what its text gave merged in, and the text result (None without text)."""
    if not has_text(case):
        return case, None
    from legwise.intake.merge import merge_text

    return merge_text(case, kb)  # the intake serialises use of its shared pipeline


def _result(kb: Knowledge, case: Case | Mapping[str, Any], intake: Any) -> dict[str, Any]:
    return assess_case(
        case, from_text=None if intake is None else intake.to_dict(), kb=kb
    ).to_dict()


def assess_one(kb: Knowledge, case: Mapping[str, Any]) -> dict[str, Any]:
    """The contract result for one case; a "text" is read first (explicit findings win)."""
    merged, intake = _with_text(kb, case)
    return _result(kb, merged, intake)


def _checked(
    kb: Knowledge, cases: Sequence[Mapping[str, Any]]
) -> list[tuple[Case | dict[str, Any], Any]]:
    """Every case checked before any is assessed: (Case, text result) for each, or a
    `needs_answers` line (a dict with the questions to ask) when its text gave nothing
    clinical; an error names the row (`[3].findings.x`)."""
    from legwise.intake.merge import TextGaveNothing

    checked: list[tuple[Case | dict[str, Any], Any]] = []
    for row, case in enumerate(cases):
        try:
            try:
                merged, intake = _with_text(kb, case)
            except TextGaveNothing as nothing:
                from legwise.intake.gaps import needs_answers

                checked.append((needs_answers(kb, case, nothing.result), None))
                continue
            checked.append((parse_case(kb, merged), intake))
        except InputError as exc:
            raise InputError(f"[{row}].{exc.field}", exc.message) from None
    return checked


def assess_many(kb: Knowledge, cases: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Results in the same order (`_checked` first, so one bad case assesses none); a case
    whose text gives nothing clinical is a `needs_answers` line, not an error."""
    return [
        case if isinstance(case, dict) else _result(kb, case, intake)
        for case, intake in _checked(kb, cases)
    ]


def _encoded(kb: Knowledge, case: Case | Mapping[str, Any], intake: Any, view: str) -> bytes:
    """One result as JSON bytes, encoded straight from the result (engine.encode)."""
    from legwise.engine.compiled import compile_knowledge
    from legwise.engine.encode import encode_assessment, encode_summary

    summary = view == "summary"  # no explanations in it, so none are built
    result = assess_case(
        case, from_text=None if intake is None else intake.to_dict(), kb=kb, explain=not summary
    )
    if summary:
        return encode_summary(result)
    return encode_assessment(result, compile_knowledge(kb))


def warm(kb: Knowledge) -> None:
    """Build what the first /v1/assess requests would otherwise build (the compiled knowledge,
    its encoded evidence and citation tables, the advice plans), so that start-up does it,
    before the app freezes its long-lived objects out of the garbage collector's walks."""
    for view in ("full", "summary"):
        try:
            assess_one_json(kb, {}, view)
        except Exception:  # only a warm-up: a request would meet the error and say so
            return


def warm_text(kb: Knowledge) -> None:
    """Build the free-text reader (spaCy, the phrase matcher, the number readers) by reading
    one short text, so that a person's first text is not the one that waits for it."""
    from legwise.intake.text import extract

    try:
        extract("My left calf has been swollen since yesterday.", kb)
    except Exception:  # only a warm-up: a request would meet the error and say so
        return


def text_ready(kb: Knowledge) -> bool:
    """Is the free-text reader for `kb` built? (Imports no spaCy.)"""
    from legwise.intake.phrase_pipeline import reader_ready

    return reader_ready(kb)


def assess_one_json(kb: Knowledge, case: Mapping[str, Any], view: str = "full") -> bytes:
    """`assess_one` as JSON bytes in the `view` asked for (full or summary)."""
    merged, intake = _with_text(kb, case)
    return _encoded(kb, merged, intake, view)


def assess_many_json(
    kb: Knowledge, cases: Sequence[Mapping[str, Any]], view: str = "full"
) -> bytes:
    """`assess_many` as one JSON array (bytes): every case checked first, as there."""
    import orjson

    parts = [
        orjson.dumps(case) if isinstance(case, dict) else _encoded(kb, case, intake, view)
        for case, intake in _checked(kb, cases)
    ]
    return b"[" + b",".join(parts) + b"]"


def interview_step(kb: Knowledge, case: Mapping[str, Any], audience: str) -> dict[str, Any]:
    """The next question for the answers so far, or done with the reason.

    A "text" answers what it can first; text with nothing clinical in it is simply passed
    over here, since the interview is the way forward in that case.
    """
    from legwise.interview import next_question

    try:
        merged, _ = _with_text(kb, case)
    except NothingRecognised:
        merged = case
    return next_question(merged, audience=audience, kb=kb).to_dict()


def read_text(kb: Knowledge, text: str) -> dict[str, Any]:
    """What the text says (findings with the words that gave each); `recognised` is false
    when it says nothing clinical."""
    from legwise.intake.text import extract

    return extract(text, kb).to_dict()


@functools.cache
def knowledge_json(kb: Knowledge, kind: str) -> bytes:
    """The records of one kind as validated, encoded once per knowledge base."""
    if kind not in KINDS:
        raise InputError("kind", f"unknown kind (one of {', '.join(KINDS)})")
    table: dict[str, Any] = getattr(kb, kind)
    records = [r.model_dump(mode="json", by_alias=True, exclude_none=True) for r in table.values()]
    return json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode()


def version_info(kb: Knowledge) -> dict[str, Any]:
    """The knowledge version (a content hash), the package version and record counts."""
    from legwise import __version__

    counts = {kind: len(getattr(kb, kind)) for kind in KINDS}
    counts["links"] = sum(len(v) for v in kb.links.values())
    return {
        "knowledge_version": kb.version,
        "meta_version": kb.meta.version,
        "legwise_version": __version__,
        "counts": counts,
        "levels": list(kb.levels),
    }
