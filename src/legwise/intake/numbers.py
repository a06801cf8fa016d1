"""Age, sex, durations and measured values in free text, by small regular expressions.

These are facts stated with a number or a word for a person, not symptoms, so they go by
pattern rather than through ConText. Which finding each number answers, and which value wins
when the text gives several, is data (`knowledge/intake/numbers.yaml`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.duration_choice import complaint_durations
from legwise.intake.duration_owner import (
    _just_after_operation,
    _not_complaint,
    _recent_event,
    _said_before,
)
from legwise.intake.exam_measures import calf_difference, temperature, volumes
from legwise.intake.exam_numbers import alcohol, d_dimer, kidney_function, monofilament, postpartum
from legwise.intake.fast_re import any_in, fast
from legwise.intake.folded_re import folded
from legwise.intake.kin_words import third_person_kin
from legwise.intake.number_rules import (
    _NUM,
    _QUAL,
    _UNIT,
    DAYS,
    SINCE,
    WORDS,
    NumberRules,
    _in_range,
    _item,
    _number,
    digits_in,
    number_rules,
)
from legwise.intake.pain_score import pain_scores
from legwise.intake.people import people
from legwise.intake.result import Extracted
from legwise.intake.time_words import (
    bare_days,
    bare_run_on,
    clock_span,
    onset_day,
    presents_after,
    weekday_duration,
)
from legwise.kb.loader import Knowledge

__all__ = ["digits_in", "number_rules", "read_numbers"]

ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve")
_SINCE_TYPED = "sins|sinse|sence|scince|snce|sinc"  # hG: "since" as typed on a phone
# hS14 (issue 12 round 14): "5 days so far", "3 weeks to date", "2 weeks till now" time the
# complaint as "3 weeks now" does (the generated lay stress set's duration frames)
_SO_FAR = r"so\s+far\b|to\s+date\b|(?:until|till|up\s+to)\s+now\b|"
_SYMPTOM_NOUN = (
    r"aches?|aching|pains?|discomfort|soreness|swelling|cramps?|cramping|numbness|tingling"
    r"|burning|heaviness|tenderness|weakness|limp|redness|symptoms?|complaint"
)
TIMED_WORDS = ("ago", "back", "hist", "hx", "h/o", "now", "durat", "already", "so far", "to date")
DURATIONS = (
    # "for the past week", "over the last 3 days", "x last 2 weeks"
    fast(
        rf"\b(?:for|over|during|in|within|x|from|since|{_SINCE_TYPED})\s+{_QUAL}(?:the\s+)?(?:last|past)\s+(?:{_NUM}\s*)?{_UNIT}\b",
        re.I,
    ),
    # "for three weeks", "x 4 days", "it's been 3 weeks", "lasting 2 days"; in Indian and other
    # English "since 3 days", "from two weeks", "been like this 2 years" (hE, issue 12)
    folded(
        rf"\b(?:for|x|been(?:\s+like\s+(?:this|that))?|lasted|lasting|going\s+on|since|from|already|{_SINCE_TYPED})\s*"
        rf"{_QUAL}{_NUM}\s*[- ]?\s*{_UNIT}\b(?!\s+(?:ago|back)\b)",
        re.I,
    ),
    # "got rapidly worse over 3 days" (not "over 3 days ago")
    re.compile(rf"\bover\s+(?:the\s+)?{_NUM}\s*{_UNIT}\b(?!\s+ago)", re.I),
    # "10 days of low back pain", "3 weeks of swelling"
    folded(rf"(?<![\w/.]){_NUM}\s*[- ]?\s*{_UNIT}(?=\s+of\b)", re.I),
    # "2 days ago", "a 5-day history of", "3 weeks now"; "pain of 4 months' duration" (hD10);
    # "it is 3 months already", as non-native writers time it (hL13)
    folded(
        rf"(?<![\w/.])(\d+(?:\.\d+)?|{'|'.join(w for w in WORDS if ' ' not in w and w not in ('a', 'an'))}|a|an)"  # noqa: E501
        rf"\s*[- ]?\s*{_UNIT}\b"
        rf"(?='?\s+(?:{_SO_FAR}ago|back|history|hx|h/o|now|duration|already)\b)",
        re.I,
    ),
    # a note's bare duration: "CC: aching calf at rest, 5 days." / "... 9 months." (digits first,
    # which regex scans fast; `_clause_start` checks what comes before)
    folded(rf"(\d+(?:\.\d+)?)\s*[- ]?\s*{_UNIT}\s*(?=[.;\n]|$)", re.I),
    # "5 hours before admission", "2 hours after the sudden onset of"
    folded(
        rf"(?<![\w/.]){_NUM}\s*[- ]?\s*{_UNIT}(?=\s+(?:before|prior\s+to)\s+(?:his\s+|her\s+"
        r"|the\s+)?(?:admission|arrival|presentation|attendance|assessment)\b"
        r"|\s+after\s+(?:the\s+)?(?:sudden\s+)?onset\b)",
        re.I,
    ),
    # hG (issue 12 round 7): "calf swollen past 3 days", "the last 2 weeks its been bad" with
    # no "for" before (not "the last 2 days of my holiday")
    re.compile(
        rf"\b(?:the\s+)?(?:last|past)\s+(\d+|{'|'.join(ONES)})\s*[- ]?\s*{_UNIT}\b"
        r"(?!\s+(?:of|ago|before|after|back)\b)",
        re.I,
    ),
    # hT9 (issue 12 round 9): a stem's clock since the event, said with "now" ("trapped ... for
    # about an hour. Now 6 hours later: calf swollen"): the complaint's time
    folded(rf"\bnow\s+{_QUAL}{_NUM}\s*[- ]?\s*{_UNIT}\s+(?:later|on)\b", re.I),
    # hD10 (issue 12 round 10): a span opened by "this"/"these"/"the" with no "for" before it:
    # "This past week the same leg has swollen", "pain in me shin these three weeks" (Irish),
    # "these past few days"; not "these days", "the last week of my holiday", "on the last days"
    folded(
        rf"(?<!\bon\s)(?<!\bat\s)\b(?:(?:this|these|the)\s+(?:past|last)\s+|these\s+(?!days?\b|nights?\b))"
        rf"(?:{_NUM}\s*[- ]?\s*)?{_UNIT}\b(?!\s+(?:of|ago|before|after|back)\b)",
        re.I,
    ),
    # hT16 (issue 12 round 16): the complaint's time said as its adjective, number and unit
    # joined by a hyphen before a symptom noun: "a three-day ache in the calf", "a 2-week
    # intermittent pain" ("a 10-hour flight", "a 3-day course" name no symptom)
    folded(
        rf"(?<![\w/.]){_NUM}-{_UNIT}(?=(?:\s+[a-z]+){{0,2}}?\s+(?:{_SYMPTOM_NOUN})\b)",
        re.I,
    ),
)
# a bare "h" counts only after a digit or a blank ("5 h ago"), not at a word's end ("each.")
_UNIT_WORD = (
    r"(?:h(?:ours?|rs?|(?<![a-z]h))|days?|dys|nights?|weeks?|wks?|fortnights?|months?|mos?"
    r"|mn?ths?|years?|yrs?)\b"
)
UNIT_WORD = folded(_UNIT_WORD, re.I)
# the unit and the word after it that DURATIONS[3], [4], [6] hold: cheaper than the pattern
UNIT_THEN = {
    3: folded(rf"{_UNIT_WORD}\s+of\b", re.I),
    4: folded(
        rf"{_UNIT_WORD}'?\s+(?:{_SO_FAR}ago|back|history|hx|h/o|now|duration|already)\b", re.I
    ),
    6: folded(rf"{_UNIT_WORD}\s+(?:before|prior|after)\b", re.I),
}
HALF = re.compile(r"\bhalf\s+an?\b", re.I)
AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.I)
PLACES = 4  # days to 4 decimals: an hour is 0.0417 days, 5 hours 0.2083 (hB)
BARE = 5  # DURATIONS[BARE] stands alone in its clause


def _clause_start(text: str, start: int) -> bool:
    """Whether text[start] begins a clause: at the start, or after ".:;," or a line break."""
    before = text[max(0, start - 2) : start]
    return not before.strip() or before.rstrip()[-1:] in (".", ":", ";", ",", "\n")


# Clinical shorthand: "3/7" days, "2/52" weeks, "6/12" months (a bigger count is a BP, "86/52")
SHORTHAND = re.compile(r"(?<![\w/.])(\d{1,2})/(7|52|12)(?![\w/]|\.\d)")
SHORT_DAYS, SHORT_MOST = {"7": 1, "52": 7, "12": 30}, {"7": 28, "52": 52, "12": 24}
# "since yesterday"; in other Englishes "from yesterday", "from last week" (hG)
SINCE_RE = folded(r"\b(?:since|from)\s+(" + "|".join(SINCE) + r")\b", re.I)
AFTER_EVENT = folded(
    rf"\b{_NUM}\s*[- ]?\s*{_UNIT}\s+(?:after|post|following|since)\s+(?:an?\s+|my\s+|his\s+|her\s+"
    rf"|the\s+|their\s+)?([a-z-]+(?:\s+[a-z-]+)?)",
    re.I,
)
BED = (  # hT20: also "3 days mostly lying in her tent", "laid up on the sofa"
    r"(?:(?:mostly|largely|mainly|almost\s+entirely)\s+)?(?:bed\s*-?\s*ridden|bed\s*-?\s*bound"
    r"|bed\s*rest|confined\s+to\s+(?:bed|a\s+bed)|in\s+bed|immobili[sz]ed|immobile|immobility"
    r"|(?:lying|laid\s+up)\s+(?:down\s+)?(?:in|on)\s+(?:a|an|the|her|his|their|my)\s+(?:tent"
    r"|bunk|berth|hammock|sleeping\s+bag|sofa|couch|settee|recliner))"
)
BED_FOR = folded(
    rf"\b{BED}\b[^.;:,]{{0,30}}?\b(?:for|x|of|>|>=|over|more\s+than)\s*{_QUAL}(?:the\s+)?(?:(?:last|past"
    rf"|previous|preceding)\s+)?(?:{_NUM}\s*[- ]?\s*)?{_UNIT}\b",  # hT21: "the previous 5 days"
    re.I,
)
FOR_BED = folded(rf"(?<![\w/.]){_NUM}\s*[- ]?\s*{_UNIT}\s+(?:of\s+)?{BED}\b", re.I)
MINUTES_AGO = re.compile(r"(?<![\w/.])(\d{1,3})\s*(?:minutes?|mins?)\s+ago\b", re.I)
# ("POD#4", "post-op day #2": a number sign before the day, hW20)
POST_OP_DAY = re.compile(r"\b(?:post[- ]?op(?:erative)?\s+day|pod)\s*#?\s*(\d{1,3})\b", re.I)


WHEN_IN_BED = re.compile(r"\b(?:when|whenever|while|once)\s+(?:[\w']+\s+){0,2}?in\s+bed\b", re.I)


def _bed_rest(text: str, rules: NumberRules) -> Iterator[Extracted]:
    """ "bedridden for 4 days", "5 days of bed rest" -> recent_surgery_or_bedridden (Wells:
    bedridden 3 days or more)."""
    finding = rules.recent[0]
    lower = text.lower()
    if not any_in(lower, ("bed", "immobil", "lying", "laid")):
        return
    for pattern in (BED_FOR, FOR_BED):
        for m in pattern.finditer(text):
            if WHEN_IN_BED.search(text, max(0, m.start() - 16), m.start() + 7):
                continue  # "twitch when i'm lying in bed for a month": where it comes on (hG)
            count = _number(m.group(1)) if m.group(1) else 1.0
            days = count * DAYS[m.group(2).lower().rstrip("s")]
            state = "present" if days >= 3 else "absent"
            yield _item(finding, state, m, f"bed rest {m.group(0)!r} = {days:g} days: {state}")


def _after_event(text: str, rules: NumberRules, units: bool = True) -> Iterator[Extracted]:
    """ "3 weeks after laparotomy", "post-op day 5" -> recent_surgery_or_bedridden (`units`:
    whether the text has a time unit word, which "3 weeks after" needs)."""
    finding, within, (whole, starts, ends) = rules.recent
    lower = text.lower()
    if not any_in(lower, ("after", "post", "following", "since", "pod")):
        return  # the cheap check first: these patterns need one of those words
    for m in AFTER_EVENT.finditer(text) if units else ():
        words = m.group(3).lower().split()
        if not any(w in whole or w.startswith(starts) or w.endswith(ends) for w in words):
            continue
        days = _number(m.group(1)) * DAYS[m.group(2).lower().rstrip("s")]
        state = "present" if days <= within else "absent"
        yield _item(finding, state, m, f"operation {m.group(0)!r} = {days:g} days: {state}")
    for m in POST_OP_DAY.finditer(text):
        state = "present" if float(m.group(1)) <= within else "absent"
        yield _item(finding, state, m, f"post-operative day {m.group(1)}: {state}")


def _durations(text: str, rules: NumberRules) -> Iterator[Extracted]:
    finding = rules.duration
    # every pattern here needs a time unit word (`UNIT_WORD` is the unit as each of them ends
    # it), but for "post-op day 5", the shorthand "3/52" and "since yesterday": one cheap scan
    units = UNIT_WORD.search(text) is not None
    yield from _after_event(text, rules, units)
    if units:
        yield from _bed_rest(text, rules)
    lower = text.lower()
    # the cheap checks first: DURATIONS[0] needs "last" or "past", DURATIONS[2] "over",
    # DURATIONS[3] "of" after it, DURATIONS[4] "ago", "now", "already" or a history word, [5] a
    # digit (and every one a unit word: no checks without one); [3], [4], [6] that word right
    # after a unit (`UNIT_THEN`)
    skip = (
        {}
        if not units
        else {
            0: "last" not in lower and "past" not in lower,
            2: "over" not in lower,
            3: " of" not in lower or UNIT_THEN[3].search(text) is None,
            4: not any_in(lower, TIMED_WORDS) or UNIT_THEN[4].search(text) is None,
            5: not digits_in(text),
            6: not any_in(lower, ("before", "prior", "onset")) or UNIT_THEN[6].search(text) is None,
            7: "last" not in lower and "past" not in lower,
            9: "these" not in lower and "last" not in lower and "past" not in lower,
            10: "-" not in text,
        }
    )
    for k, pattern in enumerate(DURATIONS if units else ()):
        if skip.get(k):
            continue
        for m in pattern.finditer(text):
            if k == BARE and not _clause_start(text, m.start()):
                continue
            # "2 days back" is "2 days ago" (hG)
            after = text[m.end() : m.end() + 4].lower()
            ago = pattern is DURATIONS[4] and after in (" ago", " bac")
            count = _number(m.group(1)) if m.group(1) else 1.0
            if count == 1 and HALF.search(text, max(0, m.start() - 6), m.start() + 1):
                count /= 2  # "half an hour ago", "for half a day" (hB)
            unit = m.group(2).lower().rstrip("s")
            days = count * DAYS[unit]
            if AND_A_HALF.match(text, m.end()):
                days += DAYS[unit] / 2  # "for a year and a half", "3 weeks and a half" (hD10)
            if ago:
                yield from _recent_event(text, m, days, rules)
            if _not_complaint(text, m.start(), m.end(), rules, ago):
                continue
            yield _item(finding, round(days, PLACES), m, f"duration {m.group(0)!r} = {days:g} days")
    for m in bare_run_on(text) if units else ():  # "swollen 3 days no sob", "... three days"
        if _not_complaint(text, m.start(), m.end(), rules):
            continue
        days = bare_days(text, m)  # "calf pain 3 days", "for half a year" (hF22)
        yield _item(finding, round(days, PLACES), m, f"duration {m.group(0)!r} = {days:g} days")
    for m in SHORTHAND.finditer(text) if "/" in text else ():
        if int(m.group(1)) > SHORT_MOST[m.group(2)]:
            continue  # hF21
        days = float(m.group(1)) * SHORT_DAYS[m.group(2)]
        # "repair 3/52 ago", and the note's shorthand "s/p L TKA 3/52" (3 weeks after it)
        if text[m.end() : m.end() + 4].lower() == " ago" or _just_after_operation(text, m.start()):
            yield from _recent_event(text, m, days, rules)
        if _not_complaint(text, m.start(), m.end(), rules, ago=True):
            continue
        yield _item(finding, days, m, f"duration {m.group(0)!r} = {days:g} days")
    for m in MINUTES_AGO.finditer(text) if "min" in lower else ():
        days = float(m.group(1)) / 1440  # only "N min ago": "cramps lasting 2 min" is no onset
        if not _not_complaint(text, m.start(), m.end(), rules, ago=True):
            yield _item(finding, round(days, PLACES), m, f"duration {m.group(0)!r} = {days:g} days")
    for m in SINCE_RE.finditer(text) if "since" in lower or "from" in lower else ():
        if _not_complaint(text, m.start(), m.end(), rules):
            continue
        days = float(SINCE[" ".join(m.group(1).lower().split())])
        yield _item(finding, days, m, f"duration {m.group(0)!r} = {days:g} days")
    yield from weekday_duration(text, lower, finding)
    yield from clock_span(text, lower, finding)  # "woke at 2am ... its now 7am" (hD10)
    for item in onset_day(text, lower, finding):
        if not _not_complaint(text, item.start, item.end, rules):
            yield item
    if units and ("after" in lower or "following" in lower):
        yield from presents_after(text, finding, rules.recent[2])


def _complaint_time_first(text: str, found: list[Extracted], rules: NumberRules) -> list[Extracted]:
    """`found` without the durations an injury word dates ("grazed knee 2 weeks ago") when
    another duration times the complaint itself ("four days of worsening pain") (hT9)."""
    durations = [i for i in found if i.finding == rules.duration]
    dated = [i for i in durations if _said_before(text, i.start, rules.injury)]
    if not dated or len(dated) == len(durations):
        return found
    return [i for i in found if i not in dated]


DATED = ("birth ", "operation ", "bed rest ")  # the rules of a state read with its date


def dated_over_phrases(numbers: list[Extracted], phrases: list[Extracted]) -> list[Extracted]:
    """`phrases` without a phrase reading of a finding inside the words that date it: "10
    weeks postpartum" is past the 6-week window, whatever "postpartum" alone says (hB)."""
    dated = [(i.finding, i.start, i.end) for i in numbers if i.rule.startswith(DATED)]
    if not dated:
        return phrases
    # a birth dated past the window outdates every word for a recent birth ("breastfeeding my
    # 10 week old"), not a pregnancy now (hG)
    past = {i.finding for i in numbers if i.rule.startswith("birth") and i.value == "absent"}
    return [
        p
        for p in phrases
        if not any(f == p.finding and a <= p.start and p.end <= b for f, a, b in dated)
        and not (p.finding in past and p.value == "present" and not _pregnancy_now(p.text))
    ]


