"""The small condition language that rules, advice, priors and scores share.

One language, written as YAML mappings, keeps every clinical combination in data. Each node
is a mapping with exactly one key:

    {present: finding_id}                  the finding was answered "present"
    {absent: finding_id}                   the finding was answered "absent"
    {number: {finding: id, min: 0, max: 0.9, gt: .., lt: ..}}   a numeric finding in range
    {number: {finding: symptom_duration_days, max: 14, or_unknown: true}}
                                           ... or not answered: a danger window ("began within
                                           2 weeks") where an unknown time must not reassure
    {sex: female}                          the case's sex
    {probability: {condition: id, min: 0.2}}  posterior probability at least min
    {suspected: condition_id}              probability at least the plausible threshold, or
                                           named by a triage rule that fired
    {score: {id: wells_dvt, min: 2}}       a score's worst-case value (unknown items counted
                                           at their most worrying) at least min
    {all: [node, ...]}  {any: [node, ...]}  {not: node}

Evaluation is three-valued (Kleene logic): a node is true, false or unknown. A rule fires only
when its condition is *true*, so an unanswered question can never make a rule fire or stop
firing by accident, and "not sure" is never read as "no".
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NumberTest(_Frozen):
    """A numeric finding inside bounds; `min`/`max` are inclusive, `gt`/`lt` exclusive."""

    finding: Id
    min: float | None = None
    max: float | None = None
    gt: float | None = None
    lt: float | None = None
    or_unknown: bool = Field(
        default=False,
        description="an unanswered value counts as inside the bounds: for danger windows "
        "(a pale leg 'within the last 14 days'), where not knowing must never reassure",
    )

    @model_validator(mode="after")
    def _has_bound(self) -> NumberTest:
        if self.min is None and self.max is None and self.gt is None and self.lt is None:
            raise ValueError("a number test needs at least one of min, max, gt, lt")
        return self

    def holds(self, value: float) -> bool:
        """True when value lies inside every bound given."""
        if self.min is not None and value < self.min:
            return False
        if self.max is not None and value > self.max:
            return False
        if self.gt is not None and value <= self.gt:
            return False
        return not (self.lt is not None and value >= self.lt)


class ProbabilityTest(_Frozen):
    condition: Id
    min: float = Field(gt=0.0, le=1.0)


class ScoreTest(_Frozen):
    id: Id
    min: float


class Expr(_Frozen):
    """One node of the condition language (exactly one key set)."""

    present: Id | None = None
    absent: Id | None = None
    number: NumberTest | None = None
    sex: Id | None = None
    probability: ProbabilityTest | None = None
    suspected: Id | None = None
    score: ScoreTest | None = None
    all: list[Expr] | None = Field(default=None, min_length=1)
    any: list[Expr] | None = Field(default=None, min_length=1)
    not_: Expr | None = Field(default=None, alias="not")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        # `any_present: [a, b]` and `all_present: [a, b]` are shorthands used everywhere.
        if isinstance(data, dict) and len(data) == 1:
            key, value = next(iter(data.items()))
            if key in ("any_present", "all_present") and isinstance(value, list):
                op = "any" if key == "any_present" else "all"
                return {op: [{"present": v} for v in value]}
        return data

    @model_validator(mode="after")
    def _exactly_one(self) -> Expr:
        keys = [k for k in type(self).model_fields if getattr(self, k) is not None]
        if len(keys) != 1:
            raise ValueError(
                "each condition node needs exactly one of present, absent, number, sex,"
                " probability, suspected, score, all, any, not, any_present, all_present"
                f" (got {keys})"
            )
        return self

    # --- introspection used by the whole-knowledge checks and the interview ---

    def walk(self) -> list[Expr]:
        """This node and every node below it."""
        out: list[Expr] = [self]
        for child in self.children():
            out.extend(child.walk())
        return out

    def children(self) -> list[Expr]:
        if self.all is not None:
            return list(self.all)
        if self.any is not None:
            return list(self.any)
        if self.not_ is not None:
            return [self.not_]
        return []

    def findings(self) -> set[str]:
        """Every finding id the node refers to."""
        out: set[str] = set()
        for node in self.walk():
            if node.present:
                out.add(node.present)
            if node.absent:
                out.add(node.absent)
            if node.number:
                out.add(node.number.finding)
        return out

    def positive_findings(self) -> set[str]:
        """Findings that can make this node true by being present (or having a value)."""
        out: set[str] = set()
        for node in self.walk():
            if node.present:
                out.add(node.present)
            if node.number:
                out.add(node.number.finding)
        return out

    def is_monotone(self) -> bool:
        """True when the node uses no `not` and no `absent`: more findings never unfire it."""
        return all(n.not_ is None and n.absent is None for n in self.walk())

    def conditions(self) -> set[str]:
        out = {n.probability.condition for n in self.walk() if n.probability}
        return out | {n.suspected for n in self.walk() if n.suspected}

    def scores(self) -> set[str]:
        return {n.score.id for n in self.walk() if n.score}

    def uses_sex(self) -> set[str]:
        return {n.sex for n in self.walk() if n.sex}
