"""An SDC client for the tests: answers each item $next-question adds from a vignette case.

It knows nothing of legwise's API: it reads the items of the contained Questionnaire and
answers them from a case by linkId (a finding the case leaves out is left blank, "not sure").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from legwise.fhir import systems

Step = Callable[[dict[str, Any]], dict[str, Any]]
LOOP_CAP = 100


def _stated(case: Mapping[str, Any], fid: str) -> Any:
    findings = case.get("findings") or {}
    value = case.get(fid, findings.get(fid)) if fid in ("age", "sex") else findings.get(fid)
    return None if value in (None, "unknown") else value


def _answer(item: Mapping[str, Any], value: Any) -> list[dict[str, Any]]:
    if item["type"] in ("integer", "decimal"):
        key = "valueInteger" if item["type"] == "integer" else "valueDecimal"
        return [{key: int(value) if key == "valueInteger" else float(value)}]
    system = item["answerOption"][0]["valueCoding"]["system"]
    return [{"valueCoding": {"system": system, "code": str(value)}}]


def answer_items(items: list[dict[str, Any]], case: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Response items for Questionnaire items (groups kept as groups, blanks left out)."""
    out: list[dict[str, Any]] = []
    for item in items:
        if item["type"] == "display":
            continue
        if item["type"] == "group":
            children = answer_items(item.get("item", []), case)
            out.append({"linkId": item["linkId"], "item": children} if children else {})
            continue
        value = _stated(case, item["linkId"])
        out.append(
            {"linkId": item["linkId"], "answer": _answer(item, value)}
            if value is not None
            else {"linkId": item["linkId"]}
        )
    return [o for o in out if o]


def run(step: Step, case: Mapping[str, Any]) -> tuple[dict[str, Any], list[str], int]:
    """Drive $next-question to completion: the final response, the linkIds asked, and the
    largest request body sent (bytes)."""
    import json

    qr: dict[str, Any] = {"resourceType": "QuestionnaireResponse", "status": "in-progress"}
    largest = 0
    for _ in range(LOOP_CAP):
        largest = max(largest, len(json.dumps(qr)))
        qr = step(qr)
        questionnaire = qr["contained"][0]
        assert qr["questionnaire"] == f"#{questionnaire['id']}"
        if qr["status"] == "completed":
            asked = [i["linkId"] for i in questionnaire["item"] if i["type"] != "display"]
            return qr, asked, largest
        qr["item"] = answer_items(questionnaire["item"], case)
    raise AssertionError("the adaptive interview did not finish")


__all__ = ["run", "systems"]
