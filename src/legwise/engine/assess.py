"""One assessment: scoring, triage, scores and advice tied into an immutable result."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from legwise.engine.advice import select_advice
from legwise.engine.assessment import Assessment, ConditionResult
from legwise.engine.case import Case, parse_case
from legwise.engine.compiled import CompiledKnowledge, CompiledRule, compile_knowledge
from legwise.engine.frozen import maker
from legwise.engine.logic import Facts
from legwise.engine.ranking import listed_behind, rank_causes
from legwise.engine.scores import compute_scores
from legwise.engine.scoring import (
    Scored,
    score,
    sigmoid,
    support_cut,
    supported,
)
from legwise.engine.triage import TriageResult, Unexplained, fired_rules, level_of, triage
from legwise.engine.voice import one_voice
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS
from legwise.signatures import case_first

_condition_result = maker(ConditionResult)  # ConditionResult(...), about twice as fast
_triage_result = maker(TriageResult)


def _facts(case: Case) -> Facts:
    return Facts(states=case.states, numbers=case.numbers, sex=case.sex)


@functools.cache
def suspicion_cuts(kb: Knowledge) -> dict[str, float]:
    """For each dangerous cause, the probability from which it is suspected: the cut-off of its
    threshold rule in `meta.suspicion_rules` (consultation_24 or above), so advice that treats
    a cause as suspected always comes with at least a same-day level."""
    out: dict[str, float] = {}
    for rid in kb.meta.suspicion_rules:
        test = kb.rules[rid].when.probability
        if test is not None:
            out[test.condition] = test.min
    return out


def _suspected(
    compiled: CompiledKnowledge,
    scored: Scored,
    probs: dict[str, float],
    fired_suspects: set[str],
    best: str | None,
) -> frozenset[str]:
    """Causes worth acting on: named by a fired rule, or likely enough AND either supported
    by the answers (odds above the person's prior) or the first cause listed when the answers
    support it (`best`). A common cause that nothing in the answers points to does not fill
    the advice with its self-care.
    A dangerous cause is suspected exactly when its same-day threshold rule fires."""
    threshold = compiled.kb.meta.plausible_probability
    cuts = suspicion_cuts(compiled.kb)
    out = set(fired_suspects)
    for cid, p in probs.items():
        cut = cuts.get(cid)
        if cut is not None:
            if p >= cut:
                out.add(cid)
            continue
        if p < threshold:
            continue
        i = compiled.index[cid]
        prior, post = scored.prior[i], scored.log_odds[i]
        if cid == best or (prior is not None and post is not None and post > prior + 1e-9):
            out.add(cid)
    return frozenset(out)


def _unexplained(
    compiled: CompiledKnowledge, case: Case, scored: Scored, outside: list[str]
) -> Unexplained | None:
    """Outside-pointing rules, or too little fit: every background probability is low."""
    meta = compiled.kb.meta
    if outside:
        names = tuple(dict.fromkeys(outside))
        reason = meta.unexplained_reason_outside.replace("{outside}", "; ".join(names))
        return Unexplained(reason, names, tuple(sorted(f for f, v in case.states.items() if v > 0)))
    # Only symptoms other than warning signs count here, for the same reason as the
    # background probabilities: the decision must not flip back as warning signs are added.
    counted = compiled.tables.quiet_symptoms
    quiet = [(f, v) for f, v in case.states.items() if f in counted]
    symptoms = [f for f, v in quiet if v > 0]
    # Enough answers to judge: a symptom said yes to, and enough symptom questions answered
    # either way ("no" to every feature of a cause is as telling as "yes" to another's).
    if not symptoms or len(quiet) < meta.unexplained_min_findings:
        return None
    # A cause fits when the quiet answers support it and it reaches the threshold (compared
    # in log-odds: this runs on every quick triage).
    need = support_cut(meta.support_min_ratio)
    cut = compiled.unexplained_cut
    for lo, lo0 in zip(scored.background, scored.background_prior, strict=True):
        if lo is not None and lo0 is not None and lo >= cut and lo - lo0 >= need:
            return None
    return Unexplained(meta.unexplained_reason_low, (), tuple(sorted(symptoms)))


def _none_listed(kb: Knowledge, unexplained: Unexplained, fits: frozenset[str]) -> Unexplained:
    """When rules point outside legwise and no listed cause is named by a rule or supported
    by the answers, say plainly that none of the causes listed fits (the list then shows what
    is still possible, not the answer). The low-fit reason says so already."""
    extra = kb.meta.unexplained_none_listed
    if fits or not unexplained.outside or extra is None:
        return unexplained
    return replace(unexplained, reason=f"{unexplained.reason} {extra}")


def _triage_only(
    compiled: CompiledKnowledge, case: Case
) -> tuple[int, dict[str, float], list[CompiledRule], Unexplained | None]:
    """Scoring plus triage without explanations: the rank, probabilities, fired rules and
    the unexplained-picture judgement."""
    facts = _facts(case)
    scored = score(compiled, case, facts)
    probs = scored.probabilities(compiled)
    facts.probabilities = probs
    fired = fired_rules(compiled, case, facts)
    rank = level_of(fired)
    unexplained = None
    if rank < compiled.unexplained_rank:
        outside = [r.spec.outside for r in fired if r.spec.outside]
        unexplained = _unexplained(compiled, case, scored, outside)
        if unexplained is not None:
            rank = compiled.unexplained_rank
    return rank, probs, fired, unexplained


def quick_triage(compiled: CompiledKnowledge, case: Case) -> tuple[str, dict[str, float]]:
    """Scoring plus triage without explanations: the level and the probabilities."""
    rank, probs, _, _ = _triage_only(compiled, case)
    return LEVELS[rank], probs


def _without_diary(kb: Knowledge, case: Case, from_diary: dict[str, Any]) -> Case:
    """The case as it was before `merge_diary`: added findings removed, overrides undone.

    Re-parsed from the contract shape so that answers implied by numbers come back too.
    """
    data = case.to_dict()
    findings = dict(data.get("findings", {}))
    for fid in from_diary.get("added", ()):
        findings.pop(fid, None)
    for change in from_diary.get("overrides", ()):
        findings[change["finding"]] = change["was"]
    data["findings"] = findings
    return parse_case(kb, data)


def _diary_effect(
    compiled: CompiledKnowledge,
    tri: TriageResult,
    from_diary: dict[str, Any],
    without: tuple[int, set[str]],
) -> tuple[TriageResult, dict[str, Any]]:
    """Tie the level to the diary: the level without it, and the reasons only it made fire,
    each marked with the diary patterns (or "recorded" warning signs) that the rule reads."""
    kb = compiled.kb
    rank_without, fired_without = without
    gave: dict[str, str] = dict(from_diary.get("findings", {}))
    reasons = []
    by_diary: list[str] = []
    for reason in tri.reasons:
        rule = kb.rules.get(reason.rule)
        if rule is not None and reason.rule not in fired_without:
            used = sorted({gave[f] for f in rule.when.positive_findings() if f in gave})
            if used:
                reason = replace(reason, from_diary=tuple(used))
                by_diary.append(reason.rule)
        reasons.append(reason)
    report = dict(from_diary)
    report["level"] = {
        "without": LEVELS[rank_without],
        "with": tri.level,
        "raised": tri.rank > rank_without,
    }
    report["reasons"] = by_diary
    return replace(tri, reasons=tuple(reasons)), report


def _with_about(
    tri: TriageResult,
    fired: list[CompiledRule],
    ranked: list[tuple[str, float]],
    probs: dict[str, float],
) -> TriageResult:
    """`tri` with the causes named by the rules that set its level, likeliest first (as
    `replace(tri, about=...)`, without its per-field work)."""
    about = {c for r in fired if r.rank == tri.rank for c in r.spec.about if c in probs}
    return _triage_result(
        tri.level,
        tri.rank,
        tri.reasons,
        tri.unanswered_red_flags,
        tuple(c for c, _ in ranked if c in about),
    )


@functools.cache
def _condition_specs(kb: Knowledge) -> dict[str, tuple[str, bool]]:
    """Each cause's name and whether it is dangerous, read once per knowledge base."""
    return {cid: (spec.name, spec.dangerous) for cid, spec in kb.conditions.items()}


def _condition_results(
    compiled: CompiledKnowledge,
    kb: Knowledge,
    scored: Scored,
    ranked: list[tuple[str, float]],
    named: frozenset[str],
    support: frozenset[str],
) -> tuple[ConditionResult, ...]:
    """Each listed cause, in the ranked order, with its prior and (when explained) evidence."""
    conditions = []
    index, specs, priors = compiled.index, _condition_specs(kb), scored.prior
    contributions = scored.contributions
    for cid, p in ranked:
        i = index[cid]
        prior_lo = priors[i]
        assert prior_lo is not None
        name, dangerous = specs[cid]
        conditions.append(
            _condition_result(
                cid,
                name,
                p,
                sigmoid(prior_lo),
                dangerous,
                () if contributions is None else contributions[i],
                cid in named,
                cid in support,
            )
        )
    return tuple(conditions)


@case_first("kb", "data", "from_text", "from_diary", "explain")
def assess_case(
    data: Any,
    *,
    kb: Knowledge,
    from_text: dict[str, Any] | None = None,
    from_diary: dict[str, Any] | None = None,
    explain: bool = True,
) -> Assessment:
    """Assess one case (a dict in the contract's shape, or a Case) against `kb`.

    `explain=False` leaves each cause's evidence empty (the summary view shows none, and
    building it is a good part of scoring); everything else is the same.

    `from_text` is what the intake read from the case's free text (already merged into the
    case); the engine does not read text, it only reports it beside the result.
    `from_diary` is `merge_diary`'s report (its findings already merged into the case); the
    engine adds the level without the diary and marks the reasons only the diary made fire.
    """
    compiled = compile_knowledge(kb)
    case = parse_case(kb, data)
    facts = _facts(case)
    scored = score(compiled, case, facts, explain=explain)
    probs = scored.probabilities(compiled)
    facts.probabilities = probs
    fired = fired_rules(compiled, case, facts)
    named = frozenset(c for r in fired for c in r.spec.about if c in probs)
    support = supported(scored, compiled)
    excluded = frozenset(c for r in fired for c in r.spec.excludes if c in probs)
    behind = listed_behind(scored, compiled, support)
    ranked = rank_causes(probs, named, support, excluded, behind)
    best = ranked[0][0] if ranked and ranked[0][0] in support else None
    # A cause whose definition a fired rule's findings rule out (growing pains with a limp) is
    # not acted on: no self-care, tests or treatments of its own, unless a rule names it.
    facts.suspected = _suspected(
        compiled, scored, probs, {c for r in fired for c in (*r.spec.suspects, *r.spec.about)}, best
    ) - (excluded - named)
    outside = [r.spec.outside for r in fired if r.spec.outside]
    unexplained = _unexplained(compiled, case, scored, outside)
    without: tuple[int, set[str]] | None = None
    if from_diary is not None:
        rank_without, _, fired_without, unexplained_without = _triage_only(
            compiled, _without_diary(kb, case, from_diary)
        )
        without = (rank_without, {r.spec.id for r in fired_without})
        # How long or how often says nothing about which cause it is: the diary's findings may
        # not make a cause "fit" and so take away the see-a-doctor floor (safety first).
        if unexplained is None:
            unexplained = unexplained_without
    if unexplained is not None:
        unexplained = _none_listed(kb, unexplained, named | support)
    tri = triage(compiled, case, fired, unexplained)
    if from_diary is not None and without is not None:
        tri, from_diary = _diary_effect(compiled, tri, from_diary, without)

    tri = _with_about(tri, fired, ranked, probs)
    conditions = _condition_results(compiled, kb, scored, ranked, named, support)
    advice = select_advice(compiled, facts, tri.rank, ranked)
    tri, advice = one_voice(kb, tri, advice)
    level_info = kb.levels[tri.level]
    return Assessment(
        id=case.id,
        case=case,
        triage=tri,
        conditions=conditions,
        unexplained=unexplained,
        scores=compute_scores(compiled, facts),
        advice=advice,
        knowledge_version=kb.version,
        disclaimer=kb.meta.disclaimer,
        level_label=level_info.label,
        level_action=level_info.action,
        _citations=compiled.citations,
        from_text=from_text,
        from_diary=from_diary,
    )


__all__ = ["Assessment", "ConditionResult", "assess_case", "quick_triage"]
