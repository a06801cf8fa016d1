"""Wells items read by the shape of what a note says of them (hW16, issue 12 round 16).

The phrase lists learn the words a studied note used; notes nobody has seen say the same items
in other words. These readers key on the item's few key words and on the shape around them:

- a threshold is the item's definition, not a measurement: "no bed rest of 3 days or more",
  "Q10. Calf swelling of 3 cm or more" (answered "Q10 N" elsewhere) state the score's cut-off.
  A reading of the bed-rest or calf numbers in a threshold form ("N or more", "at least N",
  ">= N", ">N") is denied by a denial before it in its clause, and yields to an answer that
  another Wells reader gave the same item elsewhere; alone and undenied it stays.
- pitting said with the verb or the noun: "pits to the knee on that side", "leaves a pit on
  pressure over the shin", "pitted to mid-calf" (the item present unless its clause denies it
  or puts it on both legs); one side's "no pitting" does not deny the other side's.
- collateral veins described, not named: "new dilated veins across the shin, not her usual
  varicosities": veins with a word of their look and a "not varicose" in one sentence.
- bed rest dated by its start: "admitted 5 days ago ... and in bed since", "stroke 3 weeks
  ago, mostly in bed or chair since", "bed-bound since the fall 6 days ago": "in bed since"
  takes the time of the "N days ago" after it in its sentence, or when "since" ends its
  clause, of the last one before it in its sentence or the one before (Wells 2003: 3 days or
  more).
- the points a line ends with answer the item its label names: "10. Alternative diagnosis at
  least as likely - not thought so, no points." (absent, whatever "as likely" says), "2.
  Bedridden ... - caesarean section nine weeks ago, one point." (0 / no / zero points: absent;
  one point: present; minus two: the alternative present).
"""

from __future__ import annotations

import re

from legwise.intake.clauses import clause_start
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import DAYS, WORDS
from legwise.intake.result import Extracted
from legwise.intake.wells_checklist import FINDING, LABELS
from legwise.intake.wells_labels import named_items
from legwise.intake.wells_values import read_pitting

BED_ITEM = "recent_surgery_or_bedridden"
CALF_ITEM = "calf_difference_3cm"
# the readings of a time or a length: the number readers' bed rest and the calf's numbers
MEASURED = (("bed rest ", BED_ITEM), ("Wells: calf difference", CALF_ITEM))
THRESHOLD_AFTER = re.compile(
    r"[ \t]*(?:or\s+(?:more|longer|greater|over|above|higher|bigger|larger)\b|\+|plus\b)", re.I
)
THRESHOLD_IN = re.compile(
    r"(?:\bat\s+least|\bminimum\s+(?:of\s+)?|>=|=>|\u2265|>)\s*(?:\d|one|two|three|four|five)",
    re.I,
)
DENIED = folded(
    r"\b(?:no|not|without|nil|denies|denied|never|neither|nor)\b"
    r"(?:(?!\bbut\b|\bhowever\b|\bwhereas\b)[^.;:,|=]){0,60}$|n't\b[^.;:,|=]{0,60}$",
    re.I,
)


def _threshold(text: str, item: Extracted) -> bool:
    return bool(THRESHOLD_IN.search(item.text) or THRESHOLD_AFTER.match(text, item.end))


def _measured(item: Extracted) -> bool:
    """Whether `item` is a number reader's time or length (the finding compared first: most
    items are of neither; a loop, not any(): this runs on every item of every text)."""
    finding = item.finding
    for rule, f in MEASURED:  # noqa: SIM110 (no generator per item)
        if finding == f and item.rule.startswith(rule):
            return True
    return False


