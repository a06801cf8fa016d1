"""Wells items denied by a sentence's verb: "They do not have X", "They have not been bedridden
recently or had major surgery within 12 weeks", "The patient has no X or Y".

Calculator output (MDCalc's "They have / They do not have ..." sentences) and templated notes
deny an item with the sentence's verb, and the denial covers every item the sentence lists, up
to a contrast ("but", "however") or a new clause (", and"). ConText reads a negation cue for a
few words only, so a second item in the same sentence ("... or had major surgery") was read as
present. Each such sentence decides the Wells items its words name (the item labels are data:
knowledge/intake/wells.yaml), in place of what phrases inside it gave for those items.
"""

from __future__ import annotations

import functools
import re

from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.result import Extracted
from legwise.intake.wells_checklist import LABELS, unabbreviated
from legwise.intake.wells_labels import named_item

SUBJECT = r"(?:they|he|she|the\s+patient|this\s+patient|patient|pt|the\s+pt)"
# "They do not have", "He has not been", "She doesn't have", "They have no", "Patient denies"
SUBJECTS = ("they ", " he ", " she ", "patient ", " pt ")
DENIALS = ("not", "n't", " no ", "neither", "never", "deni")
SENTENCE_END = re.compile(r"[.;!?\n](?!\d)")
DENIED = folded(
    rf"(?:^|(?<=[.;!?\n]))\s*{SUBJECT}\s+(?:(?:do|does|did|have|has|had|is|are|was|were)\s*(?:not|n't)"
    r"|(?:has|have|had)\s+(?:no|neither|never)|denies|denied|never)\b",
    re.I,
)
SCOPE_END = folded(
    r",\s*(?:and|but|while|whereas|though|although|however|yet|so)\b"
    r"|\band\s+(?:her|his|their|the|there|she|he|they|it|on|exam\w*)\b"
    r"|\b(?:but|however|although|though|whereas|except|yet|apart\s+from|other\s+than)\b"
    # a new sentence spliced on with a comma: "..., nor a cast, they have entire leg swollen"
    rf"|,\s*(?:{SUBJECT}|an?\s+alternative|no\s+alternative)\b",
    re.I,
)
PIECES = re.compile(r",|\bor\b|\bnor\b|\band\b|/", re.I)
ALTERNATIVE_ITEM = "alternative_diagnosis_likely"  # read by its own sentence reader
ITEMS = frozenset(i for i, _ in LABELS) - {ALTERNATIVE_ITEM}


# A verbless list that starts a sentence or a clause with its negation: "No cancer, surgery, cast,
# or past clot.", "Nil malignancy, previous VTE or recent immobilisation". Its first item is the
# negation's; a later item is denied too unless its own words state a sign ("No pain, calf
# swollen and tender" is no denial of the calf).
DIGIT = re.compile(r"\d")
# the words a listed item needs beyond its checklist label (a list is no calculator's line)
OWN_WORDS = {
    "deep_vein_tenderness": re.compile(r"\bvein|\bvenous|\bdeep\b", re.I),
    "calf_difference_3cm": re.compile(r"\d|\bdiffer|\basymm|\bcircum", re.I),
    "pitting_edema_symptomatic_leg": re.compile(r"\bpitting\b", re.I),
}
OR_NOR = re.compile(r"\b(?:or|nor)\b", re.I)
NO_LIST = folded(r"(?:^|(?<=[.;!?\n:,]))[ \t]*(?:no|nil|never)\s+(?=[a-z])", re.I)
OWN_SIGN = re.compile(
    r"\b(?:swollen|swelling|tender|red|warm|hot|painful|pain|hurts|aches?|positive|present|yes"
    r"|not|measured|done|seen|normal|equal)\b|n't\b",
    re.I,
)


def _scope_end(plain: str, at: int) -> int:
    """Where a denial's reach that starts at `at` ends: a scope break or the sentence's end."""
    stop = SENTENCE_END.search(plain, at)
    limit = stop.start() if stop else len(plain)
    end = SCOPE_END.search(plain, at, limit)
    return end.start() if end else limit


