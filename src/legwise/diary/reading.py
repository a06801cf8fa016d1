"""What a diary reading holds: the patterns found, the weeks, the summary figures.

Plain records with `to_dict()` for the JSON views; `legwise.diary.trends.read_diary` makes
them. Kept apart from the trend rules so each module holds one thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from legwise.engine.jsonable import source_dicts
from legwise.kb.schema import SourceRef

Figure = int | float | str


@dataclass(frozen=True, slots=True)
class Pattern:
    """A diary pattern that sets a finding: which, a sentence for people, and its figures."""

    id: str
    finding: str
    sentence: str
    figures: Mapping[str, Figure]
    sources: tuple[SourceRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "finding": self.finding,
            "sentence": self.sentence,
            "figures": dict(self.figures),
            "sources": source_dicts(self.sources),
        }


@dataclass(frozen=True, slots=True)
class Week:
    """One 7-night block counted back from the window's end (so the last block is complete)."""

    start: dt.date
    end: dt.date
    nights: int
    symptom_nights: int
    average_worst_pain: float | None
    episodes: int

    def to_dict(self) -> dict[str, Any]:
        avg = self.average_worst_pain
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "nights": self.nights,
            "symptom_nights": self.symptom_nights,
            "average_worst_pain": None if avg is None else round(avg, 1),
            "episodes": self.episodes,
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """Figures for a report: how much diary there is and how the weeks went."""

    nights_recorded: int = 0
    first_night: dt.date | None = None
    last_night: dt.date | None = None
    end: dt.date | None = None
    span_days: int = 0
    symptom_nights: int = 0
    weeks: tuple[Week, ...] = ()
    duplicates_replaced: int = 0
    ignored_future: int = 0
    ignored_out_of_range: int = 0  # nights before MIN_NIGHT (stored before it was enforced)

    def to_dict(self) -> dict[str, Any]:
        def iso(d: dt.date | None) -> str | None:
            return None if d is None else d.isoformat()

        return {
            "nights_recorded": self.nights_recorded,
            "first_night": iso(self.first_night),
            "last_night": iso(self.last_night),
            "end": iso(self.end),
            "span_days": self.span_days,
            "symptom_nights": self.symptom_nights,
            "weeks": [w.to_dict() for w in self.weeks],
            "duplicates_replaced": self.duplicates_replaced,
            "ignored_future": self.ignored_future,
            "ignored_out_of_range": self.ignored_out_of_range,
        }


@dataclass(frozen=True, slots=True)
class DiaryReading:
    """What a diary shows.

    `findings` maps each finding the diary shows (always present) to what gave it: a pattern
    id, or "recorded" for a warning sign ticked in the recent nights. `recent_symptoms` are all
    findings ticked in the recent nights; `new_symptoms` those of them not ticked in the
    baseline (first) nights.
    """

    findings: Mapping[str, str] = field(default_factory=dict)
    patterns: tuple[Pattern, ...] = ()
    new_symptoms: tuple[str, ...] = ()
    recent_symptoms: tuple[str, ...] = ()
    summary: Summary = field(default_factory=Summary)

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": dict(self.findings),
            "patterns": [p.to_dict() for p in self.patterns],
            "new_symptoms": list(self.new_symptoms),
            "recent_symptoms": list(self.recent_symptoms),
            "summary": self.summary.to_dict(),
        }


__all__ = ["DiaryReading", "Figure", "Pattern", "Summary", "Week"]
