"""The Wells time windows read from a sentence's dates: surgery within 12 weeks, bed rest of 3 days
or more, and cancer treated within 6 months or palliative (split from `legwise.intake.wells`)."""

from __future__ import annotations

import re
from datetime import date

from legwise.intake.fast_re import fast
from legwise.intake.folded_re import folded
from legwise.intake.result import Extracted
from legwise.intake.wells_checklist import unabbreviated
from legwise.intake.wells_concepts import treated_lately

# --- time windows ------------------------------------------------------------------------------
# Wells counts surgery within 12 weeks, bed rest of 3 days or more, and cancer treated within 6
# months or palliative. A sentence that dates the event decides the item for its own words:
# "major surgery (colectomy) 16 weeks ago" is not recent, "breast cancer treated in 2001, now
# disease free" is not active, whatever the phrase "major surgery" or "breast cancer" says.
WINDOW_RULES = ("operation ", "post-operative day", "bed rest ", "temperature ")
OLD_YEARS = "(?:" + "|".join(str(y) for y in range(1950, date.today().year - 1)) + ")"
CANCER_REMOTE = fast(
    r"\b(?:in\s+(?:complete\s+)?remission|disease[- ]free|cured|no\s+(?:evidence\s+of\s+)?"
    r"(?:recurrence|disease)|no\s+(?:active\s+|further\s+|current\s+)?(?:treatment|therapy|rx)"
    r"|(?:treated|excised|resected|removed|diagnosed|remission)\s+(?:in\s+)?(?:19|20)\d\d"
    # a past cancer dated by its year alone, two or more years back ("prostate Ca 2012 -")
    rf"|(?:ca|cancer|carcinoma|lymphoma|melanoma|tumou?r)\s*(?:\(|,|-|in)?\s*{OLD_YEARS}\b"
    r"|(?:\d+|many|several|a\s+few|an?|one|over\s+a)\s+(?:years?|yrs?)\s+ago|in\s+childhood|as\s+a\s+(?:child|teenager)"
    # treatment ended more than 6 months ago (Wells: treated within 6 months)
    r"|(?:[7-9]|1[0-9]|seven|eight|nine|ten|eleven|twelve|eighteen)\s+months\s+ago)\b",
    re.I,
)
# "currently" says the cancer goes on, but not "currently in remission"
CURRENTLY = (
    r"currently(?!\s+(?:in\s+(?:complete\s+)?remission|disease[- ]free|cancer[- ]free|well|clear))"
)
CANCER_ACTIVE = re.compile(
    rf"\b(?:chemo\w*|radio\w*|palliat\w*|metasta\w*|mets|on\s+treatment|{CURRENTLY}|"
    r"tamoxifen|letrozole|anastrozole|hormon\w+|adt|immunotherap\w*|within\s+(?:the\s+)?"
    r"(?:last|past)?\s*(?:[1-6]|six|five|four|three|two)\s+months?|receiving|undergoing)\b",
    re.I,
)
# Treatment that ended more than 6 months ago, whatever treatment words the sentence has
# ("chemo finished 10 months ago", "treated with radiotherapy 5 years ago"), unless the cancer
# is said to be going on now
CANCER_ENDED = folded(
    r"\b(?:finished|completed|ended|stopped|last|treated|chemo\w*|radio\w*|surgery)\b[^.;]{0,40}?"
    r"\b(?:(?:[7-9]|1\d|seven|eight|nine|ten|eleven|twelve|eighteen)\s+months|"
    r"(?:\d+|many|several|a\s+few|an?|one|over\s+a)\s+(?:years?|yrs?))\s+ago\b"
    r"|\b(?:finished|completed|ended|treated)\s+(?:in\s+)?(?:19|20)\d\d\b",
    re.I,
)
CANCER_NOW = re.compile(
    rf"\b(?:{CURRENTLY}"
    r"|on\s+(?:treatment|chemo\w*)|palliat\w*|metasta\w*|mets|receiving|undergoing"
    r"|ongoing|recurren\w*|relapse\w*|now\s+on|still\s+on|hormon\w+|tamoxifen|letrozole|anastrozole"
    r"|adt|immunotherap\w*)\b",
    re.I,
)
# (hW22) the note says outright that the cancer is not active, whatever treatment it names
SAID_INACTIVE = re.compile(
    r"\b(?:not|no\s+longer|never)\s+(?:currently\s+)?active\b|\binactive\b"
    r"|\bno\s+(?:active|current)\s+(?:disease|cancer|malignancy)\b",
    re.I,
)
SENTENCES = re.compile(r"(?:[^.;!?\n]|\.(?=\d))+")
# The cancer's treatment dated in the next sentence: "Breast cancer treated with surgery and
# radiotherapy; that treatment ended 10 months ago", "Hx bowel ca. Finished chemo 2 years ago."
TREATMENT_NEXT = re.compile(
    r"^[^.;!?\n]{0,30}?\b(?:treatment|therapy|chemo\w*|radio\w*|rx|finished|completed|ended|"
    r"stopped|remission|disease[- ]free|all\s+clear)\b",
    re.I,
)


