"""One signing key for every worker and every restart: LEGWISE_WEB_SECRET, else a key made
once and kept 0600 in the data folder (issue 14: with two workers, 17 of 30 second steps
failed "answers could not be read")."""

from __future__ import annotations

import logging
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from legwise.interfaces.signing_key import KEY_FILE, SigningKey, resolve


def test_the_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    env = {"LEGWISE_DATA_DIR": str(folder)}
    first = resolve(env)
    assert len(first) >= 32
    assert stat.S_IMODE((folder / KEY_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert SigningKey(env).get() == first  # another app in this process


def test_another_process_reads_the_same_key(tmp_path: Path) -> None:
    env = {"LEGWISE_DATA_DIR": str(tmp_path)}
    mine = resolve(env)
    code = (
        "import sys\n"
        "from legwise.interfaces.signing_key import resolve\n"
        f"sys.stdout.write(resolve({env!r}).hex())\n"
    )
    theirs = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert theirs == mine.hex()  # a second worker, or the server after a restart


def test_the_environment_wins_and_a_weak_secret_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    strong = "k3J9-x8Qp_vL2mZ7tR4wY6nB1cD5fG0hA"
    with caplog.at_level(logging.WARNING, logger="legwise.web"):
        assert resolve({"LEGWISE_WEB_SECRET": strong, "LEGWISE_DATA_DIR": str(tmp_path)}) == (
            strong.encode()
        )
        assert not caplog.records
        assert resolve({"LEGWISE_WEB_SECRET": "secret"}) == b"secret"
    assert any("weak" in r.getMessage() for r in caplog.records)
    assert not (tmp_path / KEY_FILE).exists()  # nothing written when the secret is given
