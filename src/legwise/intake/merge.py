"""Put what free text gave under a case's explicit answers.

Light on purpose: spaCy is imported only when a case actually carries text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from legwise.errors import InputError, NothingRecognised

if TYPE_CHECKING:
    from legwise.intake.result import TextResult
    from legwise.kb.loader import Knowledge


class TextGaveNothing(NothingRecognised):
    """NothingRecognised, with what the text did give (age or sex perhaps) for the questions."""

    result: TextResult | None = None


def has_text(case: Any) -> bool:
    """True when `case` is a dict whose "text" holds something to read."""
    if not isinstance(case, Mapping):
        return False
    text = case.get("text")
    if text is None:
        return False
    return not isinstance(text, str) or bool(text.strip())  # a non-string fails in merge_text


def merge_text(case: Mapping[str, Any], kb: Knowledge) -> tuple[dict[str, Any], TextResult]:
    """The case with the findings read from its "text" added, and what the text gave.

    Explicit findings override the text's; age and sex come from the text only when the case
    does not give them. Raises InputError("text", ...) for text that is not a string or is too
    long, and NothingRecognised when the text gives nothing clinical and the case has no
    explicit findings either (the caller should suggest the interview).
    """
    from legwise.intake.text import extract

    res = extract(case.get("text"), kb)
    explicit = case.get("findings") or {}
    if not isinstance(explicit, Mapping):
        raise InputError("findings", "expected an object of finding id -> answer")
    if not res.recognised and not explicit:
        nothing = TextGaveNothing()
        nothing.result = res
        raise nothing
    out = dict(case)
    out["findings"] = {**res.findings, **explicit}
    if res.age is not None and case.get("age") is None and explicit.get("age") is None:
        out["age"] = res.age
    if res.sex is not None and case.get("sex") is None and explicit.get("sex") is None:
        out["sex"] = res.sex
    if explicit:  # the warning signs still open once the explicit answers are in
        from legwise.intake.gaps import with_gaps

        res = with_gaps(res, kb, out)
    return out, res
