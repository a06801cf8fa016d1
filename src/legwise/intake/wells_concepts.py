"""Wells items read from the thing that makes them true, whatever the note's words around it.

Why: phrase lists read the ways of saying an item that someone has seen ("in a plaster cast",
"no CA"); an unseen note says the same item another way ("had a plaster put on for a broken
ankle"). Here an item is read from its concept: for the cast item, a device that immobilises
the leg (cast, plaster, POP, backslab) said to be put on, applied or worn (Wells 2003 / NICE
NG158: "recent plaster immobilisation of the lower extremity"); for the cancer item, the
clinical abbreviation "CA" denied (moved from `legwise.intake.wells`, which is at its size
limit). Reading rules only: no clinical fact is new.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.folded_re import folded
from legwise.intake.result import Extracted
from legwise.intake.wells_paresis import read_paresis

# "No CA", "no hx CA": the clinical abbreviation in capitals (a lone lower-case "ca" is not read)
NO_CANCER = re.compile(
    r"\b(?:[Nn]o|NO|[Nn]il|[Dd]enies)\s+(?:(?:hx|h/o|Hx|H/O|history\s+of|known|active)\s+)?CA\b"
)
# (hW17, round 17) "had a plaster put on for a broken left ankle", "above-knee cast applied 10
# days ago", "backslab fitted in ED", "a POP was put on": the device and the act of putting it on
# (a "plaster" alone may be a sticking plaster on a graze: the act or a leg part must be named)
_DEVICE = (
    r"(?:(?:plaster|pop|fibreglass|fiberglass)\s+)?"
    r"(?:casts?|plaster|pop|back-?slabs?|full\s+leg\s+splint)"
)
_PUT_ON = (
    r"(?:put\s+on|placed|applied|fitted|put\s+in|was\s+put\s+on|were\s+put\s+on|on\s+since"
    r"|(?:has|had)\s+been\s+(?:put\s+on|applied|fitted))"
)
DEVICE_ON = folded(
    rf"\b(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+)?{_DEVICE}\b(?:\s+[\w-]+){{0,2}}?\s+{_PUT_ON}\b"
    rf"|\b(?:put|placed|applied|fitted)\s+(?:(?:in|into|on)\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?{_DEVICE}\b"
    # (hC27, round 27) the device worn, with words that say its size or kind between: "in a full
    # plaster", "in a below-knee back-slab", "wearing a long leg cast" (the phrase lists hold
    # "in plaster", "in a cast" only; Wells 2003 / NICE NG158: plaster immobilisation of the leg)
    rf"|\b(?:in|wearing)\s+(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+){{1,2}}?{_DEVICE}\b",
    re.I,
)
# a device worn long ago, not recently: "was in a full plaster as a child", "years ago"
LONG_AGO = re.compile(r"\b(?:years?|decades?)\s+ago\b|\bas\s+a\s+(?:child|kid|boy|girl)\b", re.I)
NOT_ON = re.compile(
    r"\b(?:no|not|never|without|nil|denies|off|removed|came\s+off|taken\s+off)\b|n't\b", re.I
)
CAST_ITEM = "leg_cast_or_paralysis"
# the device denied: "no plaster", "not in a cast" (absent: a sticking plaster denied is no cast
# either; not "no pop", which in a patient's words is the pop felt when a muscle tears)
NO_DEVICE = re.compile(
    r"\b(?:(?:no|nil)\s+|not\s+in\s+(?:an?\s+)?|never\s+(?:had\s+)?(?:an?\s+)?)(?:plaster(?:\s+cast)?|casts?"
    r"|back-?slab)\b(?!\s+(?:on|over)\s+(?:the\s+|his\s+|her\s+)?(?:arm|wrist|hand))",
    re.I,
)
SKIN = re.compile(
    r"\b(?:cut|graze|wound|blister|finger|hand|arm|wrist|elbow|shoulder|sticking)\b", re.I
)


# Cancer said by its treatment (hW18, round 18): "Hx: on letrozole", "androgen deprivation for his
# prostate", "cycle 3 of carboplatin/paclitaxel", "started osimertinib". A reviewed class of drugs
# given only for cancer, by name or by family suffix (-platin, -taxel, -rubicin, kinase inhibitors
# -tinib but not the JAK inhibitors for arthritis, -ciclib, -parib), hormonal treatment of breast
# and prostate cancer, and checkpoint or HER2 antibodies by name (not every -mab: adalimumab is
# for arthritis). Taken now is cancer on treatment (docs/labelling.md: "cancer on treatment ...
# `active_cancer: present`"); a drug stopped, finished or denied, or someone else's, is not read.
ANTICANCER = re.compile(
    r"\b(?:[a-z]*(?:platin|taxel|rubicin|ciclib|parib)"
    r"|(?!(?:tofa|bari|upada|abro|deucrava)citinib\b|filgotinib\b|ruxolitinib\b)[a-z]{2,}tinib"
    r"|letrozole|anastrozole|exemestane|tamoxifen|fulvestrant|goserelin|zoladex|leuprorelin"
    r"|leuprolide|degarelix|triptorelin|bicalutamide|enzalutamide|apalutamide|darolutamide"
    r"|abiraterone|capecitabine|gemcitabine|fluorouracil|folfox|folfiri|temozolomide|bortezomib"
    r"|lenalidomide|pomalidomide|pembrolizumab|nivolumab|atezolizumab|durvalumab|ipilimumab"
    r"|trastuzumab|pertuzumab|cetuximab|panitumumab|daratumumab"
    r"|(?-i:ADT)|androgen[\s-]+deprivation|hormone\s+(?:therapy|treatment)\s+for\s+(?:breast|prostate))\b",
    re.I,
)
DRUG_WORDS = ("platin", "taxel", "rubicin", "ciclib", "parib", "tinib", "zole", "tamox", "fulvest",
              "relin", "zoladex", "leuprol", "lutamide", "abirat", "citabine", "fluorour", "folf",
              "temozol", "bortez", "lidomide", "mab", "androgen", "hormone", "adt")  # fmt: skip
NOT_TAKEN = re.compile(
    r"\b(?:no|not|never|nil|denies|without|off|stopped|finished|completed|ceased|discontinued"
    r"|until|previously|formerly|ex|mum|mother|dad|father|wife|husband|sister|brother|daughter"
    r"|son|friend)\b|n't\b|\b(?:19|20)\d\d\s*[-\u2013]\s*(?:19|20)\d\d\b",
    re.I,
)
# after the drug: "tamoxifen, finished 2019", "letrozole 2015-2020", "tamoxifen until 2018"
AFTER_STOP = re.compile(
    r"^\W{0,3}(?:stopped|finished|completed|ceased|discontinued)\b|^[^,;]{0,12}?(?:\buntil\b"
    r"|\b(?:19|20)\d\d\s*[-\u2013]\s*(?:19|20)\d\d\b)",
    re.I,
)


def read_anticancer(text: str, lower: str) -> Iterator[Extracted]:
    """active_cancer present for an anticancer drug taken now."""
    if not any(w in lower for w in DRUG_WORDS):
        return
    for m in ANTICANCER.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in ".;,\n") + 1
        end = min((e for e in (text.find(c, m.end()) for c in ".;\n") if e >= 0), default=len(text))
        if NOT_TAKEN.search(text, start, m.start()) or AFTER_STOP.search(text[m.end() : end]):
            continue
        yield Extracted("active_cancer", "present", m.start(), m.end(), m.group(0),
                        "Wells: cancer by its treatment (an anticancer drug)")  # fmt: skip


def read_concepts(text: str, lower: str) -> Iterator[Extracted]:
    """The Wells items read from their concept: "No CA", a cast put on the leg, an anticancer
    drug."""
    yield from read_anticancer(text, lower)
    yield from read_paresis(text, lower)  # "left arm and leg 3/5", "T6 AIS A" (hW22)
    if "CA" in text:
        for m in NO_CANCER.finditer(text):
            yield Extracted("active_cancer", "absent", m.start(), m.end(), m.group(0),
                            "Wells: no cancer ('no CA')")  # fmt: skip
    if "new" in lower and "vein" in lower:
        yield from read_new_veins(text)
    if not any(w in lower for w in ("cast", "plaster", "pop", "slab", "splint")):
        return
    for m in NO_DEVICE.finditer(text):  # "no cancer, no operation, no plaster" (hW18)
        yield Extracted(CAST_ITEM, "absent", m.start(), m.end(), m.group(0),
                        "Wells: no immobilising device")  # fmt: skip
    for m in DEVICE_ON.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in ".;\n") + 1
        end = min((e for e in (text.find(c, m.end()) for c in ".;\n") if e >= 0), default=len(text))
        clause = text[start:end]
        if SKIN.search(clause) or NOT_ON.search(text, start, m.end()) or LONG_AGO.search(clause):
            continue  # a plaster on a cut or on the arm; "no cast applied"; "years ago"
        yield Extracted(CAST_ITEM, "present", m.start(), m.end(), m.group(0),
                        "Wells: an immobilising device put on")  # fmt: skip


# A cancer whose treatment the note says is over or not going on (hW17): "hx of breast ca s/p
# lumpectomy 2010, no current tx", "prostate cancer, not on any treatment", "off chemo since 2019":
# not the active-cancer item (treatment ongoing or within 6 months, or palliative), unless the
# sentence says the cancer is advanced or palliated.
NO_TREATMENT = re.compile(
    r"\b(?:(?:no|nil)\s+(?:current|active|ongoing|further)|not\s+on(?:\s+any)?|off(?:\s+all)?)\s+"
    r"(?:tx|rx|treatment|therapy|chemo\w*|oncolog\w+\s+treatment)\b"
    # never treated, only watched (hW19): "prostate ca on watchful waiting, never treated", "CLL
    # under active surveillance", "untreated low-grade lymphoma, watch and wait"
    r"|\b(?:never|not\s+(?:yet\s+)?been|not\s+yet)\s+treated\b|\buntreated\b|\btreatment[\s-]naive\b"
    r"|\bwatchful\s+waiting\b|\bwatch\s+and\s+wait\b|\bactive\s+(?:surveillance|monitoring)\b",
    re.I,
)
STILL_ACTIVE = re.compile(
    r"\b(?:palliat\w*|hospice|metasta\w*|mets|recurr\w*|relaps\w*|progress\w*|receiving)\b",
    re.I,
)
CANCER_ITEM = "active_cancer"
# (hW22) treated in the last 6 months is active cancer whatever follows (docs/labelling.md: "cancer
# on treatment or palliative care, or treated in the last 6 months"): "radical prostatectomy for
# carcinoma 14 weeks ago, no further therapy", "lumpectomy 2 months ago, no adjuvant treatment"
# (the time in the treatment's own clause: not "resected 3 years ago, ..., hernia repair 5 months
# ago")
TREATED_AGO = re.compile(
    r"\b(?:[a-z]+(?:ectomy|otomy|ostomy)|surgery|operat\w*|resect\w*|excis\w*|chemo\w*"
    r"|radiother\w*|radiation|radiotherapy|treated|treatment)\b[^.;,\n]{0,40}?\b(?P<n>\d{1,3})\s*"
    r"(?P<u>days?|weeks?|wks?|months?|mos?)\s+ago\b",
    re.I,
)
HALF_YEAR_DAYS = 183


def treated_lately(said: str) -> bool:
    """Whether `said` dates a cancer's treatment less than 6 months ago."""
    for m in TREATED_AGO.finditer(said):
        unit = m.group("u").lower()
        per = 1 if unit.startswith("d") else 7 if unit.startswith("w") else 30
        days = int(m.group("n")) * per
        if days <= HALF_YEAR_DAYS:
            return True
    return False


