"""QuestionnaireResponse in, legwise case out (intake: outside input turned into findings).

Items are found by `linkId` = finding id at any depth (group items are walked through). An
answer is read by the finding's type: a yes/no finding takes a Coding from urn:legwise:answer
(present / absent / unknown) or a boolean; a number takes an integer, a decimal or a
Quantity's value; sex takes an administrative-gender code. An item that is present with no
answer was shown and not answered, so it counts as "not sure". Every error names the element
(`QuestionnaireResponse.item[2].item[0].answer[0]`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from legwise.engine.case import parse_case
from legwise.errors import InputError
from legwise.fhir import systems
from legwise.fhir.model import check
from legwise.kb.loader import Knowledge

QR = "QuestionnaireResponse"
STATES = ("present", "absent", "unknown")
MAX_DEPTH = 8


@dataclass
class ReadResponse:
    """The case a response gives, where each finding's answer sat, and the response itself."""

    case: dict[str, Any]
    paths: dict[str, str] = field(default_factory=dict)  # finding id -> element path
    resource: dict[str, Any] = field(default_factory=dict)


def _questionnaire_ok(ref: Any, contained: list[Any]) -> bool:
    if ref is None:
        return True
    text = str(ref)
    if text.startswith("#"):
        return any(isinstance(c, dict) and c.get("id") == text[1:] for c in contained)
    return text.split("|", 1)[0] == systems.QUESTIONNAIRE


def _state(answer: Mapping[str, Any], where: str) -> str:
    if "valueBoolean" in answer:
        return "present" if answer["valueBoolean"] else "absent"
    c = answer.get("valueCoding")
    if isinstance(c, Mapping) and c.get("code") in STATES:
        if c.get("system") not in (None, systems.ANSWER):
            raise InputError(f"{where}.valueCoding.system", f"expected {systems.ANSWER}")
        return str(c["code"])
    raise InputError(
        where, f"expected valueCoding ({systems.ANSWER}: present, absent, unknown) or valueBoolean"
    )


def _number(answer: Mapping[str, Any], where: str) -> Any:
    for key in ("valueInteger", "valueDecimal"):
        if key in answer:
            return answer[key]
    q = answer.get("valueQuantity")
    if isinstance(q, Mapping) and "value" in q:
        return q["value"]
    raise InputError(where, "expected valueInteger, valueDecimal or valueQuantity")


def _choice(fid: str, answer: Mapping[str, Any], where: str) -> str:
    c = answer.get("valueCoding")
    if not isinstance(c, Mapping) or not isinstance(c.get("code"), str):
        raise InputError(where, "expected valueCoding with a code")
    allowed = (systems.GENDER,) if fid == "sex" else (systems.CHOICE,)
    if c.get("system") not in (None, *allowed):
        raise InputError(f"{where}.valueCoding.system", f"expected {allowed[0]}")
    return str(c["code"])


def _answer(kb: Knowledge, fid: str, item: Mapping[str, Any], where: str) -> Any:
    answers = item.get("answer") or []
    if not answers:
        return "unknown"  # shown and left blank: not sure
    if len(answers) > 1:
        raise InputError(f"{where}.answer", "expected one answer")
    answer, at = answers[0], f"{where}.answer[0]"
    kind = kb.findings[fid].type
    if kind == "state":
        return _state(answer, at)
    if kind == "number":
        return _number(answer, at)
    return _choice(fid, answer, at)


def _walk(kb: Knowledge, items: list[Any], where: str, out: ReadResponse, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise InputError(where, f"items nested deeper than {MAX_DEPTH} levels")
    for i, item in enumerate(items):
        at = f"{where}.item[{i}]"
        link = item.get("linkId")
        if link in kb.findings:
            if link in out.paths:
                raise InputError(f"{at}.linkId", f"{link!r} is answered twice")
            out.paths[link] = at
            value = _answer(kb, link, item, at)
            if link in ("age", "sex"):
                if value != "unknown":
                    out.case[link] = value
                else:
                    out.case["findings"][link] = "unknown"
            else:
                out.case["findings"][link] = value
        elif item.get("answer"):
            raise InputError(f"{at}.linkId", f"{link!r} is not a legwise finding id")
        _walk(kb, item.get("item") or [], at, out, depth + 1)


def read_response(kb: Knowledge, resource: Any, where: str = QR) -> ReadResponse:
    """The case a QuestionnaireResponse gives; InputError naming the element otherwise.

    The case is checked by the engine too (`parse_case`): an age of 400 is an error naming
    the item that gave it.
    """
    data = check(resource, QR, where)
    if not _questionnaire_ok(data.get("questionnaire"), data.get("contained") or []):
        raise InputError(
            f"{where}.questionnaire",
            f"expected {systems.QUESTIONNAIRE} or a contained Questionnaire",
        )
    out = ReadResponse(case={"findings": {}}, resource=data)
    if isinstance(data.get("id"), str):
        out.case["id"] = data["id"]
    _walk(kb, data.get("item") or [], where, out)
    try:
        parse_case(kb, out.case)
    except InputError as exc:
        raise InputError(_item_path(exc.field, out.paths, where), exc.message) from None
    return out


def _item_path(case_field: str, paths: Mapping[str, str], where: str) -> str:
    fid = case_field.split(".")[-1]
    return paths.get(fid, where)
