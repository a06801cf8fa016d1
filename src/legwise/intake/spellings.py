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
    pairs = spelling_pairs()
    out = {_swap(phrase, pairs), _swap(phrase, tuple((a, b) for b, a in pairs))}
    out.discard(phrase)
    return out


def _swap(phrase: str, pairs: tuple[tuple[str, str], ...]) -> str:
    words = []
    for word in phrase.split(" "):
        for old, new in pairs:  # not back over a form already swapped ("edem" in "oedema")
            if old in word and not (len(new) > len(old) and new in word):
                word = word.replace(old, new)
                break
        words.append(word)
    return " ".join(words)
