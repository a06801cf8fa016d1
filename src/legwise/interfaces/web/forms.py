"""Reading a posted answer for one question, with the terminal's own rules.

Numbers go through `cli.answers.read_number` (range checks and "not sure" words); options
must be among the question's own; "None of these" and "Not sure" stand alone in a
tick-all-that-apply answer, as in the terminal.
"""

from __future__ import annotations

from typing import Any

from legwise.interfaces.answers import (
    UNKNOWN,
    Answer,
    AnswerError,
    Back,
    exclusive_problem,
    options,
    read_number,
)


def read_answer(question: dict[str, Any], values: list[str], not_sure: bool) -> Answer:
    """The answer the form gives to `question`; AnswerError saying what is wrong otherwise.

    `values` are the form's `answer` fields (one for a choice or number, any number for a
    tick-all-that-apply question); `not_sure` is the "Not sure" button.
    """
    kind = question["kind"]
    allowed = [value for value, _ in options(question)]
    if not_sure:
        if kind == "number":
            return UNKNOWN
        if UNKNOWN in allowed:
            return (UNKNOWN,) if kind == "any_of" else UNKNOWN
        raise AnswerError("Choose one of the answers.")
    values = [v.strip() for v in values if v.strip()]
    if kind == "number":
        if not values:
            raise AnswerError('Type a number, or choose "Not sure".')
        try:
            result = read_number(values[0], question, can_go_back=False)
        except AnswerError:
            raise AnswerError(web_number_problem(question)) from None
        if isinstance(result, Back):  # pragma: no cover - can_go_back=False never gives Back
            raise AnswerError("Type a number.")
        return result
    if not values:
        if kind == "any_of":
            raise AnswerError('Tick all that apply, or choose "None of these" or "Not sure".')
        raise AnswerError("Choose one answer.")
    if any(v not in allowed for v in values):
        raise AnswerError("That answer is not one of the choices. Choose again.")
    if kind == "any_of":
        ticked = tuple(dict.fromkeys(values))
        problem = exclusive_problem(ticked, question)
        if problem:
            raise AnswerError(problem)
        return ticked
    if len(values) > 1:
        raise AnswerError("Choose only one answer.")
    return values[0]


def previous_values(answer: Answer | None) -> list[str]:
    """The form values that show a previous answer again (after "Back")."""
    if answer is None:
        return []
    if isinstance(answer, tuple):
        return list(answer)
    if isinstance(answer, float) and answer.is_integer():
        return [str(int(answer))]
    return [str(answer)]


def web_number_problem(question: dict[str, Any]) -> str:
    """The terminal says 'or "?" if not sure'; a web page has a button for that."""
    lo, hi, unit = question.get("min"), question.get("max"), question.get("unit")
    span = f" from {lo:g} to {hi:g}" if lo is not None and hi is not None else ""
    unit_text = f" ({unit})" if unit else ""
    return f'Type a number{span}{unit_text}, or choose "Not sure".'
