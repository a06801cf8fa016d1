"""The noun a duration attaches to, read from the words right around it (hT12, issue 12 round 12).

symptom_duration_days asks "How many days has this problem been going on?". Exam stems give many
times that belong to something else, and the shape of the words says whose a time is:

- "at 26 weeks", "at about 30 weeks": a point on another clock (a pregnancy's weeks, a child's
  age, the time after an operation), never how long the complaint has lasted;
- "26 weeks of pregnancy", "14 years of diabetes", "ten days of antibiotics": the time of the
  noun after "of"; it is the complaint's only when that noun names it ("two years of burning and
  tingling", "3 days of calf pain");
- "10/52 after surgery", "6 weeks following her caesarean", "3 days post delivery": the time
  since the event named after it;
- a bracketed aside ("a T6 spinal cord injury (motorbike, 4 years ago)", "ropinirole (2 years)")
  is about the words before its bracket: it times the complaint only when they name it.

Source and review: hT12, 2026-12-06, from the finding's question and help text in
knowledge/findings/course.yaml and docs/labelling.md (durations are the complaint's); checked
against the own_heldout3..11 and dev misses of the finding (h11s_06, h11s_15, h11s_28); a reading
rule, no clinical fact. The complaint words and the history anchors are numbers.yaml's lists.
"""

from __future__ import annotations

import functools
import re

from legwise.intake.number_rules import _word_set, numbers_data

WordSet = tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]

_WORD = re.compile(r"[a-z][a-z'-]*", re.I)
# "at 26 weeks", "at about 30 weeks' gestation" (the duration's own words start after it)
AT_POINT = re.compile(
    r"\bat\s+(?:about\s+|around\s+|approximately\s+|approx\.?\s+|roughly\s+|almost\s+|nearly\s+"
    r"|just\s+(?:over|under)\s+|over\s+|under\s+)?$",
    re.I,
)
# "26 weeks of pregnancy", "14 years' of diabetes", "two years of burning"
OF_NOUN = re.compile(r"(?:'s|s'|')?\s+of\s+((?:[\w'/-]+[\s,]*){1,5})", re.I)
# "10/52 after surgery", "6 weeks following her caesarean", "3 days post delivery"
AFTER_EVENT = re.compile(
    r"(?:'s|s')?\s+(?:after|following|post|since|from)\s+((?:[\w'/-]+\s+){0,3}[\w'/-]+)", re.I
)
# words after "of" that stand for the complaint without naming it: "3 weeks of this", "of it"
PRO_FORMS = frozenset({"this", "it", "that", "these", "those", "them", "symptoms", "trouble",
                       "problems", "on", "off", "not", "no", "being", "feeling"})  # fmt: skip
SKIP = frozenset({"a", "an", "the", "my", "his", "her", "their", "our", "your", "its", "this",
                  "that", "some", "constant", "intermittent", "worsening", "increasing",
                  "on-and-off", "on-off", "and"})  # fmt: skip
# words before an aside's bracket that head the complaint's own time ("Duration (3 days)")
TIME_HEADS = frozenset({"complaint", "complaints", "history", "hpi", "onset", "duration",
                        "symptom", "symptoms", "presentation", "presenting", "pc"})  # fmt: skip
# verbs that put a new clause's complaint after a history noun ("pregnancy has had shooting pain")
VERBS = frozenset({"has", "had", "have", "having", "is", "was", "are", "were", "reports",
                   "describes", "complains", "presents", "developed", "develops", "noticed",
                   "notices", "got", "gets", "feels", "felt", "says", "said"})  # fmt: skip
ASIDE = 60  # characters back an open bracket may make an aside
# hL18 (round 18): a count with a singular unit before a noun is that noun's length, an English
# compound modifier ("I do 12 hour nights", "two week holiday", "a 10 hour day on my feet"),
# not how long the complaint has lasted. Said with a plural unit ("12 hours"), or before a word
# that continues a time ("3 day ago", "2 week now", ESL "since 3 day my leg"), it stays a time.
SINGULAR_UNIT = re.compile(
    r"(?<![a-z])(?:hour|hr|day|night|week|wk|fortnight|month|year|yr)$", re.I
)
TIME_PREP = re.compile(r"(?:since|for|from|past|last|over|in|within|x)\b", re.I)
NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b", re.I)
NOT_NOUN = frozenset({"a", "an", "the", "my", "his", "her", "their", "our", "your", "its", "it",
                      "i", "he", "she", "we", "they", "you", "me", "him", "them", "this", "that",
                      "and", "or", "but", "so", "then", "now", "ago", "back", "before", "after",
                      "later", "earlier", "since", "from", "for", "of", "with", "in", "on", "at",
                      "to", "into", "only", "already", "still", "just", "long", "old", "history",
                      "hx", "period", "duration", "x", "is", "was", "are", "were", "has", "have",
                      "had", "be", "been", "no", "not", "plus", "by", "till", "until",
                      "when", "while", "as", "every", "each", "per", "straight", "running",
                      "continuously", "constantly", "almost", "nearly", "about", "approx",
                      "onset", "course", "today", "tonight", "yesterday", "tomorrow", "though",
                      "too", "also", "again", "more", "less", "ish", "left", "right", "both",
                      "off", "any", "some", "what", "which", "where", "who"})  # fmt: skip


