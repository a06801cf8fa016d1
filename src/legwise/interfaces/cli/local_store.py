"""The local store for the CLI: on this computer there is no account, so everything belongs
to the store's one local person. A store failure is one line on stderr and exit 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from legwise.errors import StoreError
from legwise.interfaces.cli.helpers import errors_to_exit, fail

if TYPE_CHECKING:
    from legwise.diary.entry import DiaryEntry
    from legwise.store import Person, Store

EXIT_STORE = 1


@contextmanager
def local_store() -> Iterator[tuple[Store, Person]]:
    """The store and its local person; a store failure is one line on stderr and exit 1."""
    with errors_to_exit():
        try:
            from legwise.store import open_store

            with open_store() as store:
                yield store, store.local_person()
        except StoreError as exc:
            fail(str(exc), EXIT_STORE)


def save_result(case: dict[str, Any], result: dict[str, Any], label: str | None) -> int:
    """Keep `result` (as shown) with its case in the local store; its number."""
    with local_store() as (store, me):
        saved = store.save_assessment(me, case, result, label=label)
    return saved.id


def diary_entries() -> list[DiaryEntry]:
    """Every night in the local diary (for `legwise assess --diary`)."""
    with local_store() as (store, me):
        return [s.entry for s in store.list_entries(me)]
