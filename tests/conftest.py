"""Shared fixtures: the shipped knowledge base and the read-only shared/ folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from legwise.kb.loader import Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VIGNETTES = Path(__file__).resolve().parent / "vignettes"

# Apps made in tests keep their signing key (and any default SQLite diary) in a throwaway
# folder, never in the data folder of the person running the tests.
os.environ.setdefault("LEGWISE_DATA_DIR", tempfile.mkdtemp(prefix="legwise-test-data-"))


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared/ folder not found beside the repository: {SHARED}")
    return SHARED
