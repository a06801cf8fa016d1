"""The key that signs the interview's state: one key for every worker and every restart.

A key made per process broke `legwise serve --workers 2` (a form signed by one worker could
not be read by the next) and every restart. The key is, in this order:

1. `LEGWISE_WEB_SECRET` (at least 32 characters; a shorter or repetitive one is used, with a
   warning in the log), or
2. a random 32-byte key generated once and kept in `web-secret.key` in the data folder
   (`LEGWISE_DATA_DIR`, default the user's data folder, where the SQLite diary also lives),
   created with mode 0600 in a folder of mode 0700. Several workers starting at once end up
   with the same key: the file is written under a temporary name and linked into place,
   and whoever loses the race reads the winner's file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import stat
import threading
from collections.abc import Mapping
from pathlib import Path

ENV_SECRET = "LEGWISE_WEB_SECRET"
ENV_DATA_DIR = "LEGWISE_DATA_DIR"
KEY_FILE = "web-secret.key"
MIN_LENGTH = 32  # characters of LEGWISE_WEB_SECRET
MIN_DISTINCT = 10  # different characters in it
KEY_BYTES = 32

log = logging.getLogger("legwise.web")


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where legwise keeps its files: LEGWISE_DATA_DIR, else the user's data folder."""
    env = os.environ if environ is None else environ
    configured = env.get(ENV_DATA_DIR)
    if configured:
        return Path(configured)
    import platformdirs

    return platformdirs.user_data_path("legwise")


def weakness(secret: str) -> str | None:
    """Why a configured secret is weak, or None when it is not."""
    if len(secret) < MIN_LENGTH:
        return f"it has {len(secret)} characters; use at least {MIN_LENGTH}"
    if len(set(secret)) < MIN_DISTINCT:
        return "it repeats a few characters; use random ones"
    return None


def private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) for legwise's own files, mode 0700."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # not ours to change (a shared mount): leave it
        if stat.S_IMODE(folder.stat().st_mode) & 0o077:
            folder.chmod(0o700)


def load_or_create(folder: Path) -> bytes:
    """The key kept in `folder`, made (0600) if there is none yet."""
    path = folder / KEY_FILE
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = b""
    if len(key) >= KEY_BYTES:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            log.warning("%s can be read by other users; making it 0600", path)
            with contextlib.suppress(OSError):
                path.chmod(0o600)
        return key
    private_folder(folder)
    fresh = secrets.token_bytes(KEY_BYTES)
    temp = folder / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(fresh)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temp, path)  # fails if another process got there first
        except FileExistsError:
            return path.read_bytes()
        log.info("made a new signing key in %s", path)
        return fresh
    finally:
        temp.unlink(missing_ok=True)


def resolve(environ: Mapping[str, str] | None = None) -> bytes:
    """The signing key from the environment or the data folder (see the module docstring)."""
    env = os.environ if environ is None else environ
    configured = env.get(ENV_SECRET)
    if configured:
        why = weakness(configured)
        if why is not None:
            log.warning("%s is weak: %s", ENV_SECRET, why)
        return configured.encode("utf-8", "surrogateescape")
    return load_or_create(data_dir(env))


class SigningKey:
    """The app's key, resolved on first use (an app that signs nothing touches no file)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = environ
        self._key: bytes | None = None
        self._lock = threading.Lock()

    def get(self) -> bytes:
        if self._key is None:
            with self._lock:
                if self._key is None:
                    self._key = resolve(self._environ)
        return self._key
