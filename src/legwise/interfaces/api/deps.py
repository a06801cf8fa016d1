"""Dependencies shared by the routes: the settings and the knowledge base.

The knowledge base is loaded once per app: in the lifespan when the server starts, or on
the first request that needs it when the app runs without a lifespan (some test clients).
"""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request

from legwise.interfaces.api.settings import Settings
from legwise.kb.loader import Knowledge


class KnowledgeHolder:
    """Loads the knowledge base on first use, then hands out the same object."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._knowledge: Knowledge | None = None
        self._lock = threading.Lock()

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


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_knowledge(request: Request) -> Knowledge:
    holder: KnowledgeHolder = request.app.state.knowledge
    return holder.get()


SettingsDep = Annotated[Settings, Depends(get_settings)]
KnowledgeDep = Annotated[Knowledge, Depends(get_knowledge)]
