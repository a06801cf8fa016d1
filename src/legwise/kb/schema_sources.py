"""Record shapes of the bibliography and the pieces every knowledge record shares: a frozen
model that forbids unknown keys, a pointer into the bibliography, an outside code.

Split from `schema.py` (which re-exports every name) so each module holds one thing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from legwise.kb.expr import Id

Text = str  # plain-language text shown to people; checked for reading level by the tests


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- sources -----------------------------------------------------------------------------


class Source(_Frozen):
    """One bibliography entry."""

    id: Id
    kind: Literal[
        "guideline",
        "meta_analysis",
        "systematic_review",
        "cohort",
        "trial",
        "cross_sectional",
        "case_report",
        "review",
        "criteria",
        "textbook",
        "patient_article",
        "team_estimate",
        "method",
    ]
    title: str = Field(min_length=3)
    authors: str | None = None
    year: int = Field(ge=1900, le=2030)
    venue: str | None = None
    doi: str | None = None
    pmid: str | None = Field(default=None, pattern=r"^[0-9]{5,9}$")
    url: str | None = None
    note: str | None = None


class SourceRef(_Frozen):
    """A pointer into the bibliography, with where in the source the fact sits."""

    ref: Id
    locator: str | None = None

    def __hash__(self) -> int:
        # pydantic's generated hash walks the fields through a getter each call; results
        # hash every cited reference (about 300 a full assessment), so keep it plain.
        return hash((self.ref, self.locator))


Sources = list[SourceRef]


class Code(_Frozen):
    """A code for a condition or finding in an outside terminology (SNOMED CT, WHO ICD-10,
    ICD-10-CM where the US code differs, LOINC for measurements), with the reference it was
    checked against. A code nobody could verify is left out."""

    system: Literal[
        "http://snomed.info/sct",
        "http://hl7.org/fhir/sid/icd-10",
        "http://hl7.org/fhir/sid/icd-10-cm",
        "http://loinc.org",
    ]
    code: str = Field(min_length=1, max_length=20)
    display: str = Field(min_length=2)
    source: SourceRef


class _Sourced(_Frozen):
    sources: Sources = Field(min_length=1)
    estimated: str | None = Field(
        default=None, description="set when the number is the team's estimate: say why"
    )


__all__ = ["Code", "Source", "SourceRef", "Sources", "Text", "_Frozen", "_Sourced"]
