"""A case: who the person is and what they answered, checked against the knowledge base.

Outside input (CLI JSON, HTTP bodies, library dicts) becomes a `Case` only through
`parse_case`, which names the offending field in an `InputError` for anything it cannot
accept. Inside the engine a case is plain, immutable data.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from legwise.errors import InputError
from legwise.kb.loader import Knowledge

STATES = {"present": 1, "absent": -1, "unknown": 0}
CASE_KEYS = {"id", "age", "sex", "findings", "text"}


@dataclass(frozen=True, slots=True)
class Case:
    """A validated case.

    `states` holds only answered yes/no findings (+1 present, -1 absent); unknown answers are
    simply missing, so nothing downstream can mistake "not sure" for "no". `numbers` holds
    numeric findings. `asked` records every finding the person was asked, including "not sure".
    """

    id: str | None = None
    age: float | None = None
    sex: str | None = None
    states: Mapping[str, int] = field(default_factory=dict)
    numbers: Mapping[str, float] = field(default_factory=dict)
    asked: frozenset[str] = frozenset()
    text: str | None = None

    def state(self, finding: str) -> str:
        value = self.states.get(finding, 0)
        return "present" if value > 0 else "absent" if value < 0 else "unknown"

    def to_dict(self) -> dict[str, Any]:
        """The case in the contract's shape (unknown answers kept as "unknown")."""
        findings: dict[str, Any] = {
            f: "unknown" for f in sorted(self.asked) if f not in ("age", "sex")
        }
        findings.update({f: self.state(f) for f in self.states})
        findings.update({k: v for k, v in self.numbers.items() if k != "age"})
        out: dict[str, Any] = {"id": self.id, "age": self.age, "sex": self.sex}
        out["findings"] = findings
        if self.text:
            out["text"] = self.text
        return {k: v for k, v in out.items() if v is not None}


def _number(value: Any, where: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise InputError(where, f"expected a number, got {value!r}") from None
        else:
            raise InputError(where, f"expected a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number) or number < lo or number > hi:
        raise InputError(where, f"{value!r} is out of range ({lo:g} to {hi:g})")
    return number


# A finding as `parse_case` checks an answer to it: its type, the range of a number (open
# ends infinite), the choices of a choice (empty for none) and what a number implies
_Spec = tuple[str, float, float, tuple[str, ...], tuple[Any, ...]]


@functools.cache
def _specs(kb: Knowledge) -> tuple[dict[str, _Spec], float, tuple[str, ...]]:
    """Each finding's checks, the highest age and the sexes, read once per knowledge base
    (every request parses a case: the schema objects are slower to read than a tuple)."""
    specs: dict[str, _Spec] = {
        fid: (
            spec.type,
            spec.min if spec.min is not None else -math.inf,
            spec.max if spec.max is not None else math.inf,
            tuple(spec.choices or ()),
            tuple(spec.implies),
        )
        for fid, spec in kb.findings.items()
    }
    age_def = kb.findings.get("age")
    age_hi = age_def.max if age_def and age_def.max is not None else 120.0
    sexes = tuple(kb.findings["sex"].choices or ()) if "sex" in kb.findings else ()
    return specs, age_hi, sexes


def _age_and_sex(
    kb: Knowledge, data: Mapping[str, Any], findings: Mapping[str, Any]
) -> tuple[float | None, str | None]:
    """Age and sex, given at the top level or among the findings (both must agree)."""
    _, age_hi, sexes = _specs(kb)
    age: float | None = None
    sex: str | None = None
    for where, value in (("age", data.get("age")), ("findings.age", findings.get("age"))):
        if value is not None and value != "unknown":
            parsed = _number(value, where, 0, age_hi)
            if age is not None and parsed != age:
                raise InputError(where, "disagrees with the age given elsewhere")
            age = parsed
    for where, value in (("sex", data.get("sex")), ("findings.sex", findings.get("sex"))):
        if value is not None and value != "unknown":
            if value not in sexes:
                raise InputError(where, f"{value!r} is not one of {', '.join(sexes)}")
            if sex is not None and value != sex:
                raise InputError(where, "disagrees with the sex given elsewhere")
            sex = str(value)
    return age, sex


def parse_case(kb: Knowledge, data: Any) -> Case:
    """Check `data` against the knowledge base and return a Case, or raise InputError."""
    if isinstance(data, Case):
        return data
    if not isinstance(data, Mapping):
        raise InputError("case", "expected a JSON object")
    for key in data:
        if key not in CASE_KEYS:
            raise InputError(str(key), f"unknown field (allowed: {', '.join(sorted(CASE_KEYS))})")
    case_id = data.get("id")
    if case_id is not None and not isinstance(case_id, str | int):
        raise InputError("id", "expected a string")
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError("text", "expected a string")
    findings = data.get("findings") or {}
    if not isinstance(findings, Mapping):
        raise InputError("findings", "expected an object of finding id -> answer")

    age, sex = _age_and_sex(kb, data, findings)
    states: dict[str, int] = {}
    numbers: dict[str, float] = {}
    asked: set[str] = set()
    for key in ("age", "sex"):  # "not sure" about age or sex still counts as asked
        if data.get(key) is not None or findings.get(key) is not None:
            asked.add(key)
    specs = _specs(kb)[0]
    for fid, value in findings.items():
        if fid in ("age", "sex"):
            continue
        spec = specs.get(fid)
        if spec is None:
            raise InputError(f"findings.{fid}", _unknown_finding(kb, fid))
        asked.add(fid)
        kind = spec[0]
        if kind == "number":
            if value is None or value == "unknown":
                continue
            numbers[fid] = _number(value, f"findings.{fid}", spec[1], spec[2])
        elif kind == "state":
            if value not in STATES:
                raise InputError(
                    f"findings.{fid}", f"{value!r} is not one of present, absent, unknown"
                )
            if STATES[value]:
                states[fid] = STATES[value]
        else:  # choice findings other than sex
            if value != "unknown" and value not in spec[3]:
                raise InputError(f"findings.{fid}", f"{value!r} is not one of {', '.join(spec[3])}")

    # A number can answer a yes/no finding (pain 8/10 -> severe pain) unless answered directly.
    for fid, value in list(numbers.items()):
        for imp in specs[fid][4]:
            if imp.finding not in states and in_range(value, imp.min, imp.max, imp.gt, imp.lt):
                states[imp.finding] = STATES[imp.state]
    if age is not None:
        numbers["age"] = age  # rules and priors test age like any other number

    return Case(
        id=None if case_id is None else str(case_id),
        age=age,
        sex=sex,
        states=states,
        numbers=numbers,
        asked=frozenset(asked),
        text=text,
    )


def in_range(
    value: float, lo: float | None, hi: float | None, gt: float | None, lt: float | None
) -> bool:
    if lo is not None and value < lo:
        return False
    if hi is not None and value > hi:
        return False
    if gt is not None and value <= gt:
        return False
    return not (lt is not None and value >= lt)


def _unknown_finding(kb: Knowledge, fid: object) -> str:
    """Say the id is unknown, with the nearest known ids (a typo is the usual cause)."""
    import difflib

    near = difflib.get_close_matches(str(fid), list(kb.findings), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    return f"unknown finding id{hint} (see `legwise knowledge findings`)"
