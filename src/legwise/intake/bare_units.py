"""A time unit written without its article ("for week", "about year", "sudenly hour ago"), as
non-native and telegraphic writers put it (issue 12, round 10): `legwise.intake.surface` puts
"a" in, so the duration readers see "for a week" / "an hour ago". Dropping the articles from the
development lay texts changed 19% of their readings; the phrase lists' side of it is in
`legwise.intake.phrase_pipeline` (each phrase is also matched without its articles)."""

from __future__ import annotations

import re

PREPS = ("for", "about", "around", "nearly", "almost", "over", "within")
BARE_UNITS = frozenset({"hour", "day", "week", "month", "year", "fortnight"})
BARE_BEFORE = frozenset({*PREPS, "ago"})  # one of them must be said for the piece to be tried
_UNIT = rf"(?:{'|'.join(sorted(BARE_UNITS))})\b(?!')"
PIECE = (
    # "for week", "about year" (not "for week-end", "for day or two", "about day shifts")
    rf"(?:(?<![\w'])(?:{'|'.join(PREPS)})\s+(?P<bare>)"
    rf"(?={_UNIT}(?=[\s.,;!?)]|$)(?!\s+(?:or|and|to|of|later|before|after|off|shift|time)\b))"
    # "sudenly hour ago"
    rf"|(?<=[a-z,] )(?P<ago>)(?={_UNIT}\s+ago\b))"
)
# words before a bare "week ago" that make it no duration of its own ("a", "one", "every",
# "last", "this", a number): the article is there, or it is a point in time
_NOT_BARE = frozenset({"a", "an", "the", "one", "every", "each", "per", "this", "that", "last",
                       "next", "same", "whole", "half", "other", "another", "few", "couple",
                       "some", "of", "in"})  # fmt: skip


def bare_unit(m: re.Match[str]) -> str:
    """ "a " (or "an " before "hour") where a time unit stands without its article ("for week",
    "sudenly hour ago"); nothing where a word before it makes it no duration."""
    before = m.string[max(0, m.start() - 20) : m.start()].split()
    last = before[-1].lower().strip(",") if before else ""
    if last in _NOT_BARE or last[-1:].isdigit() or (m.group("ago") is not None and last in PREPS):
        return m.group()  # (after "about ", the first branch has put the article in)
    at = m.start("bare") if m.group("bare") is not None else m.start()
    lead = m.string[m.start() : at]  # "for " stays as written
    return lead + ("an " if m.string.startswith("hour", m.end()) else "a ")
