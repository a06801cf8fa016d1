"""Record shapes of the evidence files: likelihood ratios linking a finding to a condition,
bands for numeric findings, and caps on answers that are not independent.

Split from `schema.py` (which re-exports every name) so each module holds one thing.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field, model_validator

from legwise.kb.expr import Id
from legwise.kb.schema_sources import _Frozen, _Sourced

LR = float


class Band(_Frozen):
    """A likelihood ratio for a numeric finding inside a range."""

    min: float | None = None
    max: float | None = None
    gt: float | None = None
    lt: float | None = None
    lr: LR = Field(gt=0, le=200)
    label: str | None = None


class Link(_Sourced):
    """How one finding changes the odds of one condition.

    Give `lr_pos`/`lr_neg` directly, or `sensitivity`/`specificity` from which they are
    derived (the inputs are kept). A missing `lr_neg` means "absence tells nothing" (1.0).
    """

    finding: Id
    lr_pos: LR | None = Field(default=None, gt=0, le=200)
    lr_neg: LR | None = Field(default=None, gt=0, le=200)
    sensitivity: float | None = Field(default=None, gt=0, lt=1)
    specificity: float | None = Field(default=None, gt=0, lt=1)
    bands: list[Band] | None = None
    direction: Literal["raises", "lowers"] | None = Field(
        default=None,
        description="the way the source says this finding, when present, moves the odds; "
        "the loader checks the ratios against it",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Link:
        has_lr = self.lr_pos is not None or self.lr_neg is not None
        has_ss = self.sensitivity is not None or self.specificity is not None
        if self.bands is not None:
            if has_lr or has_ss:
                raise ValueError("a banded link cannot also give lr_pos/lr_neg/sensitivity")
            return self
        if has_ss:
            if self.sensitivity is None or self.specificity is None:
                raise ValueError("give both sensitivity and specificity")
            pos = self.sensitivity / (1 - self.specificity)
            neg = (1 - self.sensitivity) / self.specificity
            for name, given, calc in (("lr_pos", self.lr_pos, pos), ("lr_neg", self.lr_neg, neg)):
                if given is not None and not math.isclose(given, calc, rel_tol=0.1):
                    raise ValueError(
                        f"{name}={given} disagrees with sensitivity/specificity ({calc:.2f})"
                    )
            return self
        if not has_lr:
            raise ValueError("give lr_pos/lr_neg, sensitivity/specificity, or bands")
        return self

    @property
    def positive(self) -> float:
        if self.lr_pos is not None:
            return self.lr_pos
        if self.sensitivity is not None and self.specificity is not None:
            return self.sensitivity / (1 - self.specificity)
        return 1.0

    @property
    def negative(self) -> float:
        if self.lr_neg is not None:
            return self.lr_neg
        if self.sensitivity is not None and self.specificity is not None:
            return (1 - self.sensitivity) / self.specificity
        return 1.0


class Combined(_Sourced):
    """Answers that are not independent evidence for one condition (criteria of one
    definition, two questions about one symptom, the items of one validated score): their
    likelihood ratios multiply only up to `max_lr` (and down to `min_lr`), the ratio the
    source gives for the answers together."""

    id: Id
    findings: list[Id] = Field(min_length=2)
    max_lr: LR | None = Field(default=None, gt=0, le=200)
    min_lr: LR | None = Field(default=None, gt=0, le=200)
    note: str | None = None

    @model_validator(mode="after")
    def _bounds(self) -> Combined:
        if self.max_lr is None and self.min_lr is None:
            raise ValueError("give max_lr, min_lr or both")
        if self.max_lr is not None and self.max_lr < 1:
            raise ValueError("max_lr caps a rise: it must be at least 1")
        if self.min_lr is not None and self.min_lr > 1:
            raise ValueError("min_lr floors a fall: it must be at most 1")
        return self


class EvidenceFile(_Frozen):
    condition: Id
    links: list[Link] = Field(min_length=1)
    combined: list[Combined] = Field(default_factory=list)


__all__ = ["LR", "Band", "Combined", "EvidenceFile", "Link"]
