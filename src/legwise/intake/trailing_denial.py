"""A denial said AFTER a measured sign or a modifier word reaches it too (hT15, round 15).

Exam-style stems deny a sign at the end of its noun phrase: "calf circumference 4 cm greater
than the other side not seen", "unilateral leg swelling not present", "a 3 cm calf difference,
warmth or redness not found". The phrase readers' ConText rules reach only the phrase that the
cue follows; two kinds of readings are left out of its scope and are denied here:

* a measured value read by a number reader (the calf difference, a temperature), whose words
  are no phrase: when the rest of its clause ends in a denial verb ("not seen", "not present",
  "not found", "not noted", ...) with no other clause between (no comma, or a list closed by
  "or"/"nor" whose whole list is denied), the reading is absent, and what the number implied
  (a calf difference implies one swollen leg) goes with it;
* a modifier phrase written directly before a phrase that its denial negates ("unilateral" in
  "unilateral leg swelling not present", "mottled" in "mottled, cold limb not seen": a comma
  only between two words of the same sign): it is part of the same noun phrase, so it is absent
  as well; and (hT17, round 17) the same noun phrase opened by a denial ("No mottled, cold
  limb"): the phrase after the comma is denied with the lone word before it, when that word is
  no noun (the same sign said twice, not two statements as in "No pallor, cold foot").

A denial of another sign later in a list ("calf 4 cm larger, foot pulses absent") is no denial
of the measurement: "absent" alone and a list without "or"/"nor" do not reach back.

Source and review: hT15, 2026-12-06; a reading rule (the scope of a denial), no clinical fact.
"""

from __future__ import annotations

import re
from dataclasses import replace

from legwise.intake.result import Extracted

DENIAL = re.compile(
    r"\bnot\s+(?:seen|present|found|noted|observed|detected|identified|evident|demonstrated"
    r"|elicited|appreciated|recorded|documented)\b",
    re.I,
)
CLAUSE_END = re.compile(r"[.;:!?\n]|\b(?:but|however|although|though|whereas|while)\b", re.I)
LIST_OR = re.compile(r"\b(?:or|nor)\b", re.I)
PHRASE_KINDS = ("phrase ", "history phrase ", "family phrase ", "absent phrase ", "denied phrase ")
POST_CUE = re.compile(r"\+ negated \(ConText: '(?P<cue>[^']+)'\)")
# what a measured reading implies, said in its rule ("calf difference 4 cm: one leg swollen")
IMPLIED_BY_NUMBER = ("calf difference",)
MAX_GAP = 90
# hT17: a denial that opens a noun phrase ("No mottled, cold limb") and a lone first word that
# is no noun (a noun ending: "No pallor, cold foot" may be two statements)
OPENERS = ("no", "nil", "without")
NOUN_END = re.compile(r"(?:or|ness|ing|ion|sis|ity|ema|ia|s)$", re.I)


def _denied_after(text: str, end: int) -> bool:
    """Whether the rest of the clause after `end` is a denial of what came before it."""
    rest = text[end : end + MAX_GAP + 30]
    stop = CLAUSE_END.search(rest)
    clause = rest[: stop.start()] if stop else rest
    m = DENIAL.search(clause)
    if m is None or m.start() > MAX_GAP:
        return False
    gap = clause[: m.start()]
    return "," not in gap or LIST_OR.search(gap) is not None


# hT16 (round 16): a bare "absent" (or "nil", "none") that closes the clause of a measured value
# with no other reading and no comma between denies it too ("calf circumference 4 cm greater
# than the other side absent", "3.5 cm difference in calf circumference absent"); a reading in
# between ("calf 4 cm larger with pulses absent") is what it denies instead.
BARE_DENIAL = re.compile(r"\b(?:absent|nil|none)\b(?=\s*(?:[.;:!?\n)]|$))", re.I)


