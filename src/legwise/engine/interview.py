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
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from legwise.engine.assess import quick_triage
from legwise.engine.case import Case, parse_case
from legwise.engine.compiled import CompiledKnowledge, compile_knowledge
from legwise.engine.logic import Facts, compile_expr
from legwise.engine.scoring import score
from legwise.errors import InputError
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS, Applicability, InterviewSettings
from legwise.signatures import case_first

# The top of the urgency scale: at an emergency the interview stops (after a question that
# could make it "call an ambulance"). What counts as a warning sign is knowledge
# (`meta.warning_signs`); the interview's settings are in meta.yaml `interview`.
EMERGENCY = LEVELS.index("emergency")
AMBULANCE = LEVELS.index("emergency_ambulance")
YES_NO = (("present", "Yes"), ("absent", "No"), ("unknown", "Not sure"))


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "label": self.label}


@dataclass(frozen=True, slots=True)
class Question:
    """One question: its text, the findings it answers (in order) and how to answer it."""

    id: str
    text: str
    help: str | None
    why: str
    findings: tuple[str, ...]
    kind: str  # single | any_of | number | choice
    options: tuple[Option, ...]
    phase: str  # about_you | screen | history | detail
    order: int
    asked_by: str
    applies: Applicability | None
    unit: str | None = None
    min: float | None = None
    max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "help": self.help,
            "why": self.why,
            "findings": list(self.findings),
            "kind": self.kind,
            "options": [o.to_dict() for o in self.options],
            "phase": self.phase,
        }
        if self.kind == "number":
            out.update({"unit": self.unit, "min": self.min, "max": self.max})
        return out


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


@dataclass(frozen=True)
class Catalogue:
    questions: tuple[Question, ...]
    by_finding: dict[str, Question]


@functools.cache
def catalogue(kb: Knowledge) -> Catalogue:
    """Every question legwise can ask: age, sex, the knowledge's groups, and one question for
    each yes/no or number finding that no group holds."""
    out: list[Question] = []
    age, sex = kb.findings["age"], kb.findings["sex"]
    out.append(
        Question(
            "age",
            age.question,
            age.help,
            age.why,
            ("age",),
            "number",
            (),
            "about_you",
            0,
            "patient",
            None,
            age.unit,
            age.min,
            age.max,
        )
    )
    sex_options = tuple(Option(c, c.capitalize()) for c in sex.choices or ())
    out.append(
        Question(
            "sex",
            sex.question,
            sex.help,
            sex.why,
            ("sex",),
            "choice",
            (*sex_options, Option("unknown", "Prefer not to say")),
            "about_you",
            1,
            "patient",
            None,
        )
    )
    grouped: set[str] = set()
    for g in kb.questions.values():
        options = tuple(Option(f, kb.findings[f].label) for f in g.findings)
        out.append(
            Question(
                g.id,
                g.text,
                g.help,
                g.why,
                tuple(g.findings),
                "any_of",
                (*options, Option("none", "None of these"), Option("unknown", "Not sure")),
                g.phase,
                g.order,
                g.asked_by,
                g.applies,
            )
        )
        grouped |= set(g.findings)
    for f in kb.findings.values():
        if f.id in ("age", "sex") or f.id in grouped or f.type == "choice":
            continue
        if f.type == "state":
            options = tuple(Option(v, label) for v, label in YES_NO)
            out.append(
                Question(
                    f.id,
                    f.question,
                    f.help,
                    f.why,
                    (f.id,),
                    "single",
                    options,
                    "screen" if f.group == "red_flags" else "detail",
                    100,
                    f.asked_by,
                    f.applies,
                )
            )
        else:
            out.append(
                Question(
                    f.id,
                    f.question,
                    f.help,
                    f.why,
                    (f.id,),
                    "number",
                    (Option("unknown", "Not sure"),),
                    "detail",
                    100,
                    f.asked_by,
                    f.applies,
                    f.unit,
                    f.min,
                    f.max,
                )
            )
    by_finding = {fid: q for q in out for fid in q.findings}
    return Catalogue(tuple(out), by_finding)


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


def _rank(ck: CompiledKnowledge, case: Case) -> int:
    return LEVELS.index(quick_triage(ck, case)[0])


