"""`python3 dev.py audit` never reports "no known vulnerabilities" when it could not look:
a package that was skipped, or an advisory service that did not answer, is a failure."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("dev", module)
    spec.loader.exec_module(module)
    return module


def _report(*deps: Mapping[str, object]) -> str:
    return json.dumps({"dependencies": list(deps), "fixes": []})


CLEAN = {"name": "fastapi", "version": "0.165.0", "vulns": []}


def test_a_clean_audit_passes() -> None:
    ok, message = _dev().audit_verdict(0, _report(CLEAN, {**CLEAN, "name": "pydantic"}), "")
    assert ok, message
    assert "2 packages" in message


def test_a_skipped_package_fails() -> None:
    skipped = {"name": "torch", "skip_reason": "Dependency not found on PyPI"}
    ok, message = _dev().audit_verdict(0, _report(CLEAN, skipped), "")
    assert not ok
    assert "torch" in message and "skipped" in message


def test_an_unreachable_advisory_service_fails() -> None:
    ok, message = _dev().audit_verdict(
        1, "", "requests.exceptions.ConnectionError: Max retries exceeded with url: /pypi/"
    )
    assert not ok
    assert "could not be reached" in message or "could not" in message


def test_nothing_audited_fails() -> None:
    ok, _ = _dev().audit_verdict(0, _report(), "")
    assert not ok


def test_a_known_vulnerability_fails_and_is_named() -> None:
    bad = {
        "name": "jinja2",
        "version": "3.1.0",
        "vulns": [{"id": "GHSA-xxxx", "fix_versions": ["3.1.6"], "aliases": ["CVE-1"]}],
    }
    ok, message = _dev().audit_verdict(1, _report(CLEAN, bad), "")
    assert not ok
    assert "jinja2 3.1.0" in message and "GHSA-xxxx" in message


def test_audit_is_not_part_of_the_test_command() -> None:
    text = (ROOT / "dev.py").read_text(encoding="utf-8")
    test_branch = text.split('if what == "test":', 1)[1].split('if what == "bench":', 1)[0]
    assert "audit" not in test_branch
