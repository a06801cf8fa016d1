"""Yes/no findings that a note states as a count: monofilament sites felt, units of alcohol.

An exam stem or a note gives these as numbers ("Monofilament: 0/10 sites felt", "drinks 60
units a week"); the count decides the finding, so they are read by pattern, like the other
numbers in `legwise.intake.numbers`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import _item, numbers_data
from legwise.intake.number_rules import digits_in as digits_said
from legwise.intake.result import Extracted


@functools.cache
def counts() -> dict[str, float]:
    """The count thresholds in knowledge/intake/numbers.yaml (`counts`)."""
    return {str(k): float(v) for k, v in (numbers_data().get("counts") or {}).items()}


# "Monofilament: 0/10 sites felt", "monofilament felt at 6 of 10 sites", "missed 3/10 sites":
# the 10 g monofilament test is failed when any site is not felt
MONOFILAMENT = re.compile(
    r"\bmonofilament\b[^.;]{0,30}?\b(\d{1,2})\s*(?:/|of|out\s+of)\s*(\d{1,2})\b"
    r"(?:\s*(?:sites|points|areas|spots))?[^.;]{0,12}?\b(felt|detected|sensed|perceived|intact"
    r"|missed|not\s+felt|absent|insensate)\b",
    re.I,
)


# hT20: the verb first ("10 g monofilament felt at only 4 of 10 sites", "monofilament sensation
# detected at 6/10 sites", "monofilament: not felt at 3 of 10 points")
MONOFILAMENT_VERB_FIRST = re.compile(
    r"\bmonofilament\b(?:\s*:|\s+(?:sensation|testing|test|perception))?\s*(?:was\s+|is\s+)?"
    r"(?P<verb>felt|detected|sensed|perceived|missed|not\s+felt|not\s+detected|absent)\s+"
    r"(?:at|in|on)\s+(?:only\s+|just\s+)?(?P<n>\d{1,2})\s*(?:/|of|out\s+of)\s*(?P<total>\d{1,2})\b",
    re.I,
)


def monofilament(text: str) -> Iterator[Extracted]:
    """Sites felt (or missed) out of sites tested -> monofilament_sensation_lost."""
    if "monofilament" not in text.lower():
        return
    said = [(m, m.group(1), m.group(2), m.group(3)) for m in MONOFILAMENT.finditer(text)]
    said += [
        (m, m.group("n"), m.group("total"), m.group("verb"))
        for m in MONOFILAMENT_VERB_FIRST.finditer(text)
    ]
    for m, n_said, total_said, verb_said in said:
        n, total, verb = int(n_said), int(total_said), verb_said.lower()
        if n > total or total == 0:
            continue
        missed = (
            n if verb in ("missed", "absent", "insensate") or verb.startswith("not") else total - n
        )
        state = "present" if missed > 0 else "absent"
        yield _item(
            "monofilament_sensation_lost", state, m, f"monofilament {m.group(0)!r}: {state}"
        )


# "D-dimer 1450 ng/mL (cut-off 500)", "DD 0.3 (ref <0.5)", "d-dimer of 980, age-adjusted cut-off
# 720": the finding's own definition is a result above the lab's cut-off, so a value given with
# its cut-off answers it (hC round 8); a value alone says nothing (units and cut-offs differ)
D_DIMER = folded(
    r"\b(?:d[\s-]?dimer|dd)\b\s*(?:level|result|assay)?\s*(?:of|is|was|=|:)?\s*"
    r"(\d+(?:\.\d+)?)[^.;\d]{0,30}?\b(?:cut[\s-]?off|threshold|ref(?:erence)?(?:\s+range)?"
    r"|normal(?:\s+range)?|upper\s+limit(?:\s+of\s+normal)?|uln)\b\s*(?:of|is|=|:)?\s*"
    r"(?:<=?|≤|below|under)?\s*(\d+(?:\.\d+)?)",
    re.I,
)


def d_dimer(text: str) -> Iterator[Extracted]:
    """A D-dimer value with the lab's cut-off -> d_dimer_positive present (above) or absent."""
    lower = text.lower()
    if "dimer" not in lower and "dd" not in lower:
        return
    for m in D_DIMER.finditer(text):
        value, cut = float(m.group(1)), float(m.group(2))
        if cut <= 0:
            continue
        state = "present" if value > cut else "absent"
        yield _item("d_dimer_positive", state, m, f"D-dimer {value:g} vs cut-off {cut:g}: {state}")


# hT20 (round 20): "eGFR 28", "eGFR of 41 mL/min/1.73m2", "estimated GFR: 35", "CrCl < 30": the
# kidneys' filtration as a number (a percentage, a score or a ratio after it is something else)
KIDNEY = re.compile(
    r"\b(?:e\s*-?\s*gfr|estimated\s+gfr|gfr|estimated\s+glomerular\s+filtration\s+rate"
    r"|creatinine\s+clearance|crcl)\b\s*(?:was|is|of|=|:|at|~|about|around|approx\.?)?\s*"
    r"(?:of\s+)?(<|less\s+than|under|below)?\s*(\d{1,3}(?:\.\d+)?)(?!\d|\.\d|\s*(?:%|/\d))",
    re.I,
)


