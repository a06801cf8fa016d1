"""Which of several durations times the PRESENT complaint (hD10, issue 12 round 10).

symptom_duration_days asks "How many days has this problem been going on?". A text often gives
other times too: a history event ("had a bad tummy bug two weeks ago. Four days ago his feet
started tingling"), an old illness whose state goes on ("Since my stroke 3 years ago my left leg
is weak ... This past week the same leg has swollen up"), a stay ("in bed since her hip fracture
operation 5 weeks ago ... Since yesterday her left leg is fatter"), a medicine or a plan started
("She started an oral contraceptive 3 months ago"), a habit given up ("gave up 30 yrs ago").
`knowledge/intake/numbers.yaml` keeps the longest duration read; this module first sets aside
those that time something else.

Each duration is judged by the words of its own clause (cut at a sentence end, a comma, a
bracket, "and", "but", "then", ...): whether they name the complaint (a symptom or a body-site
word, `duration_complaint_words`) and whether they name a history event
(`duration_history_anchors`, with "started a/an/my/new ..." for a thing started). Then:

- an event clause that names no complaint ("Eight months ago she underwent lumpectomy", "gave
  up 20 years ago") times the event: it is dropped, unless it is the "since <event>" that times
  the complaint said around it ("calf ache since a 12-hour drive 2 days ago");
- a clause naming both (the leg weak since the stroke, the stay in bed since the hip operation)
  yields when another duration's clause names the complaint alone: the present complaint's time
  wins over the history's.

Clauses that name neither ("It's been going on for about 6 weeks now") keep their place. A fall,
an accident or a stay in bed (`duration_yield_anchors`, with the injury words) may be when the
complaint began: their clause's duration is kept alone and yields like a clause naming both.
An onset said by the readers of `legwise.intake.time_words` ("it came on yesterday", "started
Tuesday, it's Friday now", "woke at 2am ... now 7am", a stem's "presents 2 days after") is the
complaint's own time.

Source and review: hD10 (issue 12 round 10, 2026-12-05), from the finding's question and help
text in knowledge/findings/course.yaml ("How many days has this problem been going on?"), checked
against the own_heldout3..9 and dev misses of the finding (history events whose time won over
the complaint's); a reading rule, no clinical fact.
"""

from __future__ import annotations

import functools
import re

from legwise.intake.duration_attach import _names as _names_word
from legwise.intake.duration_gestation import gestation
from legwise.intake.duration_owner import SINCE_EVENT
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import _word_set, numbers_data
from legwise.intake.result import Extracted

WordSet = tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]

WINDOW = 120  # characters either side of a duration where its clause may run
CLAUSE_STOP = re.compile(
    r"[.;!?\n,()]|\b(?:and|but|then|although|though|whereas|however|so|because)\b", re.I
)
_WORD = re.compile(r"[a-z][a-z'&-]*", re.I)
# a thing started (a medicine, a plan, a job) dates itself: "started an oral contraceptive",
# "started a new marathon plan", "since starting amlodipine"; not "it started", "started hurting"
STARTED_THING = folded(
    r"\b(?:(?:start(?:ed|ing)|began|begun)\s+(?:on\s+|taking\s+|using\s+)?(?:an?|my|her|his|new)\b"
    r"(?!\s+(?:(?:few|couple|of|good|half|little)\s+)*(?:hours?|hrs?|days?|nights?|weeks?|wks?"
    r"|months?|years?|fortnight|min\w*|while|bit|time)\b)"  # not "started an hour ago"
    r"|(?:since|after)\s+(?:(?:i|he|she|we|they)\s+)?(?:start(?:ed|ing)|began))",
    re.I,
)
# the rules of an onset said (legwise.intake.time_words): the complaint's own start
OWN_START = ("onset ", "weekdays ", "clock ", "presents ")


Words = tuple[WordSet, tuple[str, ...]]  # words (whole, starts, ends) and those of several words


def _words(data: dict[str, list[str]], *keys: str) -> Words:
    said = [str(w).lower() for k in keys for w in data.get(k, [])]
    return _word_set([w for w in said if " " not in w]), tuple(f" {w} " for w in said if " " in w)


