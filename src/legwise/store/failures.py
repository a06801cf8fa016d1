"""Turning database failures into `StoreError`s with plain messages.

The database's own message is not passed on: with some drivers it quotes the statement or
the values being written, which are diary content. Only the kind of failure is kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy import exc

from legwise.errors import StoreError

P = ParamSpec("P")
T = TypeVar("T")

DISK_FULL = (
    "The disk is full, so the diary could not be saved. "
    "Free some space on the disk, then try again. Nothing was half-saved."
)
READ_ONLY = (
    "The diary database is read-only, so nothing could be saved. "
    "Check that you may write to the database file or server."
)
BUSY = (
    "The diary database was busy for too long (another program was writing to it). "
    "Try again in a moment."
)
UNREACHABLE = (
    "Could not reach the PostgreSQL database. Check LEGWISE_DATABASE_URL and that the "
    "server is running."
)
CANNOT_OPEN = "Could not open the diary database file. Check the folder exists and may be written."
FAILED = "The diary database failed, so this was not done. Nothing was half-saved."

# PostgreSQL SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html)
_PG_CODES = {
    "53100": ("disk_full", DISK_FULL),  # disk_full
    "25006": ("read_only", READ_ONLY),  # read_only_sql_transaction
    "42501": ("read_only", READ_ONLY),  # insufficient_privilege
    "55P03": ("busy", BUSY),  # lock_not_available
    "57P01": ("unreachable", UNREACHABLE),  # admin_shutdown
    "57P03": ("unreachable", UNREACHABLE),  # cannot_connect_now
}


def classify(error: exc.DBAPIError) -> StoreError:
    """The StoreError for a database failure."""
    orig = error.orig
    code = getattr(orig, "sqlstate", None)
    if isinstance(code, str):
        if code in _PG_CODES:
            return StoreError(*_PG_CODES[code])
        if code.startswith("08"):  # connection exceptions
            return StoreError("unreachable", UNREACHABLE)
    message = str(orig).lower()
    if "database or disk is full" in message or "disk full" in message:
        return StoreError("disk_full", DISK_FULL)
    if "readonly" in message or "read-only" in message:
        return StoreError("read_only", READ_ONLY)
    if "database is locked" in message or "database table is locked" in message:
        return StoreError("busy", BUSY)
    if "unable to open database" in message:
        return StoreError("unreachable", CANNOT_OPEN)
    from_psycopg = type(orig).__module__.startswith("psycopg")
    if from_psycopg and (error.connection_invalidated or "connect" in message):
        return StoreError("unreachable", UNREACHABLE)
    return StoreError("failed", FAILED)


def translated(fn: Callable[P, T]) -> Callable[P, T]:
    """Run `fn`, turning database failures into StoreError (without the database's text)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(*args, **kwargs)
        except exc.DBAPIError as error:
            raise classify(error) from None
        except OSError as error:  # e.g. the data folder cannot be created
            raise StoreError("unreachable", CANNOT_OPEN) from error

    return wrapper
