"""Pain out of proportion said without a comparison (issue 12, round 25).

`legwise.intake.exam_states.pain_beyond_injury` reads the pain set against what would explain
it ("far worse than the graze suggests"). Writers of outside sets also say it by the pain relief,
and first-contact readings missed them in five writers' sets (own_heldout12..15):

* pain relief needed more and more ("now needing repeated morphine", "analgesia requirement
  escalating");
* pain relief that fails, in a text that also says the pain is very bad ("the pain is
  unbearable and the tramadol has done nothing"); a strain that ibuprofen does not help, with
  no very bad pain, is not read.

(Little to see beside very bad pain is the look-against-pain rules' of compose_lay.yaml.)

A rising need for pain relief and pain beyond the injury are compartment syndrome's earliest
signs (the sources are in knowledge/intake/proportion.yaml, with the word patterns). Both
shapes are read only in a text that already reads an injury, crush or cast (the data's
`context`), so a night cramp that paracetamol does not help, or sciatica the painkillers do not
touch, stays what it is. A finding the text already reads (present or absent) is kept.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any, NamedTuple

import yaml

from legwise.intake.clauses import sentence_spans
from legwise.intake.result import Extracted, extracted

DENIED = re.compile(r"\b(?:no|not|never|without)\s+(?:\w+\s+){0,1}$")


class Proportion(NamedTuple):
    """The compiled patterns of knowledge/intake/proportion.yaml."""

    finding: str
    context: frozenset[str]
    severe: re.Pattern[str]
    relief: re.Pattern[str]
    rising: re.Pattern[str]
    fails: re.Pattern[str]
    fails_alone: re.Pattern[str]


@functools.cache
def proportion() -> Proportion:
    """knowledge/intake/proportion.yaml, compiled once."""
    path = resources.files("legwise").joinpath("knowledge", "intake", "proportion.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))

    def one(key: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in data[key]))

    return Proportion(
        str(data["finding"]),
        frozenset(str(c) for c in data["context"]),
        one("severe"),
        one("relief"),
        one("rising"),
        one("fails"),
        one("fails_alone"),
    )


def _said(pattern: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """The first match of `pattern` in `sentence` that no denial just before takes back
    ("not in agony", "no screaming")."""
    for m in pattern.finditer(sentence):
        if DENIED.search(sentence[max(0, m.start() - 20) : m.start()]) is None:
            return m
    return None


def pain_unexplained(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with pain_out_of_proportion present when, after an injury the text reads, one
    sentence says the pain relief is needed more and more, or fails beside very bad pain."""
    p = proportion()
    found = {i.finding for i in items if i.value == "present"}
    if p.context.isdisjoint(found) or any(i.finding == p.finding for i in items):
        return items
    low = text.lower()
    if p.relief.search(low) is None and p.fails_alone.search(low) is None:
        return items
    severe = _said(p.severe, low) is not None
    for start, end in sentence_spans(text):
        sentence = low[start:end]
        found_at = _shape(p, sentence, severe)
        if found_at is not None:
            shape, a, b = found_at
            a, b = start + a, start + b
            rule = f"pain out of proportion: {shape}"
            return [*items, extracted(p.finding, "present", a, b, text[a:b], rule)]
    return items


def _shape(p: Proportion, sentence: str, severe: bool) -> tuple[str, int, int] | None:
    """The shape one (lower-cased) sentence says, with the span of its words, or None;
    `severe`: the text says the pain is very bad."""
    relief = p.relief.search(sentence)
    if relief is not None:
        for pattern, shape, needs in (
            (p.rising, "relief needed more and more", False),
            (p.fails, "relief fails, pain very bad", True),
        ):
            m = pattern.search(sentence)
            if m is not None and abs(m.start() - relief.start()) <= 60 and severe >= needs:
                ends = (relief.start(), relief.end(), m.start(), m.end())
                return shape, min(ends), max(ends)
    alone = p.fails_alone.search(sentence) if severe else None
    if alone is not None:
        return "relief fails, pain very bad", alone.start(), alone.end()
    return None
