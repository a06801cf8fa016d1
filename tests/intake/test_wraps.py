"""Soft line wraps (`legwise.intake.wraps`): a note pasted with its lines wrapped at a fixed
width reads as the same note on one line, and lists, checklists and tables keep their breaks.

The wrapped texts are the development sets' own one-line texts, wrapped here at the widths mail
clients, calculators and EHR text boxes use; the figure asserted is how many read the same.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.intake.surface import normalise
from legwise.intake.text import extract
from legwise.kb.loader import Knowledge, load_knowledge

DATA = Path(__file__).parent
WELLS_ITEMS = ("active_cancer", "leg_cast_or_paralysis", "recent_surgery_or_bedridden",
               "deep_vein_tenderness", "whole_leg_swollen", "calf_difference_3cm",
               "pitting_edema_symptomatic_leg", "collateral_superficial_veins", "previous_dvt",
               "alternative_diagnosis_likely")  # fmt: skip


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def _one_line_texts(wells: bool, width: int) -> list[str]:
    """The development sets' one-line texts long enough to wrap at `width` (notes with a
    `wells:` total, or the other texts), without table cells ("|"), which no one wraps."""
    out = []
    for path in sorted(DATA.glob("*.yaml")):
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            continue
        for entry in data:
            text = entry.get("text") if isinstance(entry, dict) else None
            if not isinstance(text, str) or "\n" in text.strip() or "|" in text:
                continue
            if ("wells" in entry) == wells and len(text) > width + 20:
                out.append(text)
    return out


def _wells_read(kb: Knowledge, text: str) -> dict[str, Any]:
    found = extract(text, kb).findings
    return {k: found.get(k) for k in WELLS_ITEMS}


@pytest.mark.parametrize("width", [60, 72, 90])
def test_wrapped_wells_notes_read_as_on_one_line(kb: Knowledge, width: int) -> None:
    notes = _one_line_texts(wells=True, width=width)
    assert len(notes) >= 100
    same = sum(_wells_read(kb, n) == _wells_read(kb, textwrap.fill(n, width)) for n in notes)
    # before soft wraps were read, 55% of these notes kept every Wells item at 72 columns
    assert same / len(notes) >= 0.94, f"{same}/{len(notes)} notes read the same at {width}"


def test_wrapped_lay_texts_read_as_on_one_line(kb: Knowledge) -> None:
    texts = _one_line_texts(wells=False, width=72)
    assert len(texts) >= 300
    same = sum(
        dict(extract(t, kb).findings) == dict(extract(textwrap.fill(t, 72), kb).findings)
        for t in texts
    )
    assert same / len(texts) >= 0.95, f"{same}/{len(texts)} texts read the same"


def test_a_wrapped_denial_reaches_the_next_line(kb: Knowledge) -> None:
    text = (
        "Wells criteria from the calculator. They have no active cancer and have no\n"
        "collateral (nonvaricose) superficial veins. An alternative diagnosis is as\n"
        "likely as DVT."
    )
    found = extract(text, kb).findings
    assert found.get("collateral_superficial_veins") == "absent"
    assert found.get("alternative_diagnosis_likely") == "present"


@pytest.mark.parametrize(
    "text",
    [
        # a checklist: each line ends in its answer, with or without points
        "active cancer (treatment within 6 months)    no\n"
        "paralysis or recent plaster cast of the leg  yes\n",
        "bedridden recently >3 days or major surgery within 12 weeks no 0\n"
        "calf swelling >3 cm compared to the other leg yes +1\n",
        "recently bedridden 3 days or more, or operated on in the last 12 weeks? no\n"
        "whole leg swollen? yes\n",
        # an exam list of fields
        "calf circumference 10 cm below the tibial tuberosity: right 36 cm, left 38 cm\n"
        "thigh circumference: equal\n",
        # rows of a comma-separated table
        "site, cancer, surgery or bed, paresis or cast, deep vein tender, whole leg\n"
        "ward 4, yes, no, no, yes, no\n",
    ],
)
def test_lists_tables_and_checklists_keep_their_breaks(text: str) -> None:
    plain, _ = normalise(text)
    assert plain.count("\n") == text.count("\n")


def test_a_denial_does_not_reach_a_new_statement_on_the_next_line(kb: Knowledge) -> None:
    text = (
        "no fever or chills, no chest pain, no cough at all, no long trips\n"
        "my left calf is swollen and red since tuesday"
    )
    found = extract(text, kb).findings
    assert found.get("one_leg_swollen") == "present"
    assert found.get("fever_or_chills") == "absent"


def test_a_word_broken_at_its_hyphen_is_joined_and_spans_stay_true(kb: Knowledge) -> None:
    text = (
        "Right leg swollen from the groin to the foot after the operation, with superficial non-\n"
        "varicose veins over the thigh and pitting to the knee."
    )
    res = extract(text, kb)
    assert res.findings.get("collateral_superficial_veins") == "present"
    for item in res.items:
        assert text[item.start : item.end] == item.text
