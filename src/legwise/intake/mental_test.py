"""Confusion that a stem gives as a cognitive screening score (hS24, issue 12 round 24).

An exam stem often writes the mental state as a score: "AMT 6/10", "abbreviated mental test
score 5 out of 10", "AMTS: 4/10 (usually 9)", "4AT score 7". A low Abbreviated Mental Test
score or a high 4AT is the confusion that confusion_or_very_unwell asks about ("Are you
confused ...?"); the thresholds and their sources are data (knowledge/intake/numbers.yaml
`counts`: amt_impaired_at_most, four_at_delirium_from). Such a score is no pain score either:
`legwise.intake.pain_score` leaves an "N/10" that a named scale other than pain owns.

A score the same sentence calls the patient's usual one ("AMT 5/10, which is her baseline") is
not new confusion and is not read; a usual score written as a number ("normally 10/10",
"usually 9") is compared: only a score below it is read. Only `present` is read: a full score
says nothing of how unwell the patient is otherwise.

The kind recurs in first-contact stem misses (confusion_or_very_unwell missed by four writers'
sets, own_heldout12/13/21) and a score read as pain moved a triage level (severe pain).
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import any_in
from legwise.intake.number_rules import numbers_data
from legwise.intake.result import Extracted, extracted

FINDING = "confusion_or_very_unwell"
# every match in an ASCII text holds one of these (lower-cased): such a text with none skips
# both patterns (outside ASCII a case-folded letter could match: left to the patterns)
GATE = ("amt", "mental", "4at", "4-at", "score")
# "AMT 6/10", "AMTS: 4/10": the short name with its "/10" ("amt" alone is also "amount");
# "abbreviated mental test score 5", "mental test score 4 out of 10": the words with or without
AMT = re.compile(
    r"\b(?:amts?(?:\s+score)?\s*(?:was|is|now|today|:|=|-)?\s*(\d{1,2})\s*(?:/|out\s+of)\s*"
    r"(?:10|ten)\b|(?:abbreviated\s+)?mental\s+test(?:\s+score)?\s*(?:of|was|is|now|today|:|=|-)?"
    r"\s*(\d{1,2})(?!\d)(?:\s*(?:/|out\s+of)\s*(?:10|ten)\b)?)",
    re.I,
)
# "4AT score 7", "4-AT: 6/12", "4 AT score 5" (the spaced name only with "score")
FOUR_AT = re.compile(
    r"\b(?:4-?at\b(?:\s+score)?|4\s+at\s+score)\s*(?:of|was|is|now|today|:|=|-)?\s*(\d{1,2})(?!\d)"
    r"(?:\s*/\s*12)?",
    re.I,
)
# the patient's usual score, said in the same sentence: with a number it is compared
USUAL = re.compile(
    r"\b(?:baseline|usually|usual|normally|normal\s+for\s+(?:him|her)|previously|pre-?morbid)"
    r"\b(?:\s+(?:score|amts?|is|was|of|:|=))*\s*(\d{1,2})?",
    re.I,
)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (to a full stop, semicolon or line break) that holds text[start:end]."""
    left = max(text.rfind(c, 0, start) for c in ".;\n")
    rights = [i for i in (text.find(c, end) for c in ".;\n") if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


def _new(text: str, m: re.Match[str], score: int, worse_below: bool) -> bool:
    """Whether the score is not the patient's usual one (see the module docstring)."""
    usual = USUAL.search(_sentence(text, m.start(), m.end()))
    if usual is None:
        return True
    if usual.group(1) is None:
        return False  # "which is her baseline"
    before = int(usual.group(1))
    return score < before if worse_below else score > before


def mental_scores(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with confusion_or_very_unwell present for each low AMT or high 4AT score."""
    lower = text.lower()
    if text.isascii() and not any_in(lower, GATE):
        return items
    counts = numbers_data()["counts"]
    amt_most, four_at_from = (
        int(counts["amt_impaired_at_most"]),
        int(counts["four_at_delirium_from"]),
    )
    found = [
        extracted(FINDING, "present", m.start(), m.end(), m.group(0), f"AMT {score}")
        for m in AMT.finditer(text)
        for score in (int(m.group(1) or m.group(2)),)
        if score <= min(amt_most, 10) and _new(text, m, score, True)
    ]
    found += [
        extracted(FINDING, "present", m.start(), m.end(), m.group(0), f"4AT {m.group(1)}")
        for m in FOUR_AT.finditer(text)
        if four_at_from <= int(m.group(1)) <= 12 and _new(text, m, int(m.group(1)), False)
    ]
    return items + found if found else items
