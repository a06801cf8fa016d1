"""A cheap access log: one line per response, written in batches.

uvicorn's access log goes through `logging` for every request (a record, the filters, a
formatter with the status phrase, a write and a flush): about 11% of a worker's time at full
load, and three times the p99 at 32 connections. Here a response costs a tuple appended to a
list; the lines are formatted and written together, at most `every` seconds later or when
`batch` lines are waiting, in one write each.

The write itself happens on a writer thread, never on the event loop: a log on a slow disk or a
full pipe can block a write for seconds, and a write on the loop would stall every connection of
the worker for that long (seen as a whole-server stall in the load bench). `flush()` waits for
the writer, so nothing waiting is lost at exit.

A line is uvicorn's, without colours: `INFO:     127.0.0.1:51234 - "POST /v1/assess HTTP/1.1"
200`. It holds the method, the path without its query string, and the status: health data
travels in bodies, and a private diary link's token is replaced (`log_redact`).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import queue
import sys
import threading
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from legwise.interfaces.api.log_redact import MARKER, redact

Line = tuple[str, str, str, str, int]  # client, method, path, HTTP version, status


def _stdout(data: bytes) -> None:
    """Write to standard output's file descriptor (the server's log), in one call."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by something without a descriptor
        sys.stdout.write(data.decode())
        sys.stdout.flush()
        return
    sys.stdout.flush()  # anything printed before goes first
    while data:
        written = os.write(fd, data)
        data = data[written:]


def format_line(line: Line) -> str:
    client, method, path, version, status = line
    if MARKER in path:
        path = redact(path)
    return f'INFO:     {client} - "{method} {path} HTTP/{version}" {status}\n'


class AccessLog:
    """ASGI middleware logging each HTTP response (see the module's docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        write: Callable[[bytes], None] = _stdout,
        every: float = 0.5,
        batch: int = 32,
        background: bool = True,
    ) -> None:
        self.app = app
        self.write = write
        self.every = every
        self.batch = batch  # 32 lines stay under 4 KiB, one atomic write to a pipe
        self.waiting: list[Line] = []
        self.timer: asyncio.TimerHandle | None = None
        self.background = background
        self.outbox: queue.Queue[bytes] = queue.Queue()
        self.writer: threading.Thread | None = None
        atexit.register(self.flush)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def logged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.add(scope, message["status"])
            await send(message)

        await self.app(scope, receive, logged_send)

    def add(self, scope: Scope, status: int) -> None:
        client = scope.get("client")
        where = f"{client[0]}:{client[1]}" if client else "-"
        self.waiting.append((where, scope["method"], scope["path"], scope["http_version"], status))
        if len(self.waiting) >= self.batch:
            self._send_waiting()
        elif self.timer is None:
            self.timer = asyncio.get_running_loop().call_later(self.every, self._send_waiting)

    def flush(self) -> None:
        """Write every waiting line now and wait until it is written (also at exit)."""
        self._send_waiting()
        if self.writer is not None:
            self.outbox.join()

    def _send_waiting(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if not self.waiting:
            return
        lines, self.waiting = self.waiting, []
        data = "".join(map(format_line, lines)).encode("utf-8", "replace")
        if not self.background:
            self._write(data)
            return
        if self.writer is None:
            self.writer = threading.Thread(target=self._drain, name="access-log", daemon=True)
            self.writer.start()
        self.outbox.put(data)

    def _drain(self) -> None:
        while True:
            data = self.outbox.get()
            try:
                self._write(data)
            finally:
                self.outbox.task_done()

    def _write(self, data: bytes) -> None:
        with contextlib.suppress(OSError):  # a closed log must not take the server down
            self.write(data)
