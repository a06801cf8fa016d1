"""The reviewed reading data stays well formed: a misspelt finding id in qualifiers.yaml would
silently read nothing, and a finding named twice in one synonyms file silently loses the first
list (YAML keeps the last)."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources

from legwise.intake.qualifiers import qualifiers
from legwise.kb.loader import Knowledge

INTAKE = resources.files("legwise").joinpath("knowledge", "intake")


def test_qualifier_rules_name_known_findings(kb_text: Knowledge) -> None:
    for fid, rule in qualifiers().items():
        assert fid in kb_text.findings, fid
        assert rule.within in ("sentence", "text"), fid
        for _, other in rule.instead:
            assert other in kb_text.findings, (fid, other)


def test_no_finding_is_listed_twice_in_a_synonyms_file() -> None:
    for path in INTAKE.iterdir():
        if not (path.name.startswith("synonyms") and path.name.endswith(".yaml")):
            continue
        text = path.read_text(encoding="utf-8")
        block = text.split("\nfindings:\n", 1)[-1].split("\nignore:\n", 1)[0]
        keys = Counter(re.findall(r"^  ([a-z_]+):", block, re.M))
        assert not [k for k, n in keys.items() if n > 1], (path.name, keys.most_common(3))