def _bare_denied_after(text: str, end: int, starts: list[int]) -> bool:
    rest = text[end : end + MAX_GAP]
    stop = CLAUSE_END.search(rest)
    clause = rest[: stop.start() + 1] if stop else rest
    m = BARE_DENIAL.search(clause)
    if m is None or "," in clause[: m.start()]:
        return False
    return not any(end <= s < end + m.start() for s in starts)


def _measured(i: Extracted) -> bool:
    return not i.rule.startswith(PHRASE_KINDS) and i.value != "absent"


def trailing_denials(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with measured readings and modifier phrases denied by a denial said after them."""
    low = text.lower()
    bare = "absent" in low or "nil" in low or "none" in low
    if "not " not in low and not bare:
        return _modifiers(text, items)
    starts = [i.start for i in items] if bare else []
    denied_spans: list[tuple[int, int]] = []
    out: list[Extracted] = []
    for i in items:
        if (
            _measured(i)
            and i.finding not in ("age", "sex")
            and (_denied_after(text, i.end) or (bare and _bare_denied_after(text, i.end, starts)))
        ):
            denied_spans.append((i.start, i.end))
            if isinstance(i.value, str):
                out.append(replace(i, value="absent", rule=f"{i.rule} + denied after it"))
            continue  # a number denied is no number read
        out.append(i)
    if denied_spans:
        out = [
            i
            for i in out
            if not (
                i.rule.startswith(IMPLIED_BY_NUMBER)
                and i.value == "present"
                and any(a <= i.start < b for a, b in denied_spans)
            )
        ]
    return _modifiers(text, out)


def _joined(text: str, i: Extracted, j: Extracted) -> bool:
    """Whether `i` is written directly before `j` in one noun phrase: only a space between, or a
    comma between two words of the same sign ("mottled, cold limb")."""
    if not 0 <= j.start - i.end <= 2:
        return False
    gap = text[i.end : j.start]
    return gap.strip() == "" or (gap.strip() == "," and i.finding == j.finding)


def _cue_at(text: str, j: Extracted) -> tuple[bool, bool]:
    """(said after `j`, opening a noun phrase before `j`) for the negation that denied `j`;
    before only when `j` is one word that is no noun ("No mottled, cold limb")."""
    m = POST_CUE.search(j.rule)
    if j.value != "absent" or m is None:
        return False, False
    cue = m.group("cue").lower()
    after = text[j.end : j.end + 40].lower().lstrip().startswith(cue)
    one_word = j.text.isalpha() and not NOUN_END.search(j.text)
    before = cue in OPENERS and one_word and text[: j.start].lower().rstrip().endswith(cue)
    return after, before


def _comma_pair(text: str, j: Extracted, i: Extracted) -> bool:
    """`j`, a comma, then `i` of the same sign in more than one word ("mottled, cold limb")."""
    gap = text[j.end : i.start]
    return j.finding == i.finding and gap.strip() == "," and len(gap) <= 2 and " " in i.text


def _modifiers(text: str, items: list[Extracted]) -> list[Extracted]:
    """A present phrase directly before a phrase denied by a cue said after that phrase, or
    (hT17) directly after one denied by a cue said before it, when a comma joins two words of
    the same sign ("No mottled, cold limb": one noun phrase, the denial over both)."""
    negated, opened = [], []
    for j in items:
        after, before = _cue_at(text, j)
        if after:
            negated.append(j)
        elif before:
            opened.append(j)
    if not negated and not opened:
        return items
    out = []
    for i in items:
        if i.value == "present" and i.rule.startswith(PHRASE_KINDS) and "ConText" not in i.rule:
            nxt = next((j for j in negated if _joined(text, i, j)), None)
            nxt = nxt or next((j for j in opened if _comma_pair(text, j, i)), None)
            if nxt is not None:
                out.append(replace(i, value="absent", rule=f"{i.rule} + denied with {nxt.text!r}"))
                continue
        out.append(i)
    return out
