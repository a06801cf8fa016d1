"""Record shapes of the knowledge files.

Every model forbids unknown keys and is frozen, numbers are bounded, and every clinical number
or rule carries structured sources (`ref` into the bibliography plus a `locator`). A number the
team had to estimate says so in `estimated`, with the reason.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from legwise.kb.expr import Expr, Id
from legwise.kb.schema_advice import Advice, AdviceAvoid, AdviceHelp, AdviceVariant
from legwise.kb.schema_evidence import LR, Band, Combined, EvidenceFile, Link
from legwise.kb.schema_interview import AskBeforeStopping, InterviewSettings
from legwise.kb.schema_questions import Applicability, QuestionGroup
from legwise.kb.schema_scores import Criterion, Score, ScoreBand, ScoreItem, ScoreVariant
from legwise.kb.schema_sources import Code, Source, SourceRef, Sources, Text, _Frozen, _Sourced

LEVELS: tuple[str, ...] = (
    "self_care",
    "consultation",
    "consultation_24",
    "emergency",
    "emergency_ambulance",
)
"""Triage levels from least to most urgent; the index is the rank."""

Level = Literal["self_care", "consultation", "consultation_24", "emergency", "emergency_ambulance"]

# --- levels and settings --------------------------------------------------------------------


class LevelInfo(_Frozen):
    id: Level
    label: Text
    action: Text
    colour: str = "white"


class Population(_Sourced):
    """A group for whom guidance differs (pregnancy, children, kidney failure...): knowledge
    items carry variants for it, and the output follows the variant when `when` is true."""

    id: Id
    name: Text
    when: Expr


class InstructionConflict(_Sourced):
    """Two things legwise could tell a person that must never appear together.

    Rule actions and advice items declare what they tell the person (`asks`, `avoid_says`, as
    instruction tags); wherever `keep` is said, anything that says one of `yields` gives way (a
    measure is not recommended, a caution is not listed, a rule's action text is left out)."""

    keep: Id
    yields: list[Id] = Field(min_length=1)
    why: str
    phrases: list[str] = Field(
        default_factory=list,
        description="lower-case phrases that say `keep` in an action or advice text: the "
        "whole-knowledge check makes every text that uses one declare the tag",
    )


class WarningSignLevel(_Sourced):
    """The urgency from which a rule's findings are warning signs: asked first in the
    interview, never read as absent, bound by the safety-monotonicity check, and added to an
    assessment when ticked in recent diary nights."""

    level: Level
    why: str


class RecordActiveOnly(_Sourced):
    """History findings that a coded record (FHIR Condition) gives only while the condition
    is active: a resolved cancer or a past pregnancy is not a risk now, a past DVT is."""

    findings: list[Id] = Field(min_length=1)
    why: str


FindingGroup = Literal["about_you", "red_flags", "pattern", "course", "history", "exam"]


class SettingSources(_Frozen):
    """Where some of meta's settings come from (checked: each names a setting of meta)."""

    settings: list[Id] = Field(min_length=1)
    sources: Sources = Field(min_length=1)


class Meta(_Frozen):
    """Settings that tune the engine; each number carries its reason and source."""

    version: str
    interview: InterviewSettings
    warning_signs: WarningSignLevel
    record_active_only: RecordActiveOnly | None = Field(
        default=None, description="none: every history finding counts, active or resolved"
    )
    disclaimer: Text
    plausible_probability: float = Field(gt=0, lt=1)
    unexplained_probability: float = Field(gt=0, lt=1)
    unexplained_min_findings: int = Field(ge=0)
    support_min_ratio: float = Field(
        default=1.0,
        ge=1,
        le=100,
        description="a cause is supported by the answers when they multiply its odds by at "
        "least this much; only a supported cause explains the picture or heads the causes",
    )
    against_max_ratio: float = Field(
        default=0.0,
        ge=0,
        lt=1,
        description="the answers argue against a cause when they multiply its odds by at "
        "most this much; such a cause is listed after the causes they do not argue against "
        "(unless a rule names it), so its prior alone never heads the list (0: never)",
    )
    unexplained_reason_low: Text
    unexplained_none_listed: Text | None = Field(
        default=None,
        description="added to the reason when rules point outside what legwise covers and "
        "no listed cause is named by a rule or supported by the answers: says plainly that "
        "the list is not the answer (none: nothing added)",
    )
    unexplained_level: Level = Field(
        description="the level a picture no known cause explains is raised to: a floor, so "
        "it never lowers a level a rule set (the assessment and the vectorised path read it)"
    )
    unexplained_reason_outside: Text = Field(
        description="the reason given when rules point outside what legwise covers; "
        "`{outside}` is replaced by what they point to, joined by '; '"
    )
    symptom_groups: list[FindingGroup] = Field(
        min_length=1,
        description="finding groups whose answers can show that a known cause fits the "
        "picture (symptoms, examination); at least `unexplained_min_findings` of them "
        "must be answered before legwise says no known cause fits",
    )
    urgent_steps_level: Level = Field(
        description="from this level on, self-care measures give way to the urgent steps "
        "(advice of kind `urgent`), which are shown only from here"
    )
    urgent_steps_why: Text = Field(
        description="why an urgent step shown whatever the cause (`always_when_urgent`) is shown"
    )
    sources: Sources = Field(min_length=1)
    setting_sources: list[SettingSources] = Field(
        default_factory=list,
        description="sources for individual settings, beside `sources` (which the results "
        "cite for the engine's own reasons)",
    )
    suspicion_rules: list[Id] = Field(
        default_factory=list,
        description="for each dangerous cause, the probability rule (consultation_24 or above) "
        "whose cut-off is also when advice treats the cause as suspected: one definition",
    )
    suspicion_exempt: dict[Id, str] = Field(
        default_factory=dict,
        description="dangerous causes without such a rule, each with the reason",
    )
    populations: list[Population] = Field(default_factory=list)
    instruction_conflicts: list[InstructionConflict] = Field(default_factory=list)
    instruction_phrases: dict[Id, list[str]] = Field(
        default_factory=dict,
        description="lower-case phrases that say an instruction tag; any action or advice text "
        "using one must declare the tag (checked), so no contradiction hides in free text",
    )

    @model_validator(mode="after")
    def _setting_names(self) -> Meta:
        known = set(type(self).model_fields)
        for entry in self.setting_sources:
            unknown = [name for name in entry.settings if name not in known]
            if unknown:
                raise ValueError(f"setting_sources: not a setting of meta: {', '.join(unknown)}")
        return self

    @model_validator(mode="after")
    def _support_and_against_apart(self) -> Meta:
        # a supported cause is never also argued against (each cut has 0.1% slack: 1% apart)
        if self.against_max_ratio > 0.99 * self.support_min_ratio:
            raise ValueError(
                "against_max_ratio must be at most 0.99 x support_min_ratio: a cause the "
                "answers support cannot also be argued against"
            )
        return self

    @model_validator(mode="after")
    def _outside_placeholder(self) -> Meta:
        text = self.unexplained_reason_outside
        if text.count("{outside}") != 1 or text.replace("{outside}", "").count("{"):
            raise ValueError(
                "unexplained_reason_outside needs `{outside}` exactly once (what the rules "
                "point to goes there) and no other braces"
            )
        return self


# --- conditions -------------------------------------------------------------------------------


class PriorAdjustment(_Sourced):
    """Multiply the prior odds when `when` is true (age band, sex, a risk factor)."""

    when: Expr
    odds_ratio: float = Field(gt=0, le=1000)
    note: str | None = None


class Prior(_Sourced):
    """Probability among adults with leg pain at rest or at night, before any answer."""

    probability: float = Field(gt=0, lt=1)
    adjustments: list[PriorAdjustment] = Field(default_factory=list)
    note: str | None = None


class CareVariant(_Sourced):
    """How a test or treatment differs for one population (`population` names a
    `meta.populations` entry); unset fields keep the item's own text."""

    population: Id
    omit: bool = False
    name: Text | None = None
    detail: Text | None = None
    line: Literal["first", "second", "specialist", "not_routine", "avoid"] | None = None


class CareItem(_Sourced):
    """A test or a treatment a doctor may use."""

    id: Id
    name: Text
    detail: Text
    line: Literal["first", "second", "specialist", "not_routine", "avoid"] | None = None
    seed_differs: Text | None = Field(
        default=None,
        description="where newer evidence differs from the seed article: what changed",
    )
    variants: list[CareVariant] = Field(default_factory=list)
    asks: list[Id] = Field(
        default_factory=list,
        description="instruction tags its text gives (raise_leg, walking_plan...): a test or "
        "treatment whose tag gives way to what the result says is not shown (one voice)",
    )


class Condition(_Sourced):
    id: Id
    name: Text
    clinical_name: str
    group: Literal["musculoskeletal", "neurological", "vascular", "infection"]
    dangerous: bool
    description: Text
    applies: Applicability | None = None
    prior: Prior
    tests: list[CareItem] = Field(min_length=1)
    treatments: list[CareItem] = Field(min_length=1)
    codes: list[Code] = Field(default_factory=list)


# --- findings ---------------------------------------------------------------------------------


class Implication(_Frozen):
    """A numeric answer that also answers a yes/no finding (pain 8/10 -> severe pain)."""

    finding: Id
    state: Literal["present", "absent"]
    min: float | None = None
    max: float | None = None
    gt: float | None = None
    lt: float | None = None


class Finding(_Frozen):
    id: Id
    type: Literal["state", "number", "choice"]
    label: Text
    question: Text
    child_question: Text | None = Field(
        default=None, description="the question put to a parent when the person is a child"
    )
    help: Text | None = None
    child_help: Text | None = Field(
        default=None, description="the help put to a parent when the person is a child"
    )
    why: Text
    asked_by: Literal["patient", "clinician"] = "patient"
    group: FindingGroup
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    choices: list[Id] | None = None
    applies: Applicability | None = None
    implies: list[Implication] = Field(default_factory=list)
    phrases: list[str] = Field(
        default_factory=list,
        description="how people and notes say it (lay and clinical words, both spellings, "
        "common misspellings, abbreviations); matched case-insensitively in free text",
    )
    history_phrases: list[str] = Field(
        default_factory=list,
        description="phrases that give this finding only when said about the past "
        "(previous_dvt: 'dvt', 'blood clot')",
    )
    family_phrases: list[str] = Field(
        default_factory=list,
        description="phrases that give this finding only when said about a relative "
        "(family_history_rls: 'restless legs')",
    )
    codes: list[Code] = Field(default_factory=list)

    @model_validator(mode="after")
    def _type_fields(self) -> Finding:
        if self.type == "number" and (self.min is None or self.max is None):
            raise ValueError("a number finding needs min and max")
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice finding needs choices")
        if self.type != "number" and self.implies:
            raise ValueError("only number findings can imply other findings")
        return self


# --- triage rules -------------------------------------------------------------------------------


class Rule(_Sourced):
    """A combination of findings that sets a minimum urgency."""

    id: Id
    level: Level
    when: Expr
    title: Text
    reason: Text
    patient_reason: Text | None = Field(
        default=None,
        description="the reason as the person is told it, naming no risk factor: needed when "
        "`reason` names two or more risk factors the rule accepts as alternatives; the person's "
        "own answers are listed beside it, and the full `reason` stays for the clinician",
    )
    action: Text | None = None
    suspects: list[Id] = Field(default_factory=list)
    about: list[Id] = Field(
        default_factory=list,
        description="the dangerous condition(s) this rule's level is about: listed first "
        "among the causes, with their tests, when the rule sets the level",
    )
    outside: Text | None = Field(
        default=None,
        description="set when the rule points to a cause legwise does not model: names it",
    )
    excludes: list[Id] = Field(
        default_factory=list,
        description="conditions this rule's findings exclude by their definition (a diagnosis "
        "of exclusion such as growing pains): listed last among the causes when it fires, "
        "never first, whatever their prior",
    )
    asks: list[Id] = Field(
        default_factory=list,
        description="instruction tags the action text gives (keep_weight_off, no_heat...), "
        "so one voice can be kept (meta.instruction_conflicts)",
    )


# Re-exported: the record shapes split into schema_sources, schema_evidence, schema_scores,
# schema_interview, schema_advice and schema_questions are imported from here as before.
__all__ = [
    "LR",
    "Advice",
    "AdviceAvoid",
    "AdviceHelp",
    "AdviceVariant",
    "Applicability",
    "AskBeforeStopping",
    "Band",
    "Code",
    "Combined",
    "Criterion",
    "EvidenceFile",
    "InterviewSettings",
    "Link",
    "QuestionGroup",
    "Score",
    "ScoreBand",
    "ScoreItem",
    "ScoreVariant",
    "Source",
    "SourceRef",
    "Sources",
    "Text",
    "_Frozen",
    "_Sourced",
]
