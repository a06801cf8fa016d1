"""Record shapes of the validated scores: points (Wells), all-criteria (IRLSSG) and value bands
(ankle-brachial index).

Split from `schema.py` (which re-exports every name) so each module holds one thing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from legwise.kb.expr import Expr, Id
from legwise.kb.schema_sources import Text, _Frozen, _Sourced


class ScoreItem(_Frozen):
    id: Id
    label: str
    when: Expr
    points: float


class ScoreBand(_Frozen):
    min: float | None = None
    max: float | None = None
    gt: float | None = None
    lt: float | None = None
    label: str
    meaning: Text


class ScoreVariant(_Frozen):
    id: Id
    name: str
    exclude: list[Id] = Field(default_factory=list)
    bands: list[ScoreBand] = Field(min_length=1)


class Criterion(_Frozen):
    id: Id
    label: str
    when: Expr


class Score(_Sourced):
    """A validated score: points (Wells), all-criteria (IRLSSG) or value bands (ABI)."""

    id: Id
    name: str
    kind: Literal["points", "criteria", "bands"]
    description: Text
    items: list[ScoreItem] = Field(default_factory=list)
    variants: list[ScoreVariant] = Field(default_factory=list)
    criteria: list[Criterion] = Field(default_factory=list)
    finding: Id | None = None
    bands: list[ScoreBand] = Field(default_factory=list)

    @model_validator(mode="after")
    def _kind_fields(self) -> Score:
        need = {"points": ("items", "variants"), "criteria": ("criteria",), "bands": ("bands",)}
        for name in need[self.kind]:
            if not getattr(self, name):
                raise ValueError(f"a {self.kind} score needs {name}")
        if self.kind == "bands" and self.finding is None:
            raise ValueError("a bands score needs finding")
        return self


__all__ = ["Criterion", "Score", "ScoreBand", "ScoreItem", "ScoreVariant"]
