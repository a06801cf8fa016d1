"""The compiled knowledge's records: one compiled link, group, adjustment, rule or score item,
and the per-answer lookup tables scoring reads (`ScoringTables`).

They live apart from `compiled.py` (which builds them) so the builder stays readable; every
name is re-exported from `legwise.engine.compiled`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from legwise.engine.explain import Contribution
from legwise.engine.logic import Compiled, Truthy
from legwise.kb.expr import NumberTest
from legwise.kb.schema import Band, Combined, Link, PriorAdjustment, Rule


@dataclass(frozen=True, slots=True)
class StateLink:
    condition: int
    log_pos: float
    log_neg: float
    link: Link
    explained_pos: Contribution
    explained_neg: Contribution
    # where the ratio is added: the condition's slot, or (for a member of a combined group)
    # the group's slot after the conditions, which is capped before it joins the condition
    slot: int = -1


@dataclass(frozen=True, slots=True)
class CompiledCombined:
    """A combined group: its slot (after the conditions), its condition and log-bounds."""

    slot: int
    condition: int
    low: float  # log min_lr, or -inf
    high: float  # log max_lr, or +inf
    spec: Combined

    def clamp(self, total: float) -> float:
        return self.high if total > self.high else self.low if total < self.low else total

    def explained(self, total: float, capped: float) -> Contribution:
        """The correction that turns the members' summed ratios into the group's."""
        bound = self.spec.max_lr if capped < total else self.spec.min_lr
        delta = capped - total
        which = "at most" if delta < 0 else "at least"
        return Contribution(
            finding=" + ".join(self.spec.findings),
            answer="combined",
            ratio=math.exp(delta),
            log_ratio=delta,
            kind="combined",
            sources=tuple(self.spec.sources),
            estimated=self.spec.estimated,
            note=(
                f"{self.spec.id}: these answers are not independent, so together they count "
                f"{which} a likelihood ratio of {bound:g}"
                + (f" ({self.spec.note})" if self.spec.note else "")
            ),
        )


@dataclass(frozen=True, slots=True)
class BandLink:
    condition: int
    bands: tuple[tuple[NumberTest, float, Band], ...]
    link: Link
    bounds: tuple[tuple[float, float, float, float, float, Band], ...]  # min max gt lt log-LR band

    def band_for(self, value: float) -> tuple[float, Band] | None:
        for lo, hi, gt, lt, log_lr, band in self.bounds:
            if lo <= value <= hi and gt < value < lt:
                return log_lr, band
        return None


@dataclass(frozen=True, slots=True)
class Adjustment:
    condition: int
    test: Truthy  # True exactly when the adjustment's condition is true
    log_or: float
    spec: PriorAdjustment
    red_flag: bool  # depends on a warning-sign finding (left out of background scoring)
    explained: Contribution


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rank: int
    test: Truthy
    spec: Rule
    uses_score: bool


@dataclass(frozen=True, slots=True)
class CompiledScoreItem:
    id: str
    label: str
    test: Compiled
    points: float


Moves = tuple[tuple[int, float], ...]  # (slot, log ratio) additions, in order
Explained = tuple[tuple[int, Contribution], ...]  # (condition, contribution) in order


@dataclass(frozen=True, slots=True)
class ScoringTables:
    """Scoring's lookups: per answer, the additions it makes, worked out once.

    Scoring keeps one list of log-odds: the conditions, then the combined groups (`width`
    slots in all), then the same again for the background (every answer except warning
    signs). Each answer's additions name their slots in that list, background ones included
    where the answer is not a warning sign, so a case costs one lookup and one short loop
    per answer, and the additions happen in the same order as one slot at a time would.
    """

    width: int  # conditions + combined groups; the background slots start here
    start: tuple[float, ...]  # base prior log-odds (and zero for the groups), twice
    sex: dict[str, tuple[Moves, Explained]]  # adjustments that are one `sex` test
    other: tuple[Adjustment, ...]  # adjustments evaluated as conditions
    # adjustments that are one age test: the ages where one starts or stops holding, and the
    # additions at each of those ages and in each gap before, between and after them
    age_points: tuple[float, ...]
    age_at: tuple[tuple[Moves, Explained], ...]
    age_between: tuple[tuple[Moves, Explained], ...]
    present: dict[str, tuple[Moves, Explained]]  # adjustments that are one `present`
    # the symptom findings (`meta.symptom_groups`) other than warning signs: the answers
    # that decide whether the picture is explained
    quiet_symptoms: frozenset[str]
    # finding -> additions and explanations when present, and when absent (zero ratios out)
    links: dict[str, tuple[Moves, Moves, Explained, Explained]]
