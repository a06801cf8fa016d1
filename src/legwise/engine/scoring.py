"""Bayesian scoring: prior odds times likelihood ratios, one condition at a time.

Each condition is scored as present-or-not on its own (the likelihood ratios in the
literature are defined that way), so probabilities need not add up to one: a person can have
cramps and neuropathy. Unknown answers are absent from the case and so move nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from legwise.engine.case import Case
from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.logic import Facts
from legwise.kb.schema import SourceRef


@dataclass(frozen=True, slots=True)
class Contribution:
    """One reason a condition's odds moved: a finding (or a prior adjustment) and its ratio."""

    finding: str
    answer: str | float
    ratio: float
    log_ratio: float
    kind: str  # "finding" or "prior"
    sources: tuple[SourceRef, ...]
    estimated: str | None
    note: str | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "finding": self.finding,
            "answer": self.answer,
            "kind": self.kind,
            "likelihood_ratio": round(self.ratio, 4),
            "log_odds": round(self.log_ratio, 4),
            "sources": [s.model_dump(exclude_none=True) for s in self.sources],
        }
        if self.estimated:
            out["estimated"] = self.estimated
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Scored:
    """Log-odds per condition (None when the condition does not apply to this person)."""

    prior: tuple[float | None, ...]
    log_odds: tuple[float | None, ...]
    contributions: tuple[tuple[Contribution, ...], ...] | None

    def probabilities(self, ck: CompiledKnowledge) -> dict[str, float]:
        return {
            c: sigmoid(lo) for c, lo in zip(ck.conditions, self.log_odds, strict=True)
            if lo is not None
        }


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def score(ck: CompiledKnowledge, case: Case, facts: Facts, explain: bool = False) -> Scored:
    """Posterior log-odds for every condition; with `explain`, every contribution too."""
    n = len(ck.conditions)
    logodds = list(ck.prior_logodds)
    parts: list[list[Contribution]] | None = [[] for _ in range(n)] if explain else None

    for adj in ck.adjustments:
        if adj.test(facts) is True:
            logodds[adj.condition] += adj.log_or
            if parts is not None:
                spec = adj.spec
                names = sorted(spec.when.findings()) + sorted(
                    f"sex={s}" for s in spec.when.uses_sex()
                )
                parts[adj.condition].append(
                    Contribution(
                        finding=" + ".join(names),
                        answer="yes",
                        ratio=spec.odds_ratio,
                        log_ratio=adj.log_or,
                        kind="prior",
                        sources=tuple(spec.sources),
                        estimated=spec.estimated,
                        note=spec.note,
                    )
                )
    prior = tuple(logodds)

    for fid, value in case.states.items():
        for sl in ck.state_links.get(fid, ()):
            delta = sl.log_pos if value > 0 else sl.log_neg
            if delta == 0.0:
                continue
            logodds[sl.condition] += delta
            if parts is not None:
                parts[sl.condition].append(
                    Contribution(
                        finding=fid,
                        answer="present" if value > 0 else "absent",
                        ratio=math.exp(delta),
                        log_ratio=delta,
                        kind="finding",
                        sources=tuple(sl.link.sources),
                        estimated=sl.link.estimated,
                        note=sl.link.note,
                    )
                )
    for fid, number in case.numbers.items():
        for bl in ck.band_links.get(fid, ()):
            hit = bl.band_for(number)
            if hit is None or hit[0] == 0.0:
                continue
            logodds[bl.condition] += hit[0]
            if parts is not None:
                parts[bl.condition].append(
                    Contribution(
                        finding=fid,
                        answer=number,
                        ratio=hit[1].lr,
                        log_ratio=hit[0],
                        kind="finding",
                        sources=tuple(bl.link.sources),
                        estimated=bl.link.estimated,
                        note=hit[1].label or bl.link.note,
                    )
                )

    out: list[float | None] = list(logodds)
    prior_out: list[float | None] = list(prior)
    for i, applies in enumerate(ck.applies):
        if applies is not None and not applies.allows(case.age, case.sex):
            out[i] = None
            prior_out[i] = None
    contributions = None
    if parts is not None:
        contributions = tuple(
            tuple(sorted(p, key=lambda c: -abs(c.log_ratio))) for p in parts
        )
    return Scored(tuple(prior_out), tuple(out), contributions)


def background_probabilities(ck: CompiledKnowledge, case: Case) -> dict[str, float]:
    """Probabilities from every answer except warning signs (red-flag yes/no findings).

    Used only to decide whether a known cause explains the picture. Warning signs are the
    rules' business; leaving them out here makes that decision monotone: a new warning sign
    can only make the picture less explained (so urgency never drops), and answering one
    "no" can never make it look less explained than "not sure".
    """
    states = {f: v for f, v in case.states.items() if f not in ck.red_flags}
    reduced = Case(age=case.age, sex=case.sex, states=states, numbers=case.numbers)
    facts = Facts(states=states, numbers=case.numbers, sex=case.sex)
    return score(ck, reduced, facts).probabilities(ck)
