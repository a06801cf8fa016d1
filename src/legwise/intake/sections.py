"""Sections of a clinical note: what the assessment and plan say is not a finding.

A note's plan or impression names conditions to rule out or consider ("Plan: duplex to rule out
DVT", "Impression: cellulitis vs DVT"); their words are the clinician's questions, not what the
patient has. So phrase readings that lie in an assessment/plan section are dropped, while the
history and examination sections (and text with no headers at all) are read as before. The
Wells reading of the alternative-diagnosis item, checklist answers and numbers are kept: an
assessment is exactly where "an alternative diagnosis is less likely than DVT" is written.
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted

PLAN = (
    r"plan|a\s*/\s*p|a\s*&\s*p|assessment(?:\s+(?:and|&)\s+plan)?|impression|imp|differentials?"
    r"|ddx|dx|diagnosis|working\s+diagnosis|recommendations?|management|next\s+steps"
    r"|a|p"  # a SOAP note's "A:" and "P:"
)
OTHER = (
    r"history|hx|hpi|pmh|pmhx|psh|past\s+medical\s+history|exam|examination|o\s*/\s*e|oe"
    r"|on\s+examination|findings|ros|meds|medications|drugs|sh|social\s+history|fh|family\s+history"
    r"|investigations|ix|results|labs|bloods|vitals|obs|pc|c\s*/\s*o|presenting\s+complaint"
    r"|allergies|background|subjective|objective|s|o|triage|risk\s+factors|vitals?|obs"
)
HEADER = re.compile(rf"(?:^|(?<=[.;\n!?]))\s*(?:(?P<plan>{PLAN})|(?:{OTHER}))\s*:", re.I | re.M)
KEEP = frozenset({"alternative_diagnosis_likely"})  # the assessment is where it is written
PHRASE_RULES = ("phrase ", "history phrase ", "absent phrase ", "family phrase ")


def plan_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the assessment/plan sections (each to the next header or the end)."""
    if ":" not in text:
        return []
    spans: list[tuple[int, int]] = []
    heads = list(HEADER.finditer(text))
    for k, m in enumerate(heads):
        if m.group("plan") is None:
            continue
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        spans.append((m.end(), end))
    return spans


def drop_plan_phrases(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without the phrase readings inside an assessment/plan section."""
    spans = plan_spans(text)
    if not spans:
        return items
    return [
        i
        for i in items
        if i.finding in KEEP
        or not (i.rule.startswith(PHRASE_RULES) and any(a <= i.start < b for a, b in spans))
    ]


# "History:" / "HPI:" heads the story of this illness: the word is no ConText cue that what
# follows is past ("History: swollen red hot leg" is today's leg). Masked with spaces (offsets
# stay the same) before the phrases are read. "PMH:" and "Past history:" stay cues.
NOW_HEADER = re.compile(
    r"(?:^|(?<=[.;\n!?]))(\s*)(history\s+of\s+(?:the\s+)?presenting\s+(?:complaint|illness)|history"
    r"|hx|hpi|hpc|presenting\s+complaint|pc)(\s*:)",
    re.I | re.M,
)


# "a 5-day history of", "2/7 hx of", "3 weeks' history of": the presenting complaint's
# duration, not past history (the duration itself is read by numbers.py from the plain text).
# Months and years stay a history cue ("a 10-year history of DVT").
TIMED_HISTORY = re.compile(
    r"(\b\d+\s*/\s*(?:7|52)|\b(?:\d+|a|one|two|three|four|five|six|seven|ten|several|few)"
    r"[- ]?(?:hours?|days?|weeks?|hrs?|wks?)'?)(\s+|\s*-\s*)(history|hx|h/o)"
    r"(?=\s+of\b)",
    re.I,
)


def mask_headers(text: str) -> str:
    """`text` with the words of "History:"-type headers, and of a timed "2/7 hx of", turned
    into spaces."""
    if TIMED_HISTORY.search(text):
        text = TIMED_HISTORY.sub(lambda m: m.group(1) + m.group(2) + " " * len(m.group(3)), text)
    if ":" not in text:
        return text
    return NOW_HEADER.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3), text)
