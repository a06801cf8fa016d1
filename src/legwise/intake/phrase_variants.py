"""Other ways to write a phrase of the phrase lists, matched as the phrase itself: without its
apostrophes, without its articles, with a bare verb's -s, in the other spelling. Added to the
phrase tables once, when `legwise.intake.phrase_pipeline` builds its matcher; a form either
table already holds keeps its own targets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from legwise.intake.agreement import agreed_phrase
from legwise.intake.spellings import other_spellings

ARTICLES = frozenset({"the", "a", "an"})
Table = dict[str, list[Any]]  # a lower-cased phrase -> its targets


def add_variants(own: Table, extra: Table) -> None:
    """Every written variant below of each phrase of `own` and `extra`, in place."""
    # Phone typing drops apostrophes ("cant feel", "isnt swollen", "ive lost weight"): every
    # phrase with one is also matched without it (spaCy splits "cant" as "ca nt", like "ca n't").
    _add(own, extra, lambda key: (key.replace("'", ""),))
    # Non-native and telegraphic writers drop articles ("pain in morning", "hanging leg over side
    # of bed", "tired all time"; round 10: dropping them changed 19% of dev lay readings): a
    # phrase with "the", "a" or "an" is also matched without them, when two words are left
    _add(own, extra, _without_articles)
    # a phrase with a bare verb also with its -s form (`intake.agreement`, hL11)
    _add(own, extra, lambda key: (agreed_phrase(key),))
    # British and American spellings (knowledge/intake/spellings.yaml): each phrase in both (hG)
    _add(own, extra, other_spellings)


def _add(own: Table, extra: Table, variants: Callable[[str], Iterable[str | None]]) -> None:
    """Each phrase of both tables also under its `variants`, with the same targets, where
    neither table holds that form yet (in table order: a form added first wins)."""
    for table in (own, extra):
        for key, targets in list(table.items()):
            for other in variants(key):
                if other is not None and other != key and other not in own and other not in extra:
                    table[other] = list(targets)


def _without_articles(key: str) -> tuple[str | None]:
    """The phrase without "the", "a" and "an", when it has one and two words are left."""
    words = key.split()
    if len(words) < 3 or ARTICLES.isdisjoint(words):
        return (None,)
    bare = " ".join(w for w in words if w not in ARTICLES)
    return (bare if len(bare.split()) >= 2 else None,)
