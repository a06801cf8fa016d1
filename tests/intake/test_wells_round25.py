"""Round 25 (hW25) general readings of Wells notes, each with the look-alike it must not read:
"[1]" / "[0]" marks and bare labels among ticked lines; a calf measured in mm or inches, or
after an abbreviation's dot; a size or a plaster on another part of the body, a plaster still
to come; an operation's name cut by the look-back window; "in bed these last two days"; another
cause "as well as" or "on a level with" the clot."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import wells_degree
from legwise.intake.text import extract
from legwise.kb.loader import Knowledge, load_knowledge


@cache
def _kb() -> Knowledge:
    return load_knowledge()


def _read(text: str, finding: str) -> object:
    return extract(text, _kb()).findings.get(finding)


def _lines(*rows: str) -> str:
    return "\n".join(rows)


def test_bracketed_points_before_labels() -> None:
    text = _lines(
        "Wells [1 = yes, 0 = no]",
        "[0] Active cancer",
        "[1] Bedridden >3 days / surgery <12 weeks",
        "[1] Calf swelling >=3 cm",
        "[0] Collateral superficial veins",
        "[0] Previous DVT",
    )
    got = extract(text, _kb()).findings
    assert got["active_cancer"] == "absent"
    assert got["recent_surgery_or_bedridden"] == "present"
    assert got["collateral_superficial_veins"] == "absent"


def test_a_numbered_list_is_no_marks() -> None:
    """Lines numbered "[1] .. [4]": more than two kinds, so no mark reading says "absent"."""
    text = _lines("[1] Active cancer", "[2] Previous DVT", "[3] Entire leg swollen", "[4] Pitting")
    assert _read(text, "active_cancer") != "absent"


def test_bare_labels_among_ticked_lines_are_unticked() -> None:
    text = _lines(
        "Wells",
        "Active cancer",
        "Bedridden >= 3 days / major surgery within 12 weeks \u2713",
        "Calf swelling >= 3 cm",
        "Collateral superficial veins",
        "Entire leg swollen \u2713",
        "Previously documented DVT",
    )
    got = extract(text, _kb()).findings
    assert got["recent_surgery_or_bedridden"] == "present"
    assert got["whole_leg_swollen"] == "present"
    assert got["active_cancer"] == "absent"
    assert got["calf_difference_3cm"] == "absent"
    assert got["previous_dvt"] == "absent"


def test_one_tick_in_prose_leaves_other_lines() -> None:
    text = _lines("ED note. Pitting oedema \u2713", "Calf swelling measured 4 cm", "No cancer")
    assert _read(text, "calf_difference_3cm") == "present"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Calves measured: right 372 mm, left 340 mm.", "present"),
        ("Calves measured: right 372 mm, left 355 mm.", "absent"),
        ("Calf girths L 15.5 in, R 14 in.", "present"),
        ("Calves L 15 inches, R 14.5 inches.", "absent"),
        ("Calf circ. (10cm distal to tib. tuberosity): R 34.5, L 38.", "present"),
    ],
)
def test_calf_in_other_units_and_abbreviations(text: str, state: str) -> None:
    assert _read(text, "calf_difference_3cm") == state


@pytest.mark.parametrize(
    "text",
    [
        "Arm circumference differs by 4 cm after his fistula surgery; calves L 36 / R 35 cm.",
        "Thigh 4 cm bigger on the R, calves equal.",
        "R calf 38 in the morning and 36 at night.",
    ],
)
def test_no_calf_difference_from_another_part(text: str) -> None:
    assert _read(text, "calf_difference_3cm") != "present"


def test_the_calf_named_after_the_size_still_counts() -> None:
    assert _read("Thigh swollen, 4 cm bigger at the calf.", "calf_difference_3cm") == "present"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("ED. R wrist fracture in a plaster since last week, now L calf ache.", None),
        ("Her arm is in plaster since last week.", None),
        ("She will be in plaster after her bunion operation next month.", None),
        ("L leg in plaster since Monday.", "present"),
        ("Arm and leg in plaster after the crash.", "present"),
    ],
)
def test_plaster_of_another_limb_or_to_come(text: str, state: str | None) -> None:
    assert _read(text, "leg_cast_or_paralysis") == state


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("ACL reconstruction under general anaesthetic 11 weeks ago.", "present"),
        ("Off his legs and in bed these last two days with a chest infection.", "absent"),
        ("In bed these past five days with flu.", "present"),
    ],
)
def test_bed_and_surgery_windows(text: str, state: str) -> None:
    assert _read(text, "recent_surgery_or_bedridden") == state


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Impression: cellulitis explains it at least as convincingly as a clot.", "present"),
        ("Competing explanation: a tear, which I rate at least on a level with DVT.", "present"),
        ("The tear does not explain the swelling as well as a DVT would.", "absent"),
        ("Nothing else explains it as well as a clot.", "absent"),
        ("The strain is not on a par with a DVT here.", "absent"),
        ("Pain as well as swelling; DVT likely.", None),
        ("A DVT explains it as well as the cyst does.", None),
    ],
)
def test_another_cause_as_well_as_the_clot(text: str, state: str | None) -> None:
    assert _read(text, "alternative_diagnosis_likely") == state


WORDS = ["explains", "fits", "accounts for", "it", "at least", "as", "well", "convincingly",
         "good", "level", "par", "with", "on a", "a", "the", "DVT", "clot", "than", "not", "n't",
         "less", "better", "cyst", "\u212a", "\u00e9"]  # fmt: skip
SIGNS = ["", " ", "  ", ",", ".", ";", "\n", "-"]


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS + SIGNS), min_size=1, max_size=16).map("".join)


def _spans(text: str) -> Iterator[tuple[int, int]]:
    yield 0, len(text)
    if len(text) > 4:
        yield 1, len(text) - 1


@settings(max_examples=2000, deadline=None)
@given(_texts())
def test_compare_gate_hides_no_match(text: str) -> None:
    """`may_compare` turns away a sentence only when neither degree pattern can match it."""
    low = text.lower() if text.isascii() else None
    for a, b in _spans(text):
        if wells_degree.may_compare(text[a:b], low, (a, b)):
            continue
        assert wells_degree.AS_DEGREE.search(text[a:b]) is None
        assert wells_degree.DEGREE.search(text[a:b]) is None
