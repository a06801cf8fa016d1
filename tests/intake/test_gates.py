"""The cheap checks that let the number readers skip a costly pattern never hide a match.

`legwise.intake.people.GATES` and the time-unit check in `legwise.intake.numbers` exist only
for speed: a text where the gate finds nothing must be one the pattern cannot match, or an age,
a sex or a duration would go unread. Texts here are built from the words and signs these
patterns are made of, so that matches are common and every gate is put to the test.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from legwise.intake import numbers
from legwise.intake.people import GATES

NUMBERS = ["54", "7", "100", "3", "2.5", "a", "two", "a few"]
SEPARATORS = [
    "",
    " ",
    "  ",
    ",",
    ", ",
    "/",
    " / ",
    "-",
    ".",
    ". ",
    ":",
    ": ",
    "\n",
    "(",
    ")",
    " x ",
]
AGE_WORDS = ["y", "Y", "yo", "y/o", "y.o.", "year", "years", "yrs", "old", "-year-old", "I'm",
             "im", "I am", "i am", "age", "aged", "Aged:", "M", "F", "m", "f", "man", "woman",
             "female", "Male", "WOMAN", "my son", "boy", "lady", "Ex-smoker", "she is",
             "he's"]  # fmt: skip
TIME_WORDS = ["day", "days", "Days", "week", "wks", "hours", "hrs", "h", "night", "months",
              "mo", "years", "yr", "fortnight", "ago", "of", "history", "now", "for", "since",
              "over", "the last", "past", "after", "post", "following", "surgery",
              "laparotomy", "bed rest", "bedridden", "immobile", "before", "admission",
              "onset", "7", "52", "12"]  # fmt: skip


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    """Word, separator, number, separator, word, between a few more words and signs: the
    shapes these patterns read ("I am 54", "50, female", "3 weeks ago", "bed rest x 4 days")."""
    word, sep, number = (
        st.sampled_from(words),
        st.sampled_from(SEPARATORS),
        st.sampled_from(NUMBERS),
    )
    around = st.lists(st.one_of(word, sep, number), max_size=4).map("".join)
    return st.tuples(around, word, sep, number, sep, word, sep, word, around).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_texts(AGE_WORDS))
@example("Female, 54.")
@example("F/50, calf pain")
@example("Ex-smoker, 70.")
@example("I am 54 and fit")
@example("54 yo man")
@example("67M, calf pain")
@example("a 54-year-old woman")
@example("50, female")
@example("54 (M 54yy")
def test_an_age_pattern_only_matches_where_its_gate_does(text: str) -> None:
    for pattern, gate in GATES.items():
        if pattern.search(text) is not None:
            assert gate.search(text) is not None, (pattern.pattern, text)


@settings(max_examples=1500, deadline=None)
@given(_texts(TIME_WORDS))
@example("for the past 3 days")
@example("3 weeks ago")
@example("10 days of calf pain")
@example("bed rest x 4 days")
@example("5 hours before admission")
@example("3 weeks after laparotomy")
@example("CC: aching calf, 5 days.")
def test_every_time_pattern_needs_a_time_unit_word(text: str) -> None:
    timed = [*numbers.DURATIONS, numbers.AFTER_EVENT, numbers.BED_FOR, numbers.FOR_BED]
    if any(p.search(text) is not None for p in timed):
        assert numbers.UNIT_WORD.search(text) is not None, text


@settings(max_examples=1500, deadline=None)
@given(_texts([*TIME_WORDS, "prior to", "History", "hx", "h/o", "back", "Of", "AGO"]))
@example("10 days of calf pain")
@example("3 weeks ago")
@example("a 5-day history of")
@example("5 hours before admission")
@example("2 hours after the sudden onset of")
@example("24 h of pain")
def test_a_duration_pattern_only_matches_where_its_unit_then_word_does(text: str) -> None:
    # hS8 (speed, round 8): `UNIT_THEN` skips DURATIONS[3], [4], [6] where it finds nothing
    for k, gate in numbers.UNIT_THEN.items():
        if numbers.DURATIONS[k].search(text) is not None:
            assert gate.search(text) is not None, (k, text)


LIKELY_WORDS = ["more likely", "less likely", "as likely as", "equally likely", "unlikely",
                "likelier", "most probable", "plausible", "favoured", "favored", "working",
                "leading", "provisional", "diagnosis", "dx", "DVT", "clot", "cellulitis", "than",
                "is", "the", "not", "LIKELY", "Probable"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(_texts(LIKELY_WORDS))
@example("cellulitis less likely than DVT")
@example("DVT is the most likely cause")
@example("working diagnosis: cellulitis")
def test_a_comparison_with_the_clot_needs_a_weighing_word(text: str) -> None:
    # hS8 (speed, round 8): `read_alternative` skips these patterns in an ASCII sentence
    # holding none of `WEIGHING`
    from legwise.intake import wells

    compared = (wells.NAMED_VS_CLOT, wells.LEADING, wells.EQUAL, wells.CLOT_EQUAL,
                wells.CLOT_LESS, wells.CLOT_MORE, wells.CLOT_MOST)  # fmt: skip
    if text.isascii() and any(p.search(text) is not None for p in compared):
        assert any(w in text.lower() for w in wells.WEIGHING), text
