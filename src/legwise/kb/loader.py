"""Load the knowledge files, validate every record, then check the whole base.

Every problem is collected before anything is raised, so one run of the loader names every
faulty file, entry and field at once.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from legwise.errors import KnowledgeError
from legwise.kb.schema import (
    Advice,
    Combined,
    Condition,
    EvidenceFile,
    Finding,
    LevelInfo,
    Link,
    Meta,
    QuestionGroup,
    Rule,
    Score,
    Source,
)
from legwise.kb.schema_diary import DiarySettings

try:  # the C loader is several times faster; fall back when PyYAML was built without it
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _YamlLoader = yaml.SafeLoader

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, eq=False)  # hashed by identity, so compiled forms can be cached
class Knowledge:
    """The validated knowledge base. Lookups by id; order of files and entries kept."""

    sources: dict[str, Source]
    conditions: dict[str, Condition]
    findings: dict[str, Finding]
    links: dict[str, list[Link]]
    rules: dict[str, Rule]
    advice: dict[str, Advice]
    scores: dict[str, Score]
    levels: dict[str, LevelInfo]
    meta: Meta
    version: str
    origin: dict[str, str] = field(default_factory=dict)  # "kind:id" -> file it came from
    questions: dict[str, QuestionGroup] = field(default_factory=dict)
    diary: DiarySettings | None = None  # trend rules; optional so small test bases load
    combined: dict[str, list[Combined]] = field(default_factory=dict)  # condition -> groups

    def diary_settings(self) -> DiarySettings:
        """The diary trend settings, or KnowledgeError when this base has none."""
        if self.diary is None:
            raise KnowledgeError(["diary.yaml: missing; the diary trend rules need it"])
        return self.diary

    def level_rank(self, level: str) -> int:
        return list(self.levels).index(level)


def _format_loc(loc: Iterable[Any]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(entry)"


def _validate(model: type[M], data: Any, where: str, problems: list[str]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(f"{where}: field {_format_loc(err['loc'])}: {err['msg']}")
        return None


def _entry_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"entry '{raw['id']}'"
    return f"entry #{index + 1}"


def _read_yaml(path: Traversable, rel: str, problems: list[str]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)
    except yaml.YAMLError as exc:
        problems.append(f"{rel}: not valid YAML: {exc}")
        return None


def _yaml_files(root: Traversable, kind: str) -> list[tuple[str, Traversable]]:
    folder = root.joinpath(kind)
    if not folder.is_dir():
        return []
    files = [f for f in folder.iterdir() if f.name.endswith(".yaml")]
    return sorted(((f"{kind}/{f.name}", f) for f in files), key=lambda item: item[0])


def _load_entries(
    root: Traversable,
    kind: str,
    model: type[M],
    problems: list[str],
    origin: dict[str, str],
    digest: Any,
) -> dict[str, M]:
    out: dict[str, M] = {}
    for rel, path in _yaml_files(root, kind):
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
        data = _read_yaml(path, rel, problems)
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(f"{rel}: expected a list of entries")
            continue
        for i, raw in enumerate(data):
            where = f"{rel}: {_entry_name(raw, i)}"
            item = _validate(model, raw, where, problems)
            if item is None:
                continue
            key = item.id  # type: ignore[attr-defined]
            if key in out:
                problems.append(f"{where}: duplicate id (also in {origin[f'{kind}:{key}']})")
                continue
            out[key] = item
            origin[f"{kind}:{key}"] = rel
    return out


def _load_evidence(
    root: Traversable | Path, problems: list[str], origin: dict[str, str], digest: Any
) -> tuple[dict[str, list[Link]], dict[str, list[Combined]]]:
    """Each condition's likelihood ratios and combined groups, one evidence file each."""
    links: dict[str, list[Link]] = {}
    combined: dict[str, list[Combined]] = {}
    for rel, path in _yaml_files(root, "evidence"):
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
        data = _read_yaml(path, rel, problems)
        if data is None:
            continue
        evidence = _validate(EvidenceFile, data, rel, problems)
        if evidence is None:
            continue
        cond = evidence.condition
        if cond in links:
            problems.append(f"{rel}: condition '{cond}' already has an evidence file")
            continue
        links[cond] = list(evidence.links)
        if evidence.combined:
            combined[cond] = list(evidence.combined)
        origin[f"evidence:{cond}"] = rel
    return links, combined


def _load_settings(
    root: Traversable | Path, problems: list[str], digest: Any
) -> tuple[dict[str, LevelInfo], Meta | None]:
    """The urgency levels (levels.yaml) and the engine settings (meta.yaml)."""
    levels: dict[str, LevelInfo] = {}
    meta: Meta | None = None
    for name in ("levels.yaml", "meta.yaml"):
        path = root.joinpath(name)
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        data = _read_yaml(path, name, problems)
        if name == "levels.yaml" and isinstance(data, list):
            for i, raw in enumerate(data):
                level = _validate(LevelInfo, raw, f"{name}: {_entry_name(raw, i)}", problems)
                if level is not None:
                    levels[level.id] = level
        elif name == "meta.yaml":
            meta = _validate(Meta, data, name, problems)
        else:
            problems.append(f"{name}: expected a list of levels")
    return levels, meta


def load_from(root: Traversable | Path) -> Knowledge:
    """Load and check the knowledge under `root`; raise KnowledgeError listing all problems."""
    from legwise.kb.checks import check  # local import: checks import this module's types

    problems: list[str] = []
    origin: dict[str, str] = {}
    digest = hashlib.sha256()
    sources = _load_entries(root, "sources", Source, problems, origin, digest)
    conditions = _load_entries(root, "conditions", Condition, problems, origin, digest)
    findings = _load_entries(root, "findings", Finding, problems, origin, digest)
    rules = _load_entries(root, "rules", Rule, problems, origin, digest)
    advice = _load_entries(root, "advice", Advice, problems, origin, digest)
    scores = _load_entries(root, "scores", Score, problems, origin, digest)
    questions = _load_entries(root, "questions", QuestionGroup, problems, origin, digest)

    links, combined = _load_evidence(root, problems, origin, digest)
    levels, meta = _load_settings(root, problems, digest)

    diary: DiarySettings | None = None
    diary_path = root.joinpath("diary.yaml")
    if diary_path.is_file():  # optional: only the diary trend rules need it
        digest.update(b"diary.yaml\0" + diary_path.read_bytes() + b"\0")
        data = _read_yaml(diary_path, "diary.yaml", problems)
        if data is not None:
            diary = _validate(DiarySettings, data, "diary.yaml", problems)

    if meta is None:
        raise KnowledgeError(problems or ["meta.yaml: could not be read"])
    kb = Knowledge(
        sources=sources,
        conditions=conditions,
        findings=findings,
        links=links,
        rules=rules,
        advice=advice,
        scores=scores,
        levels=levels,
        meta=meta,
        version=f"{meta.version}+{digest.hexdigest()[:12]}",
        origin=origin,
        questions=questions,
        diary=diary,
        combined=combined,
    )
    problems.extend(check(kb))
    if problems:
        raise KnowledgeError(problems)
    return kb


@functools.cache
def load_knowledge() -> Knowledge:
    """The knowledge shipped with legwise, loaded once per process (first call does the I/O)."""
    return load_from(resources.files("legwise").joinpath("knowledge"))
