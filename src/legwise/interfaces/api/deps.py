"""Dependencies shared by the routes: the settings and the knowledge base.

The knowledge base is loaded once per app: in the lifespan when the server starts, or on
the first request that needs it when the app runs without a lifespan (some test clients).
"""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from legwise.interfaces.api.settings import Settings
from legwise.kb.loader import Knowledge


class KnowledgeHolder:
    """Loads the knowledge base on first use, then hands out the same object."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._knowledge: Knowledge | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._knowledge is not None

    def get(self) -> Knowledge:
        if self._knowledge is None:
            with self._lock:
                if self._knowledge is None:
                    self._knowledge = self._load()
        return self._knowledge

    def _load(self) -> Knowledge:
        if self._settings.knowledge_dir is not None:
            from legwise.kb.loader import load_from

            return load_from(self._settings.knowledge_dir)
        from legwise.kb.loader import load_knowledge

        return load_knowledge()


# Both are `async def` so that FastAPI calls them on the event loop: a plain `def` dependency
# costs a hop to the thread pool on every request.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_knowledge(request: Request) -> Knowledge:
    holder: KnowledgeHolder = request.app.state.knowledge
    if holder.loaded:
        return holder.get()
    return await run_in_threadpool(holder.get)  # first use without a lifespan: load off-loop


SettingsDep = Annotated[Settings, Depends(get_settings)]
KnowledgeDep = Annotated[Knowledge, Depends(get_knowledge)]
