"""`legwise.intake.fast_re.fast` only makes a pattern faster: it never changes what it finds.

The intake's slowest patterns are compiled with a lookahead for their first characters, worked
out from each pattern; a wrong first-character set would silently drop an age, a duration or a
Wells reading. Each property below holds the fast pattern and the plain one side by side on
texts built from the words and signs the patterns are made of.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import (
    age_words,
    exam_measures,
    numbers,
    people,
    sections,
    wells,
    wells_timing,
    wells_windows,
)
from legwise.intake.fast_re import fast

# the patterns compiled with `fast`, each as the plain pattern it stands for
FAST = [
    numbers.UNIT_WORD,
    numbers.AFTER_EVENT,
    numbers.DURATIONS[0],
    numbers.DURATIONS[1],
    numbers.DURATIONS[3],
    exam_measures.TEMPERATURE,
    exam_measures.CALF_PAIR,
    age_words.AGE_SELF,
    people.PRONOUN,
    sections.REMOTE,
    wells.CLOT_MORE,
    wells.MAY_ANSWER,
    wells_windows.CANCER_REMOTE,
    wells_timing.OPERATION,
    wells_timing.TIME_BEFORE,
    wells_timing.AFTER,
    exam_measures.CALF_MORE,
]
WORDS = ["I'm", "i am", "aged", "54", "3", "2.5", "a few", "two", "Eight", "years", "yrs",
         "weeks", "days", "h", "ago", "back", "since", "a", "the", "after", "post", "surgery",
         "op", "T", "temp", "38.4", "C", "r", "L", "calf", "he", "She", "his", "DVT", "clot",
         "more", "likely", "than", "alt", "probable", "in", "remission", "treated", "2009",
         "as", "a child", "last", "year", "\u017f", "\u212a"]  # fmt: skip
SEPARATORS = [" ", "  ", ", ", ".", ". ", ":", "\n", "-", "/", "(", ")", ""]
TEXTS = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=14
).map(lambda parts: "".join(w + s for w, s in parts))


def _plain(p: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without the lookahead `fast` put in front of it."""
    m = re.fullmatch(r"\(\?=\[[^\]]*\]\)\(\?:(.*)\)", p.pattern, re.S)
    assert m is not None, f"{p.pattern[:60]!r} was not made faster"
    return re.compile(m.group(1), p.flags)


def _found(p: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in p.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_fast_patterns_find_what_the_plain_ones_find(text: str) -> None:
    for p in FAST:
        assert _found(p, text) == _found(_plain(p), text), p.pattern[:60]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(?:ab|cd)?ef", re.I),  # an optional start: its next word counts too
        (r"(?-i:[YN])\b|\s(?:yes|no)", re.I),
        (r"(?<![\w/.])(\d+|one|two)\s*days?", 0),
    ],
)
@given(text=st.text(alphabet="abcdefYNyn ots12w/.\u017f", max_size=30))
def test_first_characters_cover_every_start(pattern: str, flags: int, text: str) -> None:
    assert _found(fast(pattern, flags), text) == _found(re.compile(pattern, flags), text)


@pytest.mark.parametrize("pattern", ["a*b?", r".x", r"[^a]x", r"(?i:ab)c", r"(?:a|.)b"])
def test_patterns_whose_start_cannot_be_told_stay_as_they_are(pattern: str) -> None:
    assert fast(pattern).pattern == pattern
