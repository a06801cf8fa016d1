"""The public vocabulary (docs/contract/vocabulary.yaml) is fully defined by the knowledge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS

RESERVED_NOTE = "beyond the seed"


VOCABULARY = Path(__file__).resolve().parents[2] / "docs" / "contract" / "vocabulary.yaml"


@pytest.fixture(scope="module")
def vocab() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    return data


def test_every_vocabulary_finding_is_defined_with_its_type(
    kb: Knowledge, vocab: dict[str, Any]
) -> None:
    for item in vocab["findings"]:
        assert item["id"] in kb.findings, item["id"]
        assert kb.findings[item["id"]].type == item["type"], item["id"]
        if item["type"] == "choice":
            assert kb.findings[item["id"]].choices == item["choices"]


def test_every_vocabulary_condition_is_defined(kb: Knowledge, vocab: dict[str, Any]) -> None:
    # The reserved ones are defined too: the knowledge base covers all thirteen.
    for item in vocab["conditions"]:
        assert item["id"] in kb.conditions, item["id"]
        assert kb.conditions[item["id"]].group == item["group"], item["id"]


def test_every_vocabulary_advice_id_is_defined(kb: Knowledge, vocab: dict[str, Any]) -> None:
    for item in vocab["advice"]:
        assert item["id"] in kb.advice, item["id"]
        assert kb.advice[item["id"]].kind == "measure"


def test_triage_levels_match_the_contract(kb: Knowledge, vocab: dict[str, Any]) -> None:
    assert [lv["id"] for lv in vocab["triage_levels"]] == list(reversed(LEVELS))
    assert tuple(kb.levels) == LEVELS


def test_every_fact_names_a_known_source(kb: Knowledge) -> None:
    def refs(items: list[Any]) -> list[str]:
        return [s.ref for item in items for s in item.sources]

    facts: list[Any] = []
    for c in kb.conditions.values():
        facts += [c, c.prior, *c.prior.adjustments, *c.tests, *c.treatments]
    for links in kb.links.values():
        facts += links
    facts += list(kb.rules.values())
    for a in kb.advice.values():
        facts += [a, *a.helps, *a.avoid]
    facts += list(kb.scores.values())
    for fact in facts:
        assert fact.sources, fact
    assert set(refs(facts)) <= set(kb.sources)


def test_estimates_say_why(kb: Knowledge) -> None:
    for links in kb.links.values():
        for link in links:
            if link.estimated is not None:
                assert len(link.estimated.split()) >= 4, link.finding
