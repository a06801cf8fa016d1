"""Record shapes of who a condition, finding or question applies to (`Applicability`), and of
the interview's grouped questions.

Split from `schema.py` (which re-exports every name) so each module holds one thing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from legwise.kb.expr import Id
from legwise.kb.schema_sources import Text, _Frozen


class Applicability(_Frozen):
    """Who a condition or question applies to; unknown age or sex never excludes."""

    age_min: float | None = Field(default=None, ge=0, le=120)
    age_max: float | None = Field(default=None, ge=0, le=120)
    sex: list[Literal["female", "male", "other"]] | None = None

    def allows(self, age: float | None, sex: str | None) -> bool:
        if age is not None:
            if self.age_min is not None and age < self.age_min:
                return False
            if self.age_max is not None and age > self.age_max:
                return False
        return not (sex is not None and self.sex is not None and sex not in self.sex)


class QuestionGroup(_Frozen):
    """Several yes/no findings asked together ("Do you have any of these right now?").

    Findings not in any group are asked one at a time with their own question text.
    """

    id: Id
    text: Text
    help: Text | None = None
    why: Text
    findings: list[Id] = Field(min_length=2)
    phase: Literal["screen", "history", "detail"]
    order: int = Field(ge=0, description="screens are asked in rising order")
    child_text: Text | None = Field(
        default=None, description="the question put to a parent when the person is a child"
    )
    child_help: Text | None = Field(
        default=None, description="the help put to a parent when the person is a child"
    )
    asked_by: Literal["patient", "clinician"] = "patient"
    applies: Applicability | None = None
