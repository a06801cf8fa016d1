"""Spoken punctuation in a dictated Wells note (hW12, issue 12 round 12): "Collateral veins no full
stop. Paresis or cast no full stop", "Active cancer yes comma she is on capecitabine", "Wells
score new line".

A dictation left unread says its punctuation as words, so a label's answer ("no") is not seen to
end its item and the checklist readers miss it. For the Wells readers only, and only in a text
that says two or more of them, each is written as its mark with blanks after it (the same
length, so every offset stays): "full stop" -> ".", "comma" -> ",", "colon" -> ":", "new line" /
"new paragraph" / "next line" -> a line break. A reading rule only.
"""

from __future__ import annotations

import re

SPOKEN = re.compile(
    r"\b(?:(?P<stop>full\s+stop)|(?P<comma>comma)|(?P<colon>colon)"
    r"|(?P<line>new\s+line|new\s+paragraph|next\s+line))\b",
    re.I,
)
MARKS = {"stop": ".", "comma": ",", "colon": ":", "line": "\n"}


def spoken_marks(text: str) -> str:
    """`text` with its spoken punctuation written as marks (same offsets), when it says two or
    more; else `text`."""
    low = text.lower()
    if "comma" not in low and "stop" not in low and "line" not in low:
        return text
    found = list(SPOKEN.finditer(text))
    if len(found) < 2:
        return text
    out, last = [], 0
    for m in found:
        mark = MARKS[str(m.lastgroup)]
        out += [text[last : m.start()], mark, " " * (m.end() - m.start() - 1)]
        last = m.end()
    return "".join([*out, text[last:]])
