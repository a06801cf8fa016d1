"""The Wells calf item read from the numbers a note gives, whatever shape they take.

Notes state the calf difference as a difference ("calf circ diff 3.5 cm", "calf asymmetry
1.5 cm", "calf +3 cm vs L") or as two circumferences ("calf circ R 39 / L 35 cm", "L calf
measured 37 cm vs R 34 cm"), often with where it was measured ("10 cm below the tibial
tuberosity", which is no difference). Wells 2003 counts a calf at least 3 cm bigger than the
other side (the threshold is data: knowledge/intake/numbers.yaml). So each sentence that names the
calf is read as a whole: its circumferences or its stated difference decide the item for that
sentence, in place of what phrases and the general number patterns read inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.clauses import clause_start
from legwise.intake.folded_re import folded
from legwise.intake.list_scope import denied_clause
from legwise.intake.number_rules import WORDS, number_rules
from legwise.intake.result import Extracted
from legwise.intake.wells_calf_sides import OTHER_UNIT, in_cm, read_side_values, sentence_around

# (hW22: where the calf is measured names it too, "Measured at 10 cm below the tibial
# tuberosity: R 41 / L 38 cm")
CALF = folded(r"\b(?:calf|calves|circ(?:umference)?s?|tibial\s+tuberosity)\b", re.I)
# a length in cm; "cm" may be given once for a pair ("R 39 / L 35 cm")
# or the unit given before the number, as export keys do ("calf diff cm=4", "calf R (cm): 39")
# (a small number in words, with its unit: "four centimetres bigger", dictated; hW9; its
# value from the number readers' own words, `number_rules.WORDS`)
# ("four and a half centimetres bigger", "3 and a half cm": a half after the number, dictated;
# hW10, round 10) (a decimal comma before the unit, "2,5 cm", as European notes write it; hW22)
HALF = r"(?P<half>\s+and\s+a\s+half\b|\s*\u00bd)?"
LENGTH = folded(
    r"(?P<pre>\bcm\)?\s*[=:]\s*)?"
    r"(?<![\w./])(?<!\d,)(?P<n>\d{1,2}(?:\.\d+|,\d{1,2}(?=\s*(?:cm|centimet)))?|(?:one|two|three|four|five|six|seven|eight|nine|ten)"
    rf"(?=(?:\s+and\s+a\s+half)?[\s-]*(?:cm\b|centimet))){HALF}"
    r"(?!\d|\.\d|\s*/\s*\d)[\s-]*(?P<u>cm\b|centimet(?:re|er)s?\b)?",
    re.I,
)
CM = re.compile(r"cm|centimet", re.I)  # "4 centimetre bigger" (non-native English, dictation)
# where the calf was measured, not a size: "10 cm below the tibial tuberosity"
PLACE = re.compile(r"\s*(?:cm\s*)?(?:below|above|distal|from|under|beneath)\b", re.I)
DIFFERENCE = re.compile(
    r"\b(?:diff\w*|asymmetr\w*|discrepan\w*|larger|bigger|greater|more|wider|increase\w*|"
    r"swelling|swollen|enlarge\w*|by)\b|[+>\u2191\u0394]",
    re.I,
)
# named before the calf in its clause: "The difference of calf is 3 cm", "the difference between
# the two calves was 4 cm" (hW12)
DIFFERENCE_BEFORE = re.compile(r"\b(?:diff\w*|asymmetr\w*|discrepan\w*)\b[^,;:]*$", re.I)
BELOW = re.compile(r"(?:\b(?:less\s+than|under|below)|<)\s*$", re.I)
# (a pipe or "=" ends an export's field: "whole_leg=no|calf_diff_cm=4" is no negated calf)
# (the denial reaches over the whole item with its threshold, "They have no calf circumference
# difference of 3 cm or more", not past a "but": hW14, round 14)
NEGATED = folded(
    r"\b(?:no|not|without|nil|denies|absent|neither|nor)\b"
    r"(?:(?!\bbut\b|\bhowever\b|\bwhereas\b)[^.;:,|=]){0,60}$",
    re.I,
)
TWO_SIDES = (15.0, 80.0)  # calf circumferences in cm
# (hW22) the item's own bound in a label, with the value measured after it: "Calf >= 3 cm: 2.8
# cm", "calf swelling more than 3 cm? measured 2 cm"
THRESHOLD = re.compile(r"(?:>=?|\u2265|\bat\s+least|\bmore\s+than|\bover)\s*$", re.I)
DELTA_SIGN = re.compile(r"[\u2191\u0394][ \t]?$")  # not "(+1)", a points column's
DELTA = re.compile(r"[\u2191\u0394][ \t]?\d")


def _difference(window: str, before: str = "") -> tuple[float, int, bool] | None:
    """(difference in cm, end offset, below-a-bound) from the words after a calf mention."""
    sizes: list[tuple[float, bool, int, int]] = []
    placed = False  # "at 10 cm below the tibial tuberosity R 36 / L 39.5": cm said once, there
    for m in LENGTH.finditer(window):
        if PLACE.match(window, m.end("n")):
            placed = placed or m.group("u") is not None or bool(CM.match(window, m.end("n")))
            continue
        unit = m.group("u") is not None or m.group("pre") is not None
        # a difference sign with no unit says the number is the calf's difference (hW19):
        # "calf (\u21913.5)", "calf \u0394 3.5"
        unit = unit or DELTA_SIGN.search(window, max(0, m.start("n") - 3), m.start("n")) is not None
        size = float(WORDS.get(m.group("n").lower(), 0) or m.group("n").replace(",", "."))
        size += 0.5 if m.group("half") else 0.0
        sizes.append((size, unit, m.start("n"), m.end()))
    said_cm = any(cm for _, cm, _, _ in sizes)
    if len(sizes) > 1 and THRESHOLD.search(window, 0, sizes[0][2]):
        sizes = sizes[1:]  # "Calf swelling >3 cm: 2 cm only": the label's bound, then the size
    sides = [s for s in sizes if TWO_SIDES[0] <= s[0] <= TWO_SIDES[1]]
    if not said_cm and not (placed and len(sides) >= 2):
        return None
    if len(sides) >= 2:
        return abs(sides[0][0] - sides[1][0]), sides[1][3], False
    small = next((s for s in sizes if s[0] <= 15 and s[1]), None)
    if small is None or not (DIFFERENCE.search(window) or DIFFERENCE_BEFORE.search(before)):
        return None
    return small[0], small[3], bool(BELOW.search(window[: small[2]]))


# A flowsheet block: the unit in the head line, one value a line below it
# ("Calf circumference (cm, 10 cm below tibial tuberosity)\n  Right: 35.5\n  Left: 39.0")
UNIT_HEAD = re.compile(r"\(\s*cm\b|\bin\s+cm\b", re.I)
BLOCK_LINE = re.compile(
    r"\.?[ \t]*\n[ \t]*(?P<label>[A-Za-z\u0394][\w ./]{0,20}?)[ \t]*[:=]?[ \t]*"
    r"(?P<n>\d{1,2}(?:\.\d+)?)[ \t]*\.?[ \t]*(?=\n|$)"
)


def _block(text: str, at: int, calf: int) -> tuple[float, int, bool] | None:
    """(difference, end offset from `calf`, False) from the value lines after a head line."""
    sides: list[float] = []
    end = at
    while (m := BLOCK_LINE.match(text, end)) is not None:
        end = m.end()
        value = float(m.group("n"))
        if re.search(r"diff|\u0394|asymm", m.group("label"), re.I):
            return value, end - calf, False
        if TWO_SIDES[0] <= value <= TWO_SIDES[1]:
            sides.append(value)
    if len(sides) == 2:
        return abs(sides[0] - sides[1]), end - calf, False
    return None


# One side a line: "calf_left_cm = 41" then "calf_right_cm = 37", "L calf: 41 cm" then "R calf:
# 37 cm" (an export or a flowsheet gives each circumference its own line)
SIDE_LINE = re.compile(
    r"[ \t]*(?=[^\n]*\b(?:calf|calves|circ\w*)\b)(?=[^\n]*\b(?:r|l|rt|lt|right|left)\b)"
    r"[^\n\d]{0,40}?(?P<n>\d{1,2}(?:\.\d+)?)(?!\d|\.\d)[ \t]*(?:cm\b)?[^\n\d]{0,20}$",
    re.I | re.M,
)


def _next_line(text: str, calf: int, stop: int) -> tuple[float, int, bool] | None:
    """(difference, end offset from `calf`, False) from one circumference on the calf's line
    and one on the next line, both with a side, in cm."""
    line_end = text.find("\n", calf)
    if line_end < 0 or text[stop:line_end].strip(". \t"):
        return None
    this = SIDE_LINE.match(text, text.rfind("\n", 0, calf) + 1, line_end)
    after = text.find("\n", line_end + 1)
    that = SIDE_LINE.match(text, line_end + 1, after if after >= 0 else len(text))
    if this is None or that is None or not CM.search(text, calf, that.end()):
        return None
    a, b = float(this.group("n")), float(that.group("n"))
    if not all(TWO_SIDES[0] <= x <= TWO_SIDES[1] for x in (a, b)):
        return None
    return abs(a - b), that.end() - calf, False


AT_CALF = re.compile(r"\b(?:at|around|across|over)\s+(?:the\s+)?(?:mid[\s-]?)?$", re.I)
OTHER_PART = re.compile(r"\b(?:thigh|ankle|arm|knee|mid-?thigh|forearm)\b", re.I)


def read_calf(text: str) -> list[tuple[Extracted, int, int]]:
    """calf_difference_3cm for each sentence that gives the calf difference in numbers, with
    that sentence's bounds."""
    finding, limit = number_rules().calf
    out: list[tuple[Extracted, int, int]] = []
    done = -1
    for calf in CALF.finditer(text):
        if calf.start() < done:
            continue  # one reading per sentence, from its first calf word
        start, stop = sentence_around(text, calf.start())
        done = stop
        if OTHER_PART.search(text, start, calf.start()) and not calf.group(0).lower().startswith(
            "calf"
        ):
            continue  # "Thigh circumference R 50 / L 51": not the calf's
        clause, said = (
            text[start : calf.start()],
            CM.search(text, start, stop) or DELTA.search(text, start, stop),
        )
        read = _difference(text[calf.start() : stop], clause) if said else None
        if read is None and OTHER_UNIT.search(text, calf.start(), stop):  # mm, inches (hW25)
            got = _difference(in_cm(text[calf.start() : stop]), clause)
            read = (got[0], stop - calf.start(), got[2]) if got else None
        read_before = False
        if read is None and said and AT_CALF.search(clause):
            # the size before the calf named as the place (hW20): "LLE 3.2cm > RLE at calf",
            # "the right leg is 4 cm bigger at the calf"
            got = _difference(clause)
            read = (got[0], calf.end() - calf.start(), got[2]) if got else None
            read_before = got is not None
        if read is None and UNIT_HEAD.search(text, start, stop):
            read = _block(text, stop, calf.start())
            done = max(done, calf.start() + read[1]) if read else done
        if read is None and "\n" in text[stop : stop + 2]:
            read = _next_line(text, calf.start(), stop)
            done = max(done, calf.start() + read[1]) if read else done
        if read is None:
            continue
        cm, end, below = read
        state = "absent" if below or cm < limit else "present"
        if NEGATED.search(text[start : calf.start() + end]):
            state = "absent"  # "no calf swelling of 3 cm", "They do not have calf swelling >3 cm"
        a, b = (start if read_before else calf.start()), calf.start() + end
        why = f"Wells: calf difference {cm:g} cm (>= {limit:g}: {state})"
        out.append((Extracted(finding, state, a, b, text[a:b], why), start, stop))
    return out