ACUTE_KIDNEY = re.compile(
    r"\b(?:aki|acute\s+kidney|acute\s+renal|rhabdo\w*|ck|creatine\s+kinase|cpk)\b", re.I
)


def kidney_function(text: str) -> Iterator[Extracted]:
    """An eGFR or creatinine clearance under the CKD boundary -> kidney_disease present."""
    lower = text.lower()
    if "gfr" not in lower and "clearance" not in lower and "crcl" not in lower:
        return
    if ACUTE_KIDNEY.search(text):
        return  # a falling eGFR in an acute illness is no long-term kidney disease
    below = counts()["kidney_egfr_below"]
    for m in KIDNEY.finditer(text):
        value = float(m.group(2))
        if value < below or (m.group(1) and value <= below):
            yield _item("kidney_disease", "present", m, f"eGFR {value:g} < {below:g}: present")


# "drinks 60 units of alcohol a week", "40 units/wk", "8 units a day": more than a few drinks a
# day (21 units a week or more) is heavy; within the UK guideline's 14 a week is not
ALCOHOL = re.compile(
    r"\b(\d{1,3})\s*(?:alcohol\s+)?units?\s*(?:of\s+alcohol\s*|of\s+\w+\s*)?(?:a|per|/|each|every)\s*"
    r"(week|wk|day|night)\b",
    re.I,
)


def alcohol(text: str) -> Iterator[Extracted]:
    """Units of alcohol a week or a day -> heavy_alcohol_use present (>= 21 a week) or absent
    (<= 14 a week)."""
    if "unit" not in text.lower():
        return
    for m in ALCOHOL.finditer(text):
        week = float(m.group(1)) * (1 if m.group(2).lower() in ("week", "wk") else 7)
        heavy, low = counts()["heavy_alcohol_units_week"], counts()["low_alcohol_units_week"]
        state = "present" if week >= heavy else "absent" if week <= low else None
        if state is not None:
            yield _item("heavy_alcohol_use", state, m, f"alcohol {m.group(0)!r}: {state}")


# "ten days after a vaginal delivery", "3 weeks following her caesarean section": postpartum
# when the birth was within 6 weeks (the finding's window)
POSTPARTUM = folded(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)\s*[- ]?"
    r"(days?|weeks?)\s+(?:after|following|post|since)\s+(?:a|an|her|the|an?\s+uncomplicated)?\s*"
    r"(?:(?:normal|vaginal|spontaneous|assisted|instrumental|emergency|elective|lower\s+segment)\s+)*"
    r"(?:delivery|birth|childbirth|labou?r|caesarean|cesarean|c-section|section|lscs)\b",
    re.I,
)
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14}  # fmt: skip


# hB (issue 12 round 6): "10 weeks postpartum", "6 days post-partum", "postpartum day 10",
# "day 5 postnatal": present within 6 weeks, absent after (the finding's window)
_PP = r"(?:postpartum|post-partum|post\s+partum|postnatal|post-natal|pp)"
POSTPARTUM_COUNT = folded(
    rf"\b(\d{{1,3}}|{'|'.join(COUNTS)})\s*[- ]?(d|days?|w|wks?|weeks?|months?)\s*{_PP}\b"
    rf"|\b{_PP}\s+day\s+(\d{{1,3}})\b|\bday\s+(\d{{1,3}})\s+{_PP}\b",
    re.I,
)
# "22 wks preg", "at 30/40", "34 weeks pregnant": pregnant now
PREGNANT_WEEKS = re.compile(
    r"\b\d{1,2}\s*[- ]?(?:w|wks?|weeks?)\s*(?:preg|pregnant|pg|gestation|of\s+pregnancy)\b", re.I
)