@functools.cache
def _lists() -> tuple[WordSet, WordSet, WordSet]:
    """numbers.yaml's complaint words (symptoms and sites), the nouns a time may belong to
    instead (its history anchors, the words before a duration that time something else, and
    `duration_owner_nouns`), and the symptom words alone."""
    data = numbers_data()

    def single(*keys: str) -> WordSet:
        return _word_set([str(w).lower() for k in keys for w in data.get(k, []) if " " not in w])

    return (
        single("duration_complaint_words", "duration_site_words"),
        single("duration_history_anchors", "duration_not_after", "duration_owner_nouns"),
        single("duration_complaint_words"),
    )


def _names(words: list[str], said: WordSet) -> bool:
    """Whether one of `words` is a whole word of `said`, starts with one of its word starts or
    ends with one of its word ends (the whole words in one set test, then a plain loop: no
    generator per call, hN23)."""
    whole, starts, ends = said
    if not whole.isdisjoint(words):
        return True
    for w in words:  # noqa: SIM110 (the generator is what this avoids)
        if w.startswith(starts) or (ends and w.endswith(ends)):
            return True
    return False


def _words(span: str) -> list[str]:
    return [w.lower().strip("'-") for w in _WORD.findall(span)]


def attached(text: str, start: int, end: int) -> bool | None:
    """Whose time text[start:end] is by its own words: False when they attach it to the
    complaint ("two years of burning"), True when to something else ("at 26 weeks", "26 weeks
    of pregnancy", "10/52 after surgery", an aside about a non-complaint), None when they do
    not say."""
    complaint, owners, _ = _lists()
    if AT_POINT.search(text, max(0, start - 30), start):
        return True
    if (
        SINGULAR_UNIT.search(text, start, end)
        and not TIME_PREP.match(text, start)  # "from last one week erection is not coming"
        and (noun := NEXT_WORD.match(text, end))
    ):
        word = noun.group(1).lower()
        if len(word) > 2 and word not in NOT_NOUN and not _names([word], complaint):
            return True  # "12 hour nights": the nights' length
    of = OF_NOUN.match(text, end)
    if of is not None:
        said = _words(of.group(1))[:5]
        head = [w for w in said if w not in SKIP][:3]
        if _names(said[:4], complaint):
            return False
        if head and head[0] not in PRO_FORMS and _names(head[:2], owners):
            return True
    after = AFTER_EVENT.match(text, end)
    if after is not None and not _names(_words(text[max(0, start - 30) : start])[-3:], complaint):
        # "10/52 after surgery", but "swollen calf x 4 days after a long drive" is the calf's
        said = [w for w in _words(after.group(1)) if w not in SKIP][:2]
        if _names(said, owners) and not _names(said, complaint):
            return True
    return _aside_elsewhere(text, start, complaint)


def _aside_elsewhere(text: str, start: int, complaint: WordSet) -> bool | None:
    """True when text[start] is inside a bracketed aside whose own words and the words before
    its bracket name no complaint ("spinal cord injury (motorbike, 4 years ago)")."""
    before = text[max(0, start - ASIDE) : start]
    opened = before.rfind("(")
    if opened < 0 or ")" in before[opened:]:
        return None
    head = _words(before[max(0, opened - 40) : opened])[-4:]
    inside = _words(before[opened:])
    if not head or set(head + inside) & TIME_HEADS:
        return None
    if _names(head + inside, complaint):
        return None
    return True


def after_symptom(said: list[str], anchors: WordSet) -> list[str]:
    """`said` without the words up to its last symptom word when a verb stands between the last
    history noun before it and that symptom word: the noun next before a duration is whose time
    it is ("at 26 weeks of pregnancy has had shooting pain for 10 days": the pain's). A symptom
    word in the noun's own phrase ("sugar problem since 10 years", "pramipexole for restless
    legs for 3 years", "had a cold 2 weeks ago") leaves the noun's time its own."""
    symptom = _lists()[2]
    last = max((i for i, w in enumerate(said) if _names([w], symptom)), default=-1)
    noun = max((i for i, w in enumerate(said[:last]) if _names([w], anchors)), default=-1)
    if last < 0 or noun < 0 or not VERBS & set(said[noun + 1 : last]):
        return said
    return said[last + 1 :]
