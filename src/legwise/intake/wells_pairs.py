"""Wells checklists exported as key / value pairs (hW10, issue 12 round 10).

Calculators, logs and APIs write the ten items as keys with values, in any of these shapes:

- a URL query string: "GET /wells?cancer=1&bed_or_surgery=0&paresis_cast=1&..."
- JSON: {"activeCancer": true, "inputs": {"previous_dvt": false}, ...}
- a log line or a ";" / "|" list: "wells.cancer:0|wells.paralysis:1|...",
  "WELLS: cancer=no; paralysis/cast=no; alt dx as likely=yes => 0"
- XML elements: "<activeCancer>true</activeCancer><priorDvt>false</priorDvt>"

A piece is what lies between the list separators (& ; | , { } [ ] ? or a line break); in it a
key is followed by "=" or ":" and its value. The key names the item in any naming style
(snake_case, camelCase, dotted "wells.cancer", abbreviations: `wells_table.item_of`), and the
value is a table cell's answer (knowledge/intake/wells.yaml `table_cells`; "3.6" is a measure,
no answer). Read only when the pairs answer three or more items, so one "Cancer: none" in prose
is left to the other readers. A stated total ("score": 0, "wells.total:2") names no item and is
never used. The keys are the items' definitions, not findings: what was read inside them gives
way to the values (`wells_table.apply_tables`).
"""

from __future__ import annotations

import re

from legwise.intake.wells_checklist import NEGATION
from legwise.intake.wells_table import Tables, item_of, state_of

# (a full stop before a blank ends a piece too: "Cancer: yes (on chemo). Cast: no.")
PIECE = re.compile(r"(?:[^&;|,{}\[\]?\n.]|\.(?!\s|$))+")
# "=" or ":" between a key and its value; not "==", "=>", "<=", ">=", "://" (a URL's scheme)
SEPARATOR = re.compile(r"(?<![=<>!:])[=:](?![=>/])")
VALUE = re.compile(r"\s*[\"']?([^\s\"',}\]]+)")
KEY_WORDS = 8


def _pairs(text: str) -> list[tuple[str, str, tuple[int, int], tuple[int, int]]]:
    """(item, state, key span, value span) of each key / value pair whose key names an item."""
    out = []
    for piece in PIECE.finditer(text):
        said, at = piece.group(0), piece.start()
        previous = 0
        for sep in SEPARATOR.finditer(said):
            key, key_at = said[previous : sep.start()], previous
            previous = sep.end()
            value = VALUE.match(said, sep.end())
            answer = value.group(1).rstrip(".") if value else ""
            if value is not None and state_of(answer, "") in ("present", "absent", "unknown"):
                previous = value.end()  # "veins: no - entire leg swollen: yes": the next key
            key_at += len(key) - len(key.lstrip(" \t-\u2013*\u2022"))
            key = key.lstrip(" \t-\u2013*\u2022")
            words = key.strip().strip("\"'").strip()
            if not words or len(words.split()) > KEY_WORDS or NEGATION.search(words):
                continue
            item = item_of(words)
            if item is None or value is None:
                continue
            state = state_of(answer, item)
            if state is None:
                continue
            k = at + key_at
            out.append(
                (item, state, (k, at + sep.start()), (at + value.start(1), at + value.end(1)))
            )
    return out


# an XML export's element: "<activeCancer>true</activeCancer>", "<prior_dvt>N</prior_dvt>"
ELEMENT = re.compile(r"<([A-Za-z][\w .-]*?)(?:\s[^<>]*)?>\s*([^<>\s]+)\s*</\1>")


def _elements(text: str) -> list[tuple[str, str, tuple[int, int], tuple[int, int]]]:
    """(item, state, key span, value span) of each XML element whose tag names an item."""
    out = []
    for m in ELEMENT.finditer(text):
        item = item_of(m.group(1))
        state = state_of(m.group(2), item) if item else None
        if item and state:
            out.append((item, state, (m.start(), m.start(2)), (m.start(2), m.end(2))))
    return out


def read_pairs(text: str, out: Tables) -> None:
    """Add to `out` the answers of the key / value pairs of `text` (three or more items)."""
    if "</" not in text and text.count("=") + text.count(":") < 3:
        return  # each pair of `_pairs` holds its own "=" or ":" (hS11): three items need three
    found = _pairs(text) + (_elements(text) if "</" in text else [])
    if len({item for item, *_ in found}) < 3:
        return
    for item, state, key, value in found:
        out.headers.append(key)
        out.rows.append((key[0], value[1]))
        if state != "unknown":
            out.answers.append((item, state, value[0], value[1]))