@functools.cache
def _answer_models(
    ck: CompiledKnowledge, base_rate: float
) -> dict[str, tuple[tuple[int, float, float], ...]]:
    """Per finding, per linked condition: P(yes | condition) and P(yes | not condition).

    Chosen to reproduce the finding's LR+ and LR- exactly when the pair is consistent with a
    yes/no answer; when it is not (an LR- of 1, meaning "absence tells nothing"), the chance of
    a yes without the condition falls back to `base_rate`.
    """
    pairs: dict[str, list[tuple[int, float, float]]] = {}
    for fid, state_links in ck.state_links.items():
        pairs[fid] = [(sl.condition, sl.log_pos, sl.log_neg) for sl in state_links]
    for fid, adjustments in ck.adjust_by_finding.items():
        # A risk factor multiplies the prior odds when present; absent leaves them as they are.
        pairs.setdefault(fid, []).extend((a.condition, a.log_or, 0.0) for a in adjustments)
    out: dict[str, tuple[tuple[int, float, float], ...]] = {}
    for fid, ratios in pairs.items():
        models = []
        for cond, log_pos, log_neg in ratios:
            lr_pos, lr_neg = math.exp(log_pos), math.exp(log_neg)
            if abs(lr_pos - lr_neg) < 1e-9:
                continue
            q = (1 - lr_neg) / (lr_pos - lr_neg)
            sens = lr_pos * q
            if not (0 < q < 1 and 0 < sens < 1):
                q = base_rate
                sens = min(0.99, lr_pos * q)
            models.append((cond, sens, q))
        out[fid] = tuple(models)
    return out


def _entropy(p: float) -> float:
    if p <= 1e-12 or p >= 1 - 1e-12:
        return 0.0
    return -(p * math.log2(p) + (1 - p) * math.log2(1 - p))


class _Gain:
    """Expected information gain of a finding: the mutual information between its answer and
    each cause (never negative), summed with dangerous causes weighted up."""

    def __init__(self, ck: CompiledKnowledge, case: Case, settings: InterviewSettings) -> None:
        facts = Facts(states=case.states, numbers=case.numbers, sex=case.sex)
        log_odds = score(ck, case, facts).log_odds
        self.p = tuple(
            None
            if lo is None
            else 1.0 / (1.0 + math.exp(-lo))
            if lo >= 0
            else math.exp(lo) / (1.0 + math.exp(lo))
            for lo in log_odds
        )
        kb = ck.kb
        self.weights = tuple(
            settings.dangerous_weight if kb.conditions[c].dangerous else 1.0 for c in ck.conditions
        )
        self.models = _answer_models(ck, settings.finding_base_rate)

    def of(self, finding: str) -> float:
        gain = 0.0
        for cond, sens, q in self.models.get(finding, ()):
            p = self.p[cond]
            if p is None:
                continue
            yes = p * sens + (1 - p) * q
            if yes <= 0 or yes >= 1:
                continue
            after = yes * _entropy(p * sens / yes) + (1 - yes) * _entropy(
                p * (1 - sens) / (1 - yes)
            )
            gain += self.weights[cond] * (_entropy(p) - after)
        return gain


def _could_reach(ck: CompiledKnowledge, kb: Knowledge, case: Case, q: Question) -> int:
    """The highest level a yes to any one of the question's warning signs would give (for a
    number, the most worrying value any rule tests for)."""
    best = 0
    for fid in q.findings:
        if fid not in ck.red_flags:
            continue
        if kb.findings[fid].type == "state":
            best = max(best, _rank(ck, _with(case, fid, 1)))
        elif kb.findings[fid].type == "number":
            for value in _probe_values(kb, fid):
                numbers = {**case.numbers, fid: value}
                alt = Case(age=case.age, sex=case.sex, states=case.states, numbers=numbers)
                best = max(best, _rank(ck, alt))
    return best


@functools.cache
def _probe_values_cached(kb: Knowledge, fid: str) -> tuple[float, ...]:
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
    ck: CompiledKnowledge, kb: Knowledge, case: Case, q: Question, rank: int
) -> bool:
    """True when answering this number question could change a level that a danger window
    (read with the value unknown) has set."""
    for fid in q.findings:
        if fid in case.numbers:
            continue
        for value in _window_values(kb, fid):
            numbers = {**case.numbers, fid: value}
            alt = Case(age=case.age, sex=case.sex, states=case.states, numbers=numbers)
            if _rank(ck, alt) != rank:
                return True
    return False


def _probe_values(kb: Knowledge, fid: str) -> tuple[float, ...]:
    return _probe_values_cached(kb, fid)


def _score_items_deciding(ck: CompiledKnowledge, kb: Knowledge, case: Case, rank: int) -> set[str]:
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
    return unknown if _rank(ck, settled) < rank else set()


