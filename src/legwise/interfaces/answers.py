"""Answers to interview questions: reading what a person typed, and putting it in the case.

Questions arrive in the stepper's contract shape (`Step.to_dict()["question"]`); answers go
into a case dict in the contract's shape, so the engine decides everything clinical. Both
prompt styles (arrow-key menus and typed answers) share these functions, so they accept the
same answers and map them the same way.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

UNKNOWN = "unknown"
NONE = "none"
EXCLUSIVE = (NONE, UNKNOWN)  # "None of these" and "Not sure" stand alone in an any_of answer
NOT_SURE_WORDS = {"?", "not sure", "unsure", "unknown", "don't know", "dont know", "idk"}
BACK_WORDS = {"b", "back"}
BACK_LABEL = "← Back"


@dataclass(frozen=True)
class Back:
    """The person asked to go back one question."""


BACK = Back()

# single/choice: an option value; any_of: the ticked values; number: a number or "unknown"
Answer = str | tuple[str, ...] | float


class AnswerError(ValueError):
    """What was typed is not an answer to this question; the message says what would be."""


def options(question: dict[str, Any]) -> list[tuple[str, str]]:
    """(value, label) for each option, in order."""
    return [(o["value"], o["label"]) for o in question.get("options", [])]


def exclusive_problem(values: tuple[str, ...], question: dict[str, Any]) -> str | None:
    """Why these ticks cannot go together, or None when they can."""
    labels = dict(options(question))
    alone = [v for v in values if v in EXCLUSIVE]
    if alone and len(values) > 1:
        return f'"{labels.get(alone[0], alone[0])}" cannot be ticked with other answers.'
    return None


# --- reading typed answers ------------------------------------------------------------------


def _is_back(text: str, can_go_back: bool) -> bool:
    if text.strip().lower() not in BACK_WORDS:
        return False
    if not can_go_back:
        raise AnswerError("This is the first question: there is nothing to go back to.")
    return True


def _fmt(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def number_hint(question: dict[str, Any]) -> str:
    """e.g. "years, 0 to 120": what a number answer should look like."""
    unit = question.get("unit")
    lo, hi = question.get("min"), question.get("max")
    span = f"{_fmt(lo)} to {_fmt(hi)}" if lo is not None or hi is not None else ""
    return ", ".join(part for part in (unit or "", span) if part)


def read_number(text: str, question: dict[str, Any], can_go_back: bool) -> Answer | Back:
    """A number in range, "unknown" for "not sure"/"?", or BACK for "b"."""
    cleaned = text.strip().lower()
    if _is_back(cleaned, can_go_back):
        return BACK
    if cleaned in NOT_SURE_WORDS:
        return UNKNOWN
    try:
        value = float(cleaned.replace(",", "."))
    except ValueError:
        raise AnswerError(f'Type a number ({number_hint(question)}), or "?" if not sure.') from None
    lo, hi = question.get("min"), question.get("max")
    too_low = lo is not None and value < lo
    too_high = hi is not None and value > hi
    if not math.isfinite(value) or too_low or too_high:
        raise AnswerError(
            f"{text.strip()} is out of range: type a number from {_fmt(lo)} to {_fmt(hi)}, "
            'or "?" if not sure.'
        )
    return int(value) if value.is_integer() else value


def _match_label(token: str, question: dict[str, Any]) -> str | None:
    """The option value whose number, label or unique label start is `token`."""
    opts = options(question)
    if token.isdigit():
        n = int(token)
        return opts[n - 1][0] if 1 <= n <= len(opts) else None
    if token in NOT_SURE_WORDS and any(v == UNKNOWN for v, _ in opts):
        return UNKNOWN
    if token in {"none", "no", "n"} and question.get("kind") == "any_of":
        return NONE
    exact = [v for v, label in opts if label.lower() == token]
    if exact:
        return exact[0]
    starts = [v for v, label in opts if label.lower().startswith(token)]
    return starts[0] if len(starts) == 1 else None


def read_choice(text: str, question: dict[str, Any], can_go_back: bool) -> Answer | Back:
    """One option, by its number or its label; BACK for "b"."""
    cleaned = text.strip().lower()
    if _is_back(cleaned, can_go_back):
        return BACK
    value = _match_label(cleaned, question) if cleaned else None
    if value is None:
        raise AnswerError(f"Type a number from 1 to {len(options(question))}.")
    return value


def read_any_of(text: str, question: dict[str, Any], can_go_back: bool) -> Answer | Back:
    """Every ticked option, as numbers ("1, 3") or one label ("none", "not sure"); BACK."""
    cleaned = text.strip().lower()
    if _is_back(cleaned, can_go_back):
        return BACK
    whole = _match_label(cleaned, question) if cleaned else None
    tokens = [whole] if whole else [_match_label(t, question) for t in re.split(r"[,\s]+", cleaned)]
    count = len(options(question))
    if not cleaned or any(t is None for t in tokens):
        raise AnswerError(
            f"Type the numbers of all that apply (1 to {count}), separated by commas or spaces."
        )
    values = tuple(dict.fromkeys(t for t in tokens if t is not None))
    problem = exclusive_problem(values, question)
    if problem:
        raise AnswerError(problem)
    return values


# --- putting answers into the case ----------------------------------------------------------


def apply_answer(case: dict[str, Any], question: dict[str, Any], answer: Answer) -> dict[str, Any]:
    """A new case dict with this answer in it (the input case is not changed).

    single -> present|absent|unknown; any_of -> ticked present, the rest absent ("None of
    these": all absent, "Not sure": all unknown); number -> the number; age and sex go to the
    case's own fields, and "not sure" about them is kept as unknown so it counts as asked.
    """
    findings: dict[str, Any] = dict(case.get("findings") or {})
    out: dict[str, Any] = {**case, "findings": findings}
    ids: list[str] = list(question["findings"])
    kind = question["kind"]
    if kind == "any_of":
        if not isinstance(answer, tuple) or not answer:
            raise ValueError(f"{question['id']}: an any_of answer is a non-empty tuple")
        if UNKNOWN in answer:
            findings.update(dict.fromkeys(ids, UNKNOWN))
        else:
            findings.update({f: "present" if f in answer else "absent" for f in ids})
        return out
    (fid,) = ids
    if isinstance(answer, tuple):
        raise ValueError(f"{question['id']}: expected one answer")
    if fid in ("age", "sex") and answer != UNKNOWN:
        out[fid] = answer
        findings.pop(fid, None)
    else:
        findings[fid] = answer
    return out