@functools.cache
def _lists() -> tuple[Words, Words, Words]:
    """numbers.yaml's complaint words, history anchors and the anchors that yield (an injury,
    a fall, a stay in bed)."""
    data = numbers_data()
    return (
        _words(data, "duration_complaint_words", "duration_site_words"),
        _words(data, "duration_history_anchors"),
        _words(data, "duration_yield_anchors", "duration_injury_before"),
    )


def _clause(text: str, start: int, end: int) -> str:
    """The words of the clause around text[start:end] (with them: "presents with a painful
    swollen right calf 3 days after a long-haul flight" is one reading)."""
    before = text[max(0, start - WINDOW) : start]
    cuts = [m.end() for m in CLAUSE_STOP.finditer(before)]
    after = text[end : end + WINDOW]
    stop = CLAUSE_STOP.search(after)
    return "".join(
        (
            before[cuts[-1] :] if cuts else before,
            text[start:end],
            after[: stop.start()] if stop else after,
        )
    )


def _names(words: list[str], joined: str, said: Words) -> bool:
    """Whether the clause's words name one of `said`: a word of it, or a phrase of several."""
    one_word, several = said
    return _names_word(words, one_word) or any(p in joined for p in several)


def _kind(text: str, item: Extracted) -> str:
    """ "complaint", "event", "both" or "neither": what the duration's clause names."""
    if item.rule.startswith(OWN_START):
        return "complaint"  # "it came on yesterday", "started Tuesday, it's Friday now"
    complaint, anchors, yielding = _lists()
    clause = _clause(text, item.start, item.end)
    said_words = [w.lower().strip("'-") for w in _WORD.findall(clause)]
    words = said_words + [p for w in said_words if "-" in w for p in w.split("-") if p]
    joined = " " + " ".join(said_words) + " "
    said = _names(words, joined, complaint)
    event = _names(words, joined, anchors) or STARTED_THING.search(clause) is not None
    weak = _names(words, joined, yielding)
    if said:
        return "both" if event or weak else "complaint"
    rest = set(said_words) - set(w.lower() for w in _WORD.findall(item.text))
    if not weak and _short_other(text, item, rest):
        return "event"  # "Hoovered the whole house for three hours", "queued for two hours"
    if weak:
        return "both"  # a fall or a stay: when the complaint began, unless a clause says
    if event and SINCE_EVENT.search(text, max(0, item.start - 45), item.start):
        return "both"  # "since the op 3 weeks ago": the complaint's own time, when alone
    if event:
        return "event"
    if _long_other(item, rest):
        return "event"  # "Type 2 for 14 years", "Carried a bergen for 22 years"
    if rest <= FRAGMENT and _event_sentence(text, item, complaint, anchors):
        return "event"  # "Flew back from Dubai two days ago, seven hours."
    return "neither"


# the words a duration said as an aside may hold besides its own ("nine hours each way", "about
# 26 hours in all", "three days of it")
FRAGMENT = frozenset({"of", "it", "about", "around", "roughly", "approx", "approximately",
                      "nearly", "almost", "over", "just", "each", "way", "in", "all", "total",
                      "both", "ways", "door", "to", "nonstop", "non-stop", "straight", "there",
                      "the", "a", "an", "some", "or", "so", "ish"})  # fmt: skip


SENTENCE_STOP = re.compile(r"[.;!?\n]")

# hF22 (round 22): a time of a year or more whose clause names no complaint, holds no word that
# may stand for it (REFERS) and names something else (a job, a habit, a condition: "Type 2 for 14
# years here", "Carried a bergen for 22 years", "a hairdresser for 30 years", "Leukaemia in
# remission for 8 years") times that thing: a complaint of years is said with its own words ("my
# legs have ached for 5 years", "it's been 2 years"). How often or how sure the writer is ("3-4
# nights a week for a year", "maybe 5 years", "he describes 18 months") names no other thing.
LONG_DAYS = 365.0
COURSE = frozenset({"night", "nights", "nightly", "week", "weeks", "day", "days", "evening",
                    "evenings", "times", "time", "once", "twice", "most", "several", "every",
                    "maybe", "perhaps", "probably", "roughly", "least", "at", "for", "since",
                    "from", "ago", "x", "now", "already", "still", "here", "describes", "reports",
                    "says", "previous", "about", "well", "good", "almost", "than", "more", "less",
                    "with", "history", "duration", "onset", "length", "total", "how", "long",
                    "on", "and", "off", "my", "me", "his", "her", "he", "she", "they", "we",
                    "slowly", "gradually", "steadily", "progressing", "progressive", "worsening",
                    "getting", "worse", "better", "over", "past", "last"})  # fmt: skip


