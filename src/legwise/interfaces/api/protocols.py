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
    """HttpToolsProtocol that closes a connection slow to send its request headers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self.header_timeout = _configured_timeout()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)
