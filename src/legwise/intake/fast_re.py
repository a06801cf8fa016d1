"""Regular expressions that skip ahead to where a match can start.

Python's regex engine tries a pattern at every position of the text. A pattern that opens on
`\\b(?:one|two|...)` with IGNORECASE tries every alternative at every position (and with
IGNORECASE it cannot use its own first-character table), which costs more than a text's other
work for a few of the intake's patterns. `fast(pattern, flags)` compiles the same pattern with a
lookahead for the characters a match can start with, worked out from the pattern itself (so it
stays right when the pattern changes): the same matches, found about twice as fast. When the
first characters cannot be told (a pattern that may match empty text, or starts with "."), the
pattern is compiled as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import import_module
from typing import Any

# The regex parser's internals (re._parser, re._constants since Python 3.11) have no stubs in
# typeshed, so they are imported by name and typed as Any.
C: Any = import_module("re._constants")
P: Any = import_module("re._parser")

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s", C.CATEGORY_WORD: r"\w"}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def _class_part(op: Any, av: Any) -> str | None:
    """One member of a first-character class, or None when it cannot be written."""
    if op is C.LITERAL and isinstance(av, int):
        return re.escape(chr(av))
    if op is C.RANGE and isinstance(av, tuple):
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is C.CATEGORY:
        return _CATEGORIES.get(av)
    return None


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """(members of the first-character class, whether `items` may match empty text), or
    None when they cannot be told."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a boundary or lookaround: a superset of first characters stays right
        if op is C.LITERAL or op is C.CATEGORY:
            part = _class_part(op, av)
            if part is None:
                return None
            return out | {part}, False
        if op is C.IN:
            parts = [_class_part(o, a) for o, a in av]
            if any(p is None for p in parts):
                return None  # a negated class or an unknown category
            return out | {p for p in parts if p is not None}, False
        if op is C.BRANCH:
            empty = False
            for branch in av[1]:
                got = _first(list(branch))
                if got is None:
                    return None
                out |= got[0]
                empty = empty or got[1]
            if not empty:
                return out, False
            continue
        if op is C.SUBPATTERN:
            add: int = av[1]
            sub: Any = av[3]
            if add & re.IGNORECASE:
                return None  # a case-insensitive part in a case-sensitive pattern
            got = _first(list(sub))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low: int = av[0]
            sub = av[2]
            got = _first(list(sub))
            if got is not None and low == 0:
                got = (got[0], True)
        else:
            return None  # any character, a back reference, ...
        if got is None:
            return None
        out |= got[0]
        if not got[1]:
            return out, False
    return out, True


def _starts_with_choice(parsed: Any) -> bool:
    """Whether the first thing the pattern reads is a choice of words ("(?:one|two|...)"),
    where the engine would try each at every position: the only start a lookahead speeds up
    (a first class or letter fails at once by itself)."""
    items = list(parsed)
    while items:
        op, av = items[0]
        if op in _ZERO_WIDTH:
            items = items[1:]
        elif op is C.SUBPATTERN:
            items = list(av[3]) + items[1:]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            items = list(av[2]) + items[1:]
        else:
            return op is C.BRANCH
    return False


def fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, with a lookahead for its first characters when they can
    be told (same matches and groups: the lookahead captures nothing)."""
    parsed = P.parse(pattern, flags)
    if not _starts_with_choice(parsed):
        return re.compile(pattern, flags)
    got = _first(list(parsed))
    if got is None or got[1] or not got[0] or (parsed.state.flags ^ flags) & ~re.UNICODE:
        return re.compile(pattern, flags)  # (inline global flags: left as they are)
    if {r"\s", r"\w"} & got[0]:
        return re.compile(pattern, flags)  # most characters may start it: no gain
    return re.compile(f"(?=[{''.join(sorted(got[0]))}])(?:{pattern})", flags)


def any_in(text: str, words: Iterable[str]) -> bool:
    """`any(w in text for w in words)` without a generator: the cheap gate most readers open
    with, run dozens of times per text (a plain loop costs about half the generator's time)."""
    for w in words:  # noqa: SIM110 (the generator is what this avoids)
        if w in text:
            return True
    return False