# hG (issue 12 round 7): a birth dated "N ago" ("had baby 5 wks ago", "gave birth to our son 3
# weeks back", "she delivered 10 days ago", "my daughter was born 2 months ago") or by the baby's
# age ("breastfeeding my 10 week old", "our baby is 3 weeks old"): present within 6 weeks,
# absent after (the finding's window; a breastfeeding mother of a 10-week-old is past it)
# hD8 (issue 12 round 8): "a baby boy", "a baby girl" (a formal letter's "delivered of a baby boy")
_BABY = (
    r"(?:baby(?:\s+(?:boy|girl))?|babies|son|daughter|twins|little\s+(?:girl|boy|one)|girl|boy|lo)"
)
_WHOSE = r"(?:(?:a|an|my|our|her|the|their)\s+)?"
_SPAN = (
    r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)\s*[- ]?"
    r"(d|days?|dys|w|wks?|weeks?|months?|mn?ths?)"
)
BIRTH_AGO = folded(
    rf"\b(?:(?:had|have\s+had|having\s+had)\s+{_WHOSE}{_BABY}|gave\s+birth(?:\s+to\s+{_WHOSE}{_BABY})?"
    rf"|delivered(?:\s+(?:of\s+)?{_WHOSE}{_BABY})?|{_BABY}\s+(?:was|were)\s+born|was\s+born)"
    r"(?:\s+(?:by|via|with)\s+(?:an?\s+)?(?:emergency\s+|planned\s+)?(?:c-section|c\s+section"
    rf"|section|caesarean|cesarean|forceps|ventouse))?\s+(?:just\s+|only\s+)?{_SPAN}\s+(?:ago|back)\b",
    re.I,
)
BABY_AGE = re.compile(
    rf"\b(?:my|our)\s+(?:new\s*born\s+|little\s+)?{_SPAN}[- ]?old\b"
    # hD8: also opening the text or a sentence ("baby is 4 wks old, bf'ing")
    rf"|(?:\b(?:my|our|the)\s+|^\s*|[.!?]\s+){_BABY}\s+(?:is|'s|are)\s+(?:now\s+|only\s+|just\s+)?{_SPAN}\b"
    r"(?:[- ]?old\b)?",
    re.I,
)
MOTHER_WORDS = ("breastfe", "breast-fe", "breast fe", "feeding", "partum", "postnatal", "new mum",
                "new mom", "birth", "deliver", "pregnan", "section", "caesarean", "cesarean",
                "maternity", "bf'ing", "bfing", "bf-ing")  # fmt: skip
BIRTH_SAID = ("born", "birth", "deliver", "baby", "had ", "old", "son", "daughter", "twins")


def _birth_days(count: str, unit: str) -> float:
    n = COUNTS.get(count.lower()) or float(count)
    u = unit.lower()
    return n * (30 if u.startswith("m") else 7 if u.startswith("w") else 1)


def dated_birth(text: str, lower: str, window: float) -> Iterator[Extracted]:
    """A birth dated "N ago" or by the baby's age -> pregnant_or_postpartum present or absent."""
    if not any_in(lower, BIRTH_SAID):
        return  # the cheap check first
    # the baby's age dates a birth that the text speaks of ("breastfeeding my 10 week old"),
    # not a baby who is the patient ("my baby is 18 months, she won't put weight on her leg")
    mother = any_in(lower, MOTHER_WORDS)
    ago = "ago" in lower or "back" in lower  # BIRTH_AGO ends on one of them
    for pattern, what in ((BIRTH_AGO, "birth"), (BABY_AGE, "birth by the baby's age")):
        if (pattern is BABY_AGE and not mother) or (pattern is BIRTH_AGO and not ago):
            continue
        for m in pattern.finditer(text):
            count, unit = (g for g in m.groups() if g is not None)
            state = "present" if _birth_days(count, unit) <= window else "absent"
            yield _item("pregnant_or_postpartum", state, m, f"{what} {m.group(0)!r}: {state}")


def postpartum(text: str) -> Iterator[Extracted]:
    """A birth dated "N days/weeks after" or "N weeks postpartum" -> pregnant_or_postpartum
    present within 6 weeks (absent after, for the second shape); "22 wks preg" -> present."""
    lower = text.lower()
    window = counts()["postpartum_days"]
    if digits_said(text) or any_in(lower, COUNTS):
        yield from dated_birth(text, lower, window)
    if any_in(lower, ("deliver", "birth", "caesarean", "cesarean", "section")):
        for m in POSTPARTUM.finditer(text):
            n = COUNTS.get(m.group(1).lower()) or float(m.group(1))
            days = n * (7 if m.group(2).lower().startswith("week") else 1)
            if days <= window:
                yield _item(
                    "pregnant_or_postpartum", "present", m, f"birth {m.group(0)!r}: postpartum"
                )
    if any_in(lower, ("partum", "natal", "pp")):
        for m in POSTPARTUM_COUNT.finditer(text):
            if m.group(1):
                n = COUNTS.get(m.group(1).lower()) or float(m.group(1))
                unit = m.group(2).lower()
                days = n * (30 if unit.startswith("m") else 7 if unit.startswith("w") else 1)
            else:
                days = float(m.group(3) or m.group(4))
            state = "present" if days <= window else "absent"
            yield _item("pregnant_or_postpartum", state, m, f"birth {m.group(0)!r}: {state}")
    if "preg" in lower or "gestation" in lower:
        for m in PREGNANT_WEEKS.finditer(text):
            yield _item("pregnant_or_postpartum", "present", m, f"pregnancy {m.group(0)!r}")
