"""The rest of the Wells items denied in one phrase (hW17b, issue 12 round 17).

After scoring some items a note often denies the others together: "Criteria not met: all
others", "all other items negative", "remaining criteria absent", "rest of the Wells score nil".
No item is named, so neither the list readers (`wells_lists`, which need the items named) nor
the phrase readers read it. Here such a phrase makes every Wells item the note does not state
otherwise absent; with no item stated at all it says nothing (it is the rest of what?). The
words are data (knowledge/intake/wells.yaml `rest_of_items`). A reading rule only.
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.result import Extracted
from legwise.intake.wells_checklist import _DATA, LABELS, _alternatives

_REST = _DATA["rest_of_items"]
_WORDS = {k: _alternatives([str(w) for w in _REST[k]]) for k in ("rest", "nouns", "denials")}
_UNASKED = _alternatives([str(w) for w in _REST["unasked"]])
_BE = r"(?:\s+(?:are|were|is|was|all|each|also))*"
# "all other items negative", "remaining criteria: absent", "rest of the Wells items - nil"
REST = folded(
    rf"\b(?:{_WORDS['rest']})\s+(?:wells\s+)?(?:{_WORDS['nouns']}){_BE}[ \t]*[:=-]?[ \t]*"
    rf"(?:{_WORDS['denials']})(?![\w-])"
    # "Criteria not met: all others", "Absent - the rest"
    rf"|\b(?:{_alternatives([str(w) for w in _REST['heads']])})[ \t]*[:=-][ \t]*"
    r"(?:all\s+(?:the\s+)?others?|(?:the\s+)?rest|(?:all\s+)?remaining|everything\s+else"
    r"|all\s+else)\b(?!\s+(?:of|are|were|is)\b)"
    # "no other Wells criteria", "none of the remaining items (met)"
    rf"|\b(?:{_alternatives([str(w) for w in _REST['before']])})\s+(?:wells\s+)?"
    rf"(?:{_WORDS['nouns']})\b(?!\s+(?:(?:were|was|are|is|been)\s+)?(?:{_UNASKED})\b)",
    re.I,
)
ITEMS = tuple(dict.fromkeys(item for item, _ in LABELS))
CHEAP = ("other", "remain", "rest", "else", "further")


def apply_rest(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with each Wells item that no reading states read absent, when the note denies
    the rest of the items after stating some."""
    if not any_in(text.lower(), CHEAP):
        return items
    m = REST.search(text)
    stated = {i.finding for i in items if i.finding in ITEMS}
    if m is None or not stated:
        return items
    why = f"Wells rest of the items: {m.group(0)!r}"
    rest = [Extracted(f, "absent", m.start(), m.end(), m.group(0), why) for f in ITEMS]
    return [*items, *(i for i in rest if i.finding not in stated)]
