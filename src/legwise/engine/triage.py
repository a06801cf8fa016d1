"""Triage: the most urgent level among the rules that fire, with every reason kept.

Rules set floors and nothing lowers a floor. Rules are monotone (no `absent`, no `not`) and
fire only when true, so an unanswered warning-sign question can never count as a "no". When
no modelled cause explains the picture, the level is at least `meta.unexplained_level`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from legwise.engine.case import Case
from legwise.engine.compiled import CompiledKnowledge, CompiledRule
from legwise.engine.frozen import maker
from legwise.engine.jsonable import source_dicts
from legwise.engine.logic import Facts
from legwise.engine.scores import worst_cases
from legwise.kb.schema import LEVELS, SourceRef


@dataclass(frozen=True, slots=True)
class Reason:
    """Why the level is what it is: a rule that fired (or the unexplained-picture floor)."""

    rule: str
    level: str
    title: str
    text: str
    action: str | None
    suspects: tuple[str, ...]
    outside: str | None
    sources: tuple[SourceRef, ...]
    from_diary: tuple[str, ...] = ()  # diary patterns without which this rule would not fire

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "rule": self.rule,
            "level": self.level,
            "title": self.title,
            "text": self.text,
        }
        if self.action:
            out["action"] = self.action
        if self.suspects:
            out["suspects"] = list(self.suspects)
        if self.outside:
            out["outside"] = self.outside
        out["sources"] = source_dicts(self.sources)
        if self.from_diary:
            out["from_diary"] = list(self.from_diary)
        return out


@dataclass(frozen=True, slots=True)
class Unexplained:
    """No modelled cause explains the picture; `outside` names what it may point to."""

    reason: str
    outside: tuple[str, ...]
    findings: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "reason": self.reason,
            "outside": list(self.outside),
            "findings": list(self.findings),
        }


@dataclass(frozen=True, slots=True)
class TriageResult:
    level: str
    rank: int
    reasons: tuple[Reason, ...]
    unanswered_red_flags: tuple[str, ...]
    # the dangerous causes named (`about`) by the rules that set the level, likeliest first
    about: tuple[str, ...] = ()


_reason = maker(Reason)
_triage_result = maker(TriageResult)


def fired_rules(compiled: CompiledKnowledge, case: Case, facts: Facts) -> list[CompiledRule]:
    """The rules whose condition is true for this case, most urgent first (then by id)."""
    candidates: set[int] = set(compiled.rules_always)
    # one-probability rules: compared here (the same test their function makes), not called
    sure: list[int] = []
    probs = facts.probabilities
    for cond, cuts in compiled.rules_probability:
        p = probs.get(cond)
        if p is not None:
            for cut, at in cuts:
                if p < cut:
                    break
                sure.append(at)
    triggers = compiled.rule_triggers
    for fid, value in case.states.items():
        if value > 0 and fid in triggers:
            candidates.update(triggers[fid])
    for fid in case.numbers:
        if fid in triggers:
            candidates.update(triggers[fid])
    if not facts.score_upper and not candidates.isdisjoint(compiled.score_rules):
        facts.score_upper = worst_cases(compiled, facts)
    rules = compiled.rules_by_urgency
    if not sure:
        return [rules[at] for at in sorted(candidates) if rules[at].test(facts)]
    candidates.update(sure)
    known = frozenset(sure)
    return [rules[at] for at in sorted(candidates) if at in known or rules[at].test(facts)]


@functools.lru_cache(maxsize=64)
def _rule_reasons(compiled: CompiledKnowledge) -> dict[str, Reason]:
    """Each rule's reason, built once (reasons are frozen; a result replaces, never edits)."""
    return {
        r.spec.id: Reason(
            rule=r.spec.id,
            level=r.spec.level,
            title=r.spec.title,
            text=r.spec.reason,
            action=r.spec.action,
            suspects=tuple(r.spec.suspects),
            outside=r.spec.outside,
            sources=tuple(r.spec.sources),
        )
        for r in compiled.rules
    }


@functools.lru_cache(maxsize=1024)
def _plain_reason(
    compiled: CompiledKnowledge, rule_id: str, level: str, title: str, text: str
) -> Reason:
    """A reason no rule of the knowledge gives (no warning signs, no known cause fits), with
    the knowledge's own sources; built once for each text (reasons are frozen), so a result
    shares it as it shares the rules' reasons."""
    return _reason(
        rule=rule_id,
        level=level,
        title=title,
        text=text,
        action=None,
        suspects=(),
        outside=None,
        sources=tuple(compiled.kb.meta.sources),
    )


@functools.lru_cache(maxsize=64)
def _sorted_flags(compiled: CompiledKnowledge) -> tuple[str, ...]:
    return tuple(sorted(compiled.red_flags))


@functools.lru_cache(maxsize=64)
def _flag_positions(compiled: CompiledKnowledge) -> dict[str, int]:
    return {f: i for i, f in enumerate(_sorted_flags(compiled))}


def _unanswered(
    compiled: CompiledKnowledge, states: Mapping[str, int], numbers: Mapping[str, float]
) -> tuple[str, ...]:
    """The warning signs neither answered nor given as a number, sorted: the sorted list
    with the few answered ones cut out (cheaper than testing each of the many)."""
    flags = _sorted_flags(compiled)
    at = _flag_positions(compiled)
    cut = sorted({at[f] for f in (*states, *numbers) if f in at})
    if not cut:
        return flags
    out: list[str] = []
    start = 0
    for i in cut:
        out.extend(flags[start:i])
        start = i + 1
    out.extend(flags[start:])
    return tuple(out)


def level_of(fired: list[CompiledRule]) -> int:
    """The triage rank from fired rules alone (self-care when none fired); `fired_rules`
    lists the most urgent first."""
    return fired[0].rank if fired else 0


def triage(
    compiled: CompiledKnowledge,
    case: Case,
    fired: list[CompiledRule],
    unexplained: Unexplained | None,
) -> TriageResult:
    """The level, its reasons (most urgent first) and the warning signs left unanswered."""
    rank = level_of(fired)
    known_reasons = _rule_reasons(compiled)
    reasons = [known_reasons[r.spec.id] for r in fired]
    if unexplained is not None:
        meta = compiled.kb.meta
        if rank < compiled.unexplained_rank:
            rank = compiled.unexplained_rank
        reasons.append(
            _plain_reason(
                compiled,
                "unexplained_picture",
                meta.unexplained_level,
                "No known cause fits",
                unexplained.reason,
            )
        )
    # "Not sure" is not an answer here: a warning sign counts as checked only when known.
    states, numbers = case.states, case.numbers
    unanswered = _unanswered(compiled, states, numbers)
    if not reasons:
        # Never "no warning signs" when one was answered yes: some warning signs only call for
        # faster care together with others, but the person must not be told there were none.
        flags = compiled.red_flags
        flagged = any(v > 0 and f in flags for f, v in states.items())
        if flagged:
            rule_id, title = "no_urgent_warning_signs", "No urgent combination of warning signs"
            text = (
                "One or more of your answers can be a warning sign, but not in a way that needs"
                " faster care now. Get help sooner if anything changes or gets worse."
            )
        else:
            rule_id, title = "no_warning_signs", "No warning signs in the answers"
            text = "None of your answers is a warning sign. Check again if anything changes."
            if unanswered:
                text = (
                    "None of your answers is a warning sign, but some warning signs were not"
                    " asked about. If you have any of them, get help sooner."
                )
        reasons.append(_plain_reason(compiled, rule_id, "self_care", title, text))
    return _triage_result(LEVELS[rank], rank, tuple(reasons), unanswered)
