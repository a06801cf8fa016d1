"""Explanations: one contribution per reason a condition's odds moved."""

from __future__ import annotations

from dataclasses import dataclass

from legwise.engine.jsonable import source_dicts
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
            "sources": source_dicts(self.sources),
        }
        if self.estimated:
            out["estimated"] = self.estimated
        if self.note:
            out["note"] = self.note
        return out