def settle_cancer(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with a present cancer read absent where its sentence says no treatment is going
    on (and nothing says it is advanced or palliated)."""
    if not any(i.finding == CANCER_ITEM and i.value == "present" for i in items):
        return items
    out = []
    for i in items:
        if i.finding == CANCER_ITEM and i.value == "present" and not i.rule.startswith("Wells"):
            start = max(text.rfind(c, 0, i.start) for c in ".;\n") + 1
            ends = [e for e in (text.find(c, i.end) for c in ".;\n") if e >= 0]
            said = text[start : min(ends) if ends else len(text)]
            if (
                NO_TREATMENT.search(said)
                and not STILL_ACTIVE.search(said)
                and not treated_lately(said)
            ):
                i = Extracted(CANCER_ITEM, "absent", i.start, i.end, i.text,
                              "Wells: a cancer with no treatment going on")  # fmt: skip
        out.append(i)
    return out


# (hW22) collateral veins said by what makes them collateral, that they are new: "some new fine
# veins showing over the left shin", "new prominent veins across the knee", "newly visible veins
# on the thigh" (the item's help: "new, extra surface veins ... not varicose"); not a varicose,
# spider or thread vein, and absent when denied in its clause ("no new veins")
NEW_VEINS = re.compile(
    r"\b(?:new|newly\s+(?:visible|prominent|dilated|distended|appearing))\s+"
    r"(?P<gap>(?:[\w-]+\s+){0,2}?)(?:surface\s+|superficial\s+)?veins?\b",
    re.I,
)
NOT_COLLATERAL = re.compile(r"\b(?:varicos\w*|spider|thread|deep|cord\w*|thrombos\w*)\b", re.I)
COLLATERAL_ITEM = "collateral_superficial_veins"


def read_new_veins(text: str) -> Iterator[Extracted]:
    """collateral_superficial_veins from new veins seen, or denied."""
    for m in NEW_VEINS.finditer(text):
        if NOT_COLLATERAL.search(m.group("gap")):
            continue
        start = max(text.rfind(c, 0, m.start()) for c in ".;,\n") + 1
        state = "absent" if NOT_ON.search(text, start, m.start()) else "present"
        yield Extracted(COLLATERAL_ITEM, state, m.start(), m.end(), m.group(0),
                        f"Wells: new surface veins ({state})")  # fmt: skip
