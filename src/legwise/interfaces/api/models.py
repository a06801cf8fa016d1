"""Request bodies and documented response shapes of the REST API.

The request models check the shape only (types, no unknown keys) so the OpenAPI document
says what to send; the clinical checks (finding ids, states, ranges) stay in the engine's
`parse_case`, which names the field. Response models document the contract in docs/contract.md;
the routes return the engine's own dicts, which may carry more fields.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Answer = str | float
MAX_BATCH = 1000


class CaseIn(BaseModel):
    """One case: who the person is and what they answered (docs/contract.md, "A case")."""

    model_config = ConfigDict(extra="forbid")

    id: str | int | None = Field(default=None, description="Echoed in the result.")
    age: float | None = Field(default=None, description="Age in years.")
    sex: str | None = Field(default=None, description="female, male or other.")
    findings: dict[str, Answer] = Field(
        default_factory=dict,
        description="Finding id -> present, absent, unknown, or a number for measured "
        "findings (GET /v1/knowledge/findings lists the ids).",
    )
    text: str | None = Field(
        default=None,
        description="Free text to read for findings first; explicit findings override it.",
    )

    def case(self) -> dict[str, Any]:
        """The case as the engine takes it: only the fields that were sent (in this order;
        `model_dump(exclude_unset=True)` gave the same, at twenty times the cost)."""
        given = self.model_fields_set
        out = {name: getattr(self, name) for name in _CASE_FIELDS if name in given}
        if "findings" in out:
            out["findings"] = dict(out["findings"])  # the caller's own, as model_dump gave
        return out


_CASE_FIELDS = ("id", "age", "sex", "findings", "text")


class InterviewIn(CaseIn):
    """The answers so far, and who is answering."""

    audience: Literal["patient", "clinician"] = Field(
        default="patient", description="clinician also asks examination findings."
    )


class TextIn(BaseModel):
    """Free text to read."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="Up to 20,000 characters.")


# --- documented responses ------------------------------------------------------------------


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class TriageOut(_Open):
    level: str
    reasons: list[dict[str, Any]]


class ConditionOut(_Open):
    id: str
    probability: float
    evidence: list[dict[str, Any]]


class AdviceOut(_Open):
    recommended: list[dict[str, Any]]
    avoid: list[dict[str, Any]]
    tests: list[dict[str, Any]]
    treatments: list[dict[str, Any]]


class AssessmentOut(_Open):
    """The result contract (docs/contract.md): these keys never change meaning; more may appear."""

    id: str | int | None
    triage: TriageOut
    conditions: list[ConditionOut] = Field(description="Most likely first.")
    scores: dict[str, Any]
    advice: AdviceOut
    knowledge_version: str
    disclaimer: str


class NeedsAnswersOut(_Open):
    """A batch line whose text gave nothing clinical: the questions to ask, no assessment."""

    id: str | int | None
    status: Literal["needs_answers"]
    message: str
    questions: list[dict[str, Any]] = Field(
        description="Age and sex when unknown, then every warning-sign question, in order."
    )
    unanswered_warning_signs: list[str]


class SummaryConditionOut(_Open):
    id: str
    probability: float


class SummaryAdviceOut(_Open):
    recommended: list[str] = Field(description="Advice ids, most useful first.")
    avoid: list[str]
    tests: list[str]
    treatments: list[str]


class AssessmentSummaryOut(_Open):
    """`view=summary`: level, reasons (rule, level, title), causes with probabilities, advice
    ids and score values; no explanations, texts or citations."""

    id: str | int | None
    triage: TriageOut
    conditions: list[SummaryConditionOut] = Field(description="Most likely first.")
    unexplained: bool
    scores: dict[str, Any]
    advice: SummaryAdviceOut
    knowledge_version: str


class StepOut(_Open):
    """The next question (`done` false) or why the interview stopped (`done` true)."""

    done: bool
    question: dict[str, Any] | None = None
    reason: str | None = None
    asked: int


class TextOut(_Open):
    """What the text said: resolved findings, age, sex, and each item with its words."""

    findings: dict[str, Answer]
    age: float | None
    sex: str | None
    items: list[dict[str, Any]]
    recognised: bool
    level: str | None = Field(None, description="The triage level the text alone gives.")
    unanswered_warning_signs: list[str] = Field(
        default_factory=list,
        description="Warning-sign finding ids the text did not answer, in the order to ask.",
    )
    warning_questions: list[dict[str, Any]] = Field(
        default_factory=list,
        description="The interview questions that ask them (`id`, `text`, `findings`), in order.",
    )


class VersionOut(_Open):
    knowledge_version: str
    legwise_version: str
    counts: dict[str, int]


class HealthOut(BaseModel):
    status: Literal["ok"]
    knowledge_version: str


class ReadyOut(BaseModel):
    status: Literal["ready", "starting"]
    knowledge_version: str
    # "ready": built; "building": the start-up warm-up is building it (a text now waits for
    # it); "on_first_use": this server builds it when the first text comes (no warm-up)
    text_reader: Literal["ready", "building", "on_first_use"]


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(BaseModel):
    """422: every item names the field (`loc`, starting with "body")."""

    detail: list[ErrorItem]
