"""The questions the interview can ask, built once per knowledge base from its findings and
question groups: age and sex, the groups ("any of these?"), and one question for each finding
no group holds. Which one to ask next is `legwise.engine.question_choice`'s job.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from legwise.kb.loader import Knowledge
from legwise.kb.schema import Applicability, Finding, QuestionGroup

YES_NO = (("present", "Yes"), ("absent", "No"), ("unknown", "Not sure"))


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "label": self.label}


@dataclass(frozen=True, slots=True)
class Question:
    """One question: its text, the findings it answers (in order) and how to answer it."""

    id: str
    text: str
    help: str | None
    why: str
    findings: tuple[str, ...]
    kind: str  # single | any_of | number | choice
    options: tuple[Option, ...]
    phase: str  # about_you | screen | history | detail
    order: int
    asked_by: str
    applies: Applicability | None
    unit: str | None = None
    min: float | None = None
    max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "help": self.help,
            "why": self.why,
            "findings": list(self.findings),
            "kind": self.kind,
            "options": [o.to_dict() for o in self.options],
            "phase": self.phase,
        }
        if self.kind == "number":
            out.update({"unit": self.unit, "min": self.min, "max": self.max})
        return out


@dataclass(frozen=True)
class Catalogue:
    """Every question, in asking order (age and sex first), and the question for each finding."""

    questions: tuple[Question, ...]
    by_finding: dict[str, Question]


def _about_you(kb: Knowledge) -> list[Question]:
    """Age (a number) and sex (a choice, or prefer not to say): always asked first."""
    age, sex = kb.findings["age"], kb.findings["sex"]
    sex_options = tuple(Option(c, c.capitalize()) for c in sex.choices or ())
    return [
        Question(
            "age", age.question, age.help, age.why, ("age",), "number", (), "about_you", 0,
            "patient", None, age.unit, age.min, age.max,
        ),
        Question(
            "sex", sex.question, sex.help, sex.why, ("sex",), "choice",
            (*sex_options, Option("unknown", "Prefer not to say")), "about_you", 1, "patient",
            None,
        ),
    ]  # fmt: skip


def _group_question(kb: Knowledge, group: QuestionGroup) -> Question:
    """A knowledge question group: any of its findings, none of them, or not sure."""
    options = tuple(Option(f, kb.findings[f].label) for f in group.findings)
    return Question(
        group.id, group.text, group.help, group.why, tuple(group.findings), "any_of",
        (*options, Option("none", "None of these"), Option("unknown", "Not sure")),
        group.phase, group.order, group.asked_by, group.applies,
    )  # fmt: skip


def _finding_question(finding: Finding) -> Question:
    """A finding no group holds, asked on its own: yes/no/not sure, or a number."""
    if finding.type == "state":
        phase = "screen" if finding.group == "red_flags" else "detail"
        options = tuple(Option(v, label) for v, label in YES_NO)
        return Question(
            finding.id, finding.question, finding.help, finding.why, (finding.id,), "single",
            options, phase, 100, finding.asked_by, finding.applies,
        )  # fmt: skip
    return Question(
        finding.id, finding.question, finding.help, finding.why, (finding.id,), "number",
        (Option("unknown", "Not sure"),), "detail", 100, finding.asked_by, finding.applies,
        finding.unit, finding.min, finding.max,
    )  # fmt: skip


@functools.cache
def catalogue(kb: Knowledge) -> Catalogue:
    """Every question legwise can ask: age, sex, the knowledge's groups, and one question for
    each yes/no or number finding that no group holds."""
    out = _about_you(kb)
    grouped: set[str] = set()
    for group in kb.questions.values():
        out.append(_group_question(kb, group))
        grouped |= set(group.findings)
    for finding in kb.findings.values():
        if finding.id in ("age", "sex") or finding.id in grouped or finding.type == "choice":
            continue
        out.append(_finding_question(finding))
    by_finding = {fid: q for q in out for fid in q.findings}
    return Catalogue(tuple(out), by_finding)


__all__ = ["YES_NO", "Catalogue", "Option", "Question", "catalogue"]
