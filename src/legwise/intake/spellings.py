"""British and American spellings of the phrase lists' words (`knowledge/intake/spellings.yaml`):
every phrase is also matched in the other spelling ("pitting oedema" <-> "pitting edema"), so
neither list needs both. Used by `legwise.intake.phrase_pipeline` when it builds its matcher.
"""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def spelling_pairs() -> tuple[tuple[str, str], ...]:
    """(British, American) word parts from `knowledge/intake/spellings.yaml`."""
    import yaml

    path = resources.files("legwise").joinpath("knowledge", "intake", "spellings.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple((str(b).lower(), str(a).lower()) for b, a in (data.get("pairs") or {}).items())


def other_spellings(phrase: str) -> set[str]:
    """The phrase in the other spelling: its British word parts American, or its American
    ones British ("pitting oedema" <-> "pitting edema"); empty when it has none."""
    words = phrase.split(" ")
    if not any(map(_has_part, words)):
        return set()  # most phrases: a cached test per word, no join
    out = {" ".join(_swapped(w, True) for w in words), " ".join(_swapped(w, False) for w in words)}
    out.discard(phrase)
    return out


@functools.cache
def _has_part(word: str) -> bool:
    """The word holds a word part of either spelling."""
    return _swapped(word, True) != word or _swapped(word, False) != word


@functools.cache
def _swapped(word: str, to_american: bool) -> str:
    """One word with its first listed part swapped. Cached: the 600,000 phrases the matcher
    is built from hold a few thousand distinct words, and a swap walks every pair (this was
    most of the text reader's start-up time)."""
    pairs = spelling_pairs() if to_american else tuple((a, b) for b, a in spelling_pairs())
    for old, new in pairs:  # not back over a form already swapped ("edem" in "oedema")
        if old in word and not (len(new) > len(old) and new in word):
            return word.replace(old, new)
    return word
