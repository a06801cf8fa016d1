"""Record shapes of the self-care advice: measures, cautions and urgent steps, with when each
helps, when to avoid it, and how it differs for a population.

Split from `schema.py` (which re-exports every name) so each module holds one thing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from legwise.kb.expr import Expr, Id
from legwise.kb.schema_sources import Text, _Sourced


class AdviceHelp(_Sourced):
    condition: Id
    why: Text


class AdviceAvoid(_Sourced):
    when: Expr
    why: Text


class AdviceVariant(_Sourced):
    """How an advice item differs for one population (`meta.populations`)."""

    population: Id
    omit: bool = False
    name: Text | None = None
    how: Text | None = None
    why: Text | None = Field(default=None, description="replaces the reason it is given")


class Advice(_Sourced):
    """A self-care measure (may be recommended or avoided), a caution, or an urgent step."""

    id: Id
    kind: Literal["measure", "caution", "urgent"]
    name: Text
    how: Text
    helps: list[AdviceHelp] = Field(default_factory=list)
    avoid: list[AdviceAvoid] = Field(default_factory=list)
    always_when_urgent: bool = Field(
        default=False,
        description="an urgent step shown at every emergency level, whatever the cause",
    )
    only_when: Expr | None = Field(
        default=None,
        description="recommended only when this is true for the person (stop smoking: smokers)",
    )
    variants: list[AdviceVariant] = Field(default_factory=list)
    asks: list[Id] = Field(
        default_factory=list, description="instruction tags the item gives when recommended"
    )
    avoid_says: list[Id] = Field(
        default_factory=list, description="instruction tags the item gives on the avoid list"
    )
    avoid_name: Text | None = Field(
        default=None,
        description="how a measure reads on the avoid list, as a thing not to do "
        "('Do not raise your legs'); a caution's own name already reads so",
    )

    @model_validator(mode="after")
    def _kind_fields(self) -> Advice:
        if self.kind == "caution" and not self.avoid:
            raise ValueError("a caution needs at least one avoid entry saying when it applies")
        if self.kind in ("measure", "urgent") and not self.helps:
            raise ValueError(f"a {self.kind} needs at least one helps entry")
        if self.kind == "measure" and self.avoid and not self.avoid_name:
            raise ValueError("a measure that can be on the avoid list needs an avoid_name")
        return self
