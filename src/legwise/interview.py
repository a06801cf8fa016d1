"""The adaptive interview as a library: `next_question(case)` is one stateless step.

    >>> from legwise.interview import next_question
    >>> next_question({"findings": {}}).to_dict()["question"]["id"]
    'age'

The returned object's `.to_dict()` is either
`{"done": false, "question": {"id", "text", "help", "why", "findings", "kind", "options"}}`
or `{"done": true, "reason": ...}` (see legwise.engine.question_choice for how it chooses).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from legwise.signatures import case_first

if TYPE_CHECKING:
    from legwise.engine.case import Case
    from legwise.engine.question_choice import Step
    from legwise.kb.loader import Knowledge


@case_first("case", "kb", "audience", renamed={"knowledge": "kb"})
def next_question(
    case: Mapping[str, Any] | Case,
    *,
    kb: Knowledge | None = None,
    audience: str = "patient",
) -> Step:
    """The next question to ask for `case` (answers so far), or done with the reason.

    `audience="clinician"` also asks examination findings (pulses, ABI, calf measurement...).
    Raises `legwise.errors.InputError` naming the field when the case is not valid.
    """
    from legwise.engine.question_choice import next_step
    from legwise.kb.loader import load_knowledge

    return next_step(case, kb=kb or load_knowledge(), audience=audience)


__all__ = ["next_question"]
