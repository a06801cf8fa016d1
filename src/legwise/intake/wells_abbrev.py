"""Abbreviated Wells item labels (hW11, issue 12 round 11): "Tend Y", "Pit Y", "Coll Y",
"Calf3 Y", "WholeLeg N", "Par/POP N", "Imm/Sx N", "PrevDVT N", "AltDx N".

A label is cut into words at blanks, "/", "&", "+", "-", digits and camelCase joins. A word that
is the start (3+ letters) of an item's key word names that item ("Tend" of "tenderness", "Imm"
of "immobilisation"); a whole clinical short form names its item ("Sx", "POP"). The label names
an item when its words name that one item only, the others being short words of no item ("leg",
"DVT", "dx") or numbers. The words are data: knowledge/intake/wells.yaml `item_words`,
`abbreviations`.
"""

from __future__ import annotations

import functools
import re

from legwise.intake.wells_checklist import _wells_data

_DATA = _wells_data()
WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
PREFIX = 3  # letters of a key word's start that name it ("Tend", "Pit", "Imm")
FREE = 4  # a word this short that names no item may stand in a label ("leg", "DVT", "dx")


@functools.cache
def _key_words() -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(w).lower(), item) for item, words in _DATA["item_words"].items() for w in words
    )


@functools.cache
def _short_forms() -> dict[str, str]:
    return {str(w).lower(): item for item, words in _DATA["abbreviations"].items() for w in words}


def _word_item(word: str) -> str | None:
    low = word.lower()
    if low in _short_forms():
        return _short_forms()[low]
    if len(low) < PREFIX:
        return None
    named = {item for key, item in _key_words() if key.startswith(low)}
    return named.pop() if len(named) == 1 else None


# what may follow a key word's start in one lower-case joined word: "wholeleg", "altdx", "prevdvt"
TAILS = ("leg", "legs", "dx", "dvt", "vte", "cm", "diff", "veins", "vein")


def _joined_item(word: str) -> str | None:
    """The item of a joined lower-case word: a key word's start, then a tail ("wholeleg")."""
    low = word.lower()
    for tail in TAILS:
        if low.endswith(tail) and len(low) - len(tail) >= PREFIX:
            return _word_item(low[: -len(tail)])
    return None


def abbreviated(label: str) -> str | None:
    """The item an abbreviated label names ("PrevDVT", "Imm/Sx", "Tend"), or None."""
    words = WORD.findall(label)
    if not words or len(words) > 4:
        return None
    named = set()
    for word in words:
        item = _word_item(word) or _joined_item(word)
        if item is None and len(word) > FREE:
            return None  # a longer word of no item: a phrase, not a label
        if item is not None:
            named.add(item)
    return named.pop() if len(named) == 1 else None
