"""Case-insensitive patterns that look for their match in the lower-cased text.

Python's regex engine is slow with IGNORECASE: every character is case-folded before it is
compared, and it cannot skip ahead to a pattern's first letters. Most of the intake's patterns
are case-insensitive and find nothing in most texts. `folded(pattern, flags)` compiles such a
pattern twice: as written, and without IGNORECASE for the lower-cased text, which is about
twice as fast. For an ASCII text (where lower-casing keeps every offset, and a lower-case
pattern without IGNORECASE matches the lower-cased text exactly where the pattern as written
matches the text) the lower-case pattern says whether and where the first match starts; only
then does the pattern as written run, from there, on the text itself. So callers get the same
matches as before (real `re.Match` objects on the text as written, same groups); a text that is
not ASCII is read by the pattern as written alone. A pattern that cannot be read this way (a
case-sensitive part, a capital letter, a character outside ASCII) is simply the pattern as
written.

The lower-cased copy of the last text is kept, so that the many patterns that read one text
lower-case it once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any, cast

from legwise.intake.fast_re import fast

# The regex parser's internals (re._parser, re._constants since Python 3.11) have no stubs in
# typeshed, so they are imported by name and typed as Any.
C: Any = import_module("re._constants")
P: Any = import_module("re._parser")

_END = sys.maxsize
_last: tuple[str, str] = ("", "")  # (the last ASCII text lower-cased, its lower-case copy)


def lowered(text: str) -> str | None:
    """`text.lower()` when `text` is ASCII (then it has the same offsets), else None."""
    global _last
    last = _last  # one read: another thread may replace it (the pair stays whole)
    if last[0] is text:
        return last[1]
    if not text.isascii():
        return None
    low = text.lower()
    _last = (text, low)
    return low


def _foldable(items: Any) -> bool:
    """Whether a parsed pattern holds no capital letter, no character outside ASCII and no
    part with its own case flag: then, without IGNORECASE, it reads lower-cased ASCII text
    as the pattern with IGNORECASE reads the text."""

    def plain(code: int) -> bool:  # no capital, and no letter that folds to an ASCII one
        c = chr(code)
        return c.lower() == c and (code < 128 or c.upper() == c)

    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL):
            if not plain(av):
                return False
        elif op is C.IN:
            for o, a in av:
                if o is C.LITERAL and not plain(a):
                    return False
                wide = o is C.RANGE and a[1] - a[0] > 256
                if o is C.RANGE and (wide or not all(plain(c) for c in range(a[0], a[1] + 1))):
                    return False  # a range that holds a capital ("A-Z"), or too wide to check
        elif op is C.SUBPATTERN:
            if (av[1] | av[2]) & re.IGNORECASE or not _foldable(av[3]):
                return False
        else:
            subs = av if isinstance(av, tuple | list) else (av,)
            for sub in subs:
                if isinstance(sub, P.SubPattern) and not _foldable(sub):
                    return False
                if isinstance(sub, list) and not all(_foldable(s) for s in sub):
                    return False  # the branches of a choice
    return True


MIN_NEED = 3  # a shorter literal is in most texts: no use as a test
MAX_CHOICES = 6  # more alternatives cost about as much to test as the search itself
# a pattern lower case cannot read runs as written, and its case-sensitive look-arounds make it
# slower: testing a few more words still costs less than it
GATED_CHOICES = 16


def _needs(items: Any, most: int = MAX_CHOICES) -> tuple[str, ...] | None:
    """Literal strings one of which every match of the parsed (lower-case) pattern `items`
    holds, or None: a run of plain characters in the pattern's own sequence, or inside a group
    or a part repeated at least once, or one from each branch of a choice; of those, the
    longest (then the one with the fewest alternatives)."""
    found: list[tuple[str, ...]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            found.append(("".join(run),))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        close()
        if op is C.SUBPATTERN:
            got = _needs(av[3], most)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            got = _needs(av[2], most)
        elif op is C.BRANCH:
            choices = [_needs(branch, most) for branch in av[1]]
            got = None
            if all(c is not None for c in choices):
                got = tuple(dict.fromkeys(w for c in choices if c is not None for w in c))
        else:
            got = None  # a class, a boundary, a look-around, an optional part: nothing sure
        if got is not None:
            found.append(got)
    close()
    good = [f for f in found if len(f) <= most]
    if not good:
        return None
    return max(good, key=lambda f: (min(map(len, f)), -len(f)))


def _any_in(text: str, words: tuple[str, ...]) -> bool:
    for w in words:  # noqa: SIM110 (a plain loop: no generator per call)
        if w in text:
            return True
    return False


class Folded:
    """A case-insensitive pattern with the `re.Pattern` methods the intake uses: the lower-case
    pattern finds whether and where the first match is, the pattern as written reads it."""

    __slots__ = ("exact", "flags", "groupindex", "groups", "low", "needs", "pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self.exact = fast(pattern, flags)
        self.pattern = self.exact.pattern  # as `fast` compiled it
        self.flags = self.exact.flags
        self.groups = self.exact.groups
        self.groupindex = self.exact.groupindex
        parsed = P.parse(pattern, flags & ~re.IGNORECASE)
        inline = parsed.state.flags & re.IGNORECASE  # "(?i)" in the pattern itself
        ok = flags & re.IGNORECASE and not inline and _foldable(list(parsed))
        self.low: re.Pattern[str] | None = fast(pattern, flags & ~re.IGNORECASE) if ok else None
        # what every match holds (the pattern's own trigger words), tested before any search
        needs = _needs(list(parsed)) if ok else None
        self.needs = needs if needs is not None and min(map(len, needs)) >= MIN_NEED else None

    def _first(self, text: str, pos: int, endpos: int) -> tuple[bool, int]:
        """(whether the lower-case pattern could tell, where the first match starts or -1)."""
        low = lowered(text) if self.low is not None else None
        if low is None or self.low is None:
            return False, 0
        if self.needs is not None and not _any_in(low, self.needs):
            return True, -1  # none of the words every match holds: no match, no search
        m = self.low.search(low, pos, endpos)
        return True, -1 if m is None else m.start()

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        told, at = self._first(text, pos, endpos)
        if not told:
            return self.exact.search(text, pos, endpos)
        if at < 0:
            return None
        # the same match; should the two ever differ, the pattern as written decides
        return self.exact.match(text, at, endpos) or self.exact.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        low = lowered(text) if self.low is not None else None
        if low is None or self.low is None:
            return self.exact.match(text, pos, endpos)
        if self.needs is not None and not _any_in(low, self.needs):
            return None
        return (
            None
            if self.low.match(low, pos, endpos) is None
            else self.exact.match(text, pos, endpos)
        )

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        told, at = self._first(text, pos, endpos)
        if not told:
            return self.exact.finditer(text, pos, endpos)
        return iter(()) if at < 0 else self.exact.finditer(text, at, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        told, at = self._first(text, pos, endpos)
        if not told:
            return self.exact.findall(text, pos, endpos)
        return [] if at < 0 else self.exact.findall(text, at, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        told, at = self._first(text, 0, _END)
        return text if told and at < 0 else self.exact.sub(repl, text, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.exact, name)  # fullmatch, split, subn, scanner: as written


class Gated:
    """A pattern that lower case cannot read (a case-sensitive part: "(?-i:[A-Z])"), searched
    only in an ASCII text that holds one of the words every match holds (`_needs`, lower-cased:
    a match of "CA" or of "ca" with IGNORECASE leaves "ca" in the lower-cased ASCII text). Any
    other text, and every match, is the pattern as written's."""

    __slots__ = ("exact", "flags", "groupindex", "groups", "needs", "pattern")

    def __init__(self, pattern: str, flags: int, needs: tuple[str, ...]) -> None:
        self.exact = fast(pattern, flags)
        self.pattern = self.exact.pattern
        self.flags = self.exact.flags
        self.groups = self.exact.groups
        self.groupindex = self.exact.groupindex
        self.needs = needs

    def _absent(self, text: str) -> bool:
        """Whether no match can be in `text`: ASCII, and none of the words is in it."""
        low = lowered(text)
        return low is not None and not _any_in(low, self.needs)

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return None if self._absent(text) else self.exact.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return None if self._absent(text) else self.exact.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        return iter(()) if self._absent(text) else self.exact.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        return [] if self._absent(text) else self.exact.findall(text, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return text if self._absent(text) else self.exact.sub(repl, text, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.exact, name)  # fullmatch, split, subn, scanner: as written


def gated(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`folded(pattern, flags)`; for a pattern lower case cannot read whose matches all hold
    one of a few words, a `Gated` pattern (searched only where one of them is said); else the
    pattern as written."""
    got = folded(pattern, flags)
    if not isinstance(got, Folded) or got.low is not None:
        return got
    needs = _needs([*P.parse(pattern, flags & ~re.IGNORECASE)], GATED_CHOICES)
    if needs is None:
        return got
    low = tuple(dict.fromkeys(w.lower() for w in needs))
    if min(map(len, low)) < MIN_NEED or not all(w.isascii() for w in needs):
        return got  # (a letter outside ASCII may fold to an ASCII one: no test)
    return cast("re.Pattern[str]", Gated(pattern, flags, low))


def folded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern read as `re.compile(pattern, flags)` reads it, faster when it is
    case-insensitive (see the module docstring). Typed as the compiled pattern it stands for:
    it answers the same methods (those it does not speed up go to the pattern as written)."""
    return cast("re.Pattern[str]", Folded(pattern, flags))
