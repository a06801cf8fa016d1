"""How much a question is expected to teach: the mutual information between a finding's
answer and each cause, from the finding's likelihood ratios, with doubt about a dangerous cause
weighted up (meta.yaml `interview.dangerous_weight`).
"""

from __future__ import annotations

import functools
import math

from legwise.engine.case import Case
from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.logic import Facts
from legwise.engine.scoring import score
from legwise.kb.schema import InterviewSettings


@functools.cache
def answer_models(
    compiled: CompiledKnowledge, base_rate: float
) -> dict[str, tuple[tuple[int, float, float], ...]]:
    """Per finding, per linked condition: P(yes | condition) and P(yes | not condition).

    Chosen to reproduce the finding's LR+ and LR- exactly when the pair is consistent with a
    yes/no answer; when it is not (an LR- of 1, meaning "absence tells nothing"), the chance of
    a yes without the condition falls back to `base_rate`.
    """
    pairs: dict[str, list[tuple[int, float, float]]] = {}
    for fid, state_links in compiled.state_links.items():
        pairs[fid] = [(sl.condition, sl.log_pos, sl.log_neg) for sl in state_links]
    for fid, adjustments in compiled.adjust_by_finding.items():
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


class InformationGain:
    """Expected information gain of a finding: the mutual information between its answer and
    each cause (never negative), summed with dangerous causes weighted up."""

    def __init__(
        self, compiled: CompiledKnowledge, case: Case, settings: InterviewSettings
    ) -> None:
        facts = Facts(states=case.states, numbers=case.numbers, sex=case.sex)
        log_odds = score(compiled, case, facts).log_odds
        self.p = tuple(
            None
            if odds is None
            else 1.0 / (1.0 + math.exp(-odds))
            if odds >= 0
            else math.exp(odds) / (1.0 + math.exp(odds))
            for odds in log_odds
        )
        kb = compiled.kb
        self.weights = tuple(
            settings.dangerous_weight if kb.conditions[c].dangerous else 1.0
            for c in compiled.conditions
        )
        self.models = answer_models(compiled, settings.finding_base_rate)

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


__all__ = ["InformationGain", "answer_models"]