def settle(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` after the last Wells readings: the points a line ends with, then thresholds;
    a Wells item read from words the Wells surface blanked (a diff's removed line) is dropped."""
    items = [i for i in items if i.finding not in ITEMS or text[i.start : i.end].strip()]
    if "point" in text.lower():
        items = line_points(text, items)
    return thresholds(text, items)


# a line's last words: its points ("..., no points.", "- one point", "(0 points)", "scores 1 pt")
POINTS_END = re.compile(
    r"(?:[,;:(\u2013-]|\bscores?\b|=)[ \t]*(?P<p>no|zero|nil|0|one|1|\+[ \t]?1|minus[ \t]+two"
    r"|[-\u2212][ \t]?2)[ \t]+(?:points?|pts?)\b[ \t]*[.)]*[ \t]*$",
    re.I,
)
LINE = re.compile(r"[^\n]+")
LABEL_END = re.compile(r"[:\u2013]|\s-\s")
NO_POINTS = ("no", "zero", "nil", "0")
TOTAL = re.compile(r"\b(?:total|result|sum|score)\b", re.I)
ITEMS = frozenset(i for i, _ in LABELS)


def line_points(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with the points each line ends with as the answer of the item its label names,
    in place of what other readers gave that item inside the line."""
    out = list(items)
    for line in LINE.finditer(text):
        m = POINTS_END.search(line.group(0))
        if m is None:
            continue
        head = line.group(0)[: m.start()]
        cut = LABEL_END.search(head) or re.search(",", head)  # "Item 4, alt dx ...: ..."
        label = head[: cut.start()] if cut else head
        named = set(named_items(label))
        if len(named) != 1 or len(head.split()) > 30 or TOTAL.search(head):
            continue  # one item's own line only, never a total ("Result: 1 point")
        item = named.pop()
        said = re.sub(r"[ \t]", "", m.group("p").lower())
        if said in NO_POINTS:
            state = "absent"
        elif said.endswith("2") or said.startswith("minus"):
            state = "present" if item == FINDING else ""
        else:
            state = "" if item == FINDING else "present"
        if not state:
            continue  # points that do not fit the item: no answer
        a, b = line.span()
        out = [i for i in out if not (i.finding == item and a <= i.start < b)]
        why = f"Wells: the line's points {m.group(0).strip()!r}: {state}"
        out.append(Extracted(item, state, a, b, text[a:b], why))
    return out


def thresholds(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with each threshold-form reading of a measured item denied where its clause
    denies it, dropped where another Wells reader answered that item elsewhere."""
    for i in items:  # a loop, not any(): most texts have no measured item at all
        if i.value == "present" and _measured(i):
            break
    else:
        return items
    out: list[Extracted] = []
    for i in items:
        if not (_measured(i) and i.value == "present" and _threshold(text, i)):
            out.append(i)
            continue
        start = clause_start(text, i.start)
        if DENIED.search(text, start, i.start):
            why = f"{i.rule}; a threshold denied: absent"
            out.append(Extracted(i.finding, "absent", i.start, i.end, i.text, why))
            continue
        answered = any(
            o.finding == i.finding
            and o.rule.startswith("Wells")
            and not _measured(o)
            and not (o.start < i.end and i.start < o.end)
            for o in items
        )
        if not answered:
            out.append(i)
    return out


PITTING_ITEM = "pitting_edema_symptomatic_leg"
PITS = folded(
    r"\b(?:pits|pitted|pit(?=\s+(?:on|with|after)\s+(?:\w+\s+)?(?:pressure|press\w*|compression))"
    r"|(?<=leaves\s)(?:an?\s+)?(?:\w+\s+)?pits?|(?<=leave\s)(?:an?\s+)?(?:\w+\s+)?pits?)\b",
    re.I,
)
NOT_PITS = re.compile(
    r"\b(?:no|not|non|without|nil|never|denies|absent|negative|neg|both|bilateral\w*|bilat"
    r"|neither|nor|arm|arms)\b|n't\b",
    re.I,
)


def read_pits(text: str, items: list[Extracted]) -> list[Extracted]:
    """pitting_edema_symptomatic_leg present for each "pits", "pitted", "leaves a pit" that no
    reader read and that its clause does not deny."""
    out: list[Extracted] = []
    for m in PITS.finditer(text):
        if any(i.finding == PITTING_ITEM and i.start <= m.start() < i.end for i in items):
            continue
        start = clause_start(text, m.start(), ".;,\n|")
        ends = [e for e in (text.find(c, m.end()) for c in ".;,\n|") if e >= 0]
        if NOT_PITS.search(text, start, min(ends) if ends else len(text)):
            continue
        out.append(Extracted(PITTING_ITEM, "present", m.start(), m.end(), m.group(0),
                             "Wells: pitting said with its verb or noun"))  # fmt: skip
    return out


VEINS_ITEM = "collateral_superficial_veins"
# (hW21) the veins of the skin named "surface" veins, and their look said by the verb after
# them: "The surface veins over the R foot and shin stand out - not her varicose veins", "veins
# on the shin are prominent, not varicose"
LOOKING_VEINS = re.compile(
    r"\b(?:dilated|distended|prominent|engorged|enlarged|visible|new|bulging|superficial|surface)"
    r"\s+(?:[a-z]+\s+)?veins?\b"
    r"|\bveins?\b[^.;!?]{0,40}?\b(?:stand(?:s|ing)?\s+out|stood\s+out|(?:are|is|were|was|look"
    r"|looks?|looking)\s+(?:\w+\s+)?(?:dilated|distended|prominent|engorged|visible|bulging|full))\b",
    re.I,
)
NOT_VARICOSE = re.compile(
    r"\b(?:not|non|nor)\b[\s-]*(?:[a-z]+\s+){0,3}?varic\w*|\bnot\s+(?:her|his|the)\s+(?:usual|old)\b",
    re.I,
)
# (hW21) a line wrapped inside a sentence goes on: a newline before a lower-case word is no end
SENTENCE_END = re.compile(r"[.;!?]|\n(?![ \t]*[a-z])")
LINE_END = re.compile(r"[.!?\n]")


def read_described_veins(text: str, items: list[Extracted]) -> list[Extracted]:
    """collateral_superficial_veins present for veins described by their look and said not to
    be varicose in one sentence, where no reader read the item and no denial opens the clause."""
    out: list[Extracted] = []
    for m in LOOKING_VEINS.finditer(text):
        start = clause_start(text, m.start())
        end_m = SENTENCE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        if not NOT_VARICOSE.search(text, m.end(), end):
            continue
        if any(i.finding == VEINS_ITEM and start <= i.start < end for i in items):
            continue
        if DENIED.search(text, clause_start(text, m.start(), ".;,\n|"), m.start()):
            continue
        out.append(Extracted(VEINS_ITEM, "present", m.start(), m.end(), m.group(0),
                             "Wells: veins described, not varicose"))  # fmt: skip
    return out


_NUM = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, WORDS), key=len)[::-1]) + ")"
AGO = re.compile(rf"\b{_NUM}\s*-?\s*(?P<u>hours?|days?|weeks?|months?|years?)\s+ago\b", re.I)
# its length after a bracket or a comma: "since admission on Thursday (3 days)", ", 5 days (1)"
LENGTH = re.compile(
    rf"(?<=[(,;])[ \t]*{_NUM}\s*-?\s*(?P<u>hours?|days?|weeks?|months?)\b(?![ \t]+ago)", re.I
)
# "since" straight before a time is "for" ("my feet burn in bed since 3 weeks"): no event
SINCE_TIME = re.compile(rf"[ \t]+(?:{_NUM}|a\s+few|several)\b", re.I)
BED_SINCE = re.compile(
    r"\b(?:in\s+bed|bed\s*-?\s*(?:bound|ridden)|bed\s*rest|confined\s+to\s+(?:a\s+)?bed|immobile"
    r"|immobili[sz]ed|chair\s*-?\s*bound)(?:\s+(?:or|and|/)\s+(?:a\s+)?chair)?"
    r"(?:\s+(?:ever|mostly|largely))?\s+since\b",
    re.I,
)
# "since" alone, the clause ending there: since the event named before ("... and in bed since.")
SINCE_ENDS = re.compile(r"\s*(?:$|[.;,\n)]|then\b|and\b|but\b)", re.I)
BED_ITEM_RULE = "Wells: bed rest since an event"


def read_bed_since(text: str, items: list[Extracted]) -> list[Extracted]:
    """recent_surgery_or_bedridden from "in bed since" and the "N days ago" before it."""
    out: list[Extracted] = []
    for m in BED_SINCE.finditer(text):
        sentence = clause_start(text, m.start())
        before = clause_start(text, max(0, sentence - 1)) if sentence else 0
        if DENIED.search(text, clause_start(text, m.start(), ".;,\n|"), m.start()):
            continue
        if SINCE_TIME.match(text, m.end()):
            continue
        end = LINE_END.search(text, m.end())  # (a ";" may come before the time: "...; (3 days)")
        stop = end.start() if end else len(text)
        # "in bed since admission on Thursday (3 days)": a time after it is its length
        after = AGO.search(text, m.end(), stop) or LENGTH.search(text, m.end(), stop)
        if after is None and not SINCE_ENDS.match(text, m.end()):
            continue  # "in bed since her fall": no time to count from
        ago = [after] if after else list(AGO.finditer(text, before, m.start()))
        if not ago:
            continue
        n, unit = ago[-1].group("n"), ago[-1].group("u").lower().rstrip("s")
        count = float(n) if n[0].isdigit() else float(WORDS[n.lower()])
        if unit not in DAYS:
            continue
        days = count * DAYS[unit]
        state = "present" if days >= 3 else "absent"
        out.append(Extracted(BED_ITEM, state, m.start(), m.end(), m.group(0),
                             f"{BED_ITEM_RULE} {days:g} days ago: {state}"))  # fmt: skip
    return out


def read_signs(text: str, lower: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with what the sign readers above (and `wells_values.read_pitting`) add."""
    if "pitting" in lower:
        items = [*items, *read_pitting(text, items)]
    if "pit" in lower:
        items = [*items, *read_pits(text, items)]
    if "vein" in lower and "varic" in lower:
        items = [*items, *read_described_veins(text, items)]
    if "since" in lower and ("bed" in lower or "immob" in lower):
        items = [*items, *read_bed_since(text, items)]
    return items
