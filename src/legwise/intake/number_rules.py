"""Numbers as words, time units and the number rules from the knowledge, shared by the
readers of free text (`legwise.intake.numbers`, `legwise.intake.people`).

Which finding each number answers, and which value wins when the text gives several, is data
(`knowledge/intake/numbers.yaml`); this module compiles it once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from legwise.intake.result import Extracted, extracted
from legwise.kb.loader import Knowledge

WORDS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "a few": 3, "few": 3, "several": 3, "a couple of": 2,
    "a couple": 2, "couple of": 2,
}  # fmt: skip
DAYS = {"hour": 1 / 24, "hr": 1 / 24, "h": 1 / 24, "day": 1, "night": 1, "week": 7, "wk": 7,
        "fortnight": 14, "month": 30, "mo": 30, "year": 365, "yr": 365,
        # hG (issue 12 round 7): a phone's short units ("3 dys", "2 mths", "6 mnths")
        "dy": 1, "mth": 30, "mnth": 30}  # fmt: skip
# hD10 (issue 12 round 10): not "since last week", "since the weekend", "since last month": with
# no date to count from, docs/labelling.md labels no duration for them ("since Tuesday")
SINCE = {"yesterday": 1, "last night": 1, "this morning": 0.5, "today": 0.5, "tonight": 0.5,
         "yday": 1, "yest": 1}  # fmt: skip  # hG: a phone's "since yday"

_NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, WORDS), key=len, reverse=True)) + ")"
_UNIT = (  # a bare "h" only where it ends a number: "5 h ago", "24 h of", "for 24 h," (hB)
    r"(hours?|hrs?|(?<![a-z])h(?=\s+(?:ago|of)\b|\s*[,.;)]|\s*$)|days?|dys|nights?|weeks?|wks?|fortnights?"
    r"|months?|mos?|m(?:n)?ths?|years?|yrs?)"
)

_QUAL = (
    r"(?:(?:about|around|roughly|nearly|almost|over|more\s+than|at\s+least|like|a\s+good"
    r"|the\s+best\s+part\s+of)\s+)?"
)


@dataclass(frozen=True)
class NumberRules:
    measures: tuple[tuple[str, re.Pattern[str]], ...]
    keep: dict[str, str]
    pain: str
    duration: str
    not_after: tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]
    not_before: tuple[str, ...]
    ago_not_after: frozenset[str]
    calf: tuple[str, float]
    recent: tuple[str, float, tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]]
    not_operation: tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]
    # per measure, the first words of its names (lower case): a text holding none of them
    # cannot name the measure, so its pattern is not run (the cheap check first)
    measure_words: tuple[tuple[str, ...], ...] = ()
    # words of an injury that may date a duration (it yields to the complaint's own time)
    injury: tuple[frozenset[str], tuple[str, ...], tuple[str, ...]] = (frozenset(), (), ())


@functools.cache
def numbers_data() -> dict[str, Any]:
    """knowledge/intake/numbers.yaml as written, read once for every reader that needs it."""
    path = resources.files("legwise").joinpath("knowledge", "intake", "numbers.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@functools.cache
def number_rules() -> NumberRules:
    """The measures in knowledge/intake/numbers.yaml, compiled once."""
    data = numbers_data()
    measures = []
    words = []
    keep = {}
    for m in data["measures"]:
        names = "|".join(
            sorted((re.escape(n).replace(r"\ ", r"[\s-]+") for n in m["names"]), key=len)[::-1]
        )
        # hT18: ... and when it was measured, in words ("ABPI last week: left 0.64")
        between = r"(?:\s*(?:level|score|value|was|is|of|at|=|:|measured|right|left|r|l|\(r\)|\(l\)|,|(?:last|this|previous)\s+(?:week|month)|yesterday|today|recently|done|performed|checked|in\s+clinic)\s*){0,5}"  # noqa: E501
        pattern = re.compile(rf"\b(?:{names})\b{between}\s*(\d+(?:\.\d+)?|\.\d+)(?![\d/])", re.I)
        measures.append((str(m["finding"]), pattern))
        words.append(tuple(sorted({str(n).lower().split()[0] for n in m["names"]})))
        keep[str(m["finding"])] = str(m["keep"])
    pain, duration = data["pain_score"], data["duration"]
    keep[pain["finding"]] = pain["keep"]
    keep[duration["finding"]] = duration["keep"]
    calf = data["calf_difference"]
    return NumberRules(
        tuple(measures),
        keep,
        str(pain["finding"]),
        str(duration["finding"]),
        _word_set([str(w) for w in data["duration_not_after"]]),
        tuple(str(w).lower() for w in data["duration_not_before"]),
        frozenset(str(w).lower() for w in data["duration_ago_not_after"]),
        (str(calf["finding"]), float(calf["threshold_cm"])),
        (
            str(data["recent_event"]["finding"]),
            float(data["recent_event"]["within_days"]),
            _word_set([str(w) for w in data["recent_event"]["words"]]),
        ),
        _word_set([str(w) for w in data["recent_event"].get("not_with", [])]),
        tuple(words),
        _word_set([str(w) for w in data.get("duration_injury_before", [])]),
    )


def _number(word: str) -> float:
    word = " ".join(word.lower().split())
    return float(WORDS[word]) if word in WORDS else float(word)


def _item(finding: str, value: str | float, m: re.Match[str], rule: str) -> Extracted:
    return extracted(finding, value, m.start(), m.end(), m.group(0), rule)


def _in_range(kb: Knowledge, finding: str, value: float) -> bool:
    spec = kb.findings.get(finding)
    if spec is None:
        return False
    lo = spec.min if spec.min is not None else 0.0
    hi = spec.max if spec.max is not None else float("inf")
    return lo <= value <= hi


def _word_set(words: list[str]) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Whole words, word starts ("diabet*") and word ends ("*ectomy") from a YAML list."""
    whole = frozenset(w.lower() for w in words if "*" not in w)
    starts = tuple(w.lower().rstrip("*") for w in words if w.endswith("*"))
    ends = tuple(w.lower().lstrip("*") for w in words if w.startswith("*"))
    return whole, starts, ends


_DIGIT = re.compile(r"\d")


def digits_in(text: str) -> bool:
    return _DIGIT.search(text) is not None
