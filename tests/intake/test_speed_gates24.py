"""The cheap checks of round 24 (hS24) never hide a match: the mental-test reader
(`legwise.intake.mental_test.GATE`) and the pain score's other-scale check
(`legwise.intake.pain_score.OTHER_GATE`) skip a text only when their patterns cannot match it.

Texts are built from the words and signs the patterns are made of (cases mixed, "4 AT"
spaced or broken by a line), so matches are common and both checks are put to the test; a text
outside ASCII is always read by the patterns.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import mental_test, pain_score
from legwise.intake.fast_re import any_in

WORDS = ["AMT", "amts", "AMTS", "Abbreviated", "mental", "Mental Test", "test", "score", "Score",
         "4AT", "4-AT", "4 AT", "4 at", "at", "MMSE", "MoCA", "mobility", "NEWS2", "Wells",
         "fatigue", "mood", "anxiety", "nausea", "itching", "sleep quality", "pain", "was", "is",
         "of", "out of", "ten", "10", "/10", "/12", "6", "7", "12", "3", "baseline", "usually",
         "normally", "amount", "4", "at", "sleep", "quality", "\u00e9", "\u017f",
         "\u212a"]  # fmt: skip
SIGNS = ["", " ", "  ", ":", ": ", "=", "-", ",", ".", ";", "\n", "/", "(", ")"]


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS + SIGNS), min_size=1, max_size=20).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_texts())
def test_mental_test_gate_hides_no_match(text: str) -> None:
    if not text.isascii() or any_in(text.lower(), mental_test.GATE):
        return
    assert mental_test.AMT.search(text) is None
    assert mental_test.FOUR_AT.search(text) is None


@settings(max_examples=2000, deadline=None)
@given(_texts())
def test_other_scale_gate_hides_no_match(text: str) -> None:
    if not text.isascii() or any_in(text.lower(), pain_score.OTHER_GATE):
        return
    assert pain_score.OTHER_SCALE.search(text) is None
