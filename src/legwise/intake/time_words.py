"""Durations a text gives without a number of units: two weekdays ("it started Tuesday, it's
Friday now"), a day word after the onset ("pulled my hamstring yesterday") and a stem's
presentation "N days after" an event.

These time the complaint the way "3 days" does, so they go to symptom_duration_days like the
other durations in `legwise.intake.numbers` (hB, issue 12 round 6).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from legwise.intake.fast_re import any_in, fast
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import (
    _NUM,
    _UNIT,
    DAYS,
    SINCE,
    _item,
    _number,
    _word_set,
    numbers_data,
)
from legwise.intake.number_rules import digits_in as digits_said
from legwise.intake.result import Extracted

# Monday = 0; the short forms people type ("tues", "thurs", "weds")
WEEKDAY_NAMES = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
_WD = "|".join(sorted(WEEKDAY_NAMES, key=len, reverse=True))
# the day it is now: "today is Thursday", "it's friday now", "today's Saturday", "now it is Sunday"
TODAY = re.compile(
    rf"\b(?:today\s+is|today'?s|it'?s|its|it\s+is|now\s+(?:it'?s|its|it\s+is)|today\s*[(,-]|today)"
    rf"\s*(?:now\s+)?({_WD})\b",
    re.I,
)  # hD10: also "Today (Thursday)", "today, Friday"; hL12: phone shorthand "today fri"
# the day it began: "since Monday evening", "it started tues", "began on Tuesday", "from Sunday"
STARTED = re.compile(
    rf"\b(?:since|from|(?:started|start|began|begun|begin|came\s+on|kicked\s+off)"
    rf"(?:\s+[a-z]+ing)?\s+(?:on\s+)?)\s*(?:last\s+)?({_WD})\b",
    re.I,
)  # hD10: also "started aching on Monday", "began swelling Tuesday"
# hL12 (issue 12 round 12): with no start word, the day an earlier clause dates ("Ran my first
# ultra on Sunday; today is Tuesday", "Tabbed 30 km on Monday, it's Thursday now", "the op was
# last Friday, today's Monday"): the day the text counts from when it names the day it is now
ON_DAY = re.compile(rf"\b(?:on|last)\s+({_WD})\b", re.I)
# the cheap check first: two weekdays said (a day's name, or a short form standing alone)
WEEKDAY_SAID = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                "tues", "weds", "thurs", " mon", " tue", " wed", " thu", " fri", " sat",
                " sun")  # fmt: skip

# an onset or injury verb, then a day word in the same sentence: "pulled my hamstring sprinting
# for the bus yesterday", "woke up with it this morning" ("since yesterday" is `SINCE_RE`'s)
# (the last day or so only: "tripped on the path last month, it's healed now" dates a past event)
RECENT_DAYS = ("yesterday", "last night", "this morning")
_DAY_WORDS = "|".join(w.replace(" ", r"\s+") for w in RECENT_DAYS)
ONSET_DAY = folded(
    r"\b(?:started|began|came\s+on|pulled|twisted|sprained|strained|tore|ripped|pinged|"
    r"popped|fell|tripped|hurt|injured|noticed|woke(?:\s+up)?|happened|swelled|since)"
    rf"\b[^.;!?\n]{{0,50}}?(?<!since\s)\b({_DAY_WORDS})\b",
    re.I,
)
ONSET_BEFORE = 70  # characters before the day word where the onset verb may be
# hD10 (issue 12 round 10): the day word first, then what happened: "playing badminton yesterday,
# felt as though he had been kicked in the back of the ankle", "last night I felt a pop" (not "this
# morning": sets label no duration for it as often as they do)
DAY_THEN_ONSET = folded(
    r"\b(yesterday|last\s+night)\b[^.;!?\n]{0,30}?\b(?:felt\s+(?:an?|something|as|like|sudden)\b|heard"
    r"|noticed|pulled|twisted|sprained|strained|tore|popped|fell|tripped|injured|hurt\s+(?:my|his"
    r"|her)|went\s+over\s+on)",
    re.I,
)

# a stem's presentation after an event: "presents 2 days after his first football match", "is
# brought to the emergency department 6 hours after a motorcycle collision"
# hD10 (issue 12 round 10): also the complaint's own start N after the event ("a painful, swollen
# left calf that began 4 days after she returned from a transatlantic flight", "develops a painful
# swollen left calf 3 days after returning from a 14-hour flight"), as the stems label it
PRESENTS_AFTER = folded(
    r"(?:\b(?:presents?|presented|presenting|brought|seen|attends?|attended|arrives?|arrived"
    r"|comes?|came|admitted|reviewed|began|begun|started|starts|develops|developed|developing"
    r"|appeared|noticed)\b[^.;:\n]{0,40}?)"
    rf"(?<![\w/.]){_NUM}\s*[- ]?\s*{_UNIT}\s+(?:after|following)\s+(?:an?\s+|the\s+|his\s+|her\s+"
    r"|their\s+|(?:she|he|they|i)\s+)?((?:[\w-]+\s+){0,3}[\w-]+)",
    re.I,
)
PRESENT_WORDS = ("present", "brought", "seen", "attend", "arriv", "came", "come", "admitted",
                 "reviewed", "began", "begun", "start", "develop", "appeared",
                 "noticed")  # fmt: skip
BIRTH = ("birth", "deliver", "baby", "labour", "labor")


def weekday_duration(text: str, lower: str, finding: str) -> Iterator[Extracted]:
    """Days from the weekday it began to the weekday it is now, when the text says both
    ("since Monday evening (today is Thursday)" -> 3); a week when they are the same day."""
    if "today" not in lower and "now" not in lower:
        return  # the cheap checks first: the day it is now, and two weekdays said
    if sum(lower.count(d) for d in WEEKDAY_SAID) < 2:
        return
    now = TODAY.search(text)
    if now is None:
        return
    began = STARTED.search(text)
    if began is None:
        began = ON_DAY.search(text, 0, now.start())
    if began is None:
        return
    days = (WEEKDAY_NAMES[now.group(1).lower()] - WEEKDAY_NAMES[began.group(1).lower()]) % 7
    yield _item(
        finding, float(days or 7), began, f"weekdays {began.group(0)!r} to {now.group(0)!r}"
    )


def onset_day(text: str, lower: str, finding: str) -> Iterator[Extracted]:
    """ "Pulled my hamstring ... yesterday" -> 1 day: the day word after an onset verb."""
    days_said = [lower.find(w) for w in RECENT_DAYS]  # the cheap check first: a day word
    if max(days_said) < 0:
        return
    start = max(0, min(i for i in days_said if i >= 0) - ONSET_BEFORE)
    for m in ONSET_DAY.finditer(text, start):
        if m.group(0)[:5].lower() == "since" and m.group(1).lower().startswith("this"):
            continue  # "since I drew round it this morning": a point, no onset (hD10)
        days = float(SINCE[" ".join(m.group(1).lower().split())])
        yield _item(finding, days, m, f"onset {m.group(0)!r} = {days:g} days")
    for m in DAY_THEN_ONSET.finditer(text, start):
        days = float(SINCE[" ".join(m.group(1).lower().split())])
        yield _item(finding, days, m, f"onset {m.group(0)!r} = {days:g} days")


def presents_after(
    text: str, finding: str, operation: tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]
) -> Iterator[Extracted]:
    """ "Presents 2 days after a football match" -> 2 days; not after an operation or a birth
    (the complaint's own start is then not given: "presents 3 weeks after a knee replacement
    with a swollen calf")."""
    lower = text.lower()
    if not any_in(lower, PRESENT_WORDS):
        return  # the cheap check first: no presentation verb
    whole, starts, ends = operation
    for m in PRESENTS_AFTER.finditer(text):
        words = m.group(3).lower().split()
        if any(w in whole or w.startswith(starts) or w.endswith(ends) for w in words):
            continue
        if any(w.startswith(BIRTH) for w in words):
            continue
        if _onset_after_treatment(m.group(0), words):
            continue
        days = _number(m.group(1)) * DAYS[m.group(2).lower().rstrip("s")]
        yield _item(finding, round(days, 4), m, f"presents {m.group(0)!r} = {days:g} days")


# hP27 (round 27): a complaint that "began", "came on" or "started" N days after a medicine was
# started, changed or stopped gives the medicine's delay, not how long the complaint has gone on
# ("Started about a month after the doctor put me on a water tablet" in own_heldout23; "the
# cramps began about ten days after I started the new pills"): the words after "after" start,
# stop or name a treatment (numbers.yaml `duration_after_treatment`). "Presents 2 days after a
# match" and "began 4 days after she returned from a flight" keep their reading.
ONSET_VERBS = frozenset({"began", "begun", "started", "starts", "develops", "developed",
                         "developing", "appeared", "noticed", "came", "come", "comes"})  # fmt: skip


@functools.cache
def _treatment_words() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    return _word_set([str(w).lower() for w in numbers_data().get("duration_after_treatment", [])])


def _onset_after_treatment(said: str, words: list[str]) -> bool:
    """Whether an onset verb opens `said` and the words after "after" (`words`) start, stop or
    name a treatment."""
    first = said.split(maxsplit=1)[0].lower()
    if first not in ONSET_VERBS or (first.startswith("c") and " on " not in said.lower()):
        return False  # "came in 3 days after" is a presentation; "came on" an onset
    whole, starts, ends = _treatment_words()
    return any(w in whole or w.startswith(starts) or (ends and w.endswith(ends)) for w in words)


# hG (issue 12 round 7): a bare duration in a phone message, with no "for" and no full stop
# around it ("l calf swollen n tender 3 days no sob", "legs ache at night 2wks now"): after a
# word that says what is wrong, and not before a word that makes it a count, a rate, an age or
# a point in time ("3 days a week", "3 days later", "5 weeks pregnant", "2 days ago")
# (small numbers as words too, as the other duration patterns read them; not "one": "sore one day
# fine the next")
_COUNT_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|few|several"
    # "calf pain a fortnight"; hD10: "leg been swolen a week" (not "a day": "twice a day")
    r"|a(?=\s+(?:fortnight|week|month|year)\b)"
)
BARE_RUN_ON = fast(rf"(?<![\w/.,])(\d{{1,3}}|{_COUNT_WORDS})\s*[- ]?\s*{_UNIT}\b", re.I)
BARE_DIGITS = re.compile(rf"(?<![\w/.,])(\d{{1,3}})\s*[- ]?\s*{_UNIT}\b", re.I)  # the common case
_A_UNITS = ("fortnight", "a week", "a month", "a year")  # said: the slower pattern is needed
_COUNTED = (*_COUNT_WORDS.split("|")[:-1], *_A_UNITS)
_COUNTED_BLANK = tuple(f"{w} " for w in _COUNTED)  # each with the blank after it, made once
_WORD_BEFORE = re.compile(r"([a-z][a-z']*)\s*$", re.I)
_WORD_AFTER = re.compile(r"\s*([a-z0-9]+)", re.I)
NOT_BEFORE_BARE = frozenset(
    """
    a about admitted after age aged ago all almost also am an and another antibiotics approx
    approximately are around at back be bed bedbound bedridden been before bound boy bus by
    can car coach confined could couple course dose doses drive driving drove during each
    entire every exactly f female few first flight flite for from full gent gentleman girl
    given go gone guy had hard has haul have her him his holiday home hospital hospitalised
    hospitalized i'm icu im immobile immobilised immobilized in inpatient into is journey just
    lady last lasted lasting lasts later least less like lived long m male man many me
    mobility more most mr mrs ms my n nearly next no not of off old on once only or other our
    out over past patient per pills plane prescribed pt ran rest ridden ride run running sat
    second several shift shifts short since sleeping slept some spend spent stay stayed still
    stood tablets take takes taking than that the their them then these third this those
    throughout till times to took train trip twice under until up wait waited waiting walk
    walked walking ward was wearing went were whole will with within woman wore work worked
    working would x yes young
    day days night nights evening evenings morning mornings hour hours week weeks month months
    """.split()  # noqa: SIM905 (a word list, read as one; hD10: "4 nights a week" is a rate)
)
NOT_AFTER_BARE = frozenset(
    """
    a after afterwards ago along an apart at away back before between bus car coach course
    delay delayed drive each earlier early every flight flights from gestation gone history hx
    in into journey lasting late later left less max maximum min minimum more of off old older
    on or out overdue per post postpartum pp preg pregnancy pregnant prior remaining round
    running shift shifts since straight supply than this till time times to total train trip until
    walk walking when without worth x younger
    """.split()  # noqa: SIM905 (a word list, read as one)
)


