"""Typed settings of the REST API, read from LEGWISE_* environment variables.

Read only when asked (`Settings.from_env()`), never at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

ENV_PREFIX = "LEGWISE_"
# The knowledge directory shares its variable with `legwise --knowledge`.
ENV_NAMES = {
    "host": "LEGWISE_HOST",
    "port": "LEGWISE_PORT",
    "max_body_bytes": "LEGWISE_MAX_BODY_BYTES",
    "max_batch_body_bytes": "LEGWISE_MAX_BATCH_BODY_BYTES",
    "knowledge_dir": "LEGWISE_KNOWLEDGE",
    # Shared with the store itself (`legwise.store.ENV_URL`) and the CLI's diary commands.
    "database_url": "LEGWISE_DATABASE_URL",
}


class Settings(BaseModel):
    """How the API is served and what it accepts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    # A batch of up to 1000 cases does not fit in 64 KiB, so its route has its own limit.
    max_batch_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    knowledge_dir: Path | None = None
    # None: the store's own default (a SQLite file in the user's data folder). Opened on the
    # first diary request, not at start-up: a server whose diary is never used touches no file.
    database_url: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from LEGWISE_* variables (unset or empty ones keep their defaults)."""
        env = os.environ if environ is None else environ
        values = {name: env[var] for name, var in ENV_NAMES.items() if env.get(var)}
        return cls.model_validate(values)
