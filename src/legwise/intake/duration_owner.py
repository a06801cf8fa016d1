"""Whose time a duration is: the complaint's, or another event's named next to it.

"For 3 days" after "calf pain" times the complaint; "diabetic for 10 years", "put on a water
tablet a month ago", "since a fall", "post-op day 5" or a number inside an aside time something
else. `legwise.intake.numbers` reads the durations and asks these helpers whom each one times.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from legwise.intake.duration_attach import _names, after_symptom, attached
from legwise.intake.duration_treatment import treatment_time
from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import NumberRules, _item
from legwise.intake.result import Extracted

# hD10: also "since I started a new water tablet 3 weeks ago", "since she had her op"
SINCE_EVENT = re.compile(
    r"\bsince\s+(?:(?:(?:i|he|she|we|they)\s+[a-z]+\s+)?(?:a|an|the|his|her|my|their)\b"
    r"|[a-z-]+\s+(?:was|were)\s+(?:started|begun|given|prescribed|fitted|done|put\s+in)\b)"
    r"[^.;,]{0,40}$",
    re.I,
)  # ... and "since simvastatin was started 2 months ago"

NEAR_WORDS = 5
# a stem's presenting verb starts the complaint's clause: "a woman with type 2 diabetes presents
# with a 2-day history" times the complaint, not the diabetes
_CLAUSE_END = folded(
    r"[.;!?,:]|\b(?:and|but|now|presents?|presented|presenting|complains?|complaining|reports"
    r"|describes|develops|comes\s+in|attends)\b",
    re.I,
)
_WORD = re.compile(r"[a-z][a-z'-]*", re.I)
# how an operation was done says nothing of whose time follows: "laparotomy for bowel obstruction
# under general anaesthesia 3 weeks ago" dates the laparotomy (hC round 8)
_ANAESTHESIA = re.compile(
    r"\bunder\s+(?:an?\s+)?(?:general|spinal|regional|epidural)?\s*"
    r"(?:an(?:a)?esthe\w*|ga|block)\b",
    re.I,
)


def _said_before(
    text: str,
    start: int,
    words: tuple[frozenset[str], tuple[str, ...], tuple[str, ...]],
    nearest: bool = False,
) -> bool:
    """Whether one of `words` is said in the clause that ends at text[start]."""
    before = text[max(0, start - 80) : start]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    clause = before[cut[-1] :] if cut else before
    if "under" in clause.lower():  # the cheap check first: _ANAESTHESIA's first word
        clause = _ANAESTHESIA.sub(" ", clause)
    # the event or state names the duration's own words: "T1DM for 30 years", not "a smoking
    # history has pain in his foot at night for 2 weeks"
    said = [w.lower() for w in _WORD.findall(clause)][-NEAR_WORDS - 2 :]
    if "bed" in said:  # (what _where_it_hurts looks for)
        said = [w for i, w in enumerate(said) if not _where_it_hurts(said, i)]
    said = said[-NEAR_WORDS:]
    if nearest:  # only the words after a symptom word: the pain's time, not the pregnancy's
        said = after_symptom(said, words)
    if _names(said, words):
        return True
    joined = " " + " ".join(said) + " "
    return any_in(joined, _phrases(words[0]))


# hN23 (issue 12 round 23): a word set's phrases of several words (each with a blank either side)
# and a set joined with the words "ago" adds, made once per set, not at every duration read (the
# sets are `number_rules()`' own; a frozenset keeps its hash, so a look-up here is cheap)
MADE_MOST = 64  # sets made elsewhere each time would otherwise pile up


@functools.lru_cache(maxsize=MADE_MOST)
def _phrases(whole: frozenset[str]) -> tuple[str, ...]:
    """The phrases of several words in `whole`, as " <phrase> " (made once per set)."""
    return tuple(f" {p} " for p in whole if " " in p)


@functools.lru_cache(maxsize=MADE_MOST)
def _joined(whole: frozenset[str], more: frozenset[str]) -> frozenset[str]:
    """`whole | more`, made once per pair of sets."""
    return whole | more


# "legs jumping in bed since 2 months", "pain when she lie in bed since 10 days": "in bed" says
# where it comes on, not a stay in bed ("been in bed with flu for 5 days", "stuck in bed") (hG)
IN_BED_STAY = frozenset({"been", "stayed", "stuck", "kept", "confined", "laid", "spent", "was",
                         "were", "is", "am", "are", "being", "immobile", "immobilised",
                         "immobilized", "bedbound", "bedridden",
                         # hT20: "largely in bed for the past fortnight", "mostly in bed"
                         "largely", "mostly", "mainly", "entirely", "remained", "remains",
                         "spends", "spending"})  # fmt: skip


def _where_it_hurts(said: list[str], i: int) -> bool:
    return said[i] == "bed" and i >= 2 and said[i - 1] == "in" and said[i - 2] not in IN_BED_STAY


HISTORY_OF = re.compile(r"'?\s*(?:-\s*)?(?:history|hx|h/o)\s+of\s+([^.;,]{1,40})", re.I)


def _recent_event(
    text: str, m: re.Match[str], days: float, rules: NumberRules
) -> Iterator[Extracted]:
    """An operation dated "N ago" -> recent_surgery_or_bedridden present or absent."""
    finding, within, words = rules.recent
    if (
        _said_before(text, m.start(), words) or _named_after(text, m.end(), words)
    ) and not _said_before(text, m.start(), rules.not_operation):
        state = "present" if days <= within else "absent"
        yield _item(finding, state, m, f"operation {m.group(0)!r} ago = {days:g} days: {state}")


# "had our baby 3 weeks ago by c-section", "6 weeks ago via a caesarean" (hB)
AGO_BY = re.compile(
    r"\s*ago\s+(?:by|via|with)\s+(?:an?\s+|the\s+|my\s+|her\s+|his\s+)?"
    r"((?:[\w-]+\s+){0,2}[\w-]+)",
    re.I,
)


def _named_after(
    text: str, end: int, words: tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]
) -> bool:
    """Whether "N ago" at text[:end] is followed by "by/via <operation>"."""
    m = AGO_BY.match(text, end)
    return m is not None and _names(m.group(1).lower().split(), words)


STATUS_POST = re.compile(r"\b(?:s/p|status\s+post|post)\s+(?:\w+\s+){0,3}?$", re.I)


def _just_after_operation(text: str, start: int) -> bool:
    """Whether the shorthand at text[start] follows "s/p <operation>" directly."""
    return STATUS_POST.search(text[max(0, start - 40) : start]) is not None


# hG (issue 12 round 7): a "since"/"for the past" duration that opens the next clause in run-on text
# ("had our baby by c-section since yesterday her right leg is swollen", "started a statin six
# weeks ago for the past 3 days both my thighs ache"): the words before it say nothing of it
FRONTS = re.compile(
    r"\s+(?:(?:both|all)\s+)?(?:my|her|his|their|our|i\s+(?:have|am|get|feel|keep|can't|cant)|i've"
    r"|ive|i'm|im)\b",
    re.I,
)


# hL17b (round 17): hours one gets or manages are hours of sleep, not the complaint's time ("I'm
# lucky to get 5 hours", "she manages maybe 3 hours a night", "slept about 4 hours")
SLEPT_HOURS = folded(
    r"\b(?:get|gets|getting|got|manage[sd]?|managing|sleep|sleeps|slept|sleeping|grab|grabbing)"
    r"\s+(?:(?:only|maybe|about|around|barely|just|perhaps|a|good|solid)\s+){0,3}"
    r"[\w.-]+\s*(?:hours?|hrs?)$",
    re.I,
)


def _not_complaint(text: str, start: int, end: int, rules: NumberRules, ago: bool = False) -> bool:
    """True when the duration at text[start:end] times a past event or a state (`ago`: a
    point in time, "3 weeks ago", after which "had ..." also names a past event)."""
    owner = attached(text, start, end)  # "at 26 weeks", "14 years of diabetes" (hT12)
    if owner is None:  # "been on pregabalin for 2 years", "6 weeks ago I had a DVT" (hT25)
        owner = treatment_time(text, start, end, ago)
    if owner is not None:
        return owner
    if SLEPT_HOURS.search(text, max(0, start - 40), end):
        return True
    if SINCE_EVENT.search(text, max(0, start - 45), start):
        return False  # "calf ache since a 12-hour drive 2 days ago": the complaint's own time
    if not ago and FRONTS.match(text, end) and _opens_clause(text, start):
        # ... unless the word right before is a state it times: "diabetic since 10 years my foot"
        before = _WORD.findall(text[max(0, start - 30) : start])[-1:]
        if not _names([w.lower() for w in before], rules.not_after):
            return False
    whole, starts, ends = rules.not_after
    named = HISTORY_OF.match(text, end)  # "a 10-year history of type 2 diabetes": a state
    if named and not ago and not _names(named.group(1).lower().split()[:4], (whole, starts, ends)):
        return False  # "with type 2 diabetes has a 3-day history of a red, hot shin" (hD10)
    if ago:
        whole = _joined(whole, rules.ago_not_after)
    if _said_before(text, start, (whole, starts, ends), nearest=True):
        return True
    label = text[max(0, start - 3) : start].rstrip()  # "Length of stay: 3 days" (hB)
    colon = max(0, start - 3) + len(label) - 1
    if label.endswith(":") and _said_before(text, colon, (whole, starts, ends)):
        return True
    aside = _aside_start(text, start)
    if aside is not None and _said_before(
        text, aside, (_joined(whole, rules.ago_not_after), starts, ends)
    ):
        return True  # "I finished chemo 18 months ago (paclitaxel, twelve weeks of it)" (hB)
    if (
        aside is not None
        and _names(  # "SURG:Y (lap. colectomy, 10/52)": the aside's event (hW12)
            _WORD.findall(text[aside:start].lower()),
            (_joined(whole, rules.ago_not_after), starts, ends),
        )
    ):
        return True
    if named and _names(named.group(1).lower().split()[:4], (whole, starts, ends)):
        return True
    after = " ".join(text[end : end + 20].lower().split())
    if not after.startswith(rules.not_before):
        return False  # the cheap check first (hN23): none of the words is there at all
    return any(after.startswith(w) and not after[len(w) : len(w) + 1].isalpha()
               for w in rules.not_before)  # fmt: skip


_FRONTING = re.compile(r"(?:since|for\s+the\s+(?:past|last)|from)\s", re.I)


def _opens_clause(text: str, start: int) -> bool:
    """Whether the duration at text[start] is a "since ..." or "for the past ..." that may open
    a clause (what follows it decides: `FRONTS`)."""
    return _FRONTING.match(text, start) is not None


ASIDE = 60  # characters: how far back an open bracket makes an aside


def _aside_start(text: str, start: int) -> int | None:
    """Where the bracketed aside holding text[start] opens, when it does: the aside is about
    the words before its bracket, so a duration in it times what they name."""
    before = text[max(0, start - ASIDE) : start]
    opened = before.rfind("(")
    if opened < 0 or ")" in before[opened:]:
        return None
    return max(0, start - ASIDE) + opened
