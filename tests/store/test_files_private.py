"""The SQLite diary is private on disk: folder 0700, database (and its journal files) 0600,
and a replaced night's old note is scrubbed from the write-ahead log as a delete is."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from legwise.diary.entry import DiaryEntry
from legwise.store import open_store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_and_folder_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a usual umask: files 0644, folders 0755 unless legwise says so
    try:
        folder = tmp_path / "data" / "legwise"
        with open_store(f"sqlite:///{folder / 'legwise.db'}") as store:
            me = store.local_person()
            store.add_entry(me, DiaryEntry(night=dt.date.today(), worst_pain=3, episodes=1))
            files = [p for p in folder.iterdir() if p.is_file()]
            assert any(p.name == "legwise.db" for p in files)
            assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
        assert _mode(folder) == 0o700
    finally:
        os.umask(old)


def test_an_existing_database_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    with open_store(f"sqlite:///{path}"):
        pass
    path.chmod(0o644)
    with open_store(f"sqlite:///{path}"):
        assert _mode(path) == 0o600


def test_a_replaced_note_is_gone_from_the_sqlite_files(tmp_path: Path) -> None:
    marker = "OKAPI-MARKER-52"
    night = dt.date.today() - dt.timedelta(days=1)
    with open_store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        me = store.local_person()
        store.add_entry(me, DiaryEntry(night=night, worst_pain=3, episodes=1, note=marker))
        assert marker.encode() in b"".join(p.read_bytes() for p in tmp_path.iterdir())
        store.add_entry(me, DiaryEntry(night=night, worst_pain=5, episodes=2), replace=True)
        on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir())
        assert marker.encode() not in on_disk
