"""The synonym sets that generate phrases (knowledge/intake/synonyms.yaml)."""

from __future__ import annotations

import pytest

from legwise.errors import KnowledgeError
from legwise.intake.synonyms import IGNORE, expand, generated
from legwise.kb.loader import Knowledge


def test_every_generated_finding_is_a_yes_no_finding(kb: Knowledge) -> None:
    for fid in generated():
        if fid != IGNORE:
            assert fid in kb.findings and kb.findings[fid].type == "state", fid


def test_templates_expand_alternatives_sets_and_optional_words() -> None:
    sets = {"urine": ["wee", "pee"]}
    out = expand("my {@urine} {is |}{dark|brown}", sets)
    assert set(out) == {f"my {u} {v}{c}" for u in ("wee", "pee") for v in ("is ", "")
                        for c in ("dark", "brown")}  # fmt: skip


def test_a_runaway_template_is_a_knowledge_error() -> None:
    words = [str(i) for i in range(100)]
    with pytest.raises(KnowledgeError):
        expand("{@w} {@w}", {"w": words})
