"""The diary store of a served app: opened on the first diary request, closed at shutdown.

Opening runs the migrations (a file created, a server reached), so it waits until someone
actually uses the diary: a server whose diary is never used touches no database. Store calls
block, so routes call them in the thread pool.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legwise.store import Store


class StoreHolder:
    """Opens the store at `url` (None: the store's default) once, on first use."""

    def __init__(self, url: str | None) -> None:
        self._url = url
        self._store: Store | None = None
        self._lock = threading.Lock()

    @property
    def opened(self) -> bool:
        return self._store is not None

    def get(self) -> Store:
        """The open store; StoreError (a plain message) when the database cannot be opened."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from legwise.store import open_store

                    self._store = open_store(self._url)
        return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
