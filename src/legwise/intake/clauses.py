"""Where the sentence or clause holding a position starts.

Many readers look back from a reading to the start of its sentence (or clause) to judge what
it is said of. They differ only in which characters end one: a Wells form's cells also end at
"," and "|", and a past-history sentence only at "." ";" and a line break. One function keeps
that look-back the same everywhere.

Several readers also walk a text's sentences (a run of characters none of which ends one):
`sentence_spans` gives them, worked out once per text and shared (the readers of one text ask
for them in turn), and `sentence_at` the one that holds a position.
"""

from __future__ import annotations

import re
from bisect import bisect_right

SENTENCE_STOPS = ".;!?\n"
SENTENCE = re.compile(r"[^.;!?\n]+")
Spans = tuple[tuple[int, int], ...]
_last: tuple[str, Spans, tuple[int, ...]] = ("", (), ())  # the last text, its spans, their ends


def _split(text: str) -> tuple[str, Spans, tuple[int, ...]]:
    global _last
    last = _last  # one read: another thread may replace it (the triple stays whole)
    if last[0] is not text:
        spans = tuple(m.span() for m in SENTENCE.finditer(text))
        last = _last = (text, spans, tuple(e for _, e in spans))
    return last


def sentence_spans(text: str) -> Spans:
    """The (start, end) of each sentence of `text`: `[m.span() for m in SENTENCE.finditer(text)]`,
    made once for the text the readers are on."""
    return _split(text)[1]


def sentence_at(text: str, at: int) -> int:
    """The index in `sentence_spans(text)` of the sentence holding position `at`, or -1 (`at`
    on a stop, or past the text)."""
    _, spans, ends = _split(text)
    k = bisect_right(ends, at)  # the first sentence that ends after `at`
    return k if k < len(spans) and spans[k][0] <= at else -1


def clause_start(text: str, at: int, stops: str = SENTENCE_STOPS) -> int:
    """The index just after the last of `stops` before `at` in `text` (0 when there is none)."""
    return max(text.rfind(c, 0, at) for c in stops) + 1
