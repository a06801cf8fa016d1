"""Everything the seed article names is in the knowledge base, and nothing copies the seed.

The table tests/seed_coverage.yaml lists each cause, warning sign, self-care measure, test and
treatment of the seed article (shared/seed/leg-pain-at-rest.txt) with a short phrase that
locates it in the seed and the knowledge records that hold it. A fixed checklist below names
the seed's required items per kind, so dropping a row or a knowledge record fails a test.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.kb.loader import Knowledge

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "tests" / "seed_coverage.yaml"
SEED = "seed/leg-pain-at-rest.txt"

KINDS: tuple[str, ...] = ("cause", "warning_sign", "self_care", "test", "treatment")
ROW_KEYS = {"item", "kind", "seed_phrase", "entries"}
COPY_WORDS = 9  # this many consecutive seed words in a tracked file counts as copying
ITEM_COPY_WORDS = 6  # the table's `item` text must be our own words: a stricter limit

# The seed's required items per kind, as phrases found in the seed. A row of the same kind whose
# seed_phrase contains the phrase covers it.
CHECKLIST: dict[str, tuple[str, ...]] = {
    "cause": (
        "nocturnal leg cramps",
        "dehydration",
        "electrolyte imbalances",
        "muscle fatigue",
        "muscle strains or overuse",
        "restless legs syndrome",
        "sciatica",
        "peripheral neuropathy",
        "peripheral artery disease",
        "claudication",
        "worsening when legs are elevated",
        "hanging them off the bed",
        "deep vein thrombosis",
    ),
    "warning_sign": (
        "sudden, severe leg pain",
        "swelling, warmth, or redness",
        "pulmonary embolism",
        "pale",
        "sudden loss of sensation",
        "reduction in blood flow",
        "acute nerve damage",
        "fever, chills, or night sweats",
        "infection or systemic issue",
        "home remedies",
        "progressively worsens",
        "interferes with sleep",
        "chronic fatigue",
        "limit daily activities",
        "diabetes",
        "heart disease",
    ),
    "self_care": (
        "stretching",
        "hydration",
        "warm compress",
        "warm bath",
        "elevating the legs",
    ),
    "test": (
        "physical examination",
        "medical history",
        "electrolyte imbalances",
        "inflammatory markers",
        "nerve conduction studies",
        "evaluate blood flow",
        "detect clots",
    ),
    "treatment": (
        "dopamine agonists",
        "iron supplements",
        "physical therapy",
        "regular exercise",
        "smoking cessation",
        "dietary changes",
        "improve blood flow",
        "reduce cholesterol",
        "anticoagulant",
    ),
}


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def resolve(kb: Knowledge, path: str) -> bool:
    """True when `path` names a real knowledge record (see the table's header for the forms)."""
    parts = path.split("/")
    match parts:
        case ["conditions", cid]:
            return cid in kb.conditions
        case ["conditions", cid, ("tests" | "treatments") as field, item_id]:
            condition = kb.conditions.get(cid)
            if condition is None:
                return False
            items = condition.tests if field == "tests" else condition.treatments
            return any(item.id == item_id for item in items)
        case ["rules", rid]:
            return rid in kb.rules
        case ["advice", aid]:
            return aid in kb.advice
        case ["findings", fid]:
            return fid in kb.findings
        case _:
            return False


@pytest.fixture(scope="module")
def seed_text(shared: Path) -> str:
    return (shared / SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data, f"{TABLE} must be a non-empty list of rows"
    for row in data:
        assert isinstance(row, dict), f"row is not a mapping: {row!r}"
    return data


def test_rows_have_the_expected_shape(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        assert set(row) == ROW_KEYS, f"{row.get('item')!r}: keys {sorted(row)}"
        assert isinstance(row["item"], str) and row["item"].strip(), row
        assert row["kind"] in KINDS, f"{row['item']!r}: unknown kind {row['kind']!r}"
        assert isinstance(row["seed_phrase"], str), row["item"]
        assert 2 <= len(row["seed_phrase"].split()) <= 5, (
            f"{row['item']!r}: seed_phrase {row['seed_phrase']!r} must have 2-5 words"
        )


def test_every_seed_phrase_occurs_in_the_seed(rows: list[dict[str, Any]], seed_text: str) -> None:
    seed = _norm(seed_text)
    missing = [row["seed_phrase"] for row in rows if _norm(row["seed_phrase"]) not in seed]
    assert not missing, f"seed phrases not found in the seed article: {missing}"


def test_every_entry_resolves_to_a_knowledge_record(
    kb: Knowledge, rows: list[dict[str, Any]]
) -> None:
    broken = [
        f"{row['item']!r}: {entry}"
        for row in rows
        for entry in row["entries"]
        if not resolve(kb, entry)
    ]
    assert not broken, "entries that name no knowledge record:\n" + "\n".join(broken)


def test_every_row_has_an_entry(rows: list[dict[str, Any]]) -> None:
    empty = [
        row["item"] for row in rows if not isinstance(row["entries"], list) or not row["entries"]
    ]
    assert not empty, f"rows without knowledge entries: {empty}"


def test_every_kind_has_rows(rows: list[dict[str, Any]]) -> None:
    present = {row["kind"] for row in rows}
    assert present == set(KINDS), f"kinds without rows: {sorted(set(KINDS) - present)}"


def test_checklist_phrases_are_in_the_seed(seed_text: str) -> None:
    seed = _norm(seed_text)
    stale = [p for phrases in CHECKLIST.values() for p in phrases if _norm(p) not in seed]
    assert not stale, f"checklist phrases not in the seed article: {stale}"


@pytest.mark.parametrize("kind", KINDS)
def test_checklist_is_covered_by_rows_of_its_kind(kind: str, rows: list[dict[str, Any]]) -> None:
    phrases = [_norm(row["seed_phrase"]) for row in rows if row["kind"] == kind]
    uncovered = [p for p in CHECKLIST[kind] if not any(_norm(p) in phrase for phrase in phrases)]
    assert not uncovered, f"seed {kind} items with no row: {uncovered}"


def test_items_are_in_our_own_words(rows: list[dict[str, Any]], seed_text: str) -> None:
    seed_grams = _ngrams(_words(seed_text), ITEM_COPY_WORDS)
    copied = [
        row["item"] for row in rows if _ngrams(_words(row["item"]), ITEM_COPY_WORDS) & seed_grams
    ]
    assert not copied, f"items that repeat the seed's wording: {copied}"


def test_resolver_rejects_unknown_paths(kb: Knowledge) -> None:
    assert resolve(kb, "conditions/sciatica")
    for path in (
        "conditions/no_such_condition",
        "conditions/sciatica/tests/no_such_test",
        "conditions/sciatica/side_effects/x",
        "rules/no_such_rule",
        "advice/no_such_advice",
        "findings/no_such_finding",
        "evidence/sciatica",
        "conditions",
    ):
        assert not resolve(kb, path), path


def _tracked_text_files() -> list[Path]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    result = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip("not a git checkout")
    files: list[Path] = []
    for name in result.stdout.decode().split("\0"):
        path = ROOT / name
        if not name or name.endswith(".lock") or not path.is_file():
            continue
        files.append(path)
    return files


def test_no_tracked_file_copies_the_seed(seed_text: str) -> None:
    seed_grams = _ngrams(_words(seed_text), COPY_WORDS)
    copies: list[str] = []
    for path in _tracked_text_files():
        data = path.read_bytes()
        if b"\0" in data:
            continue  # binary
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # binary or not text
        words = _words(text)
        for i in range(len(words) - COPY_WORDS + 1):
            run = tuple(words[i : i + COPY_WORDS])
            if run in seed_grams:
                copies.append(f"{path.relative_to(ROOT)}: {' '.join(run)!r}")
                break
    assert not copies, (
        f"files repeating {COPY_WORDS}+ consecutive words of the seed (cite it, do not copy):\n"
        + "\n".join(copies)
    )
