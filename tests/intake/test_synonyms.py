"""The synonym sets that generate phrases (knowledge/intake/synonyms.yaml)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

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


def test_an_empty_word_makes_a_set_optional() -> None:
    assert expand("{@kind} run", {"kind": ["10k", ""]}) == ["10k run", "run"]


def test_no_synonym_file_names_a_finding_or_set_twice() -> None:
    """YAML keeps only the last of two equal keys: a finding listed twice would silently lose
    its first templates."""
    from legwise.intake.synonyms import _files

    class Strict(yaml.SafeLoader):
        pass

    def no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
        keys = [loader.construct_object(k) for k, _ in node.value]
        assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, no_duplicates)
    files = _files()
    assert len(files) >= 2  # synonyms.yaml and the lay wording
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=Strict)  # Strict is a SafeLoader
