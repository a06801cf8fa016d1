"""Number words read by `intake.surface`: the ones and tens, and decimals spoken in words."""

from __future__ import annotations

import re

ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"]  # fmt: skip
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
VALUE = {w: i + 1 for i, w in enumerate(ONES)} | {w: 20 + 10 * i for i, w in enumerate(TENS)}
ONES9 = "|".join(ONES[:9])
# A decimal spoken in words: "three point one centimetres", "forty one point five", "2 point 9"
# is "3.1", "41.5", "2.9" (hW11, round 11: dictated measures; read apart, "three point one" was
# "1 cm" to the calf reader). Digits after "point" are said one by one ("point two five"); "at
# one point two of them ..." is the idiom, no number.
DIGIT_WORDS = {"zero": 0, "nought": 0, "oh": 0} | {w: i + 1 for i, w in enumerate(ONES[:9])}
_DIGIT_WORD = "|".join(DIGIT_WORDS)
_WHOLE = rf"(?:{'|'.join(TENS)})(?:(?:-|[ \t]+)(?:{ONES9}))?|{'|'.join(ONES)}|zero|\d+"
POINT = (
    rf"(?<!\bat )\b(?P<point>(?P<whole>{_WHOLE})"
    rf"\s+point\s+(?P<frac>(?:{_DIGIT_WORD}|\d)(?:\s+(?:{_DIGIT_WORD}|\d))?))\b"
)


def spoken_decimal(m: re.Match[str]) -> str:
    """ "forty one point five" -> "41.5", "three point one" -> "3.1" (digits said one by one)."""
    words = re.split(r"[-\s]+", m.group("whole").lower())
    whole = sum(VALUE.get(w, 0) for w in words) if not words[0].isdigit() else int(words[0])
    said = m.group("frac").lower().split()
    frac = "".join(w if w.isdigit() else str(DIGIT_WORDS[w]) for w in said)
    return f"{whole}.{frac}"
