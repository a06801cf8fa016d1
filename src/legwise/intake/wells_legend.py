"""Answer words a note's own legend defines: "Legend: RED = item present, GREEN = item absent".

Why (hW17, issue 12 round 17): a checklist may answer its items with words of its own (colours,
codes: "Active cancer: RED", "Bed / surgery: GREEN") and say what they mean once, in a legend.
The checklist readers know only the usual answers (yes / no, ticks, signs), so such a note was
read from its labels' words alone. A line that pairs two words with a "yes" and a "no" meaning
is taken as the legend; elsewhere in the note each of those words is read as the answer it
stands for (written over it, same offsets, for the Wells readers only). A reading rule only.
"""

from __future__ import annotations

import re

from legwise.intake.wells_checklist import LABELS

PAIR = re.compile(
    r"(?<![\w-])(?P<word>[A-Za-z][\w-]{1,15})\s*(?:=|:|means|->|\u2192)\s*(?:(?:item|criterion|the)\s+)?"
    r"(?P<means>present|absent|yes|no|positive|negative|met|not\s+met|true|false|scores"
    r"|does\s+not\s+score)\b",
    re.I,
)
YES = frozenset({"present", "yes", "positive", "met", "true", "scores"})
# the words a legend cannot redefine (answers and item words keep their meaning)
FIXED = frozenset({"yes", "no", "y", "n", "present", "absent", "positive", "negative", "item",
                   "legend", "key", "true", "false", "met", "cancer", "calf"})  # fmt: skip


# a legend says it is one ("Legend:", "key:", "coding", "colours"), or defines words in capitals
KEYED = re.compile(
    r"\b(?:legend|key|coding|codes?|colou?rs?|means)\b|(?-i:\b[A-Z]{2,}\s*(?:=|:|->)\s*\w)", re.I
)


def _free(word: str) -> bool:
    """Whether a legend may define `word`: not an answer, nor a word that names a Wells item."""
    return word.lower() not in FIXED and not any(p.search(word) for _, p in LABELS)


def legend_words(text: str) -> str:
    """`text` with each word its legend defines written as "yes" / "no" (same length)."""
    meaning: dict[str, str] = {}
    legend = (0, 0)
    for line in re.finditer(r"[^\n]+", text):
        if not KEYED.search(line.group(0)):
            continue  # not a legend line: no need to test its pairs against the item labels
        pairs = [p for p in PAIR.finditer(line.group(0)) if _free(p.group("word"))]
        means = {p.group("means").lower().replace("  ", " ") in YES for p in pairs}
        if len(pairs) >= 2 and means == {True, False}:
            meaning = {p.group("word"): "yes" if p.group("means").lower() in YES else "no"
                       for p in pairs}  # fmt: skip
            legend = line.span()
            break
    if not meaning:
        return text
    words = "|".join(re.escape(w) for w in sorted(meaning, key=len, reverse=True))

    def answer(m: re.Match[str]) -> str:
        if legend[0] <= m.start() < legend[1]:
            return m.group(0)
        said = meaning[m.group(0)]
        return (said if len(said) <= len(m.group(0)) else said[0].upper()).ljust(len(m.group(0)))

    return re.sub(rf"(?<![\w-])(?:{words})(?![\w-])", answer, text)
