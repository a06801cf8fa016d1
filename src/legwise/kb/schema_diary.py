"""Record shape of `knowledge/diary.yaml`: the thresholds of the diary trend rules.

Kept beside `schema.py` rather than in it so each module stays small. Every rule names the
finding it sets, a sentence for people (with `{figure}` slots the trend code fills) and its
sources; a number that is the team's choice says so in `note`.
"""

from __future__ import annotations

import string
from typing import ClassVar

from pydantic import Field, model_validator

from legwise.kb.expr import Id
from legwise.kb.schema import Sources, Text, _Frozen


class DiaryRule(_Frozen):
    """What every trend rule has: the finding it sets, its sentence and where it comes from."""

    FIGURES: ClassVar[frozenset[str]] = frozenset()

    finding: Id
    sentence: Text = Field(min_length=10)
    note: str | None = Field(default=None, description="why a number is what it is")
    sources: Sources = Field(min_length=1)

    @model_validator(mode="after")
    def _known_slots(self) -> DiaryRule:
        # A misspelt slot would only fail when a person's diary first shows the pattern.
        for _, name, _, _ in string.Formatter().parse(self.sentence):
            if name is not None and name not in self.FIGURES:
                known = ", ".join(sorted(self.FIGURES))
                raise ValueError(f"sentence slot {{{name}}} is not a figure ({known})")
        return self


class PersistenceRule(DiaryRule):
    """Symptoms on most recorded nights of a recent window, despite self-care."""

    FIGURES = frozenset(
        {"symptom_nights", "recorded_nights", "window_days", "self_care_nights", "eased_by"}
    )
    window_days: int = Field(ge=7, le=90)
    min_recorded_nights: int = Field(ge=1)
    min_symptom_share: float = Field(
        ge=0.5, lt=1, description="symptom nights must be MORE than this share of recorded nights"
    )
    min_self_care_nights: int = Field(ge=1, description="nights with symptoms despite self-care")
    min_improvement: float = Field(
        gt=0, le=10, description="a fall in typical worst pain this large counts as improving"
    )
    week_days: int = Field(ge=3, le=14)

    @model_validator(mode="after")
    def _fits_window(self) -> PersistenceRule:
        if self.min_recorded_nights > self.window_days:
            raise ValueError("min_recorded_nights cannot exceed window_days")
        if 2 * self.week_days > self.window_days:
            raise ValueError("the first and last weeks must not overlap (2 x week_days)")
        return self


class WorseningRule(DiaryRule):
    """A robust rising trend in worst pain, confirmed by the last week against the first."""

    FIGURES = frozenset(
        {"first_week", "last_week", "span_days", "recorded_nights", "rise_per_week"}
    )
    min_window_days: int = Field(ge=7, le=90)
    max_window_days: int = Field(ge=7, le=365)
    min_recorded_nights: int = Field(ge=5, description="Theil-Sen needs 5+ points to shrug off one")
    min_week_nights: int = Field(ge=3, description="a median of 3+ nights ignores one bad night")
    min_rise: float = Field(gt=0, le=10, description="points on the 0-10 scale")
    week_days: int = Field(ge=3, le=14)

    @model_validator(mode="after")
    def _windows(self) -> WorseningRule:
        if self.max_window_days < self.min_window_days:
            raise ValueError("max_window_days is below min_window_days")
        if 2 * self.week_days > self.min_window_days:
            raise ValueError("the first and last weeks must not overlap (2 x week_days)")
        return self


class SleepRule(DiaryRule):
    """Sleep disturbed on several nights of some week in the recent past."""

    FIGURES = frozenset({"disturbed_nights", "week_days", "lookback_days"})
    lookback_days: int = Field(ge=7, le=90)
    week_days: int = Field(ge=3, le=14)
    min_disturbed_nights: int = Field(ge=1)

    @model_validator(mode="after")
    def _fits(self) -> SleepRule:
        if self.week_days > self.lookback_days:
            raise ValueError("week_days cannot exceed lookback_days")
        if self.min_disturbed_nights > self.week_days:
            raise ValueError("min_disturbed_nights cannot exceed week_days")
        return self


class FrequencyRule(DiaryRule):
    """Symptoms on at least so many nights a week, on average over a recent window."""

    FIGURES = frozenset({"symptom_nights", "window_days", "per_week"})
    window_days: int = Field(ge=7, le=90)
    min_per_week: float = Field(gt=0, le=7)


class NewSymptomsSettings(_Frozen):
    """Which nights are the baseline and which are recent, for new and recent symptoms."""

    baseline_days: int = Field(ge=1, le=30)
    recent_days: int = Field(ge=1, le=30)
    note: str | None = None
    sources: Sources = Field(min_length=1)


class NightSymptoms(_Frozen):
    """The symptoms a night's entry offers to tick: things a person can notice in one night,
    each a yes/no finding of the knowledge base (checked)."""

    findings: list[Id] = Field(min_length=1)
    why: str
    sources: Sources = Field(min_length=1)


class DiarySettings(_Frozen):
    """Everything the diary trend rules need; loaded from `knowledge/diary.yaml`."""

    persistence: PersistenceRule
    worsening: WorseningRule
    sleep_disruption: SleepRule
    frequency: FrequencyRule
    new_symptoms: NewSymptomsSettings
    night_self_care: list[Id] = Field(
        default_factory=list,
        description="the self-care measures a night's entry offers (things tried at night); "
        "empty: every measure",
    )
    night_self_care_sources: Sources = Field(
        default_factory=list, description="why these measures are the night's choices"
    )
    night_symptoms: NightSymptoms | None = Field(
        default=None, description="none: a night's entry offers no symptoms to tick"
    )

    @model_validator(mode="after")
    def _sourced_choices(self) -> DiarySettings:
        if self.night_self_care and not self.night_self_care_sources:
            raise ValueError("night_self_care needs night_self_care_sources (why these)")
        return self

    def rules(self) -> dict[str, DiaryRule]:
        """The finding-setting rules by pattern id (their key in diary.yaml), in report order."""
        return {
            "persistence": self.persistence,
            "worsening": self.worsening,
            "sleep_disruption": self.sleep_disruption,
            "frequency": self.frequency,
        }
