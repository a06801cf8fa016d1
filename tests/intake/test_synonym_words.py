"""The synonym files' words are read as written: YAML 1.1 would turn a bare `on`, `off`, `yes`
or `no` into a boolean, and the matcher would then look for "True" instead of "on"."""

from __future__ import annotations

import re

from legwise.intake.synonyms import _files, _WordLoader


def test_every_word_in_a_set_is_read_as_it_is_written() -> None:
    import yaml

    for path in _files():
        raw = path.read_text(encoding="utf-8")
        data = yaml.load(raw, _WordLoader) or {}
        for name, words in (data.get("sets") or {}).items():
            for word in map(str, words):  # the loader's str() of each, as the matcher gets it
                assert re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", raw), (
                    path.name,
                    name,
                    word,
                )


def test_a_bare_on_stays_a_word() -> None:
    import yaml

    assert yaml.load("when: [by, on, off, yes, no]", _WordLoader) == {
        "when": ["by", "on", "off", "yes", "no"]
    }
