"""Shared fixtures (the shipped knowledge base, the shared/ folder) and the test tiers.

Tiers are pytest markers given here, from where a test lives or what it needs, so test files
carry no marker lines: `browser` (Chromium), `postgres` (a PostgreSQL server), `slow` (a few
seconds or more each: processes, a terminal, fuzzing, a PDF) and `bench` (the benchmark
scripts' smoke tests). `pytest --fast` (what `python3 dev.py test --fast` runs) leaves every
tier out, without even importing their files, and runs the property tests with fewer examples;
the full run (`python3 dev.py test`, CI) runs them all.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from legwise.kb.loader import Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VIGNETTES = Path(__file__).resolve().parent / "vignettes"

# Apps made in tests keep their signing key (and any default SQLite diary) in a throwaway
# folder, never in the data folder of the person running the tests.
# The folder goes when the test run ends.
if "LEGWISE_DATA_DIR" not in os.environ:
    os.environ["LEGWISE_DATA_DIR"] = tempfile.mkdtemp(prefix="legwise-test-data-")
    atexit.register(shutil.rmtree, os.environ["LEGWISE_DATA_DIR"], ignore_errors=True)
TIERS = ("browser", "postgres", "slow", "bench")
# Paths under tests/ whose tests all belong to one tier; "file::test" names one test.
TIER_PATHS: dict[str, str] = {
    "browser": "browser",
    "bench": "bench",
    "store/test_reliability.py": "slow",  # kills and races writer processes
    "interfaces/test_interview_cli.py": "slow",  # drives the interview in a pseudo-terminal
    "interfaces/test_interview_cli_experience.py": "slow",  # the same, for the experience fixes
    "interfaces/api/test_openapi_properties.py": "slow",  # schemathesis over every route
    "interfaces/web/test_pages.py::test_report_and_pdf": "slow",  # WeasyPrint makes a PDF
    "intake/test_cli_text.py": "slow",  # the CLI reading text: spaCy, and new processes
    "intake/test_surface_forms.py": "slow",  # every dev text read ~18 times (about a minute)
    "fhir/test_adaptive.py::test_the_sdc_loop_reaches_the_library_result": "slow",  # vignettes
    # these start a new Python process each
    "interfaces/test_cli.py::test_python_m_legwise_runs_the_app": "slow",
    "interfaces/test_cli.py::test_help_does_not_import_numpy_or_the_engine": "slow",
    "interfaces/test_cli.py::test_shipped_kb_batch_subprocess": "slow",
    "interfaces/api/test_serve.py::test_help_does_not_import_fastapi_or_uvicorn": "slow",
}
FAST_EXAMPLES = 50  # hypothesis examples per property test in the fast loop (the default: 300)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fast",
        action="store_true",
        help=f"the quick loop: leave out the {', '.join(TIERS)} tests",
    )


def _tier_of(relative: str) -> str | None:
    """The tier of a test file, folder or test id given relative to tests/, if any."""
    for path, tier in TIER_PATHS.items():
        if relative == path or relative.startswith((path + "/", path + "::", path + "[")):
            return tier
    return None


def _relative(path: Path) -> str | None:
    try:
        return path.resolve().relative_to(Path(__file__).resolve().parent).as_posix()
    except ValueError:
        return None


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """In the fast loop, do not import the files of a left-out tier at all."""
    if not config.getoption("--fast"):
        return None
    relative = _relative(collection_path)
    return True if relative is not None and _tier_of(relative) else None


def _uses_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    params = callspec.params.values() if callspec is not None else ()
    return "pg_url" in getattr(item, "fixturenames", ()) or "postgresql" in params


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        relative = _relative(item.path)
        tier = _tier_of(relative + item.nodeid[item.nodeid.index("::") :]) if relative else None
        if tier is not None:
            item.add_marker(tier)
        if _uses_postgres(item):
            item.add_marker("postgres")
    if not config.getoption("--fast"):
        return
    from hypothesis import is_hypothesis_test, settings

    for item in items:
        test = getattr(item, "obj", None)
        # A property test without its own @settings gets fewer examples (those with their own
        # keep them); `settings` marks the test, so a parametrized one is changed once.
        if is_hypothesis_test(test) and not getattr(
            test, "_hypothesis_internal_settings_applied", 0
        ):
            settings(max_examples=FAST_EXAMPLES)(test)
    kept = [item for item in items if not any(item.get_closest_marker(t) for t in TIERS)]
    dropped = [item for item in items if item not in kept]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared/ folder beside the repository (the seed article, the contract's
    source). A clone of the repository alone has none: skip, except under CI, where a test
    that cannot run must fail rather than pass by skipping."""
    if not SHARED.is_dir():
        message = f"shared/ folder not found beside the repository: {SHARED}"
        if in_ci():
            pytest.fail(f"{message} (CI=true: the tests that read it must run)", pytrace=False)
        pytest.skip(
            f"{message}; these tests compare with the seed article or the contract's source"
        )
    return SHARED
