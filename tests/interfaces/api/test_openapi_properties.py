"""Schemathesis against the app's own OpenAPI document, in process (no network).

Generated requests, valid and invalid, to every operation: none may get a server error.
(The schema is loaded at collection: schemathesis' lazy `from_fixture` fails on pytest 9.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.settings import Settings

# The diary routes write: give them a throwaway database, never the user's own (the folder
# goes when the module's tests are done).
_TMP = tempfile.TemporaryDirectory(prefix="legwise-schemathesis-", ignore_cleanup_errors=True)
_DB = Path(_TMP.name) / "diary.db"
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(Settings(database_url=f"sqlite:///{_DB}"))
)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_errors(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(checks=[not_a_server_error])


def teardown_module() -> None:
    _TMP.cleanup()