def _treatment_next(plain: str, at: int) -> str:
    """The next sentence after `at` when it opens on the treatment of the cancer just named
    (with no cancer of its own), else ""."""
    m = SENTENCES.search(plain, at + 1)
    if m is None or plain[at : m.start()].strip(" .;!?\n") != "":
        return ""
    nxt = m.group(0)
    if TREATMENT_NEXT.search(nxt) and not re.search(r"cancer|carcinoma|\bca\b|malignan", nxt, re.I):
        return " " + nxt
    return ""


def apply_windows(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with the dated reading of surgery, bed rest and cancer in place of the phrases
    of the same sentence."""
    # per item (by index, not by comparing dataclasses): dated, or a present cancer
    is_dated = [i.rule.startswith(WINDOW_RULES) for i in items]
    is_cancer = [i.finding == "active_cancer" and i.value == "present" for i in items]
    if not any(is_dated) and not any(is_cancer):
        return items
    drop: set[int] = set()
    extra: list[Extracted] = []
    plain = unabbreviated(text)
    # where the dated and cancer items start: only a sentence that holds one decides anything
    # (a sentence with none of them drops nothing and adds nothing; hW23, speed)
    keys = [i.start for i, d, c in zip(items, is_dated, is_cancer, strict=True) if d or c]
    for m in SENTENCES.finditer(plain):
        a, b = m.span()
        if not any(a <= at < b for at in keys):
            continue  # the common case: nothing to decide in this sentence
        inside = [k for k, i in enumerate(items) if a <= i.start < b]
        decided = {items[k].finding for k in inside if is_dated[k]}
        if decided:
            drop |= {k for k in inside if items[k].finding in decided and not is_dated[k]}
        mine = [k for k in inside if is_cancer[k]]
        if not mine:
            continue  # the cancer patterns below only matter for a cancer read here
        sentence = m.group(0)
        if not (
            CANCER_ENDED.search(sentence)
            or CANCER_REMOTE.search(sentence)
            or CANCER_NOW.search(sentence)
        ):
            sentence += _treatment_next(plain, b)
        ended = CANCER_ENDED.search(sentence) and not CANCER_NOW.search(sentence)
        # "(..., tamoxifen completed) - not active": said outright (hW22)
        ended = bool(ended) or SAID_INACTIVE.search(sentence) is not None
        if ended or (
            CANCER_REMOTE.search(sentence)
            and not CANCER_ACTIVE.search(sentence)
            and not treated_lately(sentence)  # "...ectomy 14 weeks ago, no further therapy"
        ):
            drop |= set(mine)
            i = items[mine[0]]
            extra.append(
                Extracted(i.finding, "absent", i.start, i.end, i.text, "Wells: cancer not active")
            )
    return [i for k, i in enumerate(items) if k not in drop] + extra
