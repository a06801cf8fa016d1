"""Warning signs someone was not sure about: ask them again one at a time, and say what to do.

A "Not sure" on a whole warning-sign list would otherwise leave a dozen signs unknown at once.
Both interviews (web and terminal) then ask each of those signs on its own (yes / no / not
sure) before anything else, so a person can say which one they are unsure of. Whatever stays
unknown or unasked is listed first on the result, with the level a "yes" would give (from the
knowledge's own rules, through `quick_triage`).

Shared by the web pages and the terminal: the interview's history is given as the
(question, answer) pairs asked so far, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from legwise.interfaces.answers import UNKNOWN, Answer
from legwise.kb.loader import Knowledge

YES_NO = (("present", "Yes"), ("absent", "No"), (UNKNOWN, "Not sure"))
FOLLOW_UP_HELP = "You said you were not sure about some warning signs, so we ask them one by one."
CHILD_FOLLOW_UP_HELP = (
    "You said you were not sure about some of your child's warning signs, "
    "so we ask them one by one."
)


def _is_screen(kb: Knowledge, question: dict[str, Any]) -> bool:
    group = kb.questions.get(str(question.get("id", "")))
    return group is not None and group.phase == "screen" and question.get("kind") == "any_of"


def single_question(kb: Knowledge, finding: str) -> dict[str, Any]:
    """One warning sign asked on its own, in the stepper's question shape."""
    spec = kb.findings[finding]
    return {
        "id": finding,
        "text": spec.question,
        "help": FOLLOW_UP_HELP,
        "why": spec.why,
        "findings": [finding],
        "kind": "single",
        "options": [{"value": v, "label": label} for v, label in YES_NO],
        "phase": "screen",
    }


def next_follow_up(
    kb: Knowledge, history: Iterable[tuple[dict[str, Any], Answer]]
) -> dict[str, Any] | None:
    """The next warning sign to ask on its own: one from a list answered "Not sure" that has
    not been asked singly since. None when there is none."""
    pending: list[str] = []
    for question, answer in history:
        if _is_screen(kb, question) and isinstance(answer, tuple) and UNKNOWN in answer:
            pending.extend(f for f in question["findings"] if f not in pending)
        elif question.get("kind") == "single":
            for f in question["findings"]:
                if f in pending:
                    pending.remove(f)
    for finding in pending:
        if finding in kb.findings:
            return single_question(kb, finding)
    return None


def open_warning_signs(
    kb: Knowledge, case: dict[str, Any], unanswered: Sequence[str]
) -> list[dict[str, Any]]:
    """The warning signs left unknown or unasked that a person can check themselves, grouped by
    the level a "yes" would give (most urgent first): [{level, label, action, signs}]."""
    from legwise.engine.assess import quick_triage
    from legwise.engine.case import parse_case
    from legwise.engine.compiled import compile_knowledge
    from legwise.kb.schema import LEVELS

    compiled = compile_knowledge(kb)
    now = LEVELS.index(quick_triage(compiled, parse_case(kb, case))[0])
    age, sex = case.get("age"), case.get("sex")
    groups: dict[str, list[str]] = {}
    for fid in unanswered:
        spec = kb.findings.get(fid)
        if spec is None or spec.type != "state" or spec.asked_by != "patient":
            continue
        if spec.applies is not None and not spec.applies.allows(
            age if isinstance(age, int | float) else None, sex if isinstance(sex, str) else None
        ):
            continue
        findings = {**(case.get("findings") or {}), fid: "present"}
        level = quick_triage(compiled, parse_case(kb, {**case, "findings": findings}))[0]
        if LEVELS.index(level) <= now:
            continue  # a "yes" would not change what to do
        groups.setdefault(level, []).append(spec.label)
    out = []
    for level in sorted(groups, key=LEVELS.index, reverse=True):
        info = kb.levels[level]
        out.append(
            {"level": level, "label": info.label, "action": info.action, "signs": groups[level]}
        )
    return out


def next_step(
    kb: Knowledge,
    case: dict[str, Any],
    history: Iterable[tuple[dict[str, Any], Answer]],
    audience: str = "patient",
) -> dict[str, Any]:
    """The stepper's next step (`Step.to_dict()`), with unsure warning signs asked first.

    An emergency already in the answers goes first: its screen (or its one ambulance
    question) is never held back by a follow-up."""
    from legwise.engine.question_choice import next_step as engine_step

    step = engine_step(case, audience=audience, kb=kb).to_dict()
    if not (step.get("urgent") or step.get("reason_code") == "emergency"):
        follow = next_follow_up(kb, history)
        if follow is not None:
            step = {"done": False, "question": follow, "asked": step.get("asked", 0)}
    if not step["done"] and audience == "patient" and is_child(kb, case):
        step = {**step, "question": for_a_parent(kb, step["question"])}
    return step


def is_child(kb: Knowledge, case: dict[str, Any]) -> bool:
    """True when the answers are about a child (the knowledge sets the age), so a parent is
    the one answering."""
    settings = kb.meta.interview
    limit = settings.child_age_below if settings else None
    age = case.get("age")
    return limit is not None and isinstance(age, int | float) and age < limit


def for_a_parent(kb: Knowledge, question: dict[str, Any]) -> dict[str, Any]:
    """The question as put to a parent ("your child"), from the knowledge's own wording: its
    text and its help (a help that says "your leg" would ask the parent about their own)."""
    text = help_text = None
    group = kb.questions.get(str(question.get("id", "")))
    if group is not None:
        text, help_text = group.child_text, group.child_help
    elif len(question.get("findings", [])) == 1 and question["findings"][0] in kb.findings:
        spec = kb.findings[question["findings"][0]]
        text, help_text = spec.child_question, spec.child_help
    if question.get("help") == FOLLOW_UP_HELP:
        help_text = CHILD_FOLLOW_UP_HELP
    return {
        **question,
        "text": text or question["text"],
        "help": help_text or question.get("help"),
        "for_child": True,
    }
