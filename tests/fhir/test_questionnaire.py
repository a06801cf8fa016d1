"""The generated Questionnaire: valid FHIR R4, one item per finding, faithful to the knowledge."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from legwise.fhir import systems
from legwise.fhir.model import validate_resource
from legwise.fhir.questionnaire import build_questionnaire
from legwise.kb.loader import Knowledge


def _items(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from _items(item.get("item", []))


def test_it_validates_as_fhir_r4(kb: Knowledge) -> None:
    q = build_questionnaire(kb)
    assert validate_resource(q) == q  # nothing dropped or changed by the R4 model


def test_one_item_per_finding_with_the_finding_id(kb: Knowledge) -> None:
    items = list(_items(build_questionnaire(kb)["item"]))
    link_ids = [i["linkId"] for i in items]
    assert len(link_ids) == len(set(link_ids))
    questions = {i["linkId"] for i in items if i["type"] not in ("group", "display")}
    assert questions == set(kb.findings)


def test_items_carry_answer_types_options_codes_and_help(kb: Knowledge) -> None:
    by_id = {i["linkId"]: i for i in _items(build_questionnaire(kb)["item"])}
    for fid, spec in kb.findings.items():
        item = by_id[fid]
        assert {"system": systems.FINDING, "code": fid, "display": spec.label} in item["code"]
        if spec.type == "number":
            assert item["type"] in ("integer", "decimal")
            urls = {e["url"] for e in item["extension"]}
            assert {systems.EXT_MIN, systems.EXT_MAX} <= urls
        else:
            assert item["type"] == "choice"
            assert len(item["answerOption"]) >= 3
    assert by_id["age.help"]["text"] == kb.findings["age"].help


def test_pregnancy_is_enabled_only_by_the_sex_and_age_answers(kb: Knowledge) -> None:
    by_id = {i["linkId"]: i for i in _items(build_questionnaire(kb)["item"])}
    item = by_id["pregnant_or_postpartum"]
    assert item["enableBehavior"] == "all"
    tests = {(w["question"], w["operator"]) for w in item["enableWhen"]}
    assert ("sex", "!=") in tests
    assert ("age", ">=") in tests and ("age", "<=") in tests
    excluded = {w["answerCoding"]["code"] for w in item["enableWhen"] if w["question"] == "sex"}
    assert "female" not in excluded and "male" in excluded


def test_groups_hold_the_findings_the_interview_asks_together(kb: Knowledge) -> None:
    by_id = {i["linkId"]: i for i in _items(build_questionnaire(kb)["item"])}
    for group in kb.questions.values():
        children = [c["linkId"] for c in by_id[group.id]["item"] if c["type"] != "display"]
        assert children == list(group.findings)


def test_canonical_url_version_and_sdc_profile(kb: Knowledge) -> None:
    q = build_questionnaire(kb)
    assert q["url"] == systems.QUESTIONNAIRE
    assert q["version"] == kb.version
    assert q["meta"]["profile"] == [systems.SDC_ADAPT_SEARCH]  # the published form
    assert q["item"][0]["linkId"] == "age" and q["item"][1]["linkId"] == "sex"