def _alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a clause of its own: after ".:;," or a line break (or at the
    start) and before ".;" or a line break (or at the end)."""
    before = text[:start].rstrip()
    after = text[end:].lstrip(" \t")
    return (not before or before[-1] in ".:;,\n") and (not after or after[0] in ".;\n")


def bare_run_on(text: str) -> Iterator[re.Match[str]]:
    """The bare durations of a run-on text that time the complaint ("calf swollen 3 days no
    sob"): a word before that is no count, preposition, verb of a stay or a journey, and no
    word after that makes the number a rate, an age or a point in time."""
    lower = text.lower()
    words = any_in(lower, _A_UNITS) or any_in(lower, _COUNTED_BLANK)
    pattern = BARE_RUN_ON if words else BARE_DIGITS
    for m in pattern.finditer(text) if words or any(map(str.isdigit, text)) else ():
        if m.group(0).lower() == "2day":
            continue  # a phone's "today"
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is None:  # a note's "..., three weeks." standing alone in its clause
            if _alone(text, m.start(), m.end()):
                yield m
            continue
        if before.group(1).lower() in NOT_BEFORE_BARE:
            continue
        after = _WORD_AFTER.match(text, m.end())
        if after is not None and after.group(1).lower() in NOT_AFTER_BARE:
            continue
        yield m


HALF_A = re.compile(r"\bhalf\s+an?\s*$", re.I)


def bare_days(text: str, m: re.Match[str]) -> float:
    """The days of a bare duration read by `bare_run_on`; "half a year" is half of it (hF22,
    round 22: "since half a year" was read as a whole year)."""
    days = _number(m.group(1)) * DAYS[m.group(2).lower().rstrip("s")]
    half = HALF_A.search(text, max(0, m.start() - 8), m.end() - len(m.group(2)))
    return days / 2 if half else days


# hD10 (issue 12 round 10): a span between two clock times, the onset's and now's: "woke at 2am
# with my whole left leg pale ... its now 7am" (5 hours), "since 10 last night my foot has been
# cold ... it's now 8am" (10 hours). A start needs an onset word ("woke", "started", "came on",
# "since", "from") and a clock time made plain by am/pm, o'clock or a part of the day; now needs
# "now" (or "it's") before its time. Without am/pm, the shorter span that fits is taken. hT11
# (round 11): a 24-hour time ("06:30", "14:10") is plain too, and "became" / "turned" /
# "developed" / "onset" open the start ("became agonisingly painful at 06:30 ... It is now 08:00").
_CLOCK = r"(\d{1,2})(?:[:.](\d\d))?(?:\s*(a\.?m\b\.?|p\.?m\b\.?|o'?clock))?"
_DAY_PART = (
    r"(?:\s+(last\s+night|tonight|in\s+the\s+night|this\s+morning|in\s+the\s+morning"
    r"|this\s+evening|in\s+the\s+evening|this\s+afternoon|in\s+the\s+afternoon))?"
)
CLOCK_START = folded(
    r"\b(?:(?:woke|wake|waking|woken|started|start|began|came\s+on|happened|noticed|hit\s+me"
    r"|went|became|become|turned|developed|onset)\b[^.;!?\n]{0,40}?\b(?:at|around|about)|since"
    r"|from)\s+(?:about\s+|around\s+)?" + _CLOCK + _DAY_PART,
    re.I,
)
CLOCK_NOW = folded(
    r"\b(?:now|it'?s\s+now|its\s+now|it\s+is\s+now|now\s+it'?s|now\s+its)\s+(?:almost\s+|nearly"
    r"\s+|just\s+gone\s+|gone\s+|past\s+|at\s+|about\s+)?" + _CLOCK + _DAY_PART,
    re.I,
)
_PM_PARTS = ("evening", "afternoon")
_NIGHT_PARTS = ("night", "tonight")


def _hours(m: re.Match[str]) -> tuple[float, ...] | None:
    """The clock times (24-hour) a match may mean; None when it is no plain clock time."""
    hour, minutes = int(m.group(1)), int(m.group(2) or 0)
    if hour > 24 or minutes > 59:
        return None
    mark = (m.group(3) or "").lower().replace(".", "")
    part = " ".join((m.group(4) or "").lower().split())
    if not mark and not part:
        # hT11 (round 11): a 24-hour clock as stems write it ("at 06:30 ... now 08:00", "14:10")
        if m.group(2) is not None and (m.group(1)[:1] == "0" or hour >= 13):
            return (hour + minutes / 60,)
        return None
    h = hour % 12 + minutes / 60
    if mark.startswith("p") or part.endswith(_PM_PARTS):
        return (h + 12,)
    if mark.startswith("a") or part.endswith("morning"):
        return (h,)
    if part.endswith(_NIGHT_PARTS):
        return (h + 12,) if 6 <= hour < 12 else (h,)
    return (h, h + 12)  # "o'clock"


def _digit(text: str) -> bool:
    """`any(c.isdigit() for c in text)` (hN23): a decimal digit is such a character, and in an
    ASCII text the only ones; elsewhere ("²") each character is asked, in C."""
    return digits_said(text) or (not text.isascii() and any(map(str.isdigit, text)))


def clock_span(text: str, lower: str, finding: str) -> Iterator[Extracted]:
    """ "woke at 2am ... its now 7am" -> 5 hours, in days."""
    if "now" not in lower or not _digit(text):
        return  # the cheap check first: now's time and a digit
    start = CLOCK_START.search(text)
    now = CLOCK_NOW.search(text)
    if start is None or now is None or now.start() < start.end():
        return
    began, then = _hours(start), _hours(now)
    if began is None or then is None:
        return
    spans = [(b - a) % 24 for a in began for b in then]
    hours = min((s for s in spans if s > 0), default=0.0)
    if hours:
        days = round(hours / 24, 4)
        yield _item(finding, days, start, f"clock {start.group(0)!r} to {now.group(0)!r}")
