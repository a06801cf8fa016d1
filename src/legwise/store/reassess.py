"""Re-assessing a saved case with today's knowledge, and saying what changed.

A saved result is never rewritten: it stays what the person was shown. On request the same
case is assessed again with the current knowledge base, and the two are compared: triage
level, the most likely causes, probabilities that moved, advice that came or went.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legwise.engine.assess import assess_case
from legwise.kb.loader import Knowledge
from legwise.store.records import SavedAssessment

TOP = 3  # how many of the most likely causes count as "the top causes"
MOVED = 0.01  # a probability change smaller than one percentage point is not reported


@dataclass(frozen=True, slots=True)
class ProbabilityChange:
    """A cause whose probability moved by at least `MOVED` (None: not in that result)."""

    condition: str
    before: float | None
    after: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"condition": self.condition, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Reassessment:
    """The saved result, the result with today's knowledge, and the difference."""

    stored: dict[str, Any]
    current: dict[str, Any]
    knowledge_before: str
    knowledge_after: str
    level_before: str | None
    level_after: str | None
    top_before: tuple[str, ...]
    top_after: tuple[str, ...]
    probability_changes: tuple[ProbabilityChange, ...]
    advice_added: tuple[str, ...]
    advice_removed: tuple[str, ...]

    @property
    def same_knowledge(self) -> bool:
        return self.knowledge_before == self.knowledge_after

    @property
    def level_changed(self) -> bool:
        return self.level_before != self.level_after

    @property
    def top_changed(self) -> bool:
        return self.top_before != self.top_after

    @property
    def changed(self) -> bool:
        """Whether anything a person would notice is different."""
        return bool(
            self.level_changed
            or self.top_changed
            or self.probability_changes
            or self.advice_added
            or self.advice_removed
        )

    def to_dict(self) -> dict[str, Any]:
        """The difference (without the two full results) as JSON."""
        return {
            "knowledge_before": self.knowledge_before,
            "knowledge_after": self.knowledge_after,
            "same_knowledge": self.same_knowledge,
            "level_before": self.level_before,
            "level_after": self.level_after,
            "level_changed": self.level_changed,
            "top_before": list(self.top_before),
            "top_after": list(self.top_after),
            "top_changed": self.top_changed,
            "probability_changes": [c.to_dict() for c in self.probability_changes],
            "advice_added": list(self.advice_added),
            "advice_removed": list(self.advice_removed),
            "changed": self.changed,
        }


def _level(result: dict[str, Any]) -> str | None:
    triage = result.get("triage")
    level = triage.get("level") if isinstance(triage, dict) else None
    return level if isinstance(level, str) else None


def _probabilities(result: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for c in result.get("conditions") or ():
        if isinstance(c, dict) and isinstance(c.get("id"), str):
            out[c["id"]] = float(c.get("probability", 0.0))
    return out


def _advice(result: dict[str, Any]) -> set[str]:
    advice = result.get("advice")
    items = advice.get("recommended", ()) if isinstance(advice, dict) else ()
    return {a["id"] for a in items if isinstance(a, dict) and isinstance(a.get("id"), str)}


def compare(stored: dict[str, Any], current: dict[str, Any]) -> Reassessment:
    """The difference between two results in the contract's shape."""
    before, after = _probabilities(stored), _probabilities(current)
    changes = []
    for cid in sorted(
        before.keys() | after.keys(), key=lambda c: -max(before.get(c, 0), after.get(c, 0))
    ):
        b, a = before.get(cid), after.get(cid)
        if b is None or a is None or abs(a - b) >= MOVED:
            changes.append(ProbabilityChange(cid, b, a))
    advice_before, advice_after = _advice(stored), _advice(current)
    return Reassessment(
        stored=stored,
        current=current,
        knowledge_before=str(stored.get("knowledge_version")),
        knowledge_after=str(current.get("knowledge_version")),
        level_before=_level(stored),
        level_after=_level(current),
        top_before=tuple(c for c in before)[:TOP],
        top_after=tuple(c for c in after)[:TOP],
        probability_changes=tuple(changes),
        advice_added=tuple(sorted(advice_after - advice_before)),
        advice_removed=tuple(sorted(advice_before - advice_after)),
    )


def reassess(saved: SavedAssessment, kb: Knowledge) -> Reassessment:
    """Assess the saved case again with `kb` and compare with what was shown.

    Raises InputError (naming the field) if today's knowledge no longer accepts the case,
    e.g. a finding it named was removed."""
    current = assess_case(saved.case, kb=kb).to_dict()
    if "from_text" in saved.result and "from_text" not in current:
        current["from_text"] = saved.result["from_text"]
    return compare(saved.result, current)
