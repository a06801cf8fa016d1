"""The interview's pages, made from the signed state alone (no request, no I/O besides the
diary): the next question, the "anything else?" page, or the result; the start from the
free-text box; one POST of the interview form (`interview`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from legwise.errors import InputError, NothingRecognised
from legwise.interfaces import views as view
from legwise.interfaces.answers import Answer, AnswerError
from legwise.interfaces.web import diary_view
from legwise.interfaces.web.forms import previous_values, read_answer
from legwise.interfaces.web.owner import DiaryAccess
from legwise.interfaces.web.page import Page
from legwise.interfaces.web.state import InterviewState, sign, verify
from legwise.kb.loader import Knowledge

if TYPE_CHECKING:
    from legwise.diary.entry import DiaryEntry
    from legwise.engine.assess import Assessment

log = logging.getLogger("legwise.web")

MAX_TEXT = 5000


def _step(kb: Knowledge, state: InterviewState) -> dict[str, Any]:
    """The next step; warning signs answered "Not sure" on a list are asked one by one."""
    from legwise.interfaces.unsure import next_step

    history = ((r.as_question(), r.answer) for r in state.answers)
    return next_step(kb, state.case(), history)


def assess_shown(kb: Knowledge, case: dict[str, Any], diary: list[DiaryEntry]) -> Assessment:
    """The assessment the result page shows: with the person's diary when it has nights (its
    windows end today), else the case alone. Saving a result stores exactly this."""
    from legwise import assess

    if diary:
        return assess(case, kb=kb, diary=diary, today=dt.date.today())
    return assess(case, kb=kb)


DIARY_FAILED = (
    "Your diary could not be read just now, so this result does not use it. "
    "Your diary itself is not changed."
)


def assess_with_diary(
    kb: Knowledge, case: dict[str, Any], diary: DiaryAccess | None
) -> tuple[Assessment, list[DiaryEntry], bool]:
    """The assessment with the person's diary, and the nights it used; when the diary cannot
    be read or used (database down, a night no rule can place), the assessment without it
    and True. A diary only ever adds to a result: it never takes the result page down."""
    if diary is None:
        return assess_shown(kb, case, []), [], False
    try:
        entries = diary.entries()
        return assess_shown(kb, case, entries), entries, False
    except InputError:
        raise  # the case itself is bad: the caller says so
    except Exception as exc:  # any diary failure; only its type is logged
        log.warning("diary not usable (%s); result made without it", type(exc).__name__)
        return assess_shown(kb, case, []), [], True


def _result_page(
    kb: Knowledge,
    state: InterviewState,
    token: str,
    step: dict[str, Any],
    diary: DiaryAccess | None = None,
) -> Page:
    case = state.case()
    assessment, _entries, failed = assess_with_diary(kb, case, diary)
    result = assessment.to_dict()
    data = view.page(kb, result, case)
    return Page(
        "result.html",
        state=token,
        step=step,
        asked=len(state.answers),
        has_diary=diary is not None,
        from_diary=diary_view.from_diary(kb, result),
        diary_failed=DIARY_FAILED if failed else None,
        **data,
    )


def _progress(answered: int) -> int:
    """A bar that fills but never promises a total: each answer closes part of the gap."""
    return min(95, round(100 * (1 - 0.88**answered)))


def _question_page(
    kb: Knowledge,
    state: InterviewState,
    secret: bytes,
    previous: Answer | None = None,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
    diary: DiaryAccess | None = None,
) -> Page:
    token = sign(state, secret)
    step = _step(kb, state)
    if step["done"] and step.get("reason_code") != "emergency" and state.extra is None:
        return Page("anything_else.html", status, state=token, error=error)
    if step["done"]:
        return _result_page(kb, state, token, step, diary)
    urgent = None
    if step.get("urgent"):
        from legwise import assess

        result = assess(state.case(), kb=kb).to_dict()
        reasons = view.reasons(kb, result, state.case())
        urgent = {"level": view.level(kb, result["triage"]["level"]), "reason": reasons[0]}
    question = step["question"]
    number = len(state.answers) + 1
    return Page(
        "question.html",
        status,
        state=token,
        question=question,
        number=number,
        progress=_progress(len(state.answers)),
        previous=previous_values(previous),
        error=error,
        notice=notice,
        urgent=urgent,
        can_go_back=bool(state.answers),
    )


def _start_state(kb: Knowledge, text: str) -> tuple[InterviewState, str | None]:
    """The starting case from the free-text box, and a note on what it gave."""
    if not text.strip():
        return InterviewState(), None
    from legwise import parse_text

    try:
        res = parse_text(text, kb=kb)
    except NothingRecognised:
        res = None
    if res is None or not res.recognised:
        note = (
            "We could not pick out any symptoms from what you wrote. The questions will cover them."
        )
        if res is None:
            return InterviewState(), note
    else:
        noted = ", ".join(
            f"{view.finding_label(kb, f)} ({view.answer_text(kb, f, v)})"
            for f, v in res.findings.items()
        )
        note = (
            f"From what you wrote, we noted: {noted}. The questions will not ask these again. "
            "First we check the warning signs you did not mention."
        )
    start: dict[str, Any] = {"findings": dict(res.findings)}
    if res.age is not None:
        start["age"] = res.age
    if res.sex is not None:
        start["sex"] = res.sex
    return InterviewState(start=start), note


def _with_extra(kb: Knowledge, state: InterviewState, form: Mapping[str, Any]) -> InterviewState:
    """The closing "anything else?" text read like the starting box: what it gives fills only
    what the answers left open (an answer already given is never overwritten)."""
    text = str(form.get("text") or "")[:MAX_TEXT]
    if not text.strip():
        return state.with_extra({})
    from legwise import parse_text

    try:
        res = parse_text(text, kb=kb)
    except (NothingRecognised, InputError):
        return state.with_extra({})
    answered = state.case().get("findings") or {}
    return state.with_extra({f: v for f, v in res.findings.items() if f not in answered})


def interview(
    kb: Knowledge,
    form: Mapping[str, Any],
    values: list[str],
    secret: bytes,
    diary: DiaryAccess | None = None,
) -> Page:
    """One POST of the interview form: start, answer, go back, or finish. With a `diary`,
    the result is made with its nights."""
    action = str(form.get("action") or "answer")
    if action == "start":
        text = str(form.get("text") or "")
        if len(text) > MAX_TEXT:
            return Page("start.html", 422, error=f"Please keep it under {MAX_TEXT} characters.")
        try:
            state, note = _start_state(kb, text)
        except InputError as exc:
            return Page("start.html", 422, error=exc.message, text=text)
        return _question_page(kb, state, secret, notice=note, diary=diary)

    state = verify(str(form.get("state") or ""), secret)
    if action == "back":
        before, last = state.back()
        previous = None if last is None else last.answer
        return _question_page(kb, before, secret, previous=previous, diary=diary)

    if action == "extra":
        return _question_page(kb, _with_extra(kb, state, form), secret, diary=diary)
    step = _step(kb, state)
    if step["done"] or (action == "finish" and step.get("urgent")):
        return _result_page(kb, state, sign(state, secret), step, diary)
    question = step["question"]
    if form.get("question") != question["id"]:
        notice = "Your answers changed in another window. Please answer this question."
        return _question_page(kb, state, secret, notice=notice, diary=diary)
    try:
        answer = read_answer(question, values, not_sure=bool(form.get("not_sure")))
    except AnswerError as exc:  # the page keeps what was typed or ticked
        kept: Answer = tuple(values) if question["kind"] == "any_of" else (values or [""])[0]
        return _question_page(
            kb, state, secret, previous=kept, error=str(exc), status=422, diary=diary
        )
    return _question_page(kb, state.answer(question, answer), secret, diary=diary)