def _defining_question(
    ck: CompiledKnowledge,
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


def _settings(kb: Knowledge) -> InterviewSettings:
    return kb.meta.interview


@case_first("kb", "data", "audience")
def next_step(data: Mapping[str, Any] | Case, *, kb: Knowledge, audience: str = "patient") -> Step:
    """The next question for this case, or done with the reason (see the module docstring)."""
    if audience not in ("patient", "clinician"):
        raise InputError("audience", f"{audience!r} is not one of patient, clinician")
    ck = compile_knowledge(kb)
    case = parse_case(kb, data)
    settings = _settings(kb)
    cat = catalogue(kb)
    answered = _answered(case)
    skip = frozenset(
        f.id
        for f in kb.findings.values()
        if f.applies is not None and not f.applies.allows(case.age, case.sex)
    )
    asked_count = sum(1 for q in cat.questions if _remaining(q, answered) is None)

    def ask(q: Question) -> Step:
        return Step(False, question=q, asked=asked_count)

    level, probs = quick_triage(ck, case)
    rank = LEVELS.index(level)
    if rank < EMERGENCY:  # an emergency (from free text, say) never waits behind age and sex
        for first in cat.questions[:2]:  # age, then sex
            if first.findings[0] not in answered:
                return ask(first)
    open_questions = []
    for q in cat.questions[2:]:
        if q.asked_by != "patient" and audience == "patient":
            continue
        if q.applies is not None and not q.applies.allows(case.age, case.sex):
            continue
        left = _remaining(q, answered, skip)
        if left is not None:
            open_questions.append(left)

    if rank >= EMERGENCY:
        # When the level rests on a danger window read with an unknown time ("began within the
        # last 2 weeks"), ask when it began: it tells a threatened limb from a long-standing one.
        if asked_count < settings.max_questions:
            for q in open_questions:
                if q.kind == "number" and _window_decides(ck, kb, case, q, rank):
                    return Step(False, question=q, asked=asked_count, level=level, urgent=True)
        # A clinician can finish a score whose unanswered items alone make this an emergency
        # (a Wells score "not yet computable"); a patient cannot, so for them it stands.
        if audience == "clinician" and asked_count < settings.max_questions:
            pending = _score_items_deciding(ck, kb, case, rank)
            for q in open_questions:
                if pending & set(q.findings):
                    return Step(False, question=q, asked=asked_count, level=level, urgent=True)
        # Stop now, unless a quick warning-sign question could still turn "go to hospital"
        # into "call an ambulance" (a faint after a swollen leg, say): that is worth asking.
        if rank < AMBULANCE and asked_count < settings.max_questions:
            for q in sorted(open_questions, key=_screen_order):
                if _could_reach(ck, kb, case, q) >= AMBULANCE:
                    return Step(False, question=q, asked=asked_count, level=level, urgent=True)
        return Step(
            True,
            reason="Your answers include a warning sign that needs care now.",
            reason_code="emergency",
            level=level,
            asked=asked_count,
        )
    if asked_count >= settings.max_questions:
        return Step(
            True,
            reason=f"Stopped after {asked_count} questions (the most legwise asks).",
            reason_code="cap",
            level=level,
            asked=asked_count,
        )

    # 1. The warning-sign screen: anything that could raise urgency to same-day or higher.
    warning_rank = LEVELS.index(kb.meta.warning_signs.level)
    flagged: list[tuple[int, int, int, Question]] = []
    for q in open_questions:
        best = _could_reach(ck, kb, case, q)
        if best >= warning_rank and best > rank:
            flagged.append((*_screen_order(q)[:2], -best, q))
    if flagged:
        flagged.sort(key=lambda item: (item[0], item[1], item[2], item[3].id))
        return ask(flagged[0][3])

    # 2. Information gain, with a bonus for answers that could change the level.
    gain = _Gain(ck, case, settings)
    ranked = sorted(probs.items(), key=lambda kv: -kv[1])
    top = ranked[0][0] if ranked else None
    scored: list[tuple[float, bool, Question]] = []
    for q in open_questions:
        if q.kind == "number":
            continue  # numbers are for clinicians to enter; the yes/no questions cover them
        g = sum(gain.of(f) for f in q.findings)
        moves = False
        for fid in q.findings:
            for value in (1, -1):
                alt = _with(case, fid, value)
                alt_level, alt_probs = quick_triage(ck, alt)
                alt_top = max(alt_probs, key=alt_probs.__getitem__) if alt_probs else None
                if alt_level != level or alt_top != top:
                    moves = True
                    break
            if moves:
                break
        scored.append((g + (settings.level_change_bonus if moves else 0.0), moves, q))
    defining = _defining_question(ck, kb, case, probs, open_questions, settings)
    if not scored:
        if defining is not None:
            return ask(defining)
        return Step(
            True,
            reason="There is nothing more to ask.",
            reason_code="exhausted",
            level=level,
            asked=asked_count,
        )
    scored.sort(key=lambda item: (-item[0], item[2].order, item[2].id))
    best_score, _, best_q = scored[0]
    confident = bool(ranked) and ranked[0][1] >= settings.confident_probability
    stopping = (confident and not any(moves for _, moves, _ in scored)) or (
        best_score < settings.min_gain
    )
    if stopping and defining is not None:
        return ask(defining)
    if confident and not any(moves for _, moves, _ in scored):
        return Step(
            True,
            reason="The most likely cause is clear, and no other question would change it or "
            "the advice on how soon to get care.",
            reason_code="confident",
            level=level,
            asked=asked_count,
        )
    if best_score < settings.min_gain:
        return Step(
            True,
            reason="No other question is likely to change the picture.",
            reason_code="no_gain",
            level=level,
            asked=asked_count,
        )
    return ask(best_q)
