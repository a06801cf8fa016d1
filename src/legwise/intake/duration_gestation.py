"""A pregnancy's weeks said as a state are no duration (hP27, issue 12 round 27).

symptom_duration_days asks "How many days has this problem been going on?". A pregnant writer
gives her weeks as what she is, not as how long anything has lasted: "I'm 33 weeks along",
"She's 31 weeks, first pregnancy", "29 weeks with my second", "30 weeks now." (own_heldout23's
antenatal-class message read 210 days; "38 weeks, first baby" in own_heldout20). "5 weeks
pregnant" and "at 26 weeks" were already set aside by the words around them
(numbers.yaml `duration_not_before`, legwise.intake.duration_attach); these shapes name no
pregnancy word right next to the weeks:

- a person's state right before the weeks ("I'm", "she is", "my wife is", "currently"), with
  nothing after them but an end, "now", "along", "gone", "with ..." or "and";
- the weeks with "along", "gone" or "with my/our/the/twins/baby ..." after them;
- the weeks opening a sentence in a text that names a pregnancy or a baby due, when their clause
  names no complaint ("30 weeks now. Two or three times a night my right calf seizes").

Only a count of weeks a pregnancy may be (4 to 42) is weighed: "I'm 3 days into it" or "it's
been 50 weeks" keep their reading, and a complaint's own weeks keep theirs ("Calf cramps every
night for 3 weeks now, I'm pregnant"; "Legs crawly in bed for 12 weeks now").

Source and review: hP27, 2026-12-08, from the finding's question and help text in
knowledge/findings/course.yaml and docs/labelling.md (durations are the complaint's); checked
against the own_heldout12..23 first-contact misses of the finding; a reading rule, no clinical
fact.
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import any_in
from legwise.intake.result import Extracted

WEEKS = re.compile(r"\b(?:weeks?|wks?)\b", re.I)
FEWEST, MOST = 4 * 7, 42 * 7  # a pregnancy's weeks, in days
# "I'm", "she is", "my wife is", "currently", "she's now": the person's state before the weeks
# (not a bare "now": "the pain has been there now 6 weeks")
STATE_BEFORE = re.compile(
    r"(?:\b(?:i'?m|i\s+am|im|she'?s|she\s+is|(?:wife|partner|daughter|girlfriend)\s+is|currently"
    r")\s+(?:now\s+)?(?:about\s+|nearly\s+|almost\s+|just\s+over\s+|over\s+)?)$",
    re.I,
)
# what may follow the weeks in a state: an end, "now", "along", "gone", "with ...", "and"
STATE_AFTER = re.compile(r"\s*(?:[.,;:!?)\n-]|$|(?:now|along|gone|with|and|today)\b)", re.I)
# the weeks' own words after them that make them a pregnancy's wherever they stand
OWN_AFTER = re.compile(
    r"\s+(?:along|gone|with\s+(?:my|our|the|twins|baby|number|no\.?\s*\d|bump|a\s+baby))\b", re.I
)
SENTENCE_OPEN = re.compile(r"(?:^|[.!?\n]\s*|\bcurrently\s+)$", re.I)
PREGNANCY_WORDS = ("pregnan", "antenatal", "ante-natal", "midwife", "baby due", "due date",
                   "trimester", "my bump", "the bump", "expecting", "twins", "first baby",
                   "gestation", "obstetric", "maternity")  # fmt: skip


def _weeks_of_pregnancy(item: Extracted) -> bool:
    value = item.value
    return (
        isinstance(value, (int, float))
        and FEWEST <= value <= MOST
        and WEEKS.search(item.text) is not None
        and not item.text.lower().startswith(("for ", "since ", "over ", "past ", "last "))
    )


def gestation(text: str, item: Extracted, names_complaint: bool) -> bool:
    """Whether the duration `item` is a pregnancy's weeks said as a state; `names_complaint`
    says whether its clause names the complaint."""
    if not _weeks_of_pregnancy(item):
        return False
    before = text[max(0, item.start - 40) : item.start]
    if OWN_AFTER.match(text, item.end):
        return True
    if STATE_BEFORE.search(before) and STATE_AFTER.match(text, item.end):
        return True
    return (
        not names_complaint
        and SENTENCE_OPEN.search(before) is not None
        and any_in(text.lower(), PREGNANCY_WORDS)
    )