def listed_items(text: str) -> list[tuple[str, int, int]]:
    """(item, start, end) for each Wells item in a "No A, B or C" list."""
    out: list[tuple[str, int, int]] = []
    plain = unabbreviated(text)
    for head in NO_LIST.finditer(plain):
        b = _scope_end(plain, head.end())
        said = plain[head.end() : b]
        pieces = PIECES.split(said)
        if len(pieces) < 2:
            continue  # a single item: ConText reads "No cancer" already
        # only a list joined by "or" / "nor" ("No cancer, surgery, cast, or past clot"): "no A,
        # no B" is ConText's, and "No leg swelling, arterial disease more likely" no list
        if OR_NOR.search(said) is None:
            continue
        for k, piece in enumerate(pieces):
            if k and (OWN_SIGN.search(piece) or len(piece.split()) > 4 or DIGIT.search(piece)):
                break  # a new clause with its own sign, not a listed item
            item = named_item(piece)
            if item is None or item == ALTERNATIVE_ITEM:
                continue
            if item in OWN_WORDS and not OWN_WORDS[item].search(piece):
                continue  # "no calf tenderness" is not the deep-vein item, "no oedema" not pitting
            out.append((item, head.start(), b))
    return out


@functools.lru_cache(maxsize=4)
def denied_items(text: str) -> tuple[tuple[str, int, int], ...]:
    """(item, start, end) for each Wells item named in a sentence whose verb denies it (kept
    for the last few texts: the whole-leg reader asks again for the same text)."""
    out: list[tuple[str, int, int]] = []
    plain = unabbreviated(text)
    for head in DENIED.finditer(plain):
        b = _scope_end(plain, head.end())
        for piece in PIECES.split(plain[head.end() : b]):  # each listed item: its first label
            item = named_item(piece)
            if item is not None and item != ALTERNATIVE_ITEM:
                out.append((item, head.start(), b))
    return tuple(out)


# A history denied in a note's shorthand (hW17, round 17): "Neg hx DVT", "neg h/o VTE", "negative
# PMH for clots", "nil hx of malignancy": the item named just after it is absent (ConText reads
# "neg" after its finding, "DVT neg", not before it).
NEG_HISTORY = folded(
    r"\b(?:neg|negative|nil|no)\s+(?:for\s+)?(?:pmh|hx|h/o|hist|history)\b\.?\s*(?:of\s+|for\s+|[:-]\s*)?",
    re.I,
)
NEG_RULE = "Wells: a history denied"
NEAR = 12  # the most characters between the denial and its item ("Neg hx of a DVT")


def _neg_history(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with each present Wells item just after a "Neg hx" read absent."""
    for m in NEG_HISTORY.finditer(text):
        for i in items:
            gap = text[m.end() : i.start]
            if (
                i.finding in ITEMS
                and i.value == "present"
                and m.start() <= i.start
                and len(gap) <= NEAR
                and not re.search(r"[.;,\n]", gap)
            ):
                said = text[m.start() : i.end]
                items = [x for x in items if x is not i]
                items.append(Extracted(i.finding, "absent", m.start(), i.end, said, NEG_RULE))
    return items


def apply_denied(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with each Wells item a denying sentence names read absent in that sentence."""
    lower = " " + " ".join(text.lower().split())
    if "neg" in lower or " hx" in lower or "h/o" in lower:
        items = _neg_history(text, items)
    if (
        ("no " in lower or "nil " in lower or "never " in lower)
        and ("," in text or " or " in lower)
        and OR_NOR.search(text) is not None  # a list is joined by "or" / "nor" (`listed_items`)
    ):
        # a list only adds what nothing read inside it (it never overrides another reading)
        for item, a, b in listed_items(text):
            if not any(i.finding == item and a <= i.start < b for i in items):
                items = [*items, Extracted(item, "absent", a, b, text[a:b], "Wells: a 'No' list")]
    if not any_in(lower, SUBJECTS) or not any_in(lower, DENIALS):
        return items  # a denying sentence needs a subject and a denial
    denied = denied_items(text)
    if not denied:
        return items
    kept = [
        i for i in items if not any(i.finding == item and a <= i.start < b for item, a, b in denied)
    ]
    for item, a, b in denied:
        kept.append(Extracted(item, "absent", a, b, text[a:b], "Wells: denied by the sentence"))
    return kept
