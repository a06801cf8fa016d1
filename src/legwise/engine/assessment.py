"""The result of one assessment (`Assessment`, with a `ConditionResult` per cause) and its
contract JSON shape (`to_dict`).

Split from `assess.py` (which builds it and re-exports both names) so each module holds one
thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from legwise.engine.advice import AdviceResult
from legwise.engine.case import Case
from legwise.engine.explain import Contribution
from legwise.engine.triage import TriageResult, Unexplained


@dataclass(frozen=True, slots=True)
class ConditionResult:
    id: str
    name: str
    probability: float
    prior: float
    dangerous: bool
    evidence: tuple[Contribution, ...]
    named_by_rule: bool = False  # a fired rule names it (`about`): listed first
    supported: bool = False  # the answers at least double its odds (`scoring.supported`)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "probability": round(self.probability, 4),
            "prior": round(self.prior, 4),
            "dangerous": self.dangerous,
            "evidence": [c.to_dict() for c in self.evidence],
        }
        if self.named_by_rule:
            out["named_by_rule"] = True
        if self.supported:
            out["supported"] = True
        return out


@dataclass(frozen=True)
class Assessment:
    """The result of assessing one case. `to_dict()` gives the contract's JSON shape."""

    id: str | None
    case: Case
    triage: TriageResult
    conditions: tuple[ConditionResult, ...]
    unexplained: Unexplained | None
    scores: dict[str, dict[str, Any]]
    advice: AdviceResult
    knowledge_version: str
    disclaimer: str
    level_label: str
    level_action: str
    _citations: dict[str, str] = field(repr=False, default_factory=dict)
    from_text: dict[str, Any] | None = None  # what free text gave, when the case had text
    from_diary: dict[str, Any] | None = None  # what a night diary gave, when there was one

    @property
    def level(self) -> str:
        return self.triage.level

    @property
    def level_is_about(self) -> tuple[str, ...]:
        """The dangerous causes named by the rules that set the level, likeliest first."""
        return self.triage.about

    @property
    def top(self) -> str | None:
        return self.conditions[0].id if self.conditions else None

    def probability(self, condition: str) -> float:
        for c in self.conditions:
            if c.id == condition:
                return c.probability
        return 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "triage": {
                "level": self.triage.level,
                "label": self.level_label,
                "action": self.level_action,
                "reasons": [r.to_dict() for r in self.triage.reasons],
                "unanswered_red_flags": list(self.triage.unanswered_red_flags),
                "level_is_about": list(self.triage.about),
            },
            "conditions": [c.to_dict() for c in self.conditions],
            "unexplained": None if self.unexplained is None else self.unexplained.to_dict(),
            "scores": self.scores,
            "advice": {
                "recommended": [a.to_dict() for a in self.advice.recommended],
                "avoid": [a.to_dict(avoid=True) for a in self.advice.avoid],
                "tests": [t.to_dict() for t in self.advice.tests],
                "treatments": [t.to_dict() for t in self.advice.treatments],
            },
            "knowledge_version": self.knowledge_version,
            "disclaimer": self.disclaimer,
        }
        out["sources"] = self._cited(out)
        if self.from_text is not None:
            out["from_text"] = self.from_text
        if self.from_diary is not None:
            out["from_diary"] = self.from_diary
        return out

    def _cited(self, body: dict[str, Any]) -> dict[str, str]:
        """Every source the result cites, as one-line citations (gathered from the result's
        parts rather than by walking the JSON: this runs on every API response)."""
        refs: set[str] = set()
        for r in self.triage.reasons:
            refs.update(x.ref for x in r.sources)
        for c in self.conditions:
            for e in c.evidence:
                refs.update(x.ref for x in e.sources)
        for a in (*self.advice.recommended, *self.advice.avoid):
            refs.update(x.ref for x in a.sources)
        for t in (*self.advice.tests, *self.advice.treatments):
            refs.update(x.ref for x in t.item.sources)
        for result in body["scores"].values():
            refs.update(x["ref"] for x in result.get("sources", ()))
        for pattern in (self.from_diary or {}).get("patterns", ()):
            refs.update(x["ref"] for x in pattern.get("sources", ()))
        known = self._citations
        return {r: known[r] for r in sorted(refs) if r in known}
