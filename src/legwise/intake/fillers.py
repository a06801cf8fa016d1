"""Phrases said with a filler word inside them: "can't even walk on it", "cant rly put weight
on it", "my calf is actually really swollen".

People pad a phrase with intensifiers and fillers that do not change what it says; a literal
phrase list ("can't walk on it") then misses it, and a negation inside the padded phrase
("can't ... really") is left free to reach the next clause ("... flew back from Spain"). Here,
only when a text holds such a word, the phrase matcher is run once more over the words without
them, and each phrase found across a dropped word is mapped back to the words as written. The
fillers (FILLERS) are words that never carry a finding or a cue of their own.
"""

from __future__ import annotations

from typing import Any

# Intensifiers and fillers that add nothing to what a phrase says. Not "not", "no", "just"
# ("just at night" is a time), "so" (ends a clause), "still" (a time), "barely" or "hardly"
# (each half a negation).
FILLERS = frozenset({"really", "rly", "realy", "reallly", "even", "actually", "literally",
                     "properly", "totally", "truly", "honestly", "genuinely", "quite",
                     "pretty", "very", "awfully", "terribly", "kinda",
                     "sorta"})  # fmt: skip


def filler_phrases(
    doc: Any, words: list[str], matcher: Any, labels: dict[int, tuple[str, str]]
) -> list[tuple[int, int, str, str]]:
    """Phrases (start, end, label, key) found only once the fillers among `words` (the doc's
    lower-cased, respelled tokens) are left out; [] when the text has none (the common case:
    one set test). A phrase must hold a dropped word inside it (one found without that is
    found already) and must not start or end on one."""
    if FILLERS.isdisjoint(words):
        return []
    keep = [i for i, w in enumerate(words) if w not in FILLERS]
    if len(keep) == len(words) or not keep:
        return []
    from spacy.tokens import Doc

    short = Doc(doc.vocab, words=[doc[i].text for i in keep])
    out = []
    for key, s, e in matcher(short):
        a, b = keep[s], keep[e - 1] + 1
        if b - a != e - s:  # a filler lies inside: "can't even walk"
            out.append((a, b, *labels[key]))
    return out