def apply_calf(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with the numeric reading of the calf item in place of what other readers gave
    inside the same sentence."""
    lower = text.lower()
    named = "calf" in lower or "calves" in lower or "circ" in lower
    if not named and "girth" not in lower and "tuberosity" not in lower:
        return items
    measured = CM.search(lower) or DELTA.search(text) or OTHER_UNIT.search(text)
    read = read_calf(text) if measured else []
    if not read:  # "Calf girth R 42 L 38": two sides, no unit (hW17)
        read = read_side_values(text)
    if not read:
        return items
    finding = read[0][0].finding
    kept = [
        i for i in items if i.finding != finding or not any(a <= i.start < b for _, a, b in read)
    ]
    return kept + [r for r, _, _ in read]


# the words that may stand between two leg parts and their swelling: "thigh and calf are both
# swollen", "calf and thigh now visibly bigger" (hW24: any short run of them, not one each)
_BOTH = r"(?:(?:both|are|were|is|was|now|also|each|visibly|obviously|clearly|markedly)\s+){0,3}"


# The whole leg named with a swelling word in one clause: "RLE diffusely swollen (entire leg)",
# "swelling extends from the foot to the groin", "oedema of the whole lower limb"
WHOLE_LEG = folded(
    # ("the whole of the leg", "the entire length of the limb"; the extent with no "from", "R leg
    # swollen foot to groin", "ankle-to-groin swelling": hW16)
    r"\b(?:entire|whole|full|complete)\s+(?:(?:length\s+)?of\s+(?:the\s+|his\s+|her\s+|my\s+)?)?"
    r"(?:[a-z]+\s+)?(?:leg|limb|lower\s+limb|lower\s+extremity)\b"
    r"|\b(?:from\s+)?(?:the\s+)?(?:foot|feet|toes?|ankle)[\s-]+(?:all\s+the\s+way\s+|up\s+)?"
    r"(?:to|until|till)[\s-]+(?:the\s+)?(?:groin|thigh|hip|inguinal)"
    # (hW20) the extent with words between its two ends: "from his foot right up into the groin",
    # "from the ankle all the way up as far as the hip"
    r"|\bfrom\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+)?(?:foot|feet|toes?|ankle)\s+"
    r"(?:(?:right|all|the|way|up|and|then)\s+){0,4}(?:in)?to\s+(?:the\s+|his\s+|her\s+)?"
    r"(?:groin|hip|inguinal)"
    r"|\b(?:from\s+)?(?:the\s+)?(?:groin|thigh|hip)[\s-]+(?:all\s+the\s+way\s+|down\s+)?"
    r"(?:to|until|till)[\s-]+(?:the\s+)?(?:foot|feet|toes?|ankle)"
    # "swelling all the leg until the groin", "swollen up to the groin"
    r"|\ball\s+(?:of\s+)?(?:the|his|her|my)\s+(?:leg|limb)\b"
    r"|\ball\s+the\s+way\s+up\s+(?:the\s+|his\s+|her\s+|my\s+)?(?:\w+\s+)?(?:leg|limb)\b"
    r"|\b(?:up\s+(?:in)?to|until|till|right\s+up\s+(?:in)?to|as\s+far\s+(?:up\s+)?as)\s+(?:the\s+)?"
    r"(?:groin|inguinal\s+\w+|hip)\b"
    # the swelling everywhere in the leg (hW17, round 17): "Right leg: swollen throughout", "leg
    # diffusely swollen", "a diffusely oedematous limb", "swelling throughout the left leg"
    r"|(?<!calf\s)(?<!ankle\s)(?<!foot\s)(?<!knee\s)(?<!shin\s)\b(?:swollen|swelling|o?edema|oedematous"
    r"|edematous)\s+throughout\b(?!\s+(?:the\s+|his\s+|her\s+)?(?:calf|calves|ankle|foot|feet|shin))"
    r"|\b(?:leg|limb)\s+(?:is\s+|was\s+)?(?:diffusely|globally|uniformly)\s+(?:swollen|o?edematous)"
    r"|\b(?:diffusely|globally|uniformly)\s+(?:swollen|o?edematous)\s+(?:\w+\s+)?(?:leg|limb)\b"
    # the extent with no end named, or the thigh named as part of it (hW19): "L leg swollen all the
    # way up", "whole R leg visibly bigger, thigh included", "calf and thigh both swollen"
    r"|\b(?:swollen|swelling|swelled|o?edematous|puffy|bigger|enlarged)\s+all\s+the\s+way\s+up\b"
    r"(?!\s+(?:to\s+)?(?:just\s+|right\s+)?(?:below\s+|under\s+|above\s+|over\s+)?"
    r"(?:the\s+|his\s+|her\s+)?(?:knee|calf|calves|shin|ankle|mid|lower))"
    r"|\bthigh\s+(?:included|too|as\s+well)\b|\bincluding\s+(?:the\s+)?thigh\b"
    rf"|\b(?:calf|lower\s+leg|shin)\s+and\s+thigh\s+{_BOTH}(?:swollen|o?edematous|bigger"
    r"|enlarged)"
    # (hW20) the other order, and the swelling said to reach the thigh: "thigh and calf both
    # swollen",
    # "swelling extends above the knee into the thigh", "the oedema spreads up to the groin"
    rf"|\bthigh\s+and\s+(?:calf|lower\s+leg|shin)\s+{_BOTH}(?:swollen|o?edematous"
    r"|bigger|enlarged)"
    # (hW24) the swelling before the two parts: "swollen thigh and calf", "swelling of the
    # left calf and thigh", "oedema involving both the thigh and the calf"
    r"|\b(?:swollen|swelling|o?edematous|o?edema)\s+(?:(?:of|in|involving|affecting)\s+)?"
    r"(?:both\s+)?(?:the\s+|his\s+|her\s+)?(?:(?:left|right|l|r)\s+)?(?:thigh\s+and\s+(?:the\s+)?calf"
    r"|calf\s+and\s+(?:the\s+)?thigh)\b"
    r"|\b(?:extend\w*|spread\w*|reach\w*|go(?:es|ing)?|runs?|running|tracks?|tracking)\s+(?:all\s+the\s+way\s+)?"
    r"(?:up\s+)?(?:above\s+the\s+knee\s+)?(?:(?:in)?to|up\s+to|as\s+far\s+as)\s+(?:the\s+|his\s+|her\s+)?"
    r"(?:(?:upper|mid)[\s-]?)?(?:thigh|groin|hip)\b",
    re.I,
)
# a word of swelling the whole-leg reading needs somewhere in the text (a cheap gate first)
SWELL_WORDS = ("swell", "swol", "dema", "bigger", "larger", "enlarg", "puff")
WHOLE_RULE = "Wells: the whole leg swollen"
APPOSED = re.compile(
    r"\s*(?:(?:now|then|and|so|i\.e\.|ie|really|basically)\s+)?(?:the|his|her)\s+", re.I
)
WRAPPED_NOT = re.compile(r"\b(?:not|no|nil|without|never)[ \t]*\n[ \t]*$", re.I)
# the words `WHOLE_LEG` needs, one of them tried first (`legwise.intake.wells.apply_wells`)
WHOLE_WORDS = ("whole", "entire", "from", "all the", "groin", "until", "up to", "thigh", "hip",
               "throughout", "diffuse", "global", "uniform")  # fmt: skip
JOIN = re.compile(r"\b(?:and|but|while|whereas)\b", re.I)
SWELLING = re.compile(
    r"\b(?:swell\w*|swollen|o?edema\w*|oedema\w*|enlarged|bigger|larger|fatter|puffy)\b", re.I
)
NOT_WHOLE = folded(
    r"\b(?:no|not|without|nil|denies|absent|confined|only|limited|neither|nor|never|normal|spared)\b"
    r"|n't\b",
    re.I,
)


def read_whole_leg(text: str) -> Iterator[Extracted]:
    """whole_leg_swollen present for a clause that names the whole leg and a swelling."""
    for where in WHOLE_LEG.finditer(text):
        a, b = where.span()
        start = clause_start(text, a, ".;,\n|")
        ends = [e for e in (text.find(c, b) for c in ".;,\n|") if e >= 0]
        clause = text[start : min(ends) if ends else len(text)]
        # "no paralysis and her whole leg is swollen": the negation is another clause's
        clause = JOIN.split(clause[: a - start])[-1] + clause[a - start :]
        # the swelling word may be in the clause before when this one is only the extent ("leg
        # is swollen all, from foot until groin"; not "calf swollen, pain up to the groin")
        sentence = clause_start(text, a, ".;\n")
        extent = not text[start:a].strip() and where.group(0).lower().startswith("from")
        # (hW21) "the whole leg" standing alone after the swelling's clause: "the swelling now
        # goes above the knee, the whole leg."
        rest = text[b : min(ends) if ends else len(text)]
        extent = extent or bool(APPOSED.fullmatch(text, start, a) and not rest.strip())
        swollen = SWELLING.search(clause) or (extent and SWELLING.search(text, sentence, start))
        if WRAPPED_NOT.search(text, max(0, start - 12), start):
            continue  # "Leg not\nswollen throughout": the denial ends the line before (hW17)
        if swollen and not denied_clause(text, clause, sentence, a, NOT_WHOLE):
            yield Extracted("whole_leg_swollen", "present", a, b, text[a:b], WHOLE_RULE)


# "pitting oedema up to the thigh": a longer phrase (here the whole-leg one) holds the pitting
# words, so the shorter pitting phrase inside it is not read; the pitting item is read from the
# word itself unless its clause denies it or puts it on both legs.
PITTING = re.compile(r"\bpitting\b", re.I)
NOT_PITTING = re.compile(
    r"\b(?:no|not|non|without|nil|denies|absent|negative|neg|both|bilateral\w*|bilat|neither|nor)\b",
    re.I,
)
PITTING_ITEM = "pitting_edema_symptomatic_leg"


def read_pitting(text: str, items: list[Extracted]) -> Iterator[Extracted]:
    """pitting_edema_symptomatic_leg present for a "pitting" word that no reader has read."""
    for m in PITTING.finditer(text):
        if any(i.finding == PITTING_ITEM and i.start <= m.start() < i.end for i in items):
            continue
        start = clause_start(text, m.start(), ".;,\n|")
        ends = [e for e in (text.find(c, m.end()) for c in ".;,\n|") if e >= 0]
        if NOT_PITTING.search(text[start : min(ends) if ends else len(text)]):
            continue
        yield Extracted(PITTING_ITEM, "present", m.start(), m.end(), m.group(0),
                        "Wells: pitting inside a longer phrase")  # fmt: skip


# The swelling said to stop short of the whole leg: "the swelling stops at the knee", "Extent of
# swelling: below the knee only", "swelling confined to the calf", "the thigh is not swollen",
# "No leg swelling above the knee" (Wells' "entire leg swollen" is then absent).
_SWELL = r"(?:swell\w*|swollen|o?edema\w*|oedema\w*)"
PART_LEG = folded(
    rf"\b{_SWELL}\b[^.;\n]{{0,30}}?\b(?:confined|limited|restricted|locali[sz]ed)\s+to\s+(?:the\s+)?"
    r"(?:\w+\s+)?(?:calf|calves|ankles?|foot|feet|shin|lower\s+leg|below)"
    rf"|\b{_SWELL}\b[^.;\n]{{0,30}}?\b(?:stops|ends|stopping|ending)\s+(?:at|below)\s+(?:the\s+)?knee"
    r"|\b(?:below|under)\s+(?:the\s+)?knee\s+only\b|\bonly\s+below\s+(?:the\s+)?knee"
    r"|\b(?:does\s+not|doesn't|did\s+not|not)\s+(?:extend|go|spread|reach)\w*\s+(?:above|beyond|past)"
    r"\s+(?:the\s+)?knee"
    rf"|\b(?:no|not|nil)\s+(?:\w+\s+){{0,2}}?{_SWELL}\s+above\s+(?:the\s+)?knee"
    r"|\bthigh\s+(?:is\s+|was\s+)?(?:not\s+swollen|normal|spared|soft\s+and\s+non-?swollen)"
    r"|\bnot\s+swollen\s+(?:as\s+a\s+whole|overall)\b",
    re.I,
)
WHOLE_ITEM = "whole_leg_swollen"


def read_part_leg(text: str, items: list[Extracted]) -> Iterator[Extracted]:
    """whole_leg_swollen absent where the swelling is said to stop short of the whole leg."""
    for m in PART_LEG.finditer(text):
        if any(i.finding == WHOLE_ITEM and i.start < m.end() and m.start() < i.end for i in items):
            continue
        yield Extracted(WHOLE_ITEM, "absent", m.start(), m.end(), m.group(0),
                        "Wells: the swelling stops short of the whole leg")  # fmt: skip


# "Superficial veins normal", "superficial veins: unremarkable": no collateral veins
VEINS_NORMAL = re.compile(
    r"\bsuperficial\s+veins?\s*(?:are\s+|were\s+|:\s*)?(?:normal|unremarkable|not\s+(?:dilated|prominent|visible))\b",
    re.I,
)
# "no previous thromboses", "no DVT ever documented", "PMH: no DVT", "no clots ever"
NO_PAST_CLOT = folded(
    r"\b(?:no|nil|never|denies)\s+(?:(?:previous|prior|past|earlier|known|hx\s+of|history\s+of)\s+)"
    r"(?:dvts?|vte|thrombos[ie]s|clots?|blood\s+clots?)\b"
    r"|\b(?:no|never)\s+(?:a\s+)?(?:dvts?|vte|thrombos[ie]s|clots?)\s+(?:ever|before|previously|"
    r"in\s+the\s+past|documented|ever\s+documented)\b"
    r"|\b(?:pmh|pmhx|hx|history)\s*:\s*no\s+(?:dvts?|vte|thrombos[ie]s|clots?)\b",
    re.I,
)


def read_stated_absent(text: str, items: list[Extracted]) -> Iterator[Extracted]:
    """collateral_superficial_veins and previous_dvt absent where a note says so in words the
    phrase lists miss; only where no reader read the item there."""
    for finding, pattern in (
        ("collateral_superficial_veins", VEINS_NORMAL),
        ("previous_dvt", NO_PAST_CLOT),
    ):
        for m in pattern.finditer(text):
            if any(i.finding == finding and i.start < m.end() and m.start() < i.end for i in items):
                continue
            yield Extracted(finding, "absent", m.start(), m.end(), m.group(0),
                            "Wells: the item stated absent")  # fmt: skip
