"""Questions, other people, the writer's own denial and who a finding applies to
(tests/intake/lay_answers.yaml), with the real knowledge: each row is what a person might type
and what the intake must (or must not) read from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

TABLE = yaml.safe_load((Path(__file__).parent / "lay_answers.yaml").read_text(encoding="utf-8"))
ROWS = [
    pytest.param(row, id=f"{section}: {row['text'][:50]}")
    for section, rows in TABLE.items()
    for row in rows
]


@pytest.mark.parametrize("row", ROWS)
def test_lay_answers_table(row: dict[str, Any], kb: Knowledge) -> None:
    res = extract(row["text"], kb)
    for fid, expected in (row.get("findings") or {}).items():
        assert res.findings.get(fid) == expected, (fid, res.to_dict())
    for fid in row.get("not_read") or ():
        assert fid not in res.findings, (fid, res.to_dict())
