"""Where a clause ends in run-on text without punctuation, for the reach of a ConText cue
(issue 12, hG): a phone message ("im not having fever i am diabetic", "no diabetes legs feel
heavy") has no full stop or comma to stop a negation, so a new subject, a longer phrase right
after a whole one, or a past-tense verb with its "I" left out ends the clause instead.
`legwise.intake.cues` asks `new_clause` before letting a cue reach a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legwise.intake.parsed import Parsed, Phrase

# Run-on text without punctuation (a phone message: "im not having fever i am diabetic",
# "never been on the pill my feet burn at night"): a subject word after any word but one that
# takes it ("think my", "in my", "move my", "and i") starts a new clause, which a negation,
# hedge or past cue before it does not cross (hG).
SUBJECTS = frozenset({"i", "he", "she", "we", "they", "my", "his", "their", "our", "it", "there"})
SUBJECT_VERBS = frozenset({"'s", "is", "was", "'m", "am", "'ve", "have", "has", "'re", "are"})
LINKS = frozenset({"in", "on", "at", "of", "to", "for", "with", "from", "by", "about", "into",
                   "onto", "down", "up", "behind", "under", "over", "around", "near", "off",
                   "like", "than", "as", "after", "before", "through", "across", "below",
                   "above", "along", "between", "inside", "and", "or", "nor", "but", "if",
                   "that", "when", "whether", "where", "what", "how", "because", "cos", "bc",
                   "think", "thought", "feel", "felt", "say", "said", "says", "know", "knew",
                   "believe", "reckon", "guess", "notice", "noticed", "see", "saw", "seen",
                   "remember", "mean", "suppose", "hope", "sure", "realise", "realised",
                   "realize", "realized", "tell", "told", "let", "make", "made", "move",
                   "lift", "bend", "touch", "use", "hurt", "broke", "break", "twist",
                   "twisted", "injured", "bang", "banged", "knock", "knocked", "cut", "put",
                   "keep", "hold", "straighten", "wiggle", "get", "got",
                   "give", "take", "do", "does", "did", "is", "was", "are", "were", "am",
                   "have", "has", "had", "can", "could", "will", "would", "should", "may",
                   "might", "must", "ca", "wo", "n't", "any", "all", "without", "denies",
                   "denied", "deny", "absence",
                   "both", "either", "neither", "whole", "the", "a", "an", "only",
                   "just", "even", "also", "since", "until", "while", "whereas", "though",
                   "although", "who", "which", "whose", "hurts", "affect", "affects",
                   "affecting", "bother", "bothers", "bothering", "wake", "wakes", "waking",
                   "keeps", "kept", "stop", "stops", "stopped", "help", "helps"})  # fmt: skip


# A past-tense verb that opens a phone message's clause with its "I" left out
STARTERS = frozenset({"felt", "woke", "got", "went", "fell", "twisted", "broke", "started",
                      "noticed", "took", "came", "tripped", "slipped", "flew",
                      "drove"})  # fmt: skip
SOFT = frozenset({"really", "rly", "just", "ever", "even", "recently", "also", "never", "not",
                  "no", "still", "only", "maybe", "probably", "i", "we", "he", "she",
                  "they"})  # fmt: skip
ENDING_NO = frozenset({"no", "not", "never", "nope", "nah"})  # "im not my feet burn"
ARTICLES = frozenset({"a", "an", "the", "this", "these", "some"})
# A longer phrase that opens on a preposition of time or place goes on with the words before
# it ("i don't get cramps at night", "no swelling in the mornings"): the same clause, so a
# negation or past cue before them reaches it (hL9, issue 12 round 9)
GOES_ON = frozenset({"at", "in", "on", "during", "by", "through", "overnight", "after",
                     "before", "every", "most", "first", "from", "into", "towards", "toward",
                     "until", "till", "all", "throughout"})  # fmt: skip
# A person word right before a cue that follows a phrase is the cue's own subject ("aches most
# nights she is fine by breakfast", "calf swollen i am not diabetic"): the cue says nothing of
# the phrase before it; "it" and "they" may name the phrase again ("the cramps they are gone")
PERSONS = frozenset({"i", "i'm", "im", "he", "she", "we", "you", "he's", "she's"})


# hT14 (round 14): after the determiner "no" an adjective cannot end the noun phrase: "no
# unilateral leg swelling", "no nocturnal bone pain", "no mottled limb" deny the noun the
# adjective leads (a one-word phrase with an adjective's ending: "no sudden pop in the calf");
# "no diabetes legs feel heavy"
# still starts a new clause after the noun.
DETERMINER_NO = frozenset({"no", "nil", "without"})
ADJECTIVE_END = re.compile(r"(?:al|ar|ous|ic|ive|ed|en|ful|less|ary)$")


def _attributive(words: list[str], q: Phrase) -> bool:
    return (
        q.end - q.start == 1 and q.end < len(words) and bool(ADJECTIVE_END.search(words[q.start]))
    )


def new_clause(
    p: Parsed, start: int, ent: Phrase, opener: bool, list_goes_on: Callable[[Parsed, Phrase], bool]
) -> bool:
    """Whether a run-on text starts a new clause between a cue ending at `start` and the
    phrase: a subject word after a word that does not take it (SUBJECTS, LINKS), or a whole
    matched phrase followed by a longer one, as after a bare comma ("no diabetes legs feel
    heavy" reads as "no diabetes, legs feel heavy"; not in a list that goes on to an "or"
    item, nor after "denies": `legwise.intake.cues._reaches`)."""
    words = p.words
    for i in range(start, min(ent.start + 1, len(words) - 1)):  # "... he's lost weight"
        w = words[i]
        if (
            w in SUBJECTS
            and (words[i - 1] in ENDING_NO if i == start else words[i - 1] not in LINKS)
            and (w not in ("it", "there") or words[i + 1] in SUBJECT_VERBS)
        ):
            return True
        if w in STARTERS and i > start and words[i - 1] not in LINKS and words[i - 1] not in SOFT:
            return True  # "no meds no health probs felt a pop in my calf": "I" left out
    if opener:
        return False
    ends = {q.end for q in p.phrases if start <= q.start and q.end <= ent.start}
    if words[start - 1] in DETERMINER_NO:  # "no unilateral leg swelling" (hT14)
        ends -= {q.end for q in p.phrases if start <= q.start and _attributive(words, q)}
    if not ends:
        return False
    ends |= {e + 1 for e in ends if words[e] in ARTICLES}  # "not diabetic a toe ulcer"
    # a longer phrase right after a whole phrase, the target or one between them: the cue's
    # reach ends before it ("not diabetic burning feet with numbness": nor the numbness after
    # it; not "no swelling in one leg")
    return any(
        q.start in ends
        and q.end - q.start > 1
        and (q is ent or q.end <= ent.start)
        and words[q.start] not in GOES_ON
        for q in p.phrases
        if start < q.start <= ent.start
    ) and not list_goes_on(p, ent)


def qualifies_before(p: Parsed, start: int, ent: Phrase) -> bool:
    """Whether the phrase `ent` opens on a preposition right after a whole phrase that lies
    after a cue ending at `start` ("no cramps at night", "used to get cramps at night"): it
    says when or where of that phrase, so the cue that reaches both says nothing of `ent` on
    its own (not taken: not "no pain at night"), (hL9)."""
    if ent.start <= start or p.words[ent.start] not in GOES_ON:
        return False
    return any(start <= q.start and q.end == ent.start for q in p.phrases if q is not ent)
