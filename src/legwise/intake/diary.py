"""Put what a night diary shows into a case, and say what it changed.

The diary only ever adds "present". For the course findings its trend rules set (no better
with home care, getting worse, poor sleep, frequent symptoms) a diary "present" overrides an
explicit "absent": people often do not notice a slow change that their own diary shows, and a
triage rule can only raise urgency, so the safe reading wins. The override is reported.
Warning signs ticked in the recent nights fill in only questions left unanswered (an answer
given now is about now); a "no" given now is kept and the disagreement reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from legwise.diary.trends import DiaryReading
from legwise.errors import InputError

RECORDED = "recorded"
"""What gave a finding that was ticked in the diary rather than set by a trend pattern."""


def merge_diary(
    case: Mapping[str, Any], reading: DiaryReading
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The case with the diary's findings added, and the `from_diary` report.

    The report holds the patterns (with their sentences and figures), the findings the diary
    shows, which it `added` to the case, which explicit answers it `overrode`, which answers
    were `kept` although the diary disagrees, new and recent symptoms, and summary figures.
    The engine adds the level without and with the diary (see `assess_case`).
    """
    if not isinstance(case, Mapping):
        raise InputError("case", "expected a JSON object")
    explicit = case.get("findings") or {}
    if not isinstance(explicit, Mapping):
        raise InputError("findings", "expected an object of finding id -> answer")
    findings = dict(explicit)
    added: list[str] = []
    overrides: list[dict[str, str]] = []
    kept: list[dict[str, str]] = []
    for fid, source in reading.findings.items():
        answer = explicit.get(fid, "unknown")
        if answer == "present":
            continue
        if answer in (None, "unknown"):
            findings[fid] = "present"
            added.append(fid)
        elif answer == "absent" and source != RECORDED:
            findings[fid] = "present"
            overrides.append({"finding": fid, "was": "absent", "now": "present", "by": source})
        else:
            kept.append({"finding": fid, "answer": str(answer), "diary": "present", "by": source})
    merged = dict(case)
    merged["findings"] = findings
    report = reading.to_dict()
    report["added"] = added
    report["overrides"] = overrides
    report["kept"] = kept
    return merged, report


__all__ = ["RECORDED", "merge_diary"]
