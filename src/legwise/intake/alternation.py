"""The matches of `A|B|C` found without compiling that alternation (issue 12, speed).

`legwise.intake.surface` joins the rewrite pieces a text may need into one pattern. The pieces
a text needs vary (hundreds of mixes in the development texts, up to 2^20), and compiling each
new mix costs about a millisecond: more than reading a short text, paid by every first text of
a mix (a lone text, a server's texts). Here each piece is compiled once, and `finditer` gives
the matches the joined pattern gives, match for match: the leftmost, of two at one place the
piece named first, never overlapping the one before; after an empty match, none empty at the
same place (Python's rule). Each match is the piece's own `re.Match` (same span, same named
groups and `lastgroup`; group numbers and `.re` are the piece's).

That last rule needs to know a piece's matches: a piece either never matches empty, or only
ever matches empty, or is an alternation whose branches that never match empty all come
before those that only do ("prep + word | empty before a unit"): then an empty match at a
place says that no longer one starts there. A piece of any other shape is read by the joined
pattern, compiled as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import import_module
from typing import Any

# The regex parser's internals have no stubs in typeshed (as in `legwise.intake.folded_re`).
C: Any = import_module("re._constants")
P: Any = import_module("re._parser")


def _empty_says_no_longer(parsed: Any) -> bool:
    """Whether an empty match of the parsed piece at a place means no longer match starts
    there (the shapes in the module docstring)."""
    low, high = parsed.getwidth()
    if low > 0 or high == 0:
        return True
    items = list(parsed)
    while len(items) == 1 and items[0][0] is C.SUBPATTERN and items[0][1][0] is None:
        items = list(items[0][1][3])  # a group that captures nothing: "(?:A|B)"
    if len(items) != 1 or items[0][0] is not C.BRANCH:
        return False
    widths = [branch.getwidth() for branch in items[0][1][1]]
    zero = [w[1] == 0 for w in widths]
    solid = [w[0] > 0 for w in widths]
    first_zero = zero.index(True) if True in zero else len(zero)
    return all(solid[:first_zero]) and all(zero[first_zero:])


@functools.cache
def _piece(piece: str, flags: int) -> tuple[re.Pattern[str], bool]:
    """The piece compiled, and whether `finditer` can read it on its own."""
    return re.compile(piece, flags), _empty_says_no_longer(P.parse(piece, flags))


def warm(pieces: tuple[str, ...], flags: int = 0) -> None:
    """Compile `pieces` now (at load), not on the first text that needs each."""
    for piece in pieces:
        _piece(piece, flags)


@functools.lru_cache(maxsize=64)  # bounded: the rare mixes with a piece of another shape
def _joined(pieces: tuple[str, ...], flags: int) -> re.Pattern[str]:
    return re.compile("|".join(pieces), flags)


def finditer(pieces: tuple[str, ...], text: str, flags: int = 0) -> Iterator[re.Match[str]]:
    """`re.compile("|".join(pieces), flags).finditer(text)`, match for match (see above)."""
    compiled = [_piece(p, flags) for p in pieces]
    if not all(ok for _, ok in compiled):
        yield from _joined(pieces, flags).finditer(text)
        return
    patterns = [pattern for pattern, _ in compiled]
    ahead: list[re.Match[str] | None] = [pattern.search(text) for pattern in patterns]
    while True:
        best, at = -1, len(text) + 1
        for i, m in enumerate(ahead):
            if m is not None and m.start() < at:  # of two at one place, the piece named first
                best, at = i, m.start()
        if best < 0:
            return
        m = ahead[best]
        assert m is not None
        yield m
        pos = m.end()
        empty = m.start() == pos  # then no empty match at `pos` next
        for i, pattern in enumerate(patterns):
            n = ahead[i]
            if n is None or n.start() > pos:
                continue  # still the piece's first match from `pos`
            if n.start() == pos and not (empty and n.end() == pos):
                continue  # (an empty match right after a longer one is allowed)
            n = pattern.search(text, pos)
            if empty and n is not None and n.end() == n.start() == pos:
                # no longer match starts at `pos` (see above): the next place, if there is one
                n = pattern.search(text, pos + 1) if pos < len(text) else None
            ahead[i] = n
