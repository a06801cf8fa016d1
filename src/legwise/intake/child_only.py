"""Findings asked only about a child, dropped from a text about an adult.

Moved out of `legwise.intake.people` (hL20, round 20) when that module reached the 400-line limit;
`people` still exports `ADULT_AGE` and `drop_child_only` for its callers.
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import fast
from legwise.intake.result import Extracted

# Findings asked only about a child: a text about an adult ("a man in his sixties with aching in
# both legs", "67M") does not give them, whatever phrase matched.
CHILD_ONLY = frozenset({"child_both_legs_evening_pain"})
ADULT_AGE = 18
# "in his sixties", "in her 40s", "elderly", "Mrs Jones": an adult whose age is not given
ADULT_WORDS = fast(
    r"\b(?:in\s+(?:his|her|their)\s+(?:(?:early|mid|late)[- ])?(?:twenties|thirties|forties|fifties"
    r"|sixties|seventies|eighties|nineties|[2-9]0'?s)|elderly|pensioner|retired|postpartum"
    r"|pregnant|man|woman|lady|gentleman|mr|mrs|ms)\b",
    re.I,
)
CHILD_WORDS = fast(
    r"\b(?:child|children|kid|boy|girl|son|daughter|toddler|infant|paediatric|pediatric"
    r"|school|schoolboy|schoolgirl|teenager)\b",
    re.I,
)


def drop_child_only(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without the child-only findings when the text describes an adult: an age of 18
    or more, or adult words and no child word."""
    if not any(i.finding in CHILD_ONLY for i in items):
        return items
    ages = [float(i.value) for i in items if i.finding == "age"]
    if ages:
        adult = ages[0] >= ADULT_AGE
    else:
        adult = bool(ADULT_WORDS.search(text)) and not CHILD_WORDS.search(text)
    return [i for i in items if i.finding not in CHILD_ONLY] if adult else items
