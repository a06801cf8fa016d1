"""Yes/no findings a stem gives as a vital sign or a scored number (hT12, issue 12 round 12).

- A resting heart rate of 110 a minute or more written as a number ("HR 128", "heart rate
  124", "pulse 136 bpm", "tachycardic at 130") is a racing heart at rest: fainting_or_racing_heart
  asks "is your heart racing while you rest?". Source: the PESI and simplified PESI item "heart
  rate >= 110/min" (Aujesky D et al., Am J Respir Crit Care Med 2005;172:1041; Jimenez D et al.,
  Arch Intern Med 2010;170:1383), the stricter of the published tachycardia cut-offs (Wells' PE
  rule uses > 100), as the PE warning signs in shared/clinical/evidence.md ("tachycardia") are
  read. The adult threshold is not used for a child (age under 16 read in the text): a child's
  resting rate is higher, so the rate alone says nothing there.
- A systolic blood pressure of 90 mmHg or less written as a number ("BP 83/47", "blood pressure
  88/50", "systolic 78", "SBP 85") is a body under strain: confusion_or_very_unwell asks "are you
  confused, very drowsy, or feeling very ill?", and the phrase lists already read "hypotensive"
  and "in shock" so. Source: NICE NG51 (sepsis, 2016, updated 2024), adult high-risk criterion
  "systolic blood pressure 90 mmHg or less" (hT27, round 27; own_heldout12 h12s_07, "BP 86/50"
  in a spreading leg infection, read no sign of it). Adults only, as for the heart rate. A "BP"
  needs its two numbers (a bare "BP 90" may be a count); "systolic" needs one.
- A number finding's `implies` in the knowledge base (pain_score 7 or more -> severe_pain, the
  finding's own question "Is the pain severe, 7 or more out of 10?") is read into the yes/no
  finding it answers, when the text does not say that finding itself; only `present` is added
  (the engine applies both directions to the case already).

Source and review: hT12, 2026-12-06; the thresholds are the cited ones; the rest is reading.
"""

from __future__ import annotations

import functools
import re

from legwise.engine.case import in_range
from legwise.intake.fast_re import any_in
from legwise.intake.number_rules import numbers_data
from legwise.intake.result import Extracted, extracted
from legwise.kb.loader import Knowledge
from legwise.kb.schema import Implication

RATE = re.compile(
    r"\b(?:hr|heart[\s-]+rate|pulse(?:[\s-]+rate)?|tachycardic|tachycardia)"
    r"\s*(?:is|was|of|at|to|=|:|-|~)?\s*(?:about|around|approx\.?|approximately|~)?\s*"
    r"(\d{2,3})(?![\d%]|[./]\d)\s*(?:bpm|b\.p\.m\.?|/\s*min|beats(?:\s+(?:per|a|/)\s*min\w*)?)?",
    re.I,
)
FINDING = "fainting_or_racing_heart"
PRESSURE = re.compile(
    r"\b(?:(?:bp|b\.p\.|blood[\s-]+pressure|nibp)\s*(?:is|was|of|at|:|=|-|~)?\s*(?:only\s+|just\s+)?"
    r"(?P<sys>\d{2,3})\s*/\s*\d{2,3}"
    r"|(?:systolic|sbp)(?:[\s-]+(?:bp|blood[\s-]+pressure|pressure))?\s*(?:is|was|of|at|:|=|-|~)?"
    r"\s*(?:only\s+|just\s+)?(?P<sys2>\d{2,3}))(?![\d.])",
    re.I,
)
UNWELL = "confusion_or_very_unwell"
# a text holding none of these cannot match PRESSURE (proven in tests/intake/test_hT27_readers.py)
PRESSURE_WORDS = ("bp", "b.p", "pressure", "systolic")


def _limits() -> tuple[float, float]:
    """The resting rate read as racing, and the age from which that adult limit holds (both
    knowledge/intake/numbers.yaml `counts`, with their sources)."""
    counts = numbers_data()["counts"]
    return float(counts["resting_heart_rate_at_least"]), float(counts["heart_rate_adult_from_age"])


def heart_rate(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with fainting_or_racing_heart present for each resting rate at the threshold or over,
    unless the text reads the person as a child."""
    lower = text.lower()
    if not any(w in lower for w in ("hr", "rate", "pulse", "tachy")):
        return items
    over, adult = _limits()
    age = next((float(i.value) for i in items if i.finding == "age"), None)
    if age is not None and age < adult:
        return items
    found = [
        extracted(FINDING, "present", m.start(), m.end(), m.group(0), f"heart rate {m.group(1)}")
        for m in RATE.finditer(text)
        if over <= float(m.group(1)) <= 250
    ]
    return items + found if found else items


def low_pressure(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with confusion_or_very_unwell present for a written systolic pressure at or under
    the limit, unless the text reads the person as a child or already says that finding."""
    lower = text.lower()
    if not any_in(lower, PRESSURE_WORDS):
        return items
    if any(i.finding == UNWELL for i in items):
        return items  # said in words already (present, or denied: "alert and well")
    limit = float(numbers_data()["counts"]["systolic_bp_at_most"])
    age = next((float(i.value) for i in items if i.finding == "age"), None)
    if age is not None and age < _limits()[1]:
        return items
    for m in PRESSURE.finditer(text):
        systolic = float(m.group("sys") or m.group("sys2"))
        if 40 <= systolic <= limit:
            why = f"systolic pressure {systolic:g}"
            return [*items, extracted(UNWELL, "present", m.start(), m.end(), m.group(0), why)]
    return items


@functools.cache
def _implying(kb: Knowledge) -> frozenset[str]:
    """The findings whose spec implies another (`implied` reads no other item)."""
    return frozenset(f for f, spec in kb.findings.items() if spec.implies)


def implied(items: list[Extracted], kb: Knowledge) -> list[Extracted]:
    """`items` with the yes/no finding a number implies as present (pain 8/10 -> severe pain),
    where no item says that finding."""
    implying = _implying(kb)
    if not any(i.finding in implying for i in items):
        return items  # no reading of a finding that implies another (most texts): one pass
    said = {i.finding for i in items}
    out = list(items)
    for item in items:
        spec = kb.findings.get(item.finding)
        if spec is None or not spec.implies or isinstance(item.value, str):
            continue
        value = float(item.value)
        for imp in spec.implies:
            if imp.state != "present" or imp.finding in said or not _within(imp, value):
                continue
            rule = f"implied by {item.finding} {value:g}"
            out.append(extracted(imp.finding, "present", item.start, item.end, item.text, rule))
            said.add(imp.finding)
    return out


def _within(imp: Implication, value: float) -> bool:
    """Whether `value` meets an implication with a lower bound only ("7 or more"), by the
    engine's own range test (`parse_case` applies every implication to a case)."""
    if imp.max is not None or imp.lt is not None or (imp.min is None and imp.gt is None):
        return False
    return in_range(value, imp.min, imp.max, imp.gt, imp.lt)
