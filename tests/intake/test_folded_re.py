"""`legwise.intake.folded_re.folded` only makes a pattern faster: it never changes what it finds.

A folded pattern looks for its first match in the lower-cased text; were that ever wrong, an age,
a duration or a Wells reading would silently go. So every folded pattern of the intake is held
side by side with the plain pattern it stands for, on texts built from the words and signs the
patterns read, in every case, with letters outside ASCII that fold to ASCII ones ("\u017f",
"\u212a") and a typographic sign or two.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import legwise.intake
from legwise.intake.folded_re import Folded, folded, lowered


def _folded_patterns() -> list[tuple[str, Folded]]:
    """Every folded pattern at the top of an intake module (alone or in a tuple)."""
    out: list[tuple[str, Folded]] = []
    for info in pkgutil.iter_modules(legwise.intake.__path__):
        module = importlib.import_module(f"legwise.intake.{info.name}")
        for name, value in vars(module).items():
            values = value if isinstance(value, tuple) else (value,)
            out += [(f"{info.name}.{name}", v) for v in values if isinstance(v, Folded)]
    return out


FOLDED = _folded_patterns()
WORDS = ["I'm", "i am", "MY", "My", "son", "Husband", "he", "She", "his", "54", "3", "2.5",
         "a few", "Two", "years", "YRS", "weeks", "days", "h", "ago", "for", "since", "Over",
         "of", "history", "now", "before", "admission", "after", "surgery", "bed", "rest",
         "Immobile", "pain", "8", "/", "10", "out of", "ten", "F", "m", "female", "Man", "(",
         ")", "yesterday", "last", "night", "woke", "Same", "as", "mum", "postpartum", "day",
         "calf", "cm", "\u017f", "\u212a", "\u0130", "\u00b0", "\u2019"]  # fmt: skip
SEPARATORS = [" ", "  ", ", ", ".", ". ", ":", "\n", "-", "/", ""]
TEXTS = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=16
).map(lambda parts: "".join(w + s for w, s in parts))


def _found(p: Any, text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in p.finditer(text)]


def test_the_intake_folds_its_patterns() -> None:
    assert len(FOLDED) >= 20
    for name, p in FOLDED:
        assert p.low is not None, f"{name} is not read in lower case: no faster than before"


@settings(max_examples=300, deadline=None)
@given(TEXTS)
@example("My son is 7, he has sore legs at night")
@example("F/50, 3 days of calf pain, pain 8/10. 2 WEEKS AGO surgery")
@example("bed rest x 4 days, \u017fince 3 days")
def test_folded_patterns_find_what_the_plain_ones_find(text: str) -> None:
    for name, p in FOLDED:
        plain = re.compile(p.pattern, p.flags)
        assert _found(p, text) == _found(plain, text), name
        for start in (0, len(text) // 2):
            got, want = p.search(text, start), plain.search(text, start)
            assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))
            got, want = p.match(text, start), plain.match(text, start)
            assert (got and got.span()) == (want and want.span()), name


@pytest.mark.parametrize(
    "pattern",
    [r"[A-Z]x", r"(?-i:Y)\b", r"\u017f", r"[\u00c0-\u024f]", r"(?i)ab", r"[a-\u0400]"],
)
def test_patterns_that_lower_case_cannot_read_stay_as_they_are(pattern: str) -> None:
    p = folded(pattern, re.I)
    assert isinstance(p, Folded) and p.low is None


def test_a_text_outside_ascii_is_read_as_written() -> None:
    assert lowered("Calf \u017fwollen") is None
    p = folded(r"\bswollen\b", re.I)
    assert p.search("Calf \u017fwollen") is not None  # the long s folds to "s", as re.I has it
    assert lowered("Calf SWOLLEN") == "calf swollen"


def test_sub_and_findall_give_the_text_as_written() -> None:
    p = folded(r"\b(?:y\s*/\s*n)\b", re.I)
    assert p.sub(lambda m: " " * len(m.group(0)), "Cancer Y/N: Y") == "Cancer    : Y"
    assert folded(r"\b(calf|thigh)\b", re.I).findall("CALF and Thigh") == ["CALF", "Thigh"]


def test_a_pattern_is_searched_only_where_a_word_every_match_holds_is_said() -> None:
    p = folded(r"\b(?:one|two|\d+)\s+days?\s+(?:ago|back)\b", re.I)
    assert isinstance(p, Folded) and p.needs == ("day",)  # the longest sure literal run
    assert p.search("Two DAYS ago") is not None and p.search("two weeks ago") is None
    assert p.match("two days back") is not None and p.match("two weeks back") is None
    assert folded(r"\b(?:now|then)\s+(?:swollen|red)\b", re.I).needs == ("now", "then")
    # a short or optional literal, or a choice with a branch that holds none: no test at all
    assert folded(r"\bat\s+\w+", re.I).needs is None
    assert folded(r"(?:calf\s+)?swelling|\d+\s*cm", re.I).needs is None