def _long_other(item: Extracted, rest: set[str]) -> bool:
    """Whether a duration of a year or more is said in a bare clause that names another thing."""
    if not isinstance(item.value, (int, float)) or item.value < LONG_DAYS:
        return False
    if rest & REFERS_OWN:
        return False
    return bool({w for w in rest if len(w) > 1} - FRAGMENT - COURSE)


# hP27 (round 27): how long an action lasted, said with "for" in hours, in a clause naming no
# complaint nor a word that may stand for it, times that action ("Hoovered the whole house for
# three hours", "Tried to pass water for an hour but ...", "queued for two hours at the post
# office", "trying to wee for two hours" in own_heldout22, "put up on the pouffe for an hour" in
# own_heldout23): a complaint of hours is said with its own words ("my leg has been numb for two
# hours", "the pain has lasted for 6 hours", "it's been going on for 3 hours"). An injury or a
# stay in the clause ("trapped under the car for 3 hours") keeps its own rule.
SHORT_DAYS = 1.0
FOR_BEFORE = re.compile(r"\bfor\s+(?:about\s+|around\s+|over\s+|nearly\s+|almost\s+)?$", re.I)


def _short_other(text: str, item: Extracted, rest: set[str]) -> bool:
    """Whether a duration under a day said with "for" is said in a bare clause that names
    another thing (an action: "stuck in traffic for 3 hours")."""
    if not isinstance(item.value, (int, float)) or item.value >= SHORT_DAYS:
        return False
    said_for = item.text.lower().startswith("for ")
    if not said_for and not FOR_BEFORE.search(text, max(0, item.start - 20), item.start):
        return False
    if rest & REFERS_OWN:
        return False
    return bool({w for w in rest if len(w) > 1} - FRAGMENT - COURSE - {"for"})


def _event_sentence(text: str, item: Extracted, complaint: Words, anchors: Words) -> bool:
    """Whether a duration whose clause names neither the complaint nor an event stands in a
    sentence that names an event and no complaint: a time added to the event as an aside
    ("Flew back from Dubai two days ago, seven hours."; "my niece's wedding in Goa, which was
    lovely, three days of it"), as a clause naming the event would date it (hL18, round 18)."""
    before = text[max(0, item.start - WINDOW) : item.start]
    cuts = [m.end() for m in SENTENCE_STOP.finditer(before)]
    after = text[item.end : item.end + WINDOW]
    stop = SENTENCE_STOP.search(after)
    sentence = (before[cuts[-1] :] if cuts else before) + (after[: stop.start()] if stop else after)
    said = [w.lower().strip("'-") for w in _WORD.findall(sentence)]
    joined = " " + " ".join(said) + " "
    if "since" in said or _names(said, joined, complaint):
        return False
    return _names(said, joined, anchors)


# hT12 (issue 12 round 12): a clause naming neither the complaint nor an event yields to one that
# names the complaint when it holds no word that stands for the complaint or its course ("type 2
# for 14 years ... Two years of burning and tingling": a bare noun's time is that noun's)
REFERS = frozenset({"it", "it's", "its", "this", "that", "these", "those", "them", "they",
                    "symptoms", "symptom", "going", "been", "had", "has", "have", "having",
                    "lasted", "lasting", "started", "starting", "began", "begun", "ongoing",
                    "now", "on", "off", "i", "i've", "ive", "he's", "she's", "since", "past",
                    "last", "over", "same", "came", "come", "comes"})  # fmt: skip


# hP27 (round 27): the words that may stand for the complaint when a long or a short time is
# weighed alone (`_long_other`, `_short_other`): REFERS without the bare "i" and the prepositions
# "on" and "over", which a habit's or a working life's clause holds as often ("I laid bricks for
# 30 years", "I nursed for 25 years on my feet", "12 years of leaning over the chair" and "I drank
# a litre of vodka a day for about ten years" in own_heldout23): a complaint's own clause says
# it with a verb or a pronoun for it ("I've had it", "it's been", "I have suffered", "on and off")
REFERS_OWN = REFERS - {"i", "on", "over"}


def _bare(text: str, item: Extracted) -> bool:
    """Whether the duration's clause holds no word that may stand for the complaint."""
    said = [w.lower().strip("'-") for w in _WORD.findall(_clause(text, item.start, item.end))]
    return not (set(said) & REFERS)


