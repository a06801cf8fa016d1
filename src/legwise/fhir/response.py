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
from legwise.fhir.units import UnitError, convert, quantity_unit, ucum_code
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
    groups: dict[str, list[str]] = field(default_factory=dict)  # finding id -> enclosing linkIds


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


def _number(kb: Knowledge, fid: str, answer: Mapping[str, Any], where: str) -> Any:
    """A number answer in the knowledge base's unit. A Quantity stating a unit is converted
    (UCUM, by library); one that cannot be converted is refused, never read as it stands."""
    for key in ("valueInteger", "valueDecimal"):
        if key in answer:
            return answer[key]
    q = answer.get("valueQuantity")
    if isinstance(q, Mapping) and "value" in q:
        value = q["value"]
        try:
            unit = quantity_unit(q)
            if unit is None or isinstance(value, bool) or not isinstance(value, int | float):
                return value  # no unit: the item's own unit (the Questionnaire states it)
            return convert(float(value), unit, ucum_code(kb.findings[fid].unit))
        except UnitError as exc:
            raise InputError(f"{where}.valueQuantity.code", str(exc)) from None
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
        return _number(kb, fid, answer, at)
    return _choice(fid, answer, at)


def _walk(
    kb: Knowledge,
    items: list[Any],
    where: str,
    out: ReadResponse,
    depth: int = 0,
    parents: tuple[str, ...] = (),
) -> None:
    if depth > MAX_DEPTH:
        raise InputError(where, f"items nested deeper than {MAX_DEPTH} levels")
    for i, item in enumerate(items):
        at = f"{where}.item[{i}]"
        link = item.get("linkId")
        if link in kb.findings:
            if link in out.paths:
                raise InputError(f"{at}.linkId", f"{link!r} is answered twice")
            out.paths[link] = at
            out.groups[link] = list(parents)
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
        _walk(kb, item.get("item") or [], at, out, depth + 1, (*parents, str(link)))


def read_response(
    kb: Knowledge,
    resource: Any,
    where: str = QR,
    check_version: bool = True,
    lenient: bool = False,
) -> ReadResponse:
    """The case a QuestionnaireResponse gives; InputError naming the element otherwise.

    Refused: a response entered in error; with `check_version`, one made for another
    knowledge version (its items may mean other things now); an answer to an item its
    enableWhen hides for this person (a pregnancy answer from a man). The case is checked by
    the engine too (`parse_case`): an age of 400 is an error naming the item that gave it.
    """
    data = check(resource, QR, where, lenient=lenient)  # lenient: unknown elements dropped
    contained = data.get("contained") or []
    if not _questionnaire_ok(data.get("questionnaire"), contained):
        raise InputError(
            f"{where}.questionnaire",
            f"expected {systems.QUESTIONNAIRE} or a contained Questionnaire",
        )
    if data.get("status") == "entered-in-error":
        raise InputError(f"{where}.status", "the response was entered in error")
    if check_version:
        _check_version(kb, data, where)
    out = ReadResponse(case={"findings": {}}, resource=data)
    if isinstance(data.get("id"), str):
        out.case["id"] = data["id"]
    _walk(kb, data.get("item") or [], where, out)
    try:
        parse_case(kb, out.case)
    except InputError as exc:
        raise InputError(_item_path(exc.field, out.paths, where), exc.message) from None
    _check_enabled(kb, out)
    return out


def _check_version(kb: Knowledge, data: Mapping[str, Any], where: str) -> None:
    """The knowledge version the response names (canonical `|version`, or the contained
    Questionnaire's `version` or `derivedFrom`) must be this server's."""
    ref = str(data.get("questionnaire") or "")
    versions: list[tuple[str, str]] = []
    if "|" in ref and not ref.startswith("#"):
        versions.append((f"{where}.questionnaire", ref.split("|", 1)[1]))
    for i, res in enumerate(data.get("contained") or []):
        if not isinstance(res, Mapping) or res.get("resourceType") != "Questionnaire":
            continue
        if ref.startswith("#") and res.get("id") != ref[1:]:
            continue
        if isinstance(res.get("version"), str):
            versions.append((f"{where}.contained[{i}].version", res["version"]))
        for j, canonical in enumerate(res.get("derivedFrom") or []):
            text = str(canonical)
            if text.split("|", 1)[0] == systems.QUESTIONNAIRE and "|" in text:
                versions.append((f"{where}.contained[{i}].derivedFrom[{j}]", text.split("|")[1]))
    for at, version in versions:
        if version != kb.version:
            raise InputError(
                at,
                f"made for knowledge version {version!r}; this server has {kb.version!r}: "
                "start the interview again",
            )


def _check_enabled(kb: Knowledge, out: ReadResponse) -> None:
    """An answer to an item that enableWhen hides for this person is refused (FHIR: a
    disabled item has no answer); unknown age or sex hides nothing."""
    from legwise.engine.question_choice import catalogue

    groups = {q.id: q.applies for q in catalogue(kb).questions if q.kind == "any_of"}
    age, sex = out.case.get("age"), out.case.get("sex")
    for fid, path in out.paths.items():
        answer = out.case["findings"].get(fid)
        if answer in (None, "unknown"):
            continue
        rules = [kb.findings[fid].applies, *(groups.get(g) for g in out.groups.get(fid, []))]
        if any(r is not None and not r.allows(age, sex) for r in rules):
            raise InputError(path, f"{fid!r} does not apply to this person (enableWhen)")


def _item_path(case_field: str, paths: Mapping[str, str], where: str) -> str:
    fid = case_field.split(".")[-1]
    return paths.get(fid, where)