PREGNANT_NOW = ("preg", "trimester", "gestation", "/40", "expecting", "antenatal", "prenatal",
                "gravid", "gone", "along")  # fmt: skip


def _pregnancy_now(words: str) -> bool:
    """Whether a phrase says a pregnancy now ("32 weeks pregnant"), not a birth."""
    lower = words.lower()
    return any_in(lower, PREGNANT_NOW)


def read_numbers(text: str, kb: Knowledge) -> tuple[list[Extracted], frozenset[str]]:
    """Numbers, age and sex in `text`; also the words naming the person described when it
    is a relative ("my husband is 71" -> {"husband"}), so ConText's family cue for that
    word is not taken as family history."""
    rules = number_rules()
    items, subject, ages = people(text)
    subject |= third_person_kin(text, items)  # "the mother asks about her son, aged 4" (hT20)
    items = [i for i in items if i.finding != "age" or _in_range(kb, "age", float(i.value))]
    found: list[Extracted] = []
    lower = text.lower()
    for (finding, pattern), words in zip(rules.measures, rules.measure_words, strict=True):
        if not any_in(lower, words):
            continue  # the cheap check first: none of the measure's names is here
        for m in pattern.finditer(text):
            found.append(_item(finding, float(m.group(1)), m, f"number after {finding} name"))
    found += pain_scores(text, lower, rules.pain)
    states = [
        *calf_difference(text, rules),
        *monofilament(text),
        *d_dimer(text),
        *kidney_function(text),
        *alcohol(text),
        *postpartum(text),
        *volumes(text, lower),
    ]
    if digits_in(text) and ("t" in lower):
        states += temperature(text)
    for item in _durations(text, rules):
        if item.finding == rules.duration and any(a < item.end and item.start < b for a, b in ages):
            continue  # a person's years ("M, 23 yrs", "my father 68 years") are no duration
        (found if item.finding == rules.duration else states).append(item)
    found = complaint_durations(text, _complaint_time_first(text, found, rules), rules.duration)
    kept: list[Extracted] = []
    for item in sorted(found, key=lambda i: (i.start, -(i.end - i.start))):
        if kept and item.finding == kept[-1].finding and item.end <= kept[-1].end:
            continue  # inside a longer match for the same finding
        if isinstance(item.value, float) and _in_range(kb, item.finding, item.value):
            kept.append(item)
    return items + kept + states, subject
