"""Exam-style stems with the real knowledge base: pertinent-negative lists, past- and
family-history sections, past episodes and stopped medicines, numbers and demographics
(tests/intake/exam_table.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

from .rows import check_row

TABLE = yaml.safe_load((Path(__file__).parent / "exam_table.yaml").read_text(encoding="utf-8"))
ROWS = [
    pytest.param(row, id=f"{section}: {row['text']}")
    for section, rows in TABLE.items()
    for row in rows
]


@pytest.mark.parametrize("row", ROWS)
def test_exam_table(row: dict[str, Any], kb: Knowledge) -> None:
    check_row(extract(row["text"], kb), row)