# hL19 (round 19): a writer who puts a time right ("since yesterday. Actually I tell a lie, it
# started Monday, so 3 days"; "since Friday - no wait, since Wednesday") means the later time:
# a correction word between two durations sets aside those before it
CORRECTION = re.compile(
    r"(?:^|[.,;:!?(\n-]\s*|\boh\s+)actually\b|\bi\s+tell\s+(?:a\s+)?lie\b"
    r"|\b(?:sorry|no|wait|oops|err|erm)[,.]?\s+(?:no|wait|i\s+mean|sorry)\b|\bi\s+mean\b"
    r"|\bcorrection\b|\bi\s+was\s+wrong\b|\bscratch\s+that\b|\bmake\s+that\b|\bor\s+rather\b"
    r"|\bi\s+(?:got|get)\s+(?:it\s+)?(?:wrong|muddled|mixed\s+up)\b",
    re.I,
)


def _corrected(text: str, durations: list[Extracted]) -> set[int]:
    """The durations said before a correction word that a later duration follows."""
    starts = sorted(i.start for i in durations)
    cut = -1
    for m in CORRECTION.finditer(text, starts[0], starts[-1]):
        if any(a < m.start() for a in starts) and any(b >= m.end() for b in starts):
            cut = m.start()
    return {id(i) for i in durations if i.start < cut}


def complaint_durations(text: str, found: list[Extracted], finding: str) -> list[Extracted]:
    """`found` without the durations that time a history event rather than the complaint, or
    that a later correction puts right."""
    durations = [i for i in found if i.finding == finding]
    if not durations:
        return found
    if len(durations) > 1 and (fixed := _corrected(text, durations)):
        found = [i for i in found if id(i) not in fixed]
        durations = [i for i in durations if id(i) not in fixed]
    kinds = {id(i): _kind(text, i) for i in durations}
    drop = {k for k, v in kinds.items() if v == "event"}
    drop |= {id(i) for i in durations if gestation(text, i, kinds[id(i)] != "neither")}
    fronted = {id(i) for i in durations if _fronted(text, i)}
    if "complaint" in kinds.values():
        drop |= {k for k, v in kinds.items() if v == "both"}
        drop |= {
            id(i)
            for i in durations
            if kinds[id(i)] == "neither" and id(i) not in fronted and _bare(text, i)
        }
    drop |= _background([i for i in durations if id(i) not in drop], fronted)
    return [i for i in found if id(i) not in drop] if drop else found


# hT19 (issue 12 round 19): a stem gives the long background first and then the new complaint
# with its own time put at the head of its clause ("Low back pain for several years; for two
# months, pain down the left leg"; "Intermittent claudication for two years; for six weeks, pain
# in the forefoot at night"): the fronted, shorter time is the present complaint's
FRONTED = re.compile(r"(?:^|[.;:\n]|\b(?:now|recently|but|since\s+then))[\s,]*$", re.I)
BACKGROUND_DAYS = 180.0


def _fronted(text: str, item: Extracted) -> bool:
    """Whether a duration opens its sentence or clause, a comma closes it and the clause after
    the comma names the complaint ("; for two months, pain down the leg"; ". Over the last 3
    weeks, her calf ...")."""
    before = text[max(0, item.start - 30) : item.start]
    comma = re.match(r" ?,", text[item.end : item.end + 3])
    if FRONTED.search(before) is None or comma is None:
        return False
    after = text[item.end + comma.end() : item.end + comma.end() + WINDOW]
    stop = CLAUSE_STOP.search(after)
    said = [w.lower().strip("'-") for w in _WORD.findall(after[: stop.start()] if stop else after)]
    return _names(said, " " + " ".join(said) + " ", _lists()[0])


def _background(durations: list[Extracted], fronted: set[int]) -> set[int]:
    """The long durations said before a fronted, much shorter one: the background's times."""
    out: set[int] = set()
    for later in durations:
        if not isinstance(later.value, (int, float)) or id(later) not in fronted:
            continue
        for earlier in durations:
            if (
                earlier.end <= later.start
                and isinstance(earlier.value, (int, float))
                and earlier.value >= BACKGROUND_DAYS
                and earlier.value > 2 * later.value
            ):
                out.add(id(earlier))
    return out
