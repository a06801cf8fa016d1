"""The cheap checks of round 23 (hN23) in the number readers never hide a match.

Each check exists only for speed (issue 12): where it turns a text away, the pattern it stands
for must be unable to match. Texts are built from the words and signs the patterns are made of
(with capitals, letters outside ASCII that fold to ASCII ones, and digits of other scripts), so
that matches are common and every check is put to the test.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from legwise.intake import people
from legwise.intake.age_words import AGE_COMMA_SEX

NUMBERS = ["54", "7", "100", "3", "20", "2.5", "\u0665\u0664", "1234"]
SIGNS = ["", " ", "  ", "\t", ",", ", ", " , ", "/", " / ", "-", ".", ". ", ":", "\n", "(", ")",
         "'", "?"]  # fmt: skip
AGE_WORDS = ["y", "Y", "yo", "y/o", "year", "years", "yrs", "old", "-year-old", "I'm", "im",
             "I am", "i have", "age", "aged", "Aged:", "M", "F", "m", "f", "man", "woman",
             "female", "Male", "WOMAN", "FEMALE", "bloke", "chap", "lad", "lass", "girl", "boy",
             "guy", "fella", "she is", "he's", "He is", "at", "At", "is", "'s", "resident",
             "widow of", "Mrs Rowe", "Sex", "age/sex", "\u017f", "\u212a", "e", "s",
             "patient"]  # fmt: skip


def _texts() -> st.SearchStrategy[str]:
    """Words, signs and numbers run together: "I am 54", "50, female", "he's 66"."""
    piece = st.one_of(st.sampled_from(AGE_WORDS), st.sampled_from(SIGNS), st.sampled_from(NUMBERS))
    return st.lists(piece, min_size=1, max_size=14).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_texts())
@example("I have 66 years")
@example("a widow of 90 years")
@example("he's 66")
@example("At 85 I")
@example("Ex-smoker, 70.")
@example("night porter, 58, female")
@example("student in halls 20 male")
@example("myself 50 years male")
@example("f 64 yrs")
def test_a_gate_under_a_parent_finds_nothing_where_the_parent_does_not(text: str) -> None:
    # `people.open_gates` tries a gate only where its parent's gate found something
    for child, parent in people.UNDER.items():
        gate = people.GATES.get(child, people.AT)
        if gate.search(text) is not None:
            assert people.GATES[parent].search(text) is not None, (child.pattern, text)
    # AGE_COMMA_SEX is read only where AGE_THEN_SEX's gate finds something
    if AGE_COMMA_SEX.search(text) is not None:
        assert people.GATES[people.AGE_THEN_SEX].search(text) is not None, text


@settings(max_examples=1500, deadline=None)
@given(_texts())
@example("Female, 54.")
@example("I have 66 years, a widow of 90 years, he's 66")
def test_open_gates_are_the_gates_that_find_something(text: str) -> None:
    opened = people.open_gates(text)
    for pattern in people.EAGER:
        assert (id(pattern) in opened) == (people.GATES[pattern].search(text) is not None), (
            pattern.pattern,
            text,
        )
