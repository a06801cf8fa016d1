"""Capitals that start no sentence, in a text without full stops (issue 12, hL19, round 19).

`intake.surface` puts a full stop before a capitalised word after a lower-case one when a text
has no full stop at all (a phone message: "calf swollen Not tender"). Some writers capitalise
words at random or by habit: an elderly person's slow typing ("my Right Leg has a Sore on the
Ankle for 4 Months"), a writer whose first language capitalises nouns, a phone that capitalises
after a pause. There the stop cut phrases in two ("like. Pins and Needles", "in the. Feet") and
nothing was read. A capital cannot start a sentence after a word that cannot end one: an
article or possessive, a preposition, a conjunction, an auxiliary or "not" ("the Feet", "like
Pins", "will Not Heal", "and Both Ankles"). And once a text shows that habit twice, its
capitals say nothing of sentences, so only a capitalised subject ("She", "My", "It") still
starts one there.
"""

from __future__ import annotations

import re
from functools import lru_cache

# words that cannot end a sentence: what follows them belongs to their sentence
HEADS = frozenset({
    "the", "a", "an", "my", "his", "her", "your", "our", "their", "its", "this", "these",
    "those", "every", "each", "both", "either", "some", "any", "of", "in", "on", "at", "to",
    "for", "with", "from", "by", "into", "onto", "like", "than", "as", "about", "under", "over",
    "behind", "round", "around", "near", "past", "between", "and", "or", "nor", "but", "because",
    "if", "when", "while", "is", "are", "was", "were", "am", "be", "been", "being", "have",
    "has", "had", "will", "would", "can", "could", "should", "must", "may", "might", "do",
    "does", "did", "not", "very", "really", "quite", "so", "too", "feel", "feels", "felt",
    "gets", "get", "got", "go", "goes", "went", "gone", "keeps", "puts", "put", "take", "takes",
})  # fmt: skip
# capitalised words that start a sentence even in such a text
SUBJECTS = frozenset({
    "i", "he", "she", "it", "we", "they", "my", "his", "her", "our", "their", "there", "this",
    "that", "then", "now", "but", "also", "yesterday", "today", "tonight", "last",
})  # fmt: skip
_HABIT = re.compile(r"\b([A-Za-z]+) (?-i:[A-Z][a-z]+)\b")
_PREVIOUS = re.compile(r"([A-Za-z']+)\s*$")
_NEXT = re.compile(r"\s*([A-Za-z']+)")


@lru_cache(maxsize=16)
def capitalises_words(text: str) -> bool:
    """True when two or more capitalised words follow a word that cannot end a sentence: the
    writer's capitals mark words, not sentence starts."""
    seen = 0
    for m in _HABIT.finditer(text):
        if m.group(1).lower() in HEADS:
            seen += 1
            if seen >= 2:
                return True
    return False


def starts_sentence(text: str, at: int, habit: bool) -> bool:
    """Whether the capitalised word after `at` (the end of a lower-case word) starts a
    sentence; `habit` is `capitalises_words(text)`."""
    before = _PREVIOUS.search(text, max(0, at - 20), at)
    if before is not None and before.group(1).lower() in HEADS:
        return False
    if not habit:
        return True
    after = _NEXT.match(text, at)
    return after is not None and after.group(1).lower() in SUBJECTS
