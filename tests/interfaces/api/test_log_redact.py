"""Private diary links never reach the server's logs."""

from __future__ import annotations

import logging

import uvicorn

from legwise.interfaces.api.app import create_app
from legwise.interfaces.api.log_redact import RedactTokens, redact
from legwise.interfaces.api.settings import Settings

TOKEN = "k3Yq0wF8tW2xN5vB7mC9zL1pR4sD6hJ0aE8uI2oT5yQ"


def test_redact_replaces_only_the_token() -> None:
    assert redact(f"/diary/open/{TOKEN}") == "/diary/open/[token]"
    assert redact(f"/diary/open/{TOKEN}?x=1") == "/diary/open/[token]?x=1"
    assert redact("/diary/nights/3") == "/diary/nights/3"


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_an_access_log_line_is_redacted_after_uvicorn_sets_up_logging() -> None:
    create_app(Settings(database_url="sqlite://"))
    # What `legwise serve` does next: uvicorn configures its loggers (dictConfig).
    uvicorn.Config("legwise.interfaces.api.app:create_app", log_level="info").configure_logging()
    access = logging.getLogger("uvicorn.access")
    assert any(isinstance(f, RedactTokens) for f in access.filters)
    seen = Lines()
    access.addHandler(seen)
    try:
        # uvicorn's own call: '%s - "%s %s HTTP/%s" %d', the path an argument.
        access.info(
            '%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", f"/diary/open/{TOKEN}", "1.1", 303
        )
    finally:
        access.removeHandler(seen)
    assert seen.lines == ['127.0.0.1:5000 - "GET /diary/open/[token] HTTP/1.1" 303']
