"""The Wells bed-rest and surgery windows read from the time a note gives, in any shape.

Wells 2003 counts bed rest of 3 days or more and major surgery within 12 weeks. Notes give the
time as a checklist value ("Bedridden: 2 days", "bed rest 2/7", "immobile for 48 hours") or after
the event ("10 days after arthroscopic knee surgery", "3/52 post TKR"). Each such reading is
dated, so `legwise.intake.wells.apply_windows` lets it decide the item for its sentence in place
of the phrase ("bedridden", "surgery") that names the event without its time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from legwise.intake.fast_re import any_in, fast
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import DAYS, WORDS, number_rules
from legwise.intake.result import Extracted

# (a number word stands apart from its unit: "an" + "d" is the word "and", not one day; hW17)
_WORDS = "|".join(sorted(map(re.escape, WORDS), key=len)[::-1])
_NUM = r"(?P<n>\d+(?:\.\d+)?|(?:" + _WORDS + r")(?=[\s-]))"
_TIME = (
    rf"{_NUM}\s*(?:-\s*)?(?:(?P<u>hours?|hrs?|h|days?|d|nights?|weeks?|wks?|w|fortnights?"
    r"|months?|mos?)\b"
    r"|/(?P<s>7|52|12)\b)"
)
SHORT = {"7": 1, "52": 7, "12": 30}
UNIT = {"d": "day", "w": "week", "mos": "mo"}
# a hospital stay counts as bed rest (the finding's phrases), so its length decides it too:
# "hospitalised 2 days" is under Wells' 3 days
BED = (
    r"\b(?:bed\s*-?\s*ridden|bed\s*-?\s*bound|bed\s*rest|confined\s+to\s+(?:a\s+)?bed"
    r"|immobile|immobili[sz]ed|immobility|immob|non-?ambulatory|hospitali[sz]ed|in\s+hospital"
    # "in bed" only with its time next ("in bed 5 days"): alone it is where night pain is felt
    r"|in\s+bed(?=\s+(?:for\s+)?(?:(?:the|these|those)\s+(?:last|past)\s+)?(?:\d|two|three|four|five"
    r"|six|seven|ten|several)\b)"  # (hW25: "in bed these last two days")
    r"|inpatient|admitted(?:\s+to\s+(?:hospital|the\s+ward|icu|itu|hdu))?(?=\s+(?:for|x)\s)"
    # (hW20) an intensive-care stay and the states that keep a patient in bed there, with their
    # time next: "in ICU for 6 days", "ventilated for 5 days", "intubated x 4/7"
    r"|(?:in|on)\s+(?:the\s+)?(?:icu|itu|hdu|intensive\s+care|ward)(?=\s+(?:for|x)\s)|ventilated|intubated"
    r"|sedated"
    # bed rest in lay words, with its time next (hW17, round 17): "laid up in his bunk for 5 days",
    # "stuck in bed 4 days", "kept to her bed for a week", "off his feet for 5 days"
    r"|laid\s+up|(?:lying|stuck|stayed|staying|kept|keeping)\s+(?:to|in)\s+(?:his\s+|her\s+|their\s+"
    r"|the\s+|a\s+)?(?:bed|bunk|berth|cot)|in\s+(?:his|her|their)\s+(?:bunk|berth|cot)"
    r"|off\s+(?:his|her|their)\s+feet)\b"
)
BED_WORDS = ("bed", "immob", "ambulat", "hospital", "inpatient", "laid up", "bunk", "berth", " cot",
             "feet", "admitted", "icu", "itu", "hdu", "intensive care", "ventilat", "intubat",
             "sedat", "ward")  # fmt: skip
# a bed word or an "after" word: read_timing's cheap check, for notes with no digit (hW17b)
TIMED_WORDS = (*BED_WORDS, "after", "post", "following", "since", "out from")
# "Bedridden: 2 days", "bed rest 2/7", "immobile for 48 hours", "bedbound x 5/7"
BED_TIME = folded(
    rf"{BED}[^.;\n\d]{{0,25}}?(?P<lt><\s*|less\s+than\s+|under\s+)?{_TIME}(?!\s*(?:ago|before)\b)",
    re.I,
)
# the time first, then "in bed" (hW18, round 18): "has spent the last week in bed", "been in bed
# the past five days" is BED_TIME's; "a fortnight in bed with flu", "3 days mostly in bed", "the
# whole week confined to bed". Days, weeks or longer only ("two nights in bed" is sleep).
BED_AFTER = folded(
    r"(?:(?:the\s+)?(?:last|past|previous|whole|entire)\s+(?:(?P<v>two|three|four|five|six|seven|ten"
    r"|\d{1,2})\s+)?|\b(?P<w>an?|one|two|three|four|five|six|seven|ten|\d{1,2})\s+"
    r"(?:whole\s+|full\s+)?)(?P<unit>days?|weeks?|fortnight|months?)\s+"
    r"(?:(?:mostly|largely|mainly|basically|entirely|virtually)\s+)?(?:in|confined\s+to|stuck\s+in)"
    r"\s+(?:her\s+|his\s+|their\s+|the\s+|a\s+hospital\s+)?bed\b",
    re.I,
)
# (hW22) "since" or "for" and the time, then the patient lying or kept in bed, a few words on:
# "Since 3 days she is lying in bed", "for five days he has stayed in bed" (not "for 3 days the
# pain wakes her in bed": a verb of lying or staying stands before "in bed")
BED_SINCE = fast(
    r"\b(?:since|for)\s+(?:the\s+)?(?:last\s+|past\s+)?(?P<w>an?|one|two|three|four|five|six|seven"
    r"|ten|\d{1,2})\s+(?P<unit>days?|weeks?|fortnight|months?)\b[^.;\n\d]{0,30}?\b(?:lying|lies|lay"
    r"|laying|stay\w*|kept|remain\w*|confined|been|is|was)\s+(?:(?:mostly|largely|mainly|all\s+day)"
    r"\s+)?(?:in|to)\s+(?:her\s+|his\s+|their\s+|the\s+)?bed\b",
    re.I,
)
# the bed word, then how long in words: "bed-bound for the last fortnight", "immobile for the
# past week" (hW18; not "in the last 2 weeks", which says when)
BED_FOR = folded(
    rf"{BED}[^.;\n\d]{{0,25}}?\bfor\s+(?:the\s+)?(?:last|past|previous|whole|entire)\s+"
    r"(?:(?P<v>two|three|four|five|six|seven|ten)\s+)?(?P<unit>days?|weeks?|fortnight|months?)\b",
    re.I,
)
# "bedbound_days=4", "immobile days: 2": an export's key gives the unit, its value the count
BED_KEY = folded(
    rf"{BED}[ _]*(?:\(\s*)?(?P<u>days?|d|hours?|hrs?|h)\b\s*\)?\s*[=:]\s*(?P<n>\d+(?:\.\d+)?)\b",
    re.I,
)
# "10 days after arthroscopic knee surgery", "3/52 post TKR", "6 weeks following a hip repair":
# the time just before the "after" word, an operation among the next few words
# (one word may stand between: "2 weeks postpartum after an emergency caesarean")
TIME_BEFORE = fast(
    rf"{_TIME}\s+(?:(?:post-?partum|post-?natal|post-?op\w*|later|now|out)\s+)?$", re.I
)
# a larger unit before the time nearest "ago": "11 weeks and 6 days", "1 month, 2 weeks"
TIME_PART = fast(rf"{_TIME}\s*(?:,\s*|\s(?:and|&|\+)\s+|\s)$", re.I)
OPERATION = fast(
    r"surgery|operation|op|repair|replacement|arthroplasty|fixation|orif|tkr|thr|tka|tha"
    r"|section|caesarean|cesarean|c-section|lscs|resection|cabg|bypass|amputation|nailing|dhs"
    r"|[a-z]+(?:ectomy|plasty|otomy|oscopy|pexy|ostomy|rrhaphy)|reconstruction|transplant|graft"
    # the operation said by what was done to the part (hW17, round 17): "had his hip pinned 3 weeks
    # ago", "femur nailed last month", "knee replaced 6 weeks ago", "operated on 10 days ago"
    r"|pinned|pinning|plated|plating|nailed|wired|replaced|operated|resected|repaired|amputated"
    r"|grafted|reconstructed|transplanted"
    # the operation by the implant it put in (hW18, round 18): "Day 4 after dynamic hip screw",
    # "2 weeks post IM nail", "10 days after a locking plate", "6/52 post hip prosthesis"
    r"|screws?|nail|plate|prosthes[ie]s|implants?|fixators?|ex-?fix|k-?wires?|arthrodesis"
    r"|fusion|intramedullary|hemiarthroplasty|excision|excised"
    # the generic word for any operation (hW20, round 20): "Whipple procedure 2 weeks ago"
    r"|procedures?"
    # (hW22) a major operation called by its surgeon's name alone: "Whipple's 10 weeks ago"
    r"|whipple|hartmann|nissen|billroth|ivor\s+lewis",
    re.I,
)
# an operation named after its surgeon (hW20, round 20): "day 4 post Whipple's", "10 days after
# Hartmann's", "2/52 post Ivor Lewis' oesophagectomy": a capitalised name in the possessive, not
# a disease or a sign named the same way ("post Baker's cyst", "Crohn's disease")
EPONYM = re.compile(
    r"\s*(?:an?\s+|the\s+|his\s+|her\s+|a\s+)?(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+(?:'s|\u2019s|s')"
    r"(?!\s+(?:cyst|disease|syndrome|sign|test|palsy|phenomenon|fracture|ulcer|sarcoma|lymphoma))",
)
# "ORIF 3 weeks ago", "bowel resection last month", "hysterectomy (open) yesterday": a time
# point just after an operation named among the few words before it
# the time before an event said other ways than "ago" (hW20, round 20): "a hysterectomy five weeks
# earlier", "TKR 6 weeks prior", "hip pinned three weeks previously", "surgery 2 months back",
# "operated on five weeks before presentation"
AGO = folded(
    r"\b(?:ago|earlier|previously|prior(?!\s+to\b)|back(?!\s+(?:pain|ache|of|to|problems?|injury))"
    r"|before(?=\s*(?:[.,;:)\n]|$|(?:presentation|admission|today|this)\b)))\b",
    re.I,
)
AGO_WORDS = ("ago", "earlier", "previously", "prior", "back", "before")
RELATIVE_TIME = folded(
    r"\b(?:yesterday|last\s+(?:week|month|fortnight|year|weekend|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)|(?:earlier\s+)?this\s+(?:week|month)"
    # (hW22) a bare weekday after "on" is within the last week: "hip replaced on Monday"
    r"|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.I,
)
FUTURE = re.compile(
    r"\b(?:planned|scheduled|booked|awaiting|due|will|going\s+to|listed|next|having|coming)\b", re.I
)
RELATIVE = {"yesterday": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365, "weekend": 7}
# (hW20) a weekday: "appendicectomy last Tuesday" is within the last 7 days
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE.update(dict.fromkeys(WEEKDAYS, 7))
# the words a relative time needs, tried first: a weekday's name, not any "day" ("today", "days")
RELATIVE_WORDS = ("yesterday", "last ", "this ", *WEEKDAYS)
# "day 10 after caesarean section", "D5 post laparotomy": the day count before "after"
DAY_BEFORE = re.compile(r"\b(?:day|d)\s*(?P<n>\d{1,3})\s+$", re.I)
CLAUSE_BREAK = re.compile(r"[.;,:\n]")
# "cataract op under local anaesthetic 2 weeks ago": not the major surgery of Wells' item (the
# finding's help: "a big operation in a hospital, often while you are fully asleep") (hW9)
# (hW20: a "minor" operation too, "minor procedure 3 weeks ago", "a minor op"; or said in brackets
# after the time, "excised two weeks ago (minor procedure, local anaesthetic)")
ASIDE = re.compile(r"\s*\([^()]{0,60}\)")
LOCAL = re.compile(r"\b(?:local\s+an(?:a)?esthe\w*|under\s+(?:local|LA)\b|minor\b)", re.I)
NEXT_WORDS = re.compile(r"[^\W\d_][\w-]*")
# (hW20: "post" joined to the operation, "8 days post-laparotomy", "day 3 post-Whipple's")
# (hW22: "out from", "two weeks out from a hernia repair", the time since an operation said the
# way a surgeon counts it)
AFTER = fast(r"\b(?:after|post|following|since|out\s+from)(?:\s|-(?=[a-z]))", re.I)
NEGATED = re.compile(r"\b(?:no|not|nil|denies|without|never)\b[^.;:,]{0,20}$", re.I)
# words between the bed word and its time that make the time no length of bed rest: "Surgery /
# bed rest: no surgery within 12 weeks" (a denial, and Wells' own window), "bed bound in the
# last 2 weeks" (when, not how long)
NOT_LENGTH = re.compile(
    r"\b(?:no|not|nil|none|without|never|within|in\s+the\s+(?:last|past))\b", re.I
)


def _days(m: re.Match[str]) -> float:
    n = m.group("n").lower()
    count = float(WORDS[n]) if n in WORDS else float(n)
    if m.group("s"):
        return count * SHORT[m.group("s")]
    unit = m.group("u").lower()
    unit = UNIT.get(unit, unit).rstrip("s") if unit not in ("hrs", "h") else "hour"
    return count * DAYS[unit]


def read_timing(text: str) -> Iterator[Extracted]:
    """recent_surgery_or_bedridden from the time given for bed rest or since an operation."""
    finding, within, _ = number_rules().recent
    lower = text.lower()
    if any_in(lower, BED_WORDS):
        for m in BED_TIME.finditer(text):
            if NEGATED.search(text[max(0, m.start() - 30) : m.start()]) or NOT_LENGTH.search(
                text, m.start(), m.start("n")
            ):
                continue  # "not bedridden for 3 days": the phrase reader decides
            days = _days(m)
            state = "absent" if m.group("lt") or days < 3 else "present"
            why = f"bed rest {m.group(0)!r} = {days:g} days: {state}"
            yield Extracted(finding, state, m.start(), m.end(), m.group(0), why)
        for m in [*BED_AFTER.finditer(text), *BED_FOR.finditer(text), *BED_SINCE.finditer(text)]:
            if NEGATED.search(text[max(0, m.start() - 30) : m.start()]):
                continue  # "not spent the last week in bed": the phrase reader decides
            w = (m.groupdict().get("w") or m.group("v") or "1").lower()
            unit = m.group("unit").lower().rstrip("s")
            days = float(WORDS.get(w, 0) if not w.isdigit() else w) * DAYS[unit]
            state = "present" if days >= 3 else "absent"
            why = f"bed rest {m.group(0)!r} = {days:g} days: {state}"
            yield Extracted(finding, state, m.start(), m.end(), m.group(0), why)
        keyed = "=" in text or ":" in text  # the cheap check first: a key needs its sign
        for m in BED_KEY.finditer(text) if keyed else ():  # "bedbound_days=4": unit in the key
            days = float(m.group("n")) * (1 / 24 if m.group("u").lower().startswith("h") else 1)
            state = "absent" if days < 3 else "present"
            why = f"bed rest {m.group(0)!r} = {days:g} days: {state}"
            yield Extracted(finding, state, m.start(), m.end(), m.group(0), why)
    if not any_in(lower, ("after", "post", "following", "since", "out from")):
        return
    for w in AFTER.finditer(text):  # the time just before each "after" word
        a = max(0, w.start() - 25)
        t = TIME_BEFORE.search(text, a, w.start()) or DAY_BEFORE.search(text, a, w.start())
        if t is None:
            continue
        after = re.split(r"[.;,:\n]", text[w.end() : w.end() + 60], maxsplit=1)[0]
        if not any(OPERATION.fullmatch(x) for x in NEXT_WORDS.findall(after)[:5]) and not (
            EPONYM.match(after)
        ):
            continue
        if re.match(r"\s*(?:an?\s+)?minor\b", after, re.I):
            continue  # "2 weeks after a minor procedure": no major surgery (hW20)
        days = _days(t) if t.re is TIME_BEFORE else float(t.group("n"))
        state = "present" if days <= within else "absent"
        b = w.end() + len(after.rstrip())
        why = f"operation {text[t.start() : b]!r} = {days:g} days: {state}"
        yield Extracted(finding, state, t.start(), b, text[t.start() : b], why)


# a clinician's "n/52" (weeks), "n/7" (days), "n/12" (months) with no "ago": after an operation's
# name it is the time since it ("op = mastectomy 7/52"; hW16); not a date or a ratio ("3/52/26")
SLASH_TIME = re.compile(
    r"(?<![\w/.])(?P<n>\d{1,2})[ \t]*/[ \t]*(?P<s>7|52|12)\b(?![ \t]*(?:/|\d|\.\d))"
    r"(?![ \t]*(?:ago|post|after|following|since|before)\b)",
    re.I,
)


def _times_ago(text: str, lower: str) -> Iterator[tuple[int, int, float]]:
    """(start, end, days ago) for each "N <unit> ago" and "last month" in `text`."""
    if any_in(lower, AGO_WORDS):
        for m in AGO.finditer(text):
            t = TIME_BEFORE.search(text, max(0, m.start() - 25), m.start())
            if t is not None:
                start, days = t.start(), _days(t)
                # "eleven weeks and six days ago", "2 weeks, 3 days ago": the parts add up (hW11)
                while (more := TIME_PART.search(text, max(0, start - 30), start)) is not None:
                    start, days = more.start(), days + _days(more)
                yield start, m.end(), days
    if "/" in lower:  # "mastectomy 7/52", "TKR 3/52": the shorthand alone is the time since
        for m in SLASH_TIME.finditer(text):
            yield m.start(), m.end(), float(m.group("n")) * SHORT[m.group("s")]
    if any_in(lower, RELATIVE_WORDS):
        for m in RELATIVE_TIME.finditer(text):
            if m.group(0)[:2].lower() == "on" and FUTURE.search(
                text, max(0, m.start() - 40), m.end()
            ):
                continue  # "TKR booked on Monday": to come, not done
            yield m.start(), m.end(), float(RELATIVE[m.group(0).lower().split()[-1]])


# "3 weeks ago she had an operation on the knee", "Two weeks ago: right TKR": the time first, the
# operation among the next few words of its clause, unless another time or event word comes
# between ("2 weeks ago after surgery in May": the time is the pain's, not the operation's; hW20:
# "withheld yesterday ahead of a procedure", an operation still to come)
NOT_THE_OPERATION = re.compile(
    r"\b(?:after|post|following|since|before|because|when|pain|swelling|started|began|fell"
    r"|no|not|never|ago|minor|ahead|planned|scheduled|awaiting|booked|pending|due)\b|\d",
    re.I,
)


def _operation_after(text: str, end: int) -> int | None:
    """The end of an operation named among the first words after a time at `end`, or None."""
    after = CLAUSE_BREAK.split(text[end : end + 60], maxsplit=1)[0]
    for m in NEXT_WORDS.finditer(after):
        if OPERATION.fullmatch(m.group(0)):
            return None if NOT_THE_OPERATION.search(after, 0, m.start()) else end + m.end()
        if m.start() > 40:
            break
    return None


def read_operation_ago(text: str) -> Iterator[Extracted]:
    """recent_surgery_or_bedridden from an operation dated just after its name ("ORIF 3 weeks
    ago", "bowel resection last month"): present within Wells' 12 weeks, else absent."""
    finding, within, _ = number_rules().recent
    for start, end, days in _times_ago(text, text.lower()):
        # forty characters back, not cutting a word (hW25: "ACL reconstruction under general
        # anaesthetic 11 weeks ago" left "econstruction", no operation)
        back = max(0, start - 40)
        while back > 0 and text[back - 1].isalnum():
            back -= 1
        before = CLAUSE_BREAK.split(text[back:start])[-1]
        if NEGATED.search(before):
            continue
        if LOCAL.search(before) and any(OPERATION.fullmatch(x) for x in NEXT_WORDS.findall(before)):
            a = start - len(before.lstrip())
            why = "an operation under local anaesthetic is no major surgery"
            yield Extracted(finding, "absent", a, end, text[a:end], why)
            continue
        aside = ASIDE.match(text, end)  # "two weeks ago (minor procedure, local anaesthetic)"
        if (
            aside is not None
            and LOCAL.search(aside.group(0))
            and any(OPERATION.fullmatch(x) for x in NEXT_WORDS.findall(before + aside.group(0)))
        ):
            a = start - len(before.lstrip())
            why = "a minor operation or one under local anaesthetic is no major surgery"
            yield Extracted(finding, "absent", a, aside.end(), text[a : aside.end()], why)
            continue
        if not any(OPERATION.fullmatch(x) for x in NEXT_WORDS.findall(before)[-4:]):
            op = _operation_after(text, end)
            if op is not None:
                state = "present" if days <= within else "absent"
                why = f"operation {text[start:op]!r} = {days:g} days: {state}"
                yield Extracted(finding, state, start, op, text[start:op], why)
            continue
        state = "present" if days <= within else "absent"
        a = start - len(before.lstrip())
        why = f"operation {text[a:end]!r} = {days:g} days: {state}"
        yield Extracted(finding, state, a, end, text[a:end], why)


# "Date of review: 20/11/2026. Underwent L TKR on 3 November 2026": an operation dated by the
# calendar is timed against the note's own date (the latest date the note gives).
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE = folded(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
    rf"|\b{_MONTH.replace('mon>', 'mon2>')}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    r"(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<dd>\d{1,2})[/.](?P<mm>\d{1,2})[/.](?P<yy>(?:19|20)\d\d)\b",
    re.I,
)


YEAR = re.compile(r"(?:19|20)\d\d\b")
# the event after a date that starts a line: "15 Oct 2026 - anterior resection" (a timeline row)
ROW_EVENT = re.compile(r"[ \t]*(?:[-:\u2013\u2014]|\s\u2192)[ \t]*([^\n.;]{1,50})")


def _date(m: re.Match[str], year: int | None) -> date | None:
    """The calendar date a DATE match names (a missing year is `year`), or None."""
    try:
        if m.group("dd"):
            return date(int(m.group("yy")), int(m.group("mm")), int(m.group("dd")))
        mon = (m.group("mon") or m.group("mon2")).lower()
        y = m.group("y") or m.group("y2")
        if y is None and year is None:
            return None
        return date(int(y) if y else int(year or 0), MONTHS.index(mon) + 1,
                    int(m.group("d") or m.group("d2")))  # fmt: skip
    except ValueError:
        return None


def read_dated_operation(text: str) -> Iterator[Extracted]:
    """recent_surgery_or_bedridden from an operation dated by the calendar, against the
    latest full date in the note."""
    if YEAR.search(text) is None:
        return  # the cheap check first: the note's own date needs a year
    found = list(DATE.finditer(text))
    full = [d for m in found if (d := _date(m, None)) is not None]
    if len(found) < 2 or not full:
        return
    today = max(full)
    finding, within, _ = number_rules().recent
    for m in found:
        when = _date(m, today.year)
        if when is None or when >= today:
            continue
        before = CLAUSE_BREAK.split(text[max(0, m.start() - 60) : m.start()])[-1]
        words = NEXT_WORDS.findall(before)
        row = ROW_EVENT.match(text, m.end()) if not before.strip() else None
        if row is not None and any(
            OPERATION.fullmatch(x) for x in NEXT_WORDS.findall(row.group(1))
        ):
            # a timeline row, the date first: "15 Oct 2026 - anterior resection" (hW20)
            days = float((today - when).days)
            state = "present" if days <= within else "absent"
            why = f"operation {row.group(0).strip()!r} on {when}, {days:g} days: {state}"
            yield Extracted(finding, state, m.start(), row.end(), text[m.start() : row.end()], why)
            continue
        if NEGATED.search(before) or not any(OPERATION.fullmatch(x) for x in words[-6:]):
            continue
        days = float((today - when).days)
        state = "present" if days <= within else "absent"
        a = m.start() - len(before.lstrip())
        why = f"operation {text[a : m.end()]!r} = {days:g} days before {today}: {state}"
        yield Extracted(finding, state, a, m.end(), text[a : m.end()], why)
