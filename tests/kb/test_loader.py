"""The loader reports every problem at once, naming file, entry and field."""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
import yaml

from legwise.errors import KnowledgeError
from legwise.kb.loader import load_from


@pytest.fixture()
def kb_copy(tmp_path: Path) -> Path:
    src = resources.files("legwise").joinpath("knowledge")
    dst = tmp_path / "knowledge"
    shutil.copytree(str(src), dst)
    return dst


def _edit(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_the_shipped_knowledge_loads(kb_copy: Path) -> None:
    kb = load_from(kb_copy)
    assert kb.conditions and kb.findings and kb.rules and kb.advice and kb.sources
    assert kb.version.count("+") == 1


def test_every_problem_is_reported_at_once(kb_copy: Path) -> None:
    rules = sorted((kb_copy / "rules").glob("*.yaml"))[0]
    conditions = sorted((kb_copy / "conditions").glob("*.yaml"))[0]
    evidence = sorted((kb_copy / "evidence").glob("*.yaml"))[0]

    def bad_rule(data: list[dict[str, object]]) -> None:
        data[0]["colour"] = "red"  # unknown key

    def bad_prior(data: list[dict[str, dict[str, object]]]) -> None:
        data[0]["prior"]["probability"] = 1.5  # out of bounds

    def dangling(data: dict[str, list[dict[str, list[dict[str, str]]]]]) -> None:
        data["links"][0]["sources"] = [{"ref": "no_such_paper"}]

    _edit(rules, bad_rule)
    _edit(conditions, bad_prior)
    _edit(evidence, dangling)
    with pytest.raises(KnowledgeError) as info:
        load_from(kb_copy)
    text = str(info.value)
    assert f"rules/{rules.name}" in text and "colour" in text
    assert f"conditions/{conditions.name}" in text and "prior.probability" in text
    assert f"evidence/{evidence.name}" in text and "no_such_paper" in text


def test_a_source_nobody_cites_is_an_error(kb_copy: Path) -> None:
    extra = kb_copy / "sources" / "zz_extra.yaml"
    extra.write_text(
        yaml.safe_dump([{"id": "orphan_2020", "kind": "review", "title": "Nobody", "year": 2020}])
    )
    with pytest.raises(KnowledgeError, match=r"orphan_2020.*never cited"):
        load_from(kb_copy)


def test_a_rule_that_reads_absent_answers_is_rejected(kb_copy: Path) -> None:
    path = sorted((kb_copy / "rules").glob("*.yaml"))[0]

    def negate(data: list[dict[str, object]]) -> None:
        data[0]["when"] = {"absent": "fever_or_chills"}

    _edit(path, negate)
    with pytest.raises(KnowledgeError, match="may not use 'absent'"):
        load_from(kb_copy)


def test_broken_yaml_names_the_file(kb_copy: Path) -> None:
    path = sorted((kb_copy / "advice").glob("*.yaml"))[0]
    path.write_text("- id: [unclosed\n")
    with pytest.raises(KnowledgeError, match=f"advice/{path.name}: not valid YAML"):
        load_from(kb_copy)


def test_diary_settings_are_optional_but_needed_for_trends(kb_copy: Path) -> None:
    from legwise.diary.trends import read_diary

    (kb_copy / "diary.yaml").unlink()
    (kb_copy / "sources" / "diary.yaml").unlink()  # sources only the diary rules cite
    kb = load_from(kb_copy)
    assert kb.diary is None
    with pytest.raises(KnowledgeError, match=re.escape("diary.yaml: missing")):
        read_diary([], kb=kb)


def test_diary_settings_are_checked(kb_copy: Path) -> None:
    def change(data: dict[str, object]) -> None:
        data["worsening"]["sentence"] = "Pain rose by {rise} points."  # type: ignore[index]
        data["sleep_disruption"]["finding"] = "symptom_duration_days"  # type: ignore[index]
        data["frequency"]["min_per_week"] = 9  # type: ignore[index]

    _edit(kb_copy / "diary.yaml", change)
    with pytest.raises(KnowledgeError) as exc:
        load_from(kb_copy)
    text = str(exc.value)
    assert "diary.yaml: field worsening" in text and "{rise}" in text
    assert "diary.yaml: field frequency.min_per_week" in text
    (kb_copy / "diary.yaml").write_text(
        (kb_copy / "diary.yaml")
        .read_text()
        .replace("Pain rose by {rise} points.", "Worse by {span_days} days.")
    )
    _edit(kb_copy / "diary.yaml", lambda d: d["frequency"].update(min_per_week=2))
    with pytest.raises(
        KnowledgeError,
        match=re.escape("sleep_disruption.finding: 'symptom_duration_days' is not a yes/no"),
    ):
        load_from(kb_copy)
