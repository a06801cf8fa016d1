"""Diary nights and saved assessments, kept in SQLite (default) or PostgreSQL.

    store = open_store()                    # SQLite in the user's data folder, migrated
    me = store.local_person()               # locally: one person, no account
    store.add_entry(me, DiaryEntry(...))    # returns once it is safely on disk

This package imports SQLAlchemy at once; code on the CLI's start-up path should import it
only when the store is used. See docs/store.md.
"""

from legwise.store.db import ENV_URL, default_path
from legwise.store.reassess import Reassessment, reassess
from legwise.store.records import Person, SavedAssessment, StoredEntry
from legwise.store.store import Store, hash_token, open_store

__all__ = [
    "ENV_URL",
    "Person",
    "Reassessment",
    "SavedAssessment",
    "Store",
    "StoredEntry",
    "default_path",
    "hash_token",
    "open_store",
    "reassess",
]
