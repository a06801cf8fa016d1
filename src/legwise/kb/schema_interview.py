"""Record shapes of the interview settings (meta.yaml `interview`): when it has asked enough,
and the facts it asks before stopping.

Split from `schema.py` (which re-exports both names) so each module holds one thing.
"""

from __future__ import annotations

from pydantic import Field

from legwise.kb.expr import Expr, Id
from legwise.kb.schema_sources import Sources, Text, _Frozen, _Sourced


class AskBeforeStopping(_Sourced):
    """Facts that define the likely cause, asked before the interview stops when `when` holds
    (pregnancy with a swollen leg, the evening pattern for restless legs...)."""

    when: Expr
    ask: list[Id] = Field(min_length=1)
    why: Text


class InterviewSettings(_Frozen):
    """How the interview decides it has asked enough; each number says why."""

    max_questions: int = Field(ge=1, le=200)
    confident_probability: float = Field(gt=0, lt=1)
    min_gain: float = Field(ge=0)
    dangerous_weight: float = Field(ge=1)
    finding_base_rate: float = Field(gt=0, lt=1)
    level_change_bonus: float = Field(
        ge=0,
        le=10,
        description="bits added to a question's gain when one answer could change the level "
        "or the top cause, so such questions come before ones that only sharpen a number",
    )
    sources: Sources = Field(min_length=1)
    before_stopping: list[AskBeforeStopping] = Field(default_factory=list)
    child_age_below: float | None = Field(
        default=None, ge=1, le=18, description="below this age the questions speak to a parent"
    )


__all__ = ["AskBeforeStopping", "InterviewSettings"]
