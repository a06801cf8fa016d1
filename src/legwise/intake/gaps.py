"""What free text leaves open: the warning-sign questions still to ask, and the level so far.

Text rarely says "no" to every warning sign, and a warning sign left unanswered must never read
as a "no". So every text result says which warning signs (findings that a rule at "see a doctor
today" or above reads) the text did not answer, and which interview questions hold them, in the
order the interview asks them; the web and terminal interviews ask those next. A batch line whose
text gives nothing clinical becomes a `needs_answers` result with the questions to ask instead
of an error. Pure: no spaCy here.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from legwise.errors import InputError, NothingRecognised
from legwise.intake.result import TextResult
from legwise.kb.loader import Knowledge

NEEDS_ANSWERS = "needs_answers"


@dataclass(frozen=True, slots=True)
class WarningQuestion:
    """One interview question with the warning signs in it that are still unanswered."""

    id: str
    text: str
    findings: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "findings": list(self.findings)}


@dataclass(frozen=True, slots=True)
class WarningGaps:
    """The level the answers give so far, and the warning signs they leave unanswered.

    `findings` lists the unanswered warning-sign finding ids and `questions` the interview
    questions that ask them, both in the interview's order (the screens first). Findings that
    cannot apply to this person (a pregnancy question for a man) are left out.
    """

    level: str
    findings: tuple[str, ...]
    questions: tuple[WarningQuestion, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "unanswered_warning_signs": list(self.findings),
            "warning_questions": [q.to_dict() for q in self.questions],
        }


@functools.cache
def _screens(kb: Knowledge) -> tuple[tuple[Any, tuple[str, ...]], ...]:
    """The interview's questions in its order, each with the warning signs it holds."""
    from legwise.engine.compiled import compile_knowledge
    from legwise.engine.question_choice import _screen_order, catalogue

    flags = compile_knowledge(kb).red_flags
    out = []
    # age and sex first, as the interview asks them; then the screens in the interview's order
    order = sorted(
        catalogue(kb).questions, key=lambda q: (q.phase != "about_you", _screen_order(q))
    )
    for q in order:
        held = tuple(f for f in q.findings if f in flags)
        if held:
            out.append((q, held))
    return tuple(out)


@functools.cache
def _screen_table(
    kb: Knowledge,
) -> tuple[tuple[Any, tuple[str, ...], tuple[tuple[str, Any], ...], bool], ...]:
    """`_screens` with each warning sign's own `applies` looked up once (this runs on every
    text): (question, its warning signs, (sign, applies) for those that have one, whether a
    later question holds one of its signs too)."""
    screens = _screens(kb)
    return tuple(
        (
            q,
            held,
            tuple((f, kb.findings[f].applies) for f in held if kb.findings[f].applies),
            any(not set(held).isdisjoint(later) for _, later in screens[i + 1 :]),
        )
        for i, (q, held) in enumerate(screens)
    )


@functools.cache
def _whole_questions(kb: Knowledge) -> tuple[WarningQuestion, ...]:
    """Each screen's question with all its signs left, the common case, made once (a frozen
    dataclass costs more to make than the rest of the loop)."""
    return tuple(WarningQuestion(q.id, q.text, held) for q, held in _screens(kb))


def warning_gaps(kb: Knowledge, case: Mapping[str, Any]) -> WarningGaps:
    """The gaps of a contract-shaped case (`findings`, `age`, `sex`); raises InputError for a
    case that is not valid. The same answers in the same order give the same gaps (the engine
    is pure), so the last few hundred are kept: texts as short as most give one of a few
    common answer sets ("my calves cramp at night": one finding)."""
    key = _case_key(case)
    if key is None:
        return _warning_gaps(kb, case)
    return _kept_gaps(kb, key)


Key = tuple[tuple[str, Any], ...]


def _case_key(case: Mapping[str, Any]) -> Key | None:
    """`case`'s age, sex and findings, in its order, each value with its type ("1" is no 1,
    True is no 1.0), as a key; None when one is not hashable or findings is not a mapping."""
    out: list[tuple[str, Any]] = []
    for k, v in case.items():
        if k == "findings":
            if not isinstance(v, dict):
                return None
            out.append((k, tuple((f, type(x), x) for f, x in v.items())))
        elif k in ("age", "sex"):
            out.append((k, (type(v), v)))
    key = tuple(out)
    try:
        hash(key)
    except TypeError:
        return None
    return key


@functools.lru_cache(maxsize=256)  # bounded: a server meets many answer sets
def _kept_gaps(kb: Knowledge, key: Key) -> WarningGaps:
    """`_warning_gaps` of the case `key` stands for (an InputError is raised, not kept)."""
    case = {k: ({f: x for f, _, x in v} if k == "findings" else v[1]) for k, v in key}
    return _warning_gaps(kb, case)


