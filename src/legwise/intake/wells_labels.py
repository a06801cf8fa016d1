"""The Wells item label patterns and which item a piece of text names, asked once per string.

Split from `legwise.intake.wells_checklist` (hW23, round 23: speed, issue 12). Some twenty
Wells readers ask which item a label, a cell, a listed piece or a clause names, each by trying
the ten label patterns in turn (`active_cancer`, whose "ca" is too short to gate, is searched
with IGNORECASE every time). The same strings are asked again and again: by several readers of
one text ("Active cancer" is a checklist line, a table cell and a listed piece) and by the next
note of the same template. So the answer is kept per string: the patterns are pure functions of
the string, and the answer is the first label (in `LABELS` order) whose pattern finds a match,
exactly as `next((i for i, p in LABELS if p.search(s)), None)` gives it.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import yaml

from legwise.intake.folded_re import gated

# enough for the labels of many notes; a string is short (a label, a cell, a piece of a list)
CACHED = 2048


@functools.cache
def _wells_data() -> dict[str, Any]:
    path = resources.files("legwise").joinpath("knowledge", "intake", "wells.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


# a word of a camelCase key starts at its capital too ("ActiveCancer", "PreviousDVT": hW12)
CAMEL = r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"
LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (str(x["item"]), gated(str(x["pattern"]).replace(r"\b", CAMEL), re.I))
    for x in _wells_data()["labels"]
)


@functools.lru_cache(maxsize=CACHED)
def named_item(words: str) -> str | None:
    """The first item (in `LABELS` order) whose label pattern finds a match in `words`."""
    for item, pattern in LABELS:
        if pattern.search(words):
            return item
    return None


@functools.lru_cache(maxsize=CACHED)
def named_items(words: str) -> frozenset[str]:
    """Every item whose label pattern finds a match in `words`."""
    return frozenset(item for item, pattern in LABELS if pattern.search(words))
