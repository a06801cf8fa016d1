"""Where the store lives and how it opens: no set-up needed, the URL chosen in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from legwise.errors import InputError, StoreError
from legwise.store import ENV_URL, open_store
from legwise.store.db import choose_url
from tests.store.conftest import entry


def test_with_nothing_set_it_creates_sqlite_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_URL, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with open_store() as store:
        store.add_entry(store.local_person(), entry())
        assert (tmp_path / "data" / "legwise" / "legwise.db").is_file()
        with store.engine.connect() as conn:
            pragmas = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "secure_delete")
            }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "secure_delete": 1,
    }


def test_the_environment_variable_beats_the_default_and_an_argument_beats_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_URL, f"sqlite:///{tmp_path / 'env.db'}")
    assert choose_url().database == str(tmp_path / "env.db")
    assert choose_url(f"sqlite:///{tmp_path / 'arg.db'}").database == str(tmp_path / "arg.db")
    assert choose_url("postgresql://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("url", ["not a url", "mysql://u@h/db"])
def test_an_unusable_url_is_an_input_error(url: str) -> None:
    with pytest.raises(InputError) as caught:
        choose_url(url)
    assert caught.value.field == "database_url"


def test_an_unreachable_postgresql_server_is_a_store_error() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://nobody@127.0.0.1:{port}/nothing")
    assert caught.value.reason == "unreachable"
    assert "PostgreSQL" in str(caught.value)
