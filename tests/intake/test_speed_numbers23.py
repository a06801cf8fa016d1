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
from legwise.intake.age_words import AGE_COMMA_SEX, AGE_THEN_SEX

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
        assert people.GATES[AGE_THEN_SEX].search(text) is not None, text


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


PAIN_WORDS = ["pain", "PAIN", "Pains", "hurts", "hurting", "ache", "ACHING", "sore", "soreness",
              "agony", "\u017fore", "pa\u0130n", "'s", "is", "like", "about", "a", "an", "solid",
              "at least", "in my calf", "9", "10", "eight", "ten", "/10", "out of", "anos",
              "a\u00f1os", "A\u00d1OS", "ANOS", "ano\u017f", "tengo", "hace", "under",
              "UNDER", "general", "anaesthetic", "GA", "block", "spinal"]  # fmt: skip


def _pain_texts() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(PAIN_WORDS), st.sampled_from(SIGNS), st.sampled_from(NUMBERS))
    return st.lists(piece, min_size=1, max_size=12).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_pain_texts())
@example("the pain is like a 9")
@example("it HURTS about an 8")
@example("\u017fore like a 7")
@example("tengo 67 a\u00f1os")
@example("45 ANOS, homem")
@example("45 ano\u017f")
@example("laparotomy under general anaesthesia")
def test_the_pain_foreign_years_and_anaesthesia_checks_hide_no_match(text: str) -> None:
    from legwise.intake import duration_owner, pain_score
    from legwise.intake.age_words import FOREIGN_YEARS

    lower = text.lower()
    if pain_score.PAIN_SAID.search(text) is not None:
        assert pain_score._pain_word(text, lower), text
    if FOREIGN_YEARS.search(text) is not None:  # `other_ages` reads it only where this holds
        assert not text.isascii() or "anos" in lower, text
    if duration_owner._ANAESTHESIA.search(text) is not None:  # `_said_before`'s check
        assert "under" in lower, text


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_texts(), _pain_texts()))
@example("how old are you? 45")
@example("Hi doc. Thanks, I'm worried about my mum")
@example("slept about 4 hours")
@example("a 3.5 cm difference in calf circumference")
@example("D-dimer 600 (cut-off 500)")
@example("had my baby 3 weeks ago")
@example("since yesterday")
@example("started a new statin")
def test_the_patterns_made_folded_find_what_they_found(text: str) -> None:
    # hN23 (round 23): these case-insensitive patterns now look in the lower-cased text first
    import re

    from legwise.intake import (
        age_words,
        duration_choice,
        duration_owner,
        exam_measures,
        exam_numbers,
        numbers,
        writer,
    )

    for pattern in (age_words.HOW_OLD, duration_choice.STARTED_THING, duration_owner.SLEPT_HOURS,
                    exam_measures.CALF_NUMBER_FIRST, exam_numbers.D_DIMER,
                    exam_numbers.BIRTH_AGO, numbers.SINCE_RE, people.KIN_WORD, writer.CLINICAL,
                    writer.ASIDES):  # fmt: skip
        source = pattern.pattern  # as written, without the look-ahead `fast` puts first
        written = re.fullmatch(r"\(\?=\[[^\]]*\]\)\(\?:(.*)\)", source, re.S)
        plain = re.compile(written.group(1) if written else source, re.I)
        got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], text


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="ab 12\u00b2\u0665x", max_size=12))
def test_clock_spans_digit_check_is_isdigit(text: str) -> None:
    from legwise.intake.time_words import _digit

    assert _digit(text) == any(c.isdigit() for c in text)


KIN_TEXT = ["my", "My", "our", "mi", "me", "mum", "Mum", "MUM", "mums", "son", "sons", "son's",
            "dad", "Dads", "granny", "gran", "hubby", "kid", "\u212aid", "si\u017fter", "hi",
            "Hi doctor,", "hope you are well.", "Sorry.", "I'm writing about", "little",
            "younger", "'s", "s", "leg", "calf", "is", "he", "mum2", "\u00e9"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(KIN_TEXT), st.sampled_from(SIGNS)), max_size=10).map("".join)
)
@example("My sons knee is hot")
@example("Hi doctor, hope you are well. my mum's calf")
@example("mums leg")
@example("\u212aid's leg")
def test_an_opening_relative_is_a_relative_word_of_the_text(text: str) -> None:
    # `people` skips the lead-in and RELATIVE_OPENING in an ASCII text without such a word
    from legwise.intake.age_words import WORD
    from legwise.intake.writer import lead_in_end

    opening = people.RELATIVE_OPENING.match(text, lead_in_end(text, people.KIN_WORD))
    if opening is not None and text.isascii():
        assert not people.RELATIVE_OR_PLURAL.isdisjoint(WORD.findall(text.lower())), text
