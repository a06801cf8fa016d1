"""An age typed on a phone: "ex smoker 70 ulcer on my toe", with no comma or full stop to say
that the number is the writer's age and not a measure, a count or a rate.

Also the look-ahead every age pattern shares (`_NOT_AGE`: a number followed by a unit is no age),
and `age_letter`, which `legwise.intake.surface` uses to tell "44f" (an age) from "50m" (metres).
`legwise.intake.people` reads the other shapes of age and sex.
"""

from __future__ import annotations

import re

from legwise.intake.number_rules import _item
from legwise.intake.result import Extracted

_NOT_AGE = r"(?!\s*(?:%|kg|lbs?|pounds|stone|cm|ft|feet|foot|mins?|minutes|hours?|hrs?|days?|dys|weeks?|wks?|months?|mths?|mnths?|times|x\b|/(?!\s*(?:female|male|f|m)\b)|\.\d|mls?\b|millilit|mmhg|mmol|mg\b|mcg))"  # noqa: E501
# (hT19, round 19: a volume, a pressure or a dose is no age either: "post-void residual 40 mL")
# hG (issue 12 round 7): the same typed on a phone, without the comma and the full stop: "ex smoker
# 70 ulcer on my toe", "retired miner 79 can only manage the street" (the text's first words, which
# say who the writer is; not a measure, a count or a rate: `NOT_AGE_PHONE`, `_NOT_AGE`)
AGE_ALONE_PHONE = re.compile(
    rf"\s*((?:[a-z][a-z'-]*\s+){{1,3}}?)(\d{{2,3}})\b{_NOT_AGE}(?=\s+[a-z])", re.I
)
NOT_AGE_PHONE = frozenset(
    ("temp", "temperature", "t", "bp", "hr", "pulse", "sats", "spo2", "o2", "rr", "weight", "bmi",
     "hba1c", "ferritin", "abi", "pain", "score", "walk", "walked", "walking", "ran", "run",
     "smoked", "smoke", "smoking", "smoker", "drink", "drinks", "for", "since", "x", "about",
     "after", "over", "under", "than", "only", "every", "last", "past", "in", "at", "on", "of",
     "to", "from", "and", "or", "the", "a", "my", "took", "take", "taking", "had", "was", "did",
     "been", "is", "are", "were",
     "day", "days", "night", "nights", "week", "weeks", "page", "number", "room", "bed", "ward",
     "flight", "bus", "route", "size", "level", "up", "down", "back", "calf", "cm", "mg",
     "units", "cans", "pints", "glasses", "cigs", "cigarettes", "fags"))  # fmt: skip
AFTER_AGE_PHONE = frozenset(
    ("a", "an", "per", "times", "x", "out", "over", "percent", "yards", "yds", "metres", "meters",
     "miles", "km", "steps", "stairs", "floors", "cigs", "cigarettes", "fags", "a-day", "units",
     "cans", "pints", "mg", "mcg", "mmol", "beats", "bpm", "degrees", "deg", "c", "f", "m",
     "pack", "packs", "packets", "tablets", "pills", "of", "or", "to", "and", "n", "secs",
     "seconds", "kg", "lbs", "stone", "st", "year", "years", "yrs", "yr", "ago", "wk", "wks",
     "weeks", "week", "dys", "days", "mths", "months", "hrs", "hours", "preg",
     "pregnant"))  # fmt: skip


def _age_alone_phone(text: str) -> list[Extracted]:
    """ "ex smoker 70 ulcer on my toe": an age after the text's first words, typed without the
    comma ("Ex-smoker, 70."), when those words are no measure or count and the word after is no
    unit (hG)."""
    m = AGE_ALONE_PHONE.match(text)
    if m is None or not 10 <= int(m.group(2)) <= 110:
        return []
    if any(w in NOT_AGE_PHONE for w in m.group(1).lower().split()):
        return []
    after = text[m.end() : m.end() + 12].split()
    if after and after[0].lower() in AFTER_AGE_PHONE:
        return []
    return [_item("age", float(m.group(2)), m, "age 'phrase N' (phone)")]


# hD8 (issue 12 round 8): the age alone as the text's last word or as a sentence of its own,
# after a full stop and a space ("... on that side. 41", "toes going black on left foot. 82.
# smoker. help", "bad ticker, 2 stents. 70. legs ache at night"); not a count or a year (two or
# three digits, nothing after it but the sentence's end), and only when no other age is said
AGE_BARE = re.compile(
    # hL20 (round 20): or a line of its own in a text typed line by line ("...\n16 btw if u need
    # it"), followed by a chat word that says it is an aside
    r"(?:^|[.!?]\s+|\s-\s|\n\s*)(\d{2,3})\s*(?=[.!?]\s|[.!?]?\s*$"
    r"|\s+(?:btw|fyi|by\s+the\s+way|if\s+(?:u|you)\s+need)\b"
    # a chat word may close the text ("... at night. 66 lol", "82 thanks")
    r"|\s*(?:lol|idk|tbh|anyway|ugh|so yeah|honestly|haha|ok so|help|thanks|thx|cheers|pls"
    r"|please|x+)[.!?]*\s*$)",
    re.I,
)
# a question just before asks for a count, not the age ("How many a day? 20.")
ASKED = re.compile(r"\?\s*$")


def age_bare(text: str) -> list[Extracted]:
    """ "... on that side. 41": the age said as a sentence of its own (hD8)."""
    for m in AGE_BARE.finditer(text):
        if not 12 <= int(m.group(1)) <= 110 or ASKED.search(text, 0, m.start(1)):
            continue
        return [_item("age", float(m.group(1)), m, "age 'N' as a sentence")]
    return []


# Words around "50m" that make it a distance or a time, not a 50-year-old man (hG)
BEFORE_UNIT = frozenset({"for", "after", "every", "about", "around", "approx", "within", "than",
                         "walk", "walked", "walking", "walks", "ran", "run", "running", "swim",
                         "swam", "only", "over", "under", "past", "last", "in", "of", "x",
                         "temp", "temperature", "fever", "t", "to", "and", "or", "the", "a",
                         "first", "next", "another", "least", "most", "max", "upto"})  # fmt: skip
AFTER_UNIT = frozenset({"walk", "away", "ago", "later", "from", "of", "each", "per", "run",
                        "sprint", "swim", "race", "distance", "before", "and", "or", "to", "x",
                        "fever", "temp", "temperature"})  # fmt: skip


def age_letter(m: re.Match[str]) -> str:
    """A "44f" or "71 m" anywhere in a text typed in lower case ("hpi 44f", "s 71m smoker",
    "im a nurse 41f"): "44F", unless it is a distance, a time or a temperature ("walked 50m",
    "for 45m", "temp 101f"; AFTER_AGE, BEFORE_UNIT)."""
    word = m.group()
    before = m.string[max(0, m.start() - 12) : m.start()].split()
    after = m.string[m.end() : m.end() + 12].split()
    if (before and before[-1].lower() in BEFORE_UNIT) or (after and after[0].lower() in AFTER_UNIT):
        return word
    return word.upper()
