"""Keep diary tokens out of server logs.

A diary's private link is `/diary/open/<token>`, and uvicorn's access log prints every
request's path. `install()` puts a filter on the server's loggers that replaces the token
part of such paths with `[token]` before anything is written. The REST API takes its token
in a header, which no access log prints.
"""

from __future__ import annotations

import logging
import re

MARKER = "/diary/open/"
OPEN_PATH = re.compile(r"(/diary/open/)[^/?#\s\"]+")
REDACTED = r"\1[token]"
# uvicorn's access log, its error log (it quotes bad request lines) and gunicorn's.
LOGGERS = ("uvicorn.access", "uvicorn.error", "gunicorn.access", "gunicorn.error")


def redact(text: str) -> str:
    """`text` with the token of every private diary link replaced."""
    return OPEN_PATH.sub(REDACTED, text)


class RedactTokens(logging.Filter):
    """Rewrites a record's message and arguments so no private diary link is logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Every request passes here: look for the marker once, and rewrite only when found.
        if MARKER not in str(record.msg) and not any(
            isinstance(a, str) and MARKER in a
            for a in (record.args.values() if isinstance(record.args, dict) else record.args or ())
        ):
            return True
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True


def install() -> None:
    """Add the filter to the server loggers (once; uvicorn's logging set-up keeps it)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())
