"""A bladder volume written in a stem is read as urine held (new trouble with pee) at its
threshold in knowledge/intake/numbers.yaml: 200 mL or more left after passing urine (the
post-void residual cut-off of the cauda equina studies), 500 mL or more in a bladder scanned
without a void; a smaller volume is left unread either way, since it does not rule retention out."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.kb import load_knowledge

BLADDER = "bladder_or_bowel_change"
STEM = "45-year-old man with low back pain and pain down both legs for 2 days. {}"


def bladder(volume: str) -> str | None:
    value = extract(STEM.format(volume), load_knowledge()).findings.get(BLADDER)
    return None if value is None else str(value)


@pytest.mark.parametrize(
    "volume",
    ["Post-void residual 250 ml.", "PVR 200 mL.", "Residual volume after voiding 320 mls.",
     "Bladder scan of 950 mL.", "Bladder scan shows 600 ml, painless."],
)  # fmt: skip
def test_a_volume_at_its_threshold_or_over_is_urine_held(volume: str) -> None:
    assert bladder(volume) == "present"


@pytest.mark.parametrize(
    "volume", ["PVR 150 ml.", "PVR 90 mL.", "Bladder scan 300 mL before voiding."]
)
def test_a_smaller_volume_is_left_unread(volume: str) -> None:
    assert bladder(volume) is None
