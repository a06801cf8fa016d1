"""uvicorn's HTTP protocol with a deadline for request headers (slowloris).

uvicorn times an idle keep-alive connection but not a client that sends its headers a byte
at a time: such clients once held connections open for 45 s. Here a connection whose
request headers are not complete `header_timeout` seconds after it opened (or after the
previous response) is closed. Used by `legwise serve`; the body has its own deadline in the
app (`guards.ReadTimeout`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT = 10.0
ENV_TIMEOUT = "LEGWISE_HEADER_TIMEOUT"  # set by `legwise serve` for every worker process


def _configured_timeout() -> float:
    with contextlib.suppress(ValueError):
        seconds = float(os.environ.get(ENV_TIMEOUT, ""))
        if 0 < seconds <= 600:
            return seconds
    return HEADER_TIMEOUT


class TimedHttpToolsProtocol(HttpToolsProtocol):
    """HttpToolsProtocol that closes a connection slow to send its request headers.

    One timer per connection, not one per request: a request only notes when the wait for
    headers began (or that it ended); the timer, when it fires, closes the connection if
    that wait is over the limit, and otherwise sets itself for what is left of it (a timer
    cancelled and set again on every request cost a few microseconds each)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._waiting_since: float | None = None  # None: no request's headers are awaited
        self.header_timeout = _configured_timeout()

    def _check(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        left = self.header_timeout
        if self._waiting_since is not None:
            left = self._waiting_since + self.header_timeout - self.loop.time()
            if left <= 0:
                self.transport.close()
                return
        self._header_timer = self.loop.call_later(left, self._check)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._waiting_since = self.loop.time()
        self._header_timer = self.loop.call_later(self.header_timeout, self._check)

    def on_headers_complete(self) -> None:
        self._waiting_since = None
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        pipelined = bool(self.pipeline)  # the next request's headers are in: it starts now
        super().on_response_complete()
        if not pipelined:
            self._waiting_since = self.loop.time()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)
