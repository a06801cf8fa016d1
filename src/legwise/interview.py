"""The adaptive interview as a library: `next_question(case)` is one stateless step.

    >>> from legwise.interview import next_question
    >>> next_question({"findings": {}}).to_dict()["question"]["id"]
    'age'

The returned object's `.to_dict()` is either
`{"done": false, "question": {"id", "text", "help", "why", "findings", "kind", "options"}}`
or `{"done": true, "reason": ...}` (see legwise.engine.interview for how it chooses).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legwise.engine.case import Case
    from legwise.engine.interview import Step
    from legwise.kb.loader import Knowledge


def next_question(
    case: Mapping[str, Any] | Case,
    knowledge: Knowledge | None = None,
    audience: str = "patient",
) -> Step:
    """The next question to ask for `case` (answers so far), or done with the reason.

    `audience="clinician"` also asks examination findings (pulses, ABI, calf measurement...).
    Raises `legwise.errors.InputError` naming the field when the case is not valid.
    """
    from legwise.engine.interview import next_step
    from legwise.kb.loader import load_knowledge

    return next_step(knowledge or load_knowledge(), case, audience)


__all__ = ["next_question"]
