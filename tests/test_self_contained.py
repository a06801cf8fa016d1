"""The repository carries what it relies on: the contract and the evidence pack as copies
that cannot drift from the project's shared folder, and a package example that runs."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import legwise.interview

ROOT = Path(__file__).resolve().parents[1]
# in-repository copy -> the original, relative to the shared/ folder beside the repository
COPIES = {
    "docs/contract/vocabulary.yaml": "contract/vocabulary.yaml",
    "docs/evidence.md": "clinical/evidence.md",
}


@pytest.mark.parametrize("copy", list(COPIES))
def test_copy_equals_the_shared_original(copy: str, shared: Path) -> None:
    original = shared / COPIES[copy]
    assert (ROOT / copy).read_bytes() == original.read_bytes(), (
        f"{copy} differs from {original}: copy the original over it (the contract may only grow)"
    )


def test_the_package_examples_run() -> None:
    for module in (legwise, legwise.interview):
        result = doctest.testmod(module, report=True)
        assert result.attempted >= 2, module.__name__
        assert result.failed == 0, module.__name__


def test_docs_name_no_folder_outside_the_repository() -> None:
    # Paths that only resolve on one machine (`cd /work/main`, `/work/shared/...`).
    tracked = [
        *ROOT.glob("bench/*.py"),
        *ROOT.glob("docs/*.md"),
        ROOT / "README.md",
        *(ROOT / "src" / "legwise" / "knowledge").rglob("*.yaml"),
    ]
    stale = [str(p.relative_to(ROOT)) for p in tracked if "/work/" in p.read_text("utf-8")]
    assert not stale
