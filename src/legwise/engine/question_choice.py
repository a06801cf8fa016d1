"""The adaptive interview: which question to ask next, or why to stop.

The step is stateless: the case holds every answer so far ("not sure" stored as unknown, and
so counted as asked). Order:

1. age, then sex (unless the answers so far already mean an emergency: then its screen
   comes first);
2. the warning-sign screen: every question with a finding that, answered yes, would raise the
   urgency to "see a doctor today" or higher (screens first, in their clinical order);
3. the question with the highest expected information gain about the causes (entropy of each
   cause's probability, dangerous causes weighted up), plus a bonus when its answer could
   change the urgency level.

It stops at once when the answers already mean an emergency; otherwise when the top cause is
confident and no question could change the level or the top cause, when no question is
expected to teach much, or at a hard cap. Each stop says why.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from legwise.engine.assess import quick_triage
from legwise.engine.case import Case, parse_case
from legwise.engine.compiled import CompiledKnowledge, compile_knowledge
from legwise.engine.logic import Facts, compile_expr
from legwise.engine.question_catalogue import Catalogue, Option, Question, catalogue
from legwise.engine.question_gain import InformationGain
from legwise.errors import InputError
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS, InterviewSettings
from legwise.signatures import case_first

# The top of the urgency scale: at an emergency the interview stops (after a question that
# could make it "call an ambulance"). What counts as a warning sign is knowledge
# (`meta.warning_signs`); the interview's settings are in meta.yaml `interview`.
EMERGENCY = LEVELS.index("emergency")
AMBULANCE = LEVELS.index("emergency_ambulance")


@dataclass(frozen=True, slots=True)
class Step:
    """Either the next question, or done with the reason the interview stopped."""

    done: bool
    question: Question | None = None
    reason: str | None = None
    reason_code: str | None = None
    level: str | None = None
    asked: int = 0
    urgent: bool = False  # a question asked after the answers already mean an emergency

    def to_dict(self) -> dict[str, Any]:
        if not self.done:
            assert self.question is not None
            out: dict[str, Any] = {
                "done": False,
                "question": self.question.to_dict(),
                "asked": self.asked,
            }
            if self.urgent:
                out["urgent"] = True
                out["level"] = self.level
            return out
        return {
            "done": True,
            "reason": self.reason,
            "reason_code": self.reason_code,
            "level": self.level,
            "asked": self.asked,
        }


def _answered(case: Case) -> set[str]:
    return set(case.states) | set(case.numbers) | set(case.asked)


def _remaining(
    q: Question, answered: set[str], skip: frozenset[str] = frozenset()
) -> Question | None:
    """The question limited to what is still unanswered and applies to this person (None when
    nothing is left)."""
    left = tuple(f for f in q.findings if f not in answered and f not in skip)
    if not left:
        return None
    if len(left) == len(q.findings):
        return q
    if q.kind != "any_of":
        return q
    keep = tuple(o for o in q.options if o.value in left or o.value in ("none", "unknown"))
    return replace(q, findings=left, options=keep)


def _with(case: Case, finding: str, value: int) -> Case:
    return Case(
        age=case.age,
        sex=case.sex,
        states={**case.states, finding: value},
        numbers=case.numbers,
        asked=case.asked,
    )


def _rank(compiled: CompiledKnowledge, case: Case) -> int:
    return LEVELS.index(quick_triage(compiled, case)[0])


def _could_reach(compiled: CompiledKnowledge, kb: Knowledge, case: Case, q: Question) -> int:
    """The highest level a yes to any one of the question's warning signs would give (for a
    number, the most worrying value any rule tests for)."""
    best = 0
    for fid in q.findings:
        if fid not in compiled.red_flags:
            continue
        if kb.findings[fid].type == "state":
            best = max(best, _rank(compiled, _with(case, fid, 1)))
        elif kb.findings[fid].type == "number":
            for value in _probe_values(kb, fid):
                numbers = {**case.numbers, fid: value}
                alt = Case(age=case.age, sex=case.sex, states=case.states, numbers=numbers)
                best = max(best, _rank(compiled, alt))
    return best


@functools.cache
def _probe_values(kb: Knowledge, fid: str) -> tuple[float, ...]:
    values: set[float] = set()
    for rule in kb.rules.values():
        for node in rule.when.walk():
            t = node.number
            if t is None or t.finding != fid:
                continue
            for bound, nudge in ((t.min, 0.0), (t.max, 0.0), (t.gt, 1e-6), (t.lt, -1e-6)):
                if bound is not None:
                    values.add(bound + nudge)
    return tuple(sorted(values))


@functools.cache
def _window_values(kb: Knowledge, fid: str) -> tuple[float, ...]:
    """Values just inside and outside each danger window (`or_unknown` number tests)."""
    values: set[float] = set()
    for rule in kb.rules.values():
        for node in rule.when.walk():
            t = node.number
            if t is None or t.finding != fid or not t.or_unknown:
                continue
            for bound in (t.min, t.max, t.gt, t.lt):
                if bound is not None:
                    values.update((bound - 1, bound, bound + 1))
    return tuple(sorted(values))


def _window_decides(
    compiled: CompiledKnowledge, kb: Knowledge, case: Case, q: Question, rank: int
) -> bool:
    """True when answering this number question could change a level that a danger window
    (read with the value unknown) has set."""
    for fid in q.findings:
        if fid in case.numbers:
            continue
        for value in _window_values(kb, fid):
            numbers = {**case.numbers, fid: value}
            alt = Case(age=case.age, sex=case.sex, states=case.states, numbers=numbers)
            if _rank(compiled, alt) != rank:
                return True
    return False


def _score_items_deciding(
    compiled: CompiledKnowledge, kb: Knowledge, case: Case, rank: int
) -> set[str]:
    """Unanswered score items whose worst case is what puts the case at this level."""
    unknown = {
        f
        for s in kb.scores.values()
        if s.kind == "points"
        for item in s.items
        for f in item.when.positive_findings()
        if f not in case.states and kb.findings[f].type == "state"
    }
    if not unknown:
        return set()
    settled = Case(
        age=case.age,
        sex=case.sex,
        states={**case.states, **dict.fromkeys(unknown, -1)},
        numbers=case.numbers,
    )
    return unknown if _rank(compiled, settled) < rank else set()


def _defining_question(
    compiled: CompiledKnowledge,
    kb: Knowledge,
    case: Case,
    probs: Mapping[str, float],
    open_questions: list[Question],
    settings: InterviewSettings,
) -> Question | None:
    """A question the knowledge asks before stopping (`interview.before_stopping`): a fact
    that defines the likely cause, when its condition holds and it is still unanswered."""
    if not settings.before_stopping:
        return None
    plausible = kb.meta.plausible_probability
    facts = Facts(
        states=case.states,
        numbers={**case.numbers, **({"age": case.age} if case.age is not None else {})},
        sex=case.sex,
        probabilities=probs,
        suspected=frozenset(c for c, p in probs.items() if p >= plausible),
    )
    by_finding = {f: q for q in open_questions for f in q.findings}
    for item in settings.before_stopping:
        if compile_expr(item.when)(facts) is not True:
            continue
        for fid in item.ask:
            if fid in by_finding:
                return by_finding[fid]
    return None


def _screen_order(q: Question) -> tuple[int, int, str]:
    return ({"screen": 0, "history": 1, "detail": 2}.get(q.phase, 3), q.order, q.id)


@dataclass(frozen=True)
class _Turn:
    """Everything one step works from: the case, its level and probabilities, and the
    questions still open for this person."""

    kb: Knowledge
    compiled: CompiledKnowledge
    case: Case
    settings: InterviewSettings
    asked: int
    level: str
    rank: int
    probs: dict[str, float]
    open_questions: list[Question]

    def ask(self, q: Question, urgent: bool = False) -> Step:
        level = self.level if urgent else None
        return Step(False, question=q, asked=self.asked, level=level, urgent=urgent)

    def stop(self, reason_code: str, reason: str) -> Step:
        return Step(
            True, reason=reason, reason_code=reason_code, level=self.level, asked=self.asked
        )


def _open_questions(
    kb: Knowledge, cat: Catalogue, case: Case, answered: set[str], audience: str
) -> list[Question]:
    """The questions after age and sex still open for this person and audience, limited to
    what is unanswered and applies to them."""
    skip = frozenset(
        f.id
        for f in kb.findings.values()
        if f.applies is not None and not f.applies.allows(case.age, case.sex)
    )
    out = []
    for q in cat.questions[2:]:
        if q.asked_by != "patient" and audience == "patient":
            continue
        if q.applies is not None and not q.applies.allows(case.age, case.sex):
            continue
        left = _remaining(q, answered, skip)
        if left is not None:
            out.append(left)
    return out


def _emergency_step(turn: _Turn, audience: str) -> Step:
    """At an emergency: at most one more question that could change what to do now."""
    compiled, kb, case, rank = turn.compiled, turn.kb, turn.case, turn.rank
    if turn.asked < turn.settings.max_questions:
        # When the level rests on a danger window read with an unknown time ("began within
        # the last 2 weeks"), ask when it began: it tells a threatened limb from an old one.
        for q in turn.open_questions:
            if q.kind == "number" and _window_decides(compiled, kb, case, q, rank):
                return turn.ask(q, urgent=True)
        # A clinician can finish a score whose unanswered items alone make this an emergency
        # (a Wells score "not yet computable"); a patient cannot, so for them it stands.
        if audience == "clinician":
            pending = _score_items_deciding(compiled, kb, case, rank)
            for q in turn.open_questions:
                if pending & set(q.findings):
                    return turn.ask(q, urgent=True)
        # Stop now, unless a quick warning-sign question could still turn "go to hospital"
        # into "call an ambulance" (a faint after a swollen leg, say): that is worth asking.
        if rank < AMBULANCE:
            for q in sorted(turn.open_questions, key=_screen_order):
                if _could_reach(compiled, kb, case, q) >= AMBULANCE:
                    return turn.ask(q, urgent=True)
    return turn.stop("emergency", "Your answers include a warning sign that needs care now.")


def _warning_sign_question(turn: _Turn) -> Question | None:
    """The first open question that could raise the level to the warning-sign level (same-day
    care) or higher, screens first in their clinical order."""
    warning_rank = LEVELS.index(turn.kb.meta.warning_signs.level)
    flagged: list[tuple[int, int, int, Question]] = []
    for q in turn.open_questions:
        best = _could_reach(turn.compiled, turn.kb, turn.case, q)
        if best >= warning_rank and best > turn.rank:
            flagged.append((*_screen_order(q)[:2], -best, q))
    if not flagged:
        return None
    flagged.sort(key=lambda item: (item[0], item[1], item[2], item[3].id))
    return flagged[0][3]


def _moves(turn: _Turn, q: Question, top: str | None) -> bool:
    """Whether one answer to the question could change the level or the top cause."""
    for fid in q.findings:
        for value in (1, -1):
            alt_level, alt_probs = quick_triage(turn.compiled, _with(turn.case, fid, value))
            alt_top = max(alt_probs, key=alt_probs.__getitem__) if alt_probs else None
            if alt_level != turn.level or alt_top != top:
                return True
    return False


def _gain_step(turn: _Turn) -> Step:
    """The question that teaches most (a bonus when an answer could change the level or the
    top cause), or a stop when the top cause is clear or nothing would teach much."""
    settings = turn.settings
    gain = InformationGain(turn.compiled, turn.case, settings)
    ranked = sorted(turn.probs.items(), key=lambda kv: -kv[1])
    top = ranked[0][0] if ranked else None
    scored: list[tuple[float, bool, Question]] = []
    for q in turn.open_questions:
        if q.kind == "number":
            continue  # numbers are for clinicians to enter; the yes/no questions cover them
        moves = _moves(turn, q, top)
        bonus = settings.level_change_bonus if moves else 0.0
        scored.append((sum(gain.of(f) for f in q.findings) + bonus, moves, q))
    defining = _defining_question(
        turn.compiled, turn.kb, turn.case, turn.probs, turn.open_questions, settings
    )
    if not scored:
        if defining is not None:
            return turn.ask(defining)
        return turn.stop("exhausted", "There is nothing more to ask.")
    scored.sort(key=lambda item: (-item[0], item[2].order, item[2].id))
    best_score, _, best_q = scored[0]
    settled = not any(moves for _, moves, _ in scored)
    confident = bool(ranked) and ranked[0][1] >= settings.confident_probability and settled
    if (confident or best_score < settings.min_gain) and defining is not None:
        return turn.ask(defining)
    if confident:
        return turn.stop(
            "confident",
            "The most likely cause is clear, and no other question would change it or "
            "the advice on how soon to get care.",
        )
    if best_score < settings.min_gain:
        return turn.stop("no_gain", "No other question is likely to change the picture.")
    return turn.ask(best_q)


@case_first("kb", "data", "audience")
def next_step(data: Mapping[str, Any] | Case, *, kb: Knowledge, audience: str = "patient") -> Step:
    """The next question for this case, or done with the reason (see the module docstring)."""
    if audience not in ("patient", "clinician"):
        raise InputError("audience", f"{audience!r} is not one of patient, clinician")
    compiled = compile_knowledge(kb)
    case = parse_case(kb, data)
    cat = catalogue(kb)
    answered = _answered(case)
    asked = sum(1 for q in cat.questions if _remaining(q, answered) is None)
    level, probs = quick_triage(compiled, case)
    rank = LEVELS.index(level)
    if rank < EMERGENCY:  # an emergency (from free text, say) never waits behind age and sex
        for first in cat.questions[:2]:  # age, then sex
            if first.findings[0] not in answered:
                return Step(False, question=first, asked=asked)
    turn = _Turn(
        kb, compiled, case, kb.meta.interview, asked, level, rank, probs,
        _open_questions(kb, cat, case, answered, audience),
    )  # fmt: skip
    if rank >= EMERGENCY:
        return _emergency_step(turn, audience)
    if asked >= turn.settings.max_questions:
        return turn.stop("cap", f"Stopped after {asked} questions (the most legwise asks).")
    # 1. The warning-sign screen: anything that could raise urgency to same-day or higher.
    flagged = _warning_sign_question(turn)
    if flagged is not None:
        return turn.ask(flagged)
    # 2. Information gain, with a bonus for answers that could change the level.
    return _gain_step(turn)


__all__ = ["Catalogue", "Option", "Question", "Step", "catalogue", "next_step"]
