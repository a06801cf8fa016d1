"""Slips of the thumb in the words the number and people readers look for ("6 montsh", "my
daugther is 9", "since tusday"): the table `legwise.intake.surface` puts right before any reader
runs (issue 12, round 7; moved here in round 10)."""

from __future__ import annotations

# hG (issue 12 round 7): a slip of the thumb in a word the number and people readers look for
# ("6 montsh", "my daugther is 9", "since tusday", "3 yeras old"): they read the text with
# regular expressions, before the phrase reader's own typo correction (`intake.respell`), so the
# word is put right here. Each variant is one letter dropped, doubled or two swapped (never the
# first letter), when it is no English word itself ("moths", "wees", "sine") and stands for one
# word only.
TYPO_TARGETS = """hours weeks months years minutes yesterday morning tonight fortnight since
daughter husband mother father brother sister grandson granddaughter grandmother grandfather
grandma grandpa grandad female pregnant postpartum monday tuesday wednesday thursday friday
saturday sunday weekend partner toddler teenager""".split()  # noqa: SIM905 (a word list)
REAL_WORDS = frozenset(("hour", "week", "month", "year", "minute", "moths", "sine", "wees", "yeas",
                        "hors", "frida",
                        # round 10: "Sorry to bother you" had become "brother", the patient
                        "bother", "teenage", "toddle", "minuets", "grandam"))  # fmt: skip


def _slips(word: str) -> set[str]:
    """The one-slip variants of `word`: a letter dropped, doubled or two swapped (not the
    first)."""
    out = set()
    for i in range(1, len(word)):
        out.add(word[:i] + word[i + 1 :])
        out.add(word[: i + 1] + word[i] + word[i + 1 :])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return out - {word}


def _typo_table() -> dict[str, str]:
    table: dict[str, set[str]] = {}
    for word in TYPO_TARGETS:
        for slip in _slips(word):
            table.setdefault(slip, set()).add(word)
    return {
        slip: next(iter(words))
        for slip, words in table.items()
        if len(words) == 1 and slip not in REAL_WORDS and slip not in TYPO_TARGETS
    }