def _warning_gaps(kb: Knowledge, case: Mapping[str, Any]) -> WarningGaps:
    """`warning_gaps`, worked out."""
    from legwise.engine.assess import quick_triage
    from legwise.engine.case import parse_case
    from legwise.engine.compiled import compile_knowledge

    compiled = compile_knowledge(kb)
    parsed = parse_case(kb, {k: v for k, v in case.items() if k in ("age", "sex", "findings")})
    level, _ = quick_triage(compiled, parsed)
    age, sex = parsed.age, parsed.sex
    taken = set(parsed.states) | set(parsed.numbers)
    if age is None and sex is None:  # the common case: kept by the warning signs answered
        signs_kept, questions_kept = _unknown_person_gaps(kb, frozenset(taken & _signs(kb)))
        return WarningGaps(level, signs_kept, questions_kept)
    signs, questions = _gaps(kb, taken, age, sex)
    return WarningGaps(level, tuple(signs), tuple(questions))


@functools.cache
def _signs(kb: Knowledge) -> frozenset[str]:
    """Every warning sign some screen holds."""
    return frozenset(_screens_of(kb)[0])


@functools.lru_cache(maxsize=512)  # bounded: one per set of warning signs answered
def _unknown_person_gaps(
    kb: Knowledge, answered: frozenset[str]
) -> tuple[tuple[str, ...], tuple[WarningQuestion, ...]]:
    """`_gaps` for a person of unknown age and sex: it reads `taken` only where it holds a
    warning sign (`answered`), so the few common sets of answered signs are worked out once."""
    signs, questions = _gaps(kb, set(answered), None, None)
    return tuple(signs), tuple(questions)


@functools.cache
def _screens_of(kb: Knowledge) -> tuple[dict[str, frozenset[int]], bool]:
    """Each warning sign -> the screens (indexes in `_screen_table`) that hold it, and whether
    any screen shares a sign with a later one (then a screen's answer depends on the ones
    before it, and every screen goes the long way)."""
    of: dict[str, set[int]] = {}
    table = _screen_table(kb)
    for i, (_, held, _, _) in enumerate(table):
        for f in held:
            of.setdefault(f, set()).add(i)
    return {f: frozenset(at) for f, at in of.items()}, any(row[3] for row in table)


def _gaps(
    kb: Knowledge, taken: set[str], age: float | None, sex: str | None
) -> tuple[list[str], list[WarningQuestion]]:
    """The unanswered warning signs and their questions, given the findings `taken`. A screen
    none of whose signs is taken, and none barred for this person, keeps its whole question
    (the common case, decided by one look-up); the others go the long way."""
    questions: list[WarningQuestion] = []
    signs: list[str] = []
    person = age is not None or sex is not None
    of, shared_any = _screens_of(kb)
    touched: set[int] = set()
    for f in taken:
        at = of.get(f)
        if at is not None:
            touched |= at
    table = zip(_screen_table(kb), _whole_questions(kb), strict=True)
    for i, ((q, held, limited, shared), whole) in enumerate(table):
        if i not in touched and not shared_any and not (person and limited):
            if q.applies is None or q.applies.allows(age, sex):
                questions.append(whole)
                signs += held
            continue
        if q.applies is not None and not q.applies.allows(age, sex):
            continue
        left = held if taken.isdisjoint(held) else tuple(f for f in held if f not in taken)
        if left and person and limited:
            barred = {f for f, applies in limited if not applies.allows(age, sex)}
            left = tuple(f for f in left if f not in barred)
        if left:
            questions.append(whole if left == held else WarningQuestion(q.id, q.text, left))
            signs += left
            if shared:  # only a later question holding one of these signs reads `taken`
                taken.update(left)
    return signs, questions


def with_gaps(res: TextResult, kb: Knowledge, case: Mapping[str, Any] | None = None) -> TextResult:
    """`res` with the gaps of `case` (default: what the text itself gave). A case that is not
    valid gets no gaps here: its error comes from the assessment that follows."""
    try:
        gaps = warning_gaps(kb, res.case() if case is None else case)
    except InputError:
        return res
    return TextResult(res.items, res.findings, res.age, res.sex, gaps)  # (replace costs more)


def needs_answers(
    kb: Knowledge, case: Mapping[str, Any], text_result: TextResult | None = None
) -> dict[str, Any]:
    """The result line for a case whose text gave nothing clinical: not an assessment, but the
    questions to answer (age and sex when unknown, then every warning-sign question). The rest
    of the case must be valid: InputError names the field otherwise."""
    from legwise.engine.case import parse_case

    parsed = parse_case(kb, case)
    age, sex = parsed.age, parsed.sex
    if text_result is not None:
        age = text_result.age if age is None else age
        sex = text_result.sex if sex is None else sex
    known: dict[str, Any] = {"findings": {}}
    if age is not None:
        known["age"] = age
    if sex is not None:
        known["sex"] = sex
    gaps = warning_gaps(kb, known)
    about = [
        {"id": fid, "text": kb.findings[fid].question, "findings": [fid]}
        for fid, value in (("age", age), ("sex", sex))
        if value is None
    ]
    return {
        "id": parsed.id,
        "status": NEEDS_ANSWERS,
        "message": NothingRecognised().message,
        "questions": about + [q.to_dict() for q in gaps.questions if q.id not in ("age", "sex")],
        "unanswered_warning_signs": list(gaps.findings),
    }
