"""A denial without its auxiliary, as non-native writers put it, read as standard English
(hL17, issue 12 round 17).

Why: many first languages deny a verb with a particle alone, and writers carry that into
English: "She not feel her feet good", "he no walk since two days", "the wound not close",
"I not sleep good". The phrase lists and the composition lexicon hold the standard forms
("doesn't feel her feet", "don't sleep"), so such a text lost its finding, or read it present
where a dropped "not" was all that was left. `legwise.intake.surface` puts the auxiliary in
("she doesn't feel", "I don't sleep") before anything is read, one match for one, right after
a subject pronoun or a singular subject of `knowledge/intake/grammar_lay.yaml` and before a
bare verb of the reviewed list below; a question or a modal before the subject keeps the
words ("does she not feel", "why can he not walk"). A reading rule only: no clinical fact.
"""

from __future__ import annotations

import re

from legwise.intake.agreement import _grammar

# bare verbs a denial of this shape is said with (the verbs of a leg complaint, and of daily
# life that a complaint stops)
VERBS = ["feel", "walk", "sleep", "stand", "move", "close", "heal", "go", "come", "get", "put",
         "bear", "pass", "have", "want", "know", "lift", "bend", "eat", "drink", "stop", "wake",
         "sit", "lie", "climb", "take", "use", "work", "reach", "hold", "help", "improve",
         "change", "smoke", "speak", "notice", "remember", "bleed", "hurt", "swell"]  # fmt: skip
_PLURAL = frozenset({"i", "we", "they", "you", "legs", "feet", "toes", "calves", "knees"})
_BLOCKERS = frozenset({"do", "does", "did", "can", "could", "will", "would", "should", "may",
                       "might", "must", "why", "how", "to", "if"})  # fmt: skip


def piece() -> str:
    """The regex piece for `surface`: a subject, "not" or "no", and a bare verb after."""
    subjects = sorted({*_grammar()[0], *_PLURAL} - {"this", "nothing", "something",
                                                    "everything", "anything"})  # fmt: skip
    return (
        rf"\b(?P<auxsubj>{'|'.join(map(re.escape, subjects))})\s+(?P<aux>not|no)"
        rf"(?=\s+(?:{'|'.join(VERBS)})\b)"
    )


WORDS = frozenset({"not", "no"})


def with_aux(m: re.Match[str]) -> str:
    """The subject with "doesn't" / "don't" for the bare "not"; as written after a question
    word or a modal."""
    before = m.string[max(0, m.start() - 12) : m.start()].split()
    if before and before[-1].lower() in _BLOCKERS:
        return m.group()
    subject = m.group("auxsubj")
    aux = " don't" if subject.lower() in _PLURAL else " doesn't"
    return subject + (aux.upper() if m.group("aux").isupper() else aux)  # a text in capitals
