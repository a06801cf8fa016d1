"""A night said in a text that denies the pain is no night pain.

pain_at_night asks "Does the pain start, or get worst, when you are in bed at night?". Its
phrases include bare times ("every night", "at night", "in bed"), which answer it when a pain
is told. A writer who says there is no pain ("No pain as such, just a horrible feeling",
"I am not in any pain") and names no other painful feeling (a cramp, an ache, a burning)
has told a night of something else: the question about the pain is left unanswered. A denial
that keeps a pain elsewhere ("no pain in the day", "no pain when I walk") is no such denial.

Source and review: hL17b (issue 12 round 17, 2026-12-06), from the finding's question in
knowledge/findings/pattern.yaml; a reading rule only.
"""

from __future__ import annotations

import re

from legwise.intake.clauses import clause_start
from legwise.intake.result import Extracted

FINDING = "pain_at_night"
# "no pain as such", "not in any pain.", "no pain, just ...", "it doesn't hurt": pain denied
# outright (followed by the end of the clause or a "just"/"but" turning to something else)
NO_PAIN = re.compile(
    r"\b(?:no|not\s+(?:in\s+)?any|not\s+in|without\s+any|never\s+any)\s+(?:real\s+)?pain"
    r"(?:\s+as\s+such|\s+at\s+all|\s+really)?(?=\s*(?:[.,;!?]|$|\s(?:just|but|only|more|it's)\b))"
    r"|\b(?:isn't|is\s+not|aren't|are\s+not|not)\s+(?:really\s+)?painful\b"
    r"|\b(?:doesn't|does\s+not|don't|do\s+not)\s+(?:really\s+)?hurt\b(?!\s+\w)",
    re.I,
)
PAIN_LIKE = re.compile(
    r"\b(?:pain|painful|hurt|hurts|hurting|ache|aches|aching|achy|sore|cramp\w*|burn\w*|throb\w*"
    r"|agony|stab\w*|shoot\w*|sting\w*|tender)\b",
    re.I,
)


def drop_denied_night_pain(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a night pain read from a bare time in a text that denies the pain."""
    if not any(i.finding == FINDING and i.value != "absent" for i in items):
        return items
    denials = [m.span() for m in NO_PAIN.finditer(text)]
    if not denials:
        return items
    told = [m for m in PAIN_LIKE.finditer(text) if not any(a <= m.start() < b for a, b in denials)]
    if told:
        return items  # "no pain in the day but my calves cramp at night": a pain is told
    return [
        i
        for i in items
        if not (i.finding == FINDING and i.value != "absent" and not PAIN_LIKE.search(i.text))
    ]


# hP26 (issue 12, round 26, 2026-12-07; a reading rule, checked against the same question and
# docs/labelling.md "Pain that starts or is at its worst in bed at night"): a night after "since"
# dates when the complaint began ("Since last night my left calf has been aching", "ever since
# Sunday night", "since the night before my flight"), as "since Tuesday" would: it is the
# start of the course, not the time of day the pain comes or is worst. First-contact misses of
# own_heldout14, 20 and 22 read such onsets as night pain. A night pain said in its own words
# keeps its reading ("since last week the cramps wake me every night": "every night" is not
# the night "since" names).
SINCE_NIGHT = re.compile(
    r"\bsince\s+(?:(?:last|the|that|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday)\s+)?"
    r"(?=(?:night|nite|evening)\b)",
    re.I,
)
# hP26 (round 26; the same question): the clock time a writer writes at ("It's gone midnight
# and I'm still up writing this", "It is nearly 3 in the morning here and I can't reach the
# GP", own_heldout18 and 21) is when the message is sent, not when the pain comes. Its "it" is
# the clock's, not the symptom's, so a sentence that tells no pain-like feeling beside it
# leaves the question unanswered ("It's 2am and my calf cramp has woken me" keeps it).
CLOCK_NOW = re.compile(
    r"\b(?:it's|it\s+is|its)\s+(?:(?:now|gone|past|nearly|almost|just|after|about|around"
    r"|getting\s+on\s+for)\s+)*(?:midnight|the\s+middle\s+of\s+the\s+night|the\s+early\s+hours"
    r"|\d{1,2}(?:[:.]\d\d)?\s*(?:am\b|a\.m\.|pm\b|p\.m\.|o'clock|in\s+the\s+morning)|late\b)"
    # a cleft names the symptom's hour ("It's 2am when it starts", "it's late evening that ...")
    r"(?!\s+(?:when|that|before|by|until|till|which|evening|night|afternoon|at|in\s+the))",
    re.I,
)
# a waking, a lost sleep or a restless feeling told beside the clock is the symptom's night
# ("It's 3am and my legs woke me again", "its 3am again cant sleep legs going off"); after a
# dated night, a night of its own in the sentence keeps it ("Since Monday night both calves
# cramp up in bed")
WAKING = re.compile(
    r"\b(?:wake|wakes|woke|woken|waking|awoken|awake|sleep|sleeping|asleep|settle|comfy"
    r"|comfortable|restless|twitch\w*|jump\w*|jerk\w*|kick\w*|crawl\w*|creep\w*|tingl\w*"
    r"|numb\w*|fizz\w*|itch\w*|urge)\b",
    re.I,
)
NIGHT_AGAIN = re.compile(
    r"\b(?:bed|beds|bedtime|nights?|nightly|nocturnal|overnight|asleep|sleep\w*|wak\w+|woke\w*)\b",
    re.I,
)
# a sentence here ends at these (not at ";": a clock and the clause after it run on)
STOPS = ".!?\n"
SENTENCE_END = re.compile(r"[.!?\n]")


def drop_night_of_telling(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a night pain read from a night that dates the onset or the writing."""
    if not any(i.finding == FINDING and i.value == "present" for i in items):
        return items  # the gate: only a text with a night pain read pays for the two patterns
    dated = [m.end() for m in SINCE_NIGHT.finditer(text)]
    # the clock's own words, in a sentence that tells no feeling of the night
    clocks: list[tuple[int, int]] = []
    for m in CLOCK_NOW.finditer(text):
        said = text[clause_start(text, m.start(), STOPS) : _sentence_end(text, m.start())]
        if not (PAIN_LIKE.search(said) or WAKING.search(said)):
            clocks.append(m.span())
    if not dated and not clocks:
        return items
    return [i for i in items if not _night_of_telling(i, text, dated, clocks)]


def _night_of_telling(
    i: Extracted, text: str, dated: list[int], clocks: list[tuple[int, int]]
) -> bool:
    """Whether night pain reading `i` rests only on a dated night or on the writing's clock."""
    if i.finding != FINDING or i.value != "present":
        return False
    if any(i.start < b and a < i.end for a, b in clocks):
        return True
    return any(
        i.start <= d < i.end and not NIGHT_AGAIN.search(text, d + 5, _sentence_end(text, d))
        for d in dated
    )


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence holding `at` ends (a dated night's own sentence, no further)."""
    end = SENTENCE_END.search(text, at)
    return end.start() if end else len(text)
