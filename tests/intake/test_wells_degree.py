"""The alternative item read from how well another cause explains the leg compared with the clot
(`legwise.intake.wells_degree`, hW24, round 24), and its cheap check.

The readings: a degree below the clot's is absent, one at or above it present, a clot that is
the explainer or a denied comparison is not read as another cause favoured. The cheap check
exists only for speed: a sentence it turns away must be one DEGREE cannot match.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from legwise.intake.wells_degree import DEGREE, explained_degree, may_degree


@pytest.mark.parametrize(
    ("sentence", "state"),
    [
        ("Gout fits this much less well than a DVT", "absent"),
        ("heart failure explains it worse than a clot would", "absent"),
        ("a tear would account for the pain no less well than a clot", "present"),
        ("cellulitis explains the redness better than a DVT", "present"),
        ("nothing else fits the picture better than a DVT", "absent"),
        ("lymphoedema matches the findings less closely than a fresh DVT", "absent"),
        ("the clot explains it less well than the cyst", None),
        ("it fits better than before", None),
        ("the cyst explains the swelling", None),
    ],
)
def test_degree_reading(sentence: str, state: str | None) -> None:
    got = explained_degree(sentence)
    assert (got[0] if got else None) == state


PIECES = ["explains", "Explained", "EXPLAINING", "accounts for", "accounted for", "fits", "fit",
          "fitted", "matches", "matched", "suits", "suit", "than", "Than", "THAN", "a", "the",
          "DVT", "clot", "thrombosis", "venous thrombosis", "less well", "less", "well", "worse",
          "better", "more closely", "more poorly", "no", "not any", "much", "far", "it", "this",
          "would", "does", "cyst", "gout", "\u017fuits", "fi\u0130", "\u212a", "t\u0127an",
          "\u00e9"]  # fmt: skip
SIGNS = ["", " ", "  ", ",", ".", "-", "'", "\n"]


def _sentences() -> st.SearchStrategy[str]:
    part = st.sampled_from(PIECES + SIGNS)
    return st.lists(st.tuples(part, st.sampled_from([" ", " ", "", "  "])), max_size=14).map(
        lambda xs: "".join(a + b for a, b in xs)
    )


@settings(max_examples=3000, deadline=None)
@given(_sentences())
@example("gout fits this much less well than a DVT")
@example("")
def test_degree_gate_never_hides_a_match(sentence: str) -> None:
    """`may_degree` turns away only sentences that DEGREE cannot match."""
    if DEGREE.search(sentence):
        assert may_degree(sentence, sentence.lower())
