"""Weakness said at two moments, worse at the later one (hT12, issue 12 round 12).

rapidly_worsening_weakness asks "Is weakness in your leg getting worse over hours or days?", and
its help gives the shape: "you could walk fine yesterday, but today your foot drags". Stems say
it the same way, as a course in one sentence: an earlier moment on the scale of hours or days
("yesterday", "since this morning", "over the last 48 hours"), then a later one ("today", "this
afternoon", "now") with a weakness or an inability said after it: "his left foot began to slap
yesterday and today he cannot lift the toes at all", "a foot drop since yesterday morning which
has progressed: this afternoon she can no longer stand on her heels", "has lost his usual ability
to stand over the last 48 hours; both legs are now weak". A phrase list cannot say this (the
words between the moments are free), so it is read here. A denial after the later moment ("today
he is fine", "no weakness now") is not a weakness word, and weeks, months or years are no course
over hours or days.

hL21 (round 21): lay writers name the weakness in words no regex here foresees ("catching my toes
on the carpet", "my foot has started to flop"), so a weakness that any phrase list read in the
sentence counts as well; an earlier moment said normal may be "could still"; an inability at the
later one may be said softly ("can barely stand up"); and the course may be a word of its own
("worse every few hours", "weaker each day", "worse today than yesterday"), said in the sentence
of the weakness or in a short one after it ("Started Tuesday, worse each day.").

Source and review: hT12, 2026-12-06, from the finding's question and help text in
knowledge/findings/red_flags.yaml; a reading rule, no clinical fact.
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.result import Extracted, extracted

FINDING = "rapidly_worsening_weakness"
SENTENCE = re.compile(r"[^.!?\n]+")
EARLIER = re.compile(
    r"\b(?:yesterday|yday|last\s+night|overnight|this\s+morning|earlier\s+today"
    r"|(?:over|in|during|within)\s+(?:the\s+)?(?:last|past)\s+(?:\d{1,2}|few|couple\s+of)\s+"
    r"(?:hours?|hrs?|h|days?)|(?:\d{1,2}|a\s+few|a\s+couple\s+of|two|three)\s+(?:hours?|hrs?|days?)"
    r"\s+ago|since\s+(?:yesterday|last\s+night|this\s+morning|\d{1,2}\s*(?:am|pm)))\b",
    re.I,
)
# EARLIER searched in the whole lower-cased text (`folded`): a match inside a sentence is one
# in the text too (a sentence is bounded by signs that are no word's), so a text without one
# has no sentence to read
EARLIER_IN_TEXT = folded(EARLIER.pattern, re.I)
# a word every EARLIER moment holds ("overnight", "2 days ago"): a moment added there needs one
EARLIER_WORDS = ("yesterday", "yday", "night", "morning", "today", "last", "past", "ago", "since")
LATER = re.compile(
    r"\b(?:today|this\s+(?:afternoon|evening)|tonight|now|by\s+(?:the\s+)?(?:evening|afternoon"
    r"|morning|lunchtime|tonight))\b",
    re.I,
)
# ... and a power grade under full on the MRC scale (0-5, 5 normal: Medical Research Council,
# Aids to the examination of the peripheral nervous system, 1976): "dorsiflexion was 4/5 three
# days ago, and today it is 1/5"; said after a power word or a verb, not "pain 3/5", "3/5 sites")
WEAK = re.compile(
    r"\b(?:power|strength|dorsiflexion|plantarflexion|flexion|extension|ehl|mrc|grade|it\s+is"
    r"|is\s+now|was|now|to)\s+(?:\w+\s+){0,2}?[0-4]\s*/\s*5(?![\d/])"
    r"|\b(?:weak|weaker|weakness|foot\s+drop|drop\s+foot|slap\w*|drag\w*|gives?\s+way|gave\s+way"
    r"|buckl\w*|paralys\w*|(?:can\s*not|can't|cant|cannot|unable\s+to|could\s*n[o']t|no\s+longer"
    r"\s+(?:able\s+to|can)|can\s+no\s+longer|lost\s+(?:the|his|her|their|my)\s+(?:usual\s+)?"
    r"ability\s+to)\s+(?:\w+\s+){0,2}?(?:lift|raise|move|stand|walk|weight[\s-]?bear|bear\s+weight"
    r"|get\s+up|dorsiflex|wiggle|flex|extend))\b",
    re.I,
)
# hT15 (round 15): the help's own example begins with a NORMAL earlier moment ("you could walk
# fine yesterday, but today your foot drags"): a function said normal at the earlier moment and a
# sign of weakness itself at the later one (not an inability to walk or bear weight, which pain
# alone can give)
NORMAL = re.compile(
    r"\b(?:normal(?:ly)?|fine|well|unaided|(?:could|can|was|were)\s+still|without\s+(?:any\s+)?(?:difficulty|problems?|trouble|help"
    r"|aid))\b",
    re.I,
)
SIGN = re.compile(
    r"\b(?:weak|weaker|weakness|foot\s+drop|drop\s+foot|slap\w*|drag\w*|gives?\s+way|gave\s+way"
    r"|buckl\w*|paralys\w*|(?:can\s*not|can't|cant|cannot|unable\s+to|could\s*n[o']t)\s+"
    r"(?:\w+\s+){0,2}?(?:lift|raise|dorsiflex|wiggle|move))\b",
    re.I,
)
# a denial of the weakness said with it ("no weakness now", "not weak today")
DENIED = re.compile(r"\b(?:no|not|without|denies|nil)\s+(?:\w+\s+)?$", re.I)
# hL21 (round 21): the weakness said to grow worse on a scale of hours or days, in a word of its
# own ("worse every few hours", "weaker each day", "worse today than yesterday", "getting weaker
# since Tuesday"), beside a weakness that any phrase list read in the sentence or, for a
# sentence that names no other thing ("It's worse every few hours."), in the sentence before
WORSE = re.compile(
    r"\b(?:worse|weaker|worsening|progress(?:ed|ing|es)?|deteriorat\w*)\b(?!\s+than\s+(?:it\s+"
    r"looks|before\s+the|last\s+(?:year|month)))",
    re.I,
)
RATE = re.compile(
    r"\b(?:(?:every|each|by\s+the)\s+(?:few\s+|couple\s+of\s+|)(?:hours?|day|morning|night)"
    r"|hour\s+by\s+hour|day\s+by\s+day|(?:today|tonight|this\s+(?:morning|afternoon|evening))"
    r"\s+than|than\s+(?:yesterday|this\s+morning|last\s+night))\b",
    re.I,
)
# "since Tuesday" counts only with a course said as one ("have been getting weaker since
# Tuesday"), not with a bare comparative ("leaking since Tuesday, and his legs are weaker")
SINCE = re.compile(
    r"\bsince\s+(?:yesterday|last\s+night|this\s+morning|(?:last\s+)?(?:mon|tues|wednes|thurs|fri"
    r"|satur|sun)day)\b",
    re.I,
)
GOING = re.compile(r"\b(?:getting|got|grown|growing|becoming|gone|going)\s+$", re.I)
# the worse said of a pain, a swelling or a redness, not of the weakness ("it's only the pain
# that's worse than yesterday")
OTHER = re.compile(
    r"\b(?:pain|pains|ache|aching|sore|soreness|hurts?|hurting|swelling|swollen|redness|red)\b"
    r"(?:\W+\w+){0,3}\W*$",
    re.I,
)
# a sentence of the course alone, its subject a pronoun or the weakness ("It's worse ...")
BARE = re.compile(
    r"^\s*(?:it|it's|its|it\s+is|it\s+has|this|that|and|the\s+weakness|started|began|getting"
    r"|gets)\b",
    re.I,
)
# an inability said softly at the later moment ("today I can barely stand up")
SOFT = re.compile(
    r"\b(?:can|could)\s+(?:barely|hardly|only\s+just|no\s+longer)\s+(?:\w+\s+){0,2}?"
    r"(?:lift|raise|move|stand|walk|get\s+up|climb)\b",
    re.I,
)
WEAK_READ = "leg_weakness"  # the weakness any phrase list reads


def _weak_after(sentence: str, start: int) -> re.Match[str] | None:
    for m in WEAK.finditer(sentence, start):
        if not DENIED.search(sentence[max(0, m.start() - 20) : m.start()]):
            return m
    return None


def _sign_after(sentence: str, start: int) -> re.Match[str] | None:
    for m in SIGN.finditer(sentence, start):
        if not DENIED.search(sentence[max(0, m.start() - 20) : m.start()]):
            return m
    return None


def _read_weak(items: list[Extracted], start: int, end: int) -> bool:
    return any(
        i.finding == WEAK_READ and i.value == "present" and start <= i.start < end for i in items
    )


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return None if m is None else (m.start(), m.end())


def _read_span(items: list[Extracted], start: int, end: int, base: int) -> tuple[int, int] | None:
    """The first weakness read in [start, end), as offsets from `base`."""
    for i in items:
        if i.finding == WEAK_READ and i.value == "present" and start <= i.start < end:
            return (i.start - base, i.end - base)
    return None


def _course_word(text: str, items: list[Extracted]) -> Extracted | None:
    """A worsening on the scale of hours or days said of a weakness read in its sentence (or, in
    a sentence that names nothing else, in the one before): "It's worse every few hours"."""
    before = [(0, 0), (0, 0)]  # the two sentences before
    for s in SENTENCE.finditer(text):
        sentence = s.group(0)
        worse, rate = WORSE.search(sentence), RATE.search(sentence)
        if worse is not None and rate is None and GOING.search(sentence[: worse.start()]):
            rate = SINCE.search(sentence)
        lead = "" if worse is None else sentence[: worse.start()]
        if (
            worse is not None
            and rate is not None
            and not DENIED.search(lead)
            and not OTHER.search(lead)
        ):
            here = _read_weak(items, s.start(), s.end()) or WEAK.search(sentence) is not None
            if here or (BARE.search(sentence) and any(_read_weak(items, *p) for p in before)):
                a = s.start() + min(worse.start(), rate.start())
                b = s.start() + max(worse.end(), rate.end())
                rule = f"weakness course {rate.group(0)!r}"
                return extracted(FINDING, "present", a, b, text[a:b], rule)
        before = [before[1], (s.start(), s.end())]
    return None


def worsening_weakness(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with rapidly_worsening_weakness present when a sentence gives a weakness at an
    earlier moment of hours or days and a weakness or an inability at a later one, unless the
    finding is read already."""
    if any(i.finding == FINDING for i in items):
        return items
    if any(i.finding == WEAK_READ for i in items) and (course := _course_word(text, items)):
        return [*items, course]
    if text.isascii() and not any_in(text.lower(), EARLIER_WORDS):
        return items  # the cheap check first: most texts name no earlier moment
    if EARLIER_IN_TEXT.search(text) is None:
        return items  # no sentence names one either (a sentence's match is the text's too)
    for s in SENTENCE.finditer(text):
        sentence = s.group(0)
        earlier = EARLIER.search(sentence)
        read = _read_weak(items, s.start(), s.end())
        if earlier is None or (
            WEAK.search(sentence) is None and SIGN.search(sentence) is None and not read
        ):
            continue
        for later in LATER.finditer(sentence):
            if later.start() < earlier.end() and WEAK.search(sentence, 0, later.start()) is None:
                continue
            weak = _span(_weak_after(sentence, later.end()) or SOFT.search(sentence, later.end()))
            before = _span(WEAK.search(sentence[: later.start()]))
            if read:  # a weakness any phrase list read, on either side of the later moment
                weak = weak or _read_span(items, s.start() + later.end(), s.end(), s.start())
                start = s.start()
                before = before or _read_span(items, start, start + later.start(), start)
            if before is None and earlier.end() <= later.start():
                before = _span(NORMAL.search(sentence, 0, later.start()))
                after = _sign_after(sentence, later.end()) or SOFT.search(sentence, later.end())
                weak = None if before is None else _span(after)
            if weak is not None and before is not None:
                a, b = s.start() + before[0], s.start() + weak[1]
                rule = f"weakness course {earlier.group(0)!r} -> {later.group(0)!r}"
                return [*items, extracted(FINDING, "present", a, b, text[a:b], rule)]
    return items
