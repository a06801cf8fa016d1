"""A denial of the breath alone answers one breathing question, chosen by the text (hL16b).

Two warning-sign questions ask about the breath: `chest_pain_or_breathless` (a clot reaching the
lungs) and `breathing_or_swallowing_difficulty` (a fast nerve illness weakening the breathing
and swallowing muscles). Both phrase lists hold "breathing problems", so "no breathing problems"
in a text about a calf after a flight answered the nerve illness's question too, and the same
words in a text about legs getting weaker answered the clot's. Neither question is answered by
a denial of half of it; labellers answer the one the text is about. So a denial that names only
the breath (not swallowing, a cough or choking; not the chest or being short of breath) is kept
for `breathing_or_swallowing_difficulty` only when the text reads leg weakness, and for
`chest_pain_or_breathless` only when it does not. Present readings and denials that name the
other half ("no trouble swallowing", "no chest pain") are left alone.
"""

from __future__ import annotations

import functools
import re

from legwise.intake.result import Extracted

# the findings that make a text one about weakness (the nerve illness's question): those whose
# id names weakness (leg weakness, both legs weak, weakness getting worse fast)
WEAKNESS = re.compile(r"(?:^|_)weak(?:ness)?(?:_|$)")
BREATH = re.compile(r"\bbreath", re.IGNORECASE)
# words that name the other half of each question
SWALLOW_WORDS = re.compile(r"\b(?:swallow\w*|cough\w*|chok\w*|gag\w*)", re.IGNORECASE)
CHEST_WORDS = re.compile(
    r"\b(?:chest|short\w*|breathless\w*|sob|out\s+of\s+breath|puff\w*|winded|catch)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def _weak(finding: str) -> bool:
    """Whether the finding's id names weakness (asked once per id: ids repeat from text to
    text)."""
    return WEAKNESS.search(finding) is not None


def _breath_only(words: str, other_half: re.Pattern[str]) -> bool:
    return bool(BREATH.search(words)) and not other_half.search(words)


def scoped_breath_denials(items: list[Extracted]) -> list[Extracted]:
    """Items without a breath-only denial given to the breathing question the text is not about."""
    # the other half of each question, by finding; a denial is dropped from the question the
    # text is not about
    other_half = {
        "breathing_or_swallowing_difficulty": SWALLOW_WORDS,
        "chest_pain_or_breathless": CHEST_WORDS,
    }
    # only a denial of one of the two breathing questions is ever dropped: without one (most
    # texts), nothing below changes an item
    if not any(i.value == "absent" and i.finding in other_half for i in items):
        return items
    weak = any(i.value == "present" and _weak(i.finding) for i in items)
    out = []
    not_about = "chest_pain_or_breathless" if weak else "breathing_or_swallowing_difficulty"
    halves = other_half[not_about]
    for i in items:
        if i.value == "absent" and i.finding == not_about and _breath_only(i.text or "", halves):
            continue
        out.append(i)
    return out
