"""What free text gave: each extracted item with its span and rule, and the resolved findings.

Plain data with no spaCy import, so results can be built, compared and serialised anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from legwise.engine.frozen import maker

if TYPE_CHECKING:
    from legwise.intake.gaps import WarningGaps

Value = str | float
NOT_CLINICAL = frozenset({"age", "sex"})


@dataclass(frozen=True, slots=True)
class Extracted:
    """One thing read from the text.

    `value` is "present" or "absent" for a yes/no finding, a number for measured values and
    age, or "female"/"male"/"other" for sex. `start`/`end` are character offsets into the
    text and `text` the words themselves; `rule` says which rule fired.
    """

    finding: str
    value: Value
    start: int
    end: int
    text: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "rule": self.rule,
        }


# Extracted(...) built without the frozen __init__'s per-field checks (the same object, in about
# half the time): for the readers that make one for every match
extracted = maker(Extracted)


@dataclass(frozen=True, slots=True)
class TextResult:
    """Every item read from one text, in text order, and what they resolve to.

    `findings` maps finding id -> "present"/"absent" or a number, after conflict resolution
    (a finding said both ways counts as present: safety first). Age and sex are kept apart in
    `age` and `sex`; they alone do not make a text clinical (`recognised`). `gaps` holds the
    level these answers give and the warning-sign questions they leave unanswered
    (`legwise.intake.gaps`).
    """

    items: tuple[Extracted, ...] = ()
    findings: dict[str, Value] = field(default_factory=dict)
    age: float | None = None
    sex: str | None = None
    gaps: WarningGaps | None = None

    def case(self) -> dict[str, Any]:
        """What the text gave as a contract-shaped case (findings, and age and sex if said)."""
        out: dict[str, Any] = {"findings": dict(self.findings)}
        if self.age is not None:
            out["age"] = self.age
        if self.sex is not None:
            out["sex"] = self.sex
        return out

    @property
    def unanswered_warning_signs(self) -> tuple[str, ...]:
        """Warning-sign finding ids the text left unanswered, in the interview's order."""
        return () if self.gaps is None else self.gaps.findings

    @property
    def recognised(self) -> bool:
        """True when the text gave at least one clinical finding (not just age or sex)."""
        return bool(self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": dict(self.findings),
            "age": self.age,
            "sex": self.sex,
            "items": [item.to_dict() for item in self.items],
            "recognised": self.recognised,
            **({} if self.gaps is None else self.gaps.to_dict()),
        }


def resolve(items: list[Extracted], keep: dict[str, str]) -> TextResult:
    """Resolve the items into findings, age and sex.

    Yes/no findings: present wins over absent, except that a finding last said to be over
    ("the fever has gone", a ConText resolved cue) is absent. Numbers: `keep[finding]` says
    "lowest" or "highest" wins (default: the first said). Age and sex: the first said.
    """
    items = sorted(items, key=lambda i: (i.start, i.end))
    findings: dict[str, Value] = {}
    age: float | None = None
    sex: str | None = None
    for item in items:
        value = item.value
        if item.finding == "age":
            age = float(value) if age is None else age
            continue
        if item.finding == "sex":
            sex = str(value) if sex is None else sex
            continue
        old = findings.get(item.finding)
        if old is None:
            findings[item.finding] = value
        elif isinstance(value, str):
            if value == "present":
                findings[item.finding] = "present"
        elif isinstance(old, float | int):
            rule = keep.get(item.finding)
            if rule == "lowest":
                findings[item.finding] = min(old, value)
            elif rule == "highest":
                findings[item.finding] = max(old, value)
    last = {i.finding: i for i in items if isinstance(i.value, str)}
    for fid, item in last.items():
        if fid in findings and item.value == "absent" and "+ resolved" in item.rule:
            findings[fid] = "absent"
    return TextResult(tuple(items), findings, age, sex)
