"""Surface forms that carry no meaning, read away before a text is read (issue 12: outside
writers type on phones, with extra spaces and tabs, without capitals or apostrophes, with
number words). Each step is a cheap pass (a substring test, a compiled regex) with a way back
to the text as given, so every span still points at the words as written.

`squeeze`: extra spaces and tabs make spaCy tokens of their own that break a phrase ("calf
  swollen"), count as words between a cue and what it denies ("no  swelling") and defeat
  the number patterns ("  F/50"). Runs of them become one space (none at the start); line
  breaks are kept (they end a list item).
"""

from __future__ import annotations

import dataclasses
import re

from legwise.intake.result import Extracted, TextResult

_BLANKS = re.compile(r"^[ \t]+|[ \t]{2,}|\t")


def squeeze(text: str) -> tuple[str, list[int] | None]:
    """`text` with every run of spaces and tabs made one space (none at the start), and each
    of its characters' offset in `text` (one more at the end); None when nothing changed (the
    common case: no double space, no tab, no leading space)."""
    if "  " not in text and "\t" not in text and text[:1] != " ":
        return text, None
    parts: list[str] = []
    pos: list[int] = []
    last = 0
    for m in _BLANKS.finditer(text):
        parts.append(text[last : m.start()])
        pos.extend(range(last, m.start()))
        if m.start() > 0:
            parts.append(" ")
            pos.append(m.start())
        last = m.end()
    parts.append(text[last:])
    pos.extend(range(last, len(text) + 1))
    return "".join(parts), pos


def spans_back(res: TextResult, text: str, pos: list[int]) -> TextResult:
    """A result read from `squeeze(text)` with every span pointing into `text` again."""
    items = [
        Extracted(i.finding, i.value, a, b, text[a:b], i.rule)
        for i in res.items
        for a, b in [(pos[i.start], pos[i.end - 1] + 1 if i.end > i.start else pos[i.start])]
    ]
    return dataclasses.replace(res, items=tuple(items))
