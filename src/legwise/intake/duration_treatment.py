"""Whose time a duration is, by the grammar around it rather than by a list of names.

Three shapes recur in the first-contact misses of every writer (own_heldout12..21: a duration
read from another event's time, the biggest loss of symptom_duration_days) with words no list
can hold ahead of time:

- a treatment's time: "been on pregabalin for two years", "has taken sertraline for six
  years", "ran out of his edoxaban a week ago". Whatever the medicine is called, a bare noun
  after "been/is/am on", or after "taken/using/missed/ran out of", names what the duration
  times; the complaint is not something one is "on" or "takes".
- (not done: "my leg pain has been on and off for 4 weeks" still reads no time, as "off" names
  a stopped medicine in numbers.yaml; taking it as the complaint's made "restless legs on and
  off for 20 years, but this new burning ... 6 days ago" read 20 years: the choice between two
  complaint times needs its own rule.)
- a time fronted before an event: "Two weeks ago I had my appendix out. Now my calf ..." dates
  the operation; "Two days ago I had terrible cramp in my calf" dates the complaint. What the
  clause after "N ago I had" names decides: a symptom word is the complaint's; an injury or a
  fall may be when it began (kept, as `duration_yield_anchors` keeps it); anything else is
  another event's.

Source and review: hT25 (issue 12, round 25), 2026-12-07, from symptom_duration_days' question
("How many days has this problem been going on?") and docs/labelling.md; a reading rule, no
clinical fact. `legwise.intake.duration_owner` asks it first.
"""

from __future__ import annotations

import functools
import re

from legwise.intake.duration_attach import _lists, _names
from legwise.intake.number_rules import _word_set, numbers_data

WordSet = tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]

# "been on X", "is on X", "I'm on X", a clause that opens "On X": a bare word after "on"
ON_BARE = re.compile(
    r"(?:^|\b(?:been|be|is|am|are|was|were|still)|'s|'m|’s|’m)\s*on\s+([a-z][a-z-]*)\b", re.I
)
# "has taken sertraline", "using steroid cream", "ran out of his edoxaban", "missed my tablets" (not
# "took a slapshot to the calf" nor "taken a knock": an injury may be when the complaint began)
TAKEN = re.compile(
    r"\b(?:takes|taken|using|used|uses|ran\s+out\s+of|run(?:ning)?\s+out\s+of|missed"
    r"|missing|skipped|skipping)\s+(?:(?:his|her|my|their|our|the|some|any)\s+)?"
    r"([a-z][a-z-]*)\b",
    re.I,
)
# "Two weeks ago I had my appendix out": the clause after a fronted "N ago"
FRONTED_HAD = re.compile(
    r"\s+ago\s*,?\s+(?:i|he|she|we|they|mum|mom|dad)\s+(?:had|underwent|got)\s+([^.;:!?]{1,80})",
    re.I,
)
# where the clause after it ends
CLAUSE_END = re.compile(r"[.;:!?,]|\b(?:and|but|now|then|so|since|today|tonight)\b", re.I)
# where the clause before a duration starts
CLAUSE_START = re.compile(r"[.;:!?,()]|\b(?:and|but|now|then|so|because|cos|while)\b", re.I)
BEFORE = 70  # characters back the clause before a duration is looked for
_WORD = re.compile(r"[a-z][a-z'-]*", re.I)


@functools.cache
def _not_treatments() -> WordSet:
    """The words after "on" that name no treatment ("on and off", "on both sides"), with the
    complaint's words and the leg's sites (numbers.yaml)."""
    data = numbers_data()
    words = [str(w).lower() for w in data.get("duration_on_not_treatment", [])]
    sites = [str(w).lower() for w in data.get("duration_site_words", [])]
    complaint = [str(w).lower() for w in data.get("duration_complaint_words", [])]
    return _word_set(words + sites + complaint)


@functools.cache
def _began_words() -> WordSet:
    """An injury or a fall: a fronted "N ago I had a fall" may be when the complaint began."""
    data = numbers_data()
    words = data.get("duration_injury_before", []) + data.get("duration_yield_anchors", [])
    return _word_set([str(w).lower() for w in words if " " not in str(w)])


def _clause_before(text: str, start: int) -> str:
    before = text[max(0, start - BEFORE) : start]
    cut = [m.end() for m in CLAUSE_START.finditer(before)]
    return before[cut[-1] :] if cut else before


def _names_treatment(word: str, rest: str) -> bool:
    """Whether `word` (after "on" or "taken") is a treatment's name: no complaint or site word,
    no -ing form ("pain on walking"), and no complaint word between it and the duration."""
    w = word.lower()
    if w.endswith("ing") or _names([w], _not_treatments()):
        return False
    return not _names([x.lower() for x in _WORD.findall(rest)], _lists()[2])


def treatment_time(text: str, start: int, end: int, ago: bool) -> bool | None:
    """True when the duration at text[start:end] times a treatment or a fronted event, None
    when its grammar says nothing."""
    clause = _clause_before(text, start)
    low = clause.lower()
    if "on" in low and _treatment_after(ON_BARE, clause):
        return True
    if any(v in low for v in ("tak", "us", "ran", "run", "miss", "skip")) and (
        _treatment_after(TAKEN, clause)
    ):
        return True
    if ago and _opens_sentence(text, start):
        fronted = FRONTED_HAD.match(text, end)
        if fronted is not None:
            said = fronted.group(1)
            stop = CLAUSE_END.search(said)
            words = [w.lower() for w in _WORD.findall(said[: stop.start()] if stop else said)]
            if not _names(words, _lists()[2]) and not _names(words, _began_words()):
                return True
    return None


def _treatment_after(pattern: re.Pattern[str], clause: str) -> bool:
    """Whether the last match of `pattern` in `clause` names a treatment."""
    last = None
    for last in pattern.finditer(clause):  # noqa: B007 (the last one is wanted)
        pass
    return last is not None and _names_treatment(last.group(1), clause[last.end() :])


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the duration at text[start] opens its sentence ("Two weeks ago I had ...")."""
    before = text[max(0, start - 3) : start].strip()
    return before == "" or before[-1] in ".;:!?"
