"""The speed work of round 26 (issue 12) never changes a reading.

`wells_shapes._measured` and `thresholds`' opening check are loops in place of `any()` over
generators: the same answer for every item, checked against the way it replaced on items built
so that measured findings, their rules' prefixes and present values are common.
`wells_calf_sides.read_side_values` skips a text with no digit (every side value it reads is
two digits), checked on calf measures written with and without digits, in words and in other
scripts' digits.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import wells_calf_sides, wells_shapes
from legwise.intake.result import Extracted

RULES = ["bed rest ", "bed rest 3 days", "Wells: calf difference 4 cm", "Wells: calf", "duration",
         "", "Wells: checklist", "bed rest"]  # fmt: skip
ITEMS = [wells_shapes.BED_ITEM, wells_shapes.CALF_ITEM, "active_cancer", "age"]
VALUES: list[Any] = ["present", "absent", 3.0, "unknown"]


def _measured_before(item: Extracted) -> bool:
    return any(
        item.rule.startswith(rule) and item.finding == f for rule, f in wells_shapes.MEASURED
    )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(ITEMS), st.sampled_from(VALUES), st.sampled_from(RULES)),
        max_size=6,
    )
)
def test_measured_is_the_any_it_replaced(rows: list[tuple[str, Any, str]]) -> None:
    items = [Extracted(f, v, 0, 3, "3cm", rule) for f, v, rule in rows]
    for i in items:
        assert wells_shapes._measured(i) == _measured_before(i)
    text = "calf 3cm or more"
    if not any(_measured_before(i) and i.value == "present" for i in items):
        assert wells_shapes.thresholds(text, items) is items


CALF_WORDS = ["Calf", "calves", "girth", "circ.", "circumference", "tibial tuberosity", "TT",
              "R", "L", "rt", "Lt", "left", "right", "LLE", "rle", "(L)", "(r)", "forty two", "cm",
              "below", "thirty-eight", "\u0664\u0662", "\u00b2\u00b3", "point five"]  # fmt: skip
CALF_SIGNS = ["", " ", ": ", "=", "-", ", ", "; ", ".", "\n", " / ", "\t"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(CALF_WORDS + CALF_SIGNS), min_size=1, max_size=24).map("".join))
def test_side_values_need_a_digit(text: str) -> None:
    """`read_side_values` skips a text with no digit: the full reading finds nothing there
    (and finds what it always did where there is one: the gate only opens the same work)."""
    if wells_calf_sides.DIGIT.search(text) is None:
        assert wells_calf_sides._side_values(text) == []
    assert wells_calf_sides.read_side_values(text) == wells_calf_sides._side_values(text)
