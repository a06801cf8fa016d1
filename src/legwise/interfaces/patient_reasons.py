"""A rule's reason as told to the person in front of us.

A rule's `reason` is written for every person the rule can fire for, so it may list risk
factors as alternatives ("pregnancy, cancer or an earlier clot"). Read by a woman who has just
given birth, "cancer" alarms her for nothing. Patient screens therefore show the rule's
`patient_reason` (which names no risk factor by itself) and, beside it, only the answers of
this person that made the rule fire. The full `reason` stays for the clinician and the report.
"""

from __future__ import annotations

from typing import Any

from legwise.kb.checks import risk_alternatives
from legwise.kb.loader import Knowledge


def present_findings(kb: Knowledge, case: dict[str, Any]) -> set[str]:
    """The findings answered yes in a case (read the way the engine reads them)."""
    from legwise.engine.case import parse_case

    try:
        parsed = parse_case(kb, case)
    except Exception:  # a page for a case the engine already accepted; be safe, say nothing
        return set()
    return {f for f, v in parsed.states.items() if v > 0}


def patient_reason(kb: Knowledge, reason: dict[str, Any], present: set[str]) -> dict[str, Any]:
    """{text, because}: the words for the person and the labels of their own answers that
    made the rule fire (only for rules that accept risk factors as alternatives)."""
    rule = kb.rules.get(str(reason.get("rule", "")))
    if rule is None or not rule.patient_reason:
        return {"text": reason["text"], "because": []}
    because = [kb.findings[f].label for f in risk_alternatives(kb, rule.id) if f in present]
    return {"text": rule.patient_reason, "because": because}
