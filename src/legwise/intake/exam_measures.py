"""Measured exam values in a note: the calf circumference difference, the temperature, a
day's fluid intake and a bladder volume.

Wells counts a calf 3 cm or more bigger than the other one (measured 10 cm below the tibial
tuberosity), and a temperature of 38 C (100.4 F) or more is a fever; a note gives both as
numbers, so they are read by pattern, like the other numbers in `legwise.intake.numbers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.exam_numbers import counts
from legwise.intake.fast_re import fast
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import NumberRules, _item
from legwise.intake.result import Extracted

_SIDE = r"(?:r|l|rt|lt|right|left|rle|lle)"
CALF_MORE = fast(
    r"\b(?:calf|calves|leg|diff(?:erence)?|circumference|swollen|swelling)\b[^.;]{0,25}?"
    r"(\d+(?:\.\d+)?)\s*cm\s*(?:>|larger|bigger|more|greater|wider|difference|diff\b|"
    r"compared|versus|vs\b|than\b)",
    re.I,
)
# "calf swelling less than 3 cm" (absent), "calf swelling >3 cm" / "more than 3 cm" (present)
CALF_BOUND = folded(
    r"\b(?:calf|calves|swollen|swelling|circumference)\b[^.;]{0,25}?"
    r"(less\s+than|under|below|<|more\s+than|over|greater\s+than|>=?|at\s+least)\s*"
    r"(\d+(?:\.\d+)?)\s*cm\b",
    re.I,
)
NEGATED_BEFORE = re.compile(r"\b(?:no|not|without|nil|denies|absent)\b[^.;:,]{0,30}$", re.I)
CALF_DIFF = re.compile(
    r"\b(?:calf|calves|circumference)\s+(?:diff(?:erence)?|discrepancy)\s*(?:of|=|:|is|was)?\s*"
    r"(\d+(?:\.\d+)?)\s*cm\b",
    re.I,
)
# hT14 (round 14): the number first, the stem's noun phrase after it ("a 3.5 cm difference in
# calf circumference", "a 4 cm discrepancy in calf girth")
CALF_NUMBER_FIRST = folded(
    r"\b(\d+(?:\.\d+)?)\s*cm\s+(?:difference|discrepancy|asymmetry|increase)\s+in\s+(?:the\s+)?"
    r"(?:calf|calves|leg|lower\s+leg)\b",
    re.I,
)
# "calf swelling 3.5 cm", "calf asymmetry of 2 cm", "calf 4 cm larger" (a difference: <= 15 cm)
CALF_SWELLING = re.compile(
    r"\b(?:calf|calves)\s+(?:swelling|swollen|asymmetry|enlargement|enlarged)\s*(?:of|by|=|:|is|was)?\s*"
    r"(\d+(?:\.\d+)?)\s*cm\b(?!\s*(?:>|larger|bigger|more|greater|wider))",
    re.I,
)
# "calf +4 cm", "R calf +3.5cm", "calf L>R by 2cm"
CALF_PLUS = re.compile(
    rf"\b(?:calf|calves|circumference)\b\s*(?:{_SIDE}\.?\s*)?(?:\+\s*|[^.;,]{{0,20}}?\bby\s+)"
    r"(\d+(?:\.\d+)?)\s*cm\b",
    re.I,
)
CALF_PAIR = fast(
    rf"\b{_SIDE}\.?\s*(?:calf\s*)?(?:=|:)?\s*(\d{{2}}(?:\.\d+)?)\s*cm\b\s*(?:vs\.?|versus|,|and|/|;)?\s*"
    rf"{_SIDE}\.?\s*(?:calf\s*)?(?:=|:)?\s*(\d{{2}}(?:\.\d+)?)\s*cm\b",
    re.I,
)


SWOLLEN = "one_leg_swollen"  # a calf difference of numbers.yaml counts.swollen_calf_cm or more


def calf_difference(text: str, rules: NumberRules) -> Iterator[Extracted]:
    """Calf circumference difference in cm -> present (>= threshold) or absent."""
    finding, limit = rules.calf
    if "cm" not in text.lower():
        return  # every pattern here needs "cm"
    for m in CALF_BOUND.finditer(text):
        bound, cm = m.group(1).lower(), float(m.group(2))
        below = bound.startswith(("less", "under", "below", "<"))
        state = ("absent" if cm <= limit else None) if below else "present" if cm >= limit else None
        if state is None:
            continue  # "under 4 cm", "more than 2 cm": either side of the threshold
        if NEGATED_BEFORE.search(text[max(0, m.start() - 40) : m.start(2)]):
            state = "absent"  # "no calf swelling >3 cm", "swelling, no calf difference >3 cm"
        yield _item(finding, state, m, f"calf difference {bound} {cm:g} cm: {state}")
    for pattern in (CALF_MORE, CALF_DIFF, CALF_SWELLING, CALF_PAIR, CALF_PLUS, CALF_NUMBER_FIRST):
        for m in pattern.finditer(text):
            if pattern is CALF_PAIR:
                cm = abs(float(m.group(1)) - float(m.group(2)))
            else:
                cm = float(m.group(1))
            if cm > 15:  # not a difference in cm
                continue
            state = "present" if cm >= limit else "absent"
            if NEGATED_BEFORE.search(text[max(0, m.start() - 40) : m.start(1)]):
                state = "absent"  # "no calf 4 cm larger", "calf is not 3 cm bigger"
            elif (
                cm >= counts()["swollen_calf_cm"]
            ):  # "L calf 2 cm > R": one leg is swollen, under Wells' 3 cm too
                yield _item(SWOLLEN, "present", m, f"calf difference {cm:g} cm: one leg swollen")
            yield _item(finding, state, m, f"calf difference {cm:g} cm (>= {limit:g}: {state})")


# hL15 (round 15): the thermometer named and what it said ("the forehead thermometer said
# 39.1", "temp went up to 38.7", "temperature has been around 38.5")
TEMPERATURE = fast(
    r"\b(?:t|temp|temperature|tmax|t\s*max|febrile\s+to|pyrexial\s+to|thermometer)"
    r"(?:\s*(?:of|is|was|=|:|at|said|says|read|reads|showed|shows|reading|hit|has|been|went|up"
    r"|to|around|about|nearly|almost|over)\b|\s*[=:]){0,3}\s*"
    r"(\d{2,3}(?:\.\d+)?)\s*(?:°|º|deg(?:rees)?)?\s*([cf])?\b(?!\s*/)",
    re.I,
)
FEVER = ("fever_or_chills", 38.0, 100.4)  # a fever is 38 °C (100.4 °F) or more


def temperature(text: str) -> Iterator[Extracted]:
    """ "T 39.1 C", "temperature is 38.9°C", "temp 37.0" -> fever_or_chills present or absent."""
    finding, celsius, fahrenheit = FEVER
    for m in TEMPERATURE.finditer(text):
        value = float(m.group(1))
        unit = (m.group(2) or ("f" if value >= 90 else "c")).lower()
        if unit == "c" and 34 <= value <= 43:
            state = "present" if value >= celsius else "absent"
        elif unit == "f" and 93 <= value <= 110:
            state = "present" if value >= fahrenheit else "absent"
        else:
            continue
        yield _item(finding, state, m, f"temperature {m.group(0)!r}: {state}")


# hT18 (round 18): a day's fluid as a volume with its unit ("fluid chart shows about 700 mL a
# day", "drinks only 600 ml per day", "oral intake 800 mls in 24 hours"): under the threshold
# (numbers.yaml counts.low_fluid_ml_day_under) is little fluid. A larger volume says nothing
# here (the question also asks about fluid lost).
FLUID = re.compile(
    r"\b(?:fluids?|intake|input|drinks?|drank|drinking|drunk)\b[^.;]{0,30}?"
    r"\b(\d{2,4})\s*(?:ml|mls|millilit(?:re|er)s?)\b(?:\s+of\s+(?:fluids?|water))?\s*"
    r"(?:a|per|each|/|in|over|every)\s*(?:day|d|24\s*h(?:ou)?rs?|24\s*h)\b",
    re.I,
)
# ... not a drink named, nor a limit prescribed ("fluid restricted to 800 mL/day": how much is
# allowed, not how much is drunk)
NOT_INTAKE = re.compile(
    r"\b(?:wine|beer|lager|cider|spirits?|vodka|alcohol|milk|coffee|restrict\w*|limit\w*"
    r"|allowance|allowed|target|max\w*|up\s+to)\b",
    re.I,
)


def volumes(text: str, lower: str) -> list[Extracted]:
    """The readings of a volume with its unit: a day's fluid and a bladder volume (`lower`:
    `text.lower()`). Both need "mL" or "millilitres" in the text, checked once here."""
    if "ml" not in lower and "millilit" not in lower:
        return []
    return [*fluid_volume(text), *bladder_volume(text)]


def fluid_volume(text: str) -> Iterator[Extracted]:
    """ "fluid chart shows about 700 mL a day" -> low_fluid_intake present."""
    limit = counts()["low_fluid_ml_day_under"]
    for m in FLUID.finditer(text):
        if float(m.group(1)) < limit and not NOT_INTAKE.search(m.group(0)):
            yield _item("low_fluid_intake", "present", m, f"fluid a day {m.group(0)!r}")


# hT18 (round 18): a bladder scan or residual volume with its unit ("a painless bladder scan of
# 950 mL", "post-void residual 600 ml", "bladder scan shows 800 mls") at or over the threshold
# (numbers.yaml counts.bladder_retention_ml_from) is urine held: bladder_or_bowel_change. A
# volume left after passing urine has the lower threshold counts.post_void_residual_ml_from
# (lead, round 18: the cut-off the cauda equina studies use).
BLADDER = re.compile(
    r"\b(?:bladder\s+scan\w*|(residual(?:\s+volume)?|post[-\s]?void\w*|pvr)|retention|"
    r"catheteri[sz]\w*|drained)\b[^.;]{0,30}?\b(\d{3,4})\s*(?:ml|mls|millilit(?:re|er)s?)\b",
    re.I,
)


def bladder_volume(text: str) -> Iterator[Extracted]:
    """ "bladder scan of 950 mL" -> bladder_or_bowel_change present."""
    c = counts()
    held, residual = c["bladder_retention_ml_from"], c["post_void_residual_ml_from"]
    for m in BLADDER.finditer(text):
        if float(m.group(2)) >= (residual if m.group(1) else held):
            rule = f"bladder volume {m.group(0)!r}"
            yield _item("bladder_or_bowel_change", "present", m, rule)
