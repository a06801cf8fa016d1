"""Typed settings of the REST API, read from LEGWISE_* environment variables.

Read only when asked (`Settings.from_env()`), never at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

ENV_PREFIX = "LEGWISE_"


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity, so a container's limit counts), 1 to 64."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        n = os.cpu_count() or 1
    return max(1, min(n, 64))


# The knowledge directory shares its variable with `legwise --knowledge`.
ENV_NAMES = {
    "host": "LEGWISE_HOST",
    "port": "LEGWISE_PORT",
    "max_body_bytes": "LEGWISE_MAX_BODY_BYTES",
    "max_batch_body_bytes": "LEGWISE_MAX_BATCH_BODY_BYTES",
    "knowledge_dir": "LEGWISE_KNOWLEDGE",
    # Shared with the store itself (`legwise.store.ENV_URL`) and the CLI's diary commands.
    "database_url": "LEGWISE_DATABASE_URL",
    "workers": "LEGWISE_WORKERS",
    "data_dir": "LEGWISE_DATA_DIR",
    "base_url": "LEGWISE_BASE_URL",
    "trusted_hosts": "LEGWISE_TRUSTED_HOSTS",
    "max_expensive": "LEGWISE_MAX_EXPENSIVE",
    "retry_after": "LEGWISE_RETRY_AFTER",
    "header_timeout": "LEGWISE_HEADER_TIMEOUT",
    "body_timeout": "LEGWISE_BODY_TIMEOUT",
    "access_log": "LEGWISE_ACCESS_LOG",
    "warm_text": "LEGWISE_WARM_TEXT",
}
# Host names that are this machine: links built from them cannot point anywhere else.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


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
    # `legwise serve` processes, one per CPU this process may use (issue 16); each holds its own
    # knowledge base (about 150 MB), and more than one per core does not help.
    workers: int = Field(default_factory=lambda: cpu_count(), ge=1, le=64)
    # Where the signing key (and, by default, the SQLite diary) is kept; None: the user's
    # data folder. Read by `signing_key` from LEGWISE_DATA_DIR.
    data_dir: Path | None = None
    # The address people reach this server at (https://legwise.example.org). Links that leave
    # the page (the private diary link, CDS Hooks link cards) are built from it, never from
    # the request's Host header.
    base_url: str | None = Field(default=None, pattern=r"^https?://[^/?#\s]+(/[^?#\s]*)?$")
    # Host header values to answer (comma-separated in the environment); any other is 400.
    # Empty: every Host is answered, but links use it only when it is this machine.
    trusted_hosts: tuple[str, ...] = ()
    # Expensive requests (batch, free text, PDF) running at once in each worker; more are
    # answered 503 with Retry-After (seconds).
    max_expensive: int = Field(default=2, ge=1, le=256)
    retry_after: int = Field(default=5, ge=1, le=3600)
    # Seconds a client may take to send its request headers, and its body.
    header_timeout: float = Field(default=10.0, gt=0, le=600)
    body_timeout: float = Field(default=20.0, gt=0, le=600)
    # One line per response (method, path, status; `access_log.AccessLog`): `legwise serve`
    # turns it on unless told --no-access-log.
    access_log: bool = False
    # Build the free-text reader in the background at start-up (`legwise serve` turns it on
    # unless LEGWISE_WARM_TEXT says otherwise), so that the first text someone types is read
    # at once instead of waiting for the build; GET /readyz says when it is done.
    warm_text: bool = False

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, url: str | None) -> str | None:
        """Refused at start-up, not on the first diary request (which blamed the client)."""
        if url:
            from legwise.errors import InputError
            from legwise.store.db import choose_url

            try:
                choose_url(url)
            except InputError as exc:
                raise ValueError(exc.message) from None
        return url

    @field_validator("trusted_hosts", mode="before")
    @classmethod
    def _host_list(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(h.strip().lower() for h in value.split(",") if h.strip())
        return value

    def allowed_hosts(self) -> frozenset[str]:
        """The Host values answered (empty: all), the base URL's own host included."""
        if not self.trusted_hosts:
            return frozenset()
        hosts = set(self.trusted_hosts)
        if self.base_url:
            hosts.add(_host_of(self.base_url))
        return frozenset(hosts)

    def link_host_trusted(self, host: str) -> bool:
        """May a link be built from this Host header value?"""
        name = _strip_port(host.lower())
        allowed = self.allowed_hosts()
        return name in allowed or "*" in allowed if allowed else name in LOOPBACK_HOSTS

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from LEGWISE_* variables (unset or empty ones keep their defaults)."""
        env = os.environ if environ is None else environ
        values = {name: env[var] for name, var in ENV_NAMES.items() if env.get(var)}
        return cls.model_validate(values)


def _strip_port(host: str) -> str:
    if host.startswith("["):  # [::1]:8000
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _host_of(url: str) -> str:
    return _strip_port(url.split("://", 1)[1].split("/", 1)[0].lower())
