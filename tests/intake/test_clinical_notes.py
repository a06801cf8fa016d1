"""Clinical notes with the real knowledge base: Wells checklists, time windows, sections,
examination findings and demographics (tests/intake/clinical_table.yaml), and the new
development texts' own consistency."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.intake.phrase_pipeline import reader
from legwise.intake.sections import mask_headers, plan_spans
from legwise.intake.text import extract
from legwise.intake.wells_checklist import read_checklist
from legwise.kb.loader import Knowledge

from .rows import check_row

HERE = Path(__file__).parent
TABLE = yaml.safe_load((HERE / "clinical_table.yaml").read_text(encoding="utf-8"))
ROWS = [
    pytest.param(row, id=f"{section}: {row['text']}")
    for section, rows in TABLE.items()
    for row in rows
]
WELLS_FILES = [
    HERE / "dev3_wells.yaml",
    HERE / "own_heldout2" / "wells_notes.yaml",
    HERE / "dev6_wells.yaml",
    HERE / "own_heldout3" / "wells_notes.yaml",
    HERE / "dev10_wells.yaml",
    HERE / "own_heldout4" / "wells_notes.yaml",
    HERE / "own_heldout5" / "wells_notes.yaml",
    HERE / "dev15_wells.yaml",
    HERE / "dev16_wells.yaml",
    HERE / "dev17_wells.yaml",
    HERE / "dev27_hW17_wells.yaml",
    HERE / "dev27_hW17b_wells.yaml",
    HERE / "dev28_hW18_wells.yaml",
    HERE / "dev29_hW19_wells.yaml",
]


@pytest.mark.parametrize("row", ROWS)
def test_clinical_table(row: dict[str, Any], kb: Knowledge) -> None:
    res = extract(row["text"], kb)
    check_row(res, row)


@pytest.mark.parametrize("path", WELLS_FILES, ids=lambda p: p.name)
def test_new_wells_notes_score_follows_from_their_findings(path: Path, kb: Knowledge) -> None:
    score = kb.scores["wells_dvt"] if isinstance(kb.scores, dict) else None
    items = {next(iter(i.when.findings())): int(i.points) for i in score.items} if score else {}
    assert len(items) == 10
    for note in yaml.safe_load(path.read_text(encoding="utf-8")):
        found = note["expect"]["findings"]
        assert all(f in kb.findings for f in found), note["id"]
        total = sum(p for f, p in items.items() if found.get(f) == "present")
        assert total == note["wells"], note["id"]


def test_checklist_answer_spans_its_label() -> None:
    text = "Active cancer: No. Entire leg swollen? Yes"
    got = [(item, state, text[a:b]) for item, state, a, b in read_checklist(text)]
    assert got == [
        ("active_cancer", "absent", "Active cancer: No"),
        ("whole_leg_swollen", "present", "Entire leg swollen? Yes"),
    ]


def test_a_plain_sentence_is_no_checklist() -> None:
    assert list(read_checklist("The calf is swollen and there is no fever.")) == []


def test_sections_and_header_masks_keep_offsets() -> None:
    text = "HPI: red leg. Plan: rule out DVT. Exam: warm."
    masked = mask_headers(text)
    assert len(masked) == len(text) and masked.startswith("   :")
    ((start, end),) = plan_spans(text)
    assert text[start:end].strip() == "rule out DVT."


def test_context_rules_need_no_token_matcher(kb: Knowledge) -> None:
    # every ConText rule is a phrase rule: spaCy's token Matcher is not run per text (speed)
    assert all(rule.pattern is None for rule in reader(kb).context_rules)
