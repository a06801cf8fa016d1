"""Where the sentence or clause holding a position starts.

Many readers look back from a reading to the start of its sentence (or clause) to judge what
it is said of. They differ only in which characters end one: a Wells form's cells also end at
"," and "|", and a past-history sentence only at "." ";" and a line break. One function keeps
that look-back the same everywhere.
"""

from __future__ import annotations

SENTENCE_STOPS = ".;!?\n"


def clause_start(text: str, at: int, stops: str = SENTENCE_STOPS) -> int:
    """The index just after the last of `stops` before `at` in `text` (0 when there is none)."""
    return max(text.rfind(c, 0, at) for c in stops) + 1
