"""The check shared by the data-driven intake tables (test_text, test_clinical_notes): what a
row says must be read from its text, and what must not."""

from __future__ import annotations

from typing import Any

from legwise.intake.text import TextResult


def check_row(res: TextResult, row: dict[str, Any]) -> None:
    """Every finding in the row read with its value, no `absent_ids` read, age and sex."""
    for fid, expected in (row.get("findings") or {}).items():
        assert res.findings.get(fid) == expected, (fid, res.to_dict())
    for fid in row.get("absent_ids") or ():
        assert fid not in res.findings, (fid, res.to_dict())
    if "age" in row:
        assert res.age == row["age"], res.to_dict()
    if "sex" in row:
        assert res.sex == row["sex"], res.to_dict()
