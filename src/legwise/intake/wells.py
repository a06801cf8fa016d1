"""The Wells item "alternative diagnosis at least as likely as DVT", read from its sentence.

Phrase lists cannot read this item: its meaning turns on the comparison ("as likely as",
"more likely than", "less likely than", "not as likely") and on which side of it the clot is
("an alternative diagnosis is less likely than DVT" is the opposite of "DVT is less likely").
So each sentence that names an alternative diagnosis, or compares DVT's likelihood, is read as
a whole, and its answer replaces what phrases inside that sentence gave (Wells 2003: -2 points
when an alternative diagnosis is at least as likely as DVT).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.result import Extracted

FINDING = "alternative_diagnosis_likely"
SENTENCE = re.compile(r"[^.;!?\n]+")
ALTERNATIVE = re.compile(
    r"\b(?:alternative|alternate|another|other|different|competing)\s+"
    r"(?:diagnos[ie]s|dx|ddx|cause|explanation|aetiology|etiology)\b",
    re.I,
)
CLOT = r"(?:dvt|vte|clot|thrombosis|deep\s+vein\s+thrombosis)"
LIKELY = r"(?:likely|probable|plausible)"
# The alternative less likely than a clot: "not as likely", "less likely", "unlikely"
ALT_LESS = re.compile(
    rf"\b(?:less\s+{LIKELY}|unlikely|improbable|not\s+(?:as\s+|more\s+|at\s+least\s+as\s+|"
    rf"equally\s+|very\s+|considered\s+)?{LIKELY}|no\s+(?:more\s+)?{LIKELY})\b|\bnot\s+considered\b",
    re.I,
)
ALT_AS_LIKELY = re.compile(rf"\b(?:(?:as|more|equally|most)\s+{LIKELY}|likelier|{LIKELY})\b", re.I)
# A named cause compared with the clot: "cellulitis felt equally likely", "as likely as DVT"
EQUAL = re.compile(rf"\b(?:equally\s+{LIKELY}|as\s+{LIKELY}\s+as\s+(?:an?\s+)?{CLOT})\b", re.I)
NO_ALTERNATIVE = re.compile(
    r"\b(?:no|nil|without(?:\s+an?)?)\s+(?:obvious\s+|clear\s+|likely\s+)?"
    r"(?:alternative|alternate|other)\s+(?:diagnos[ie]s|dx|cause|explanation)",
    re.I,
)
# The clot as the subject: "DVT is more likely than ...", "DVT less likely"
# the clot as the subject, not the object ("an alternative to DVT", "more likely than DVT")
SUBJECT = r"(?<!\bto\s)(?<!\bthan\s)(?<!\bvs\s)(?<!\bvs\.\s)(?<!\bversus\s)"
CLOT_MORE = re.compile(
    rf"{SUBJECT}\b{CLOT}\b[^,]{{0,25}}?\b(?:more\s+{LIKELY}|likelier|most\s+{LIKELY})\b", re.I
)
CLOT_LESS = re.compile(rf"{SUBJECT}\b{CLOT}\b[^,]{{0,25}}?\b(?:less\s+{LIKELY}|unlikely)\b", re.I)
CHECKLIST = re.compile(r"[:=-]\s*(yes|y|present|no|n|nil|none|absent)\s*$", re.I)


def read_alternative(text: str) -> Iterator[Extracted]:
    """One item per sentence that answers the alternative-diagnosis item, spanning it."""
    for m in SENTENCE.finditer(text):
        sentence = m.group(0)
        alt = ALTERNATIVE.search(sentence)
        state: str | None = None
        why = ""
        if NO_ALTERNATIVE.search(sentence):
            state, why = "absent", "no alternative diagnosis"
        elif alt is not None:
            after = sentence[alt.end() :]
            check = CHECKLIST.search(sentence)
            if check is not None:
                yes = check.group(1).lower() in ("yes", "y", "present")
                state, why = ("present" if yes else "absent"), f"checklist {check.group(0)!r}"
            elif CLOT_MORE.search(sentence[: alt.start()]) or CLOT_MORE.search(after):
                state, why = "absent", "the clot named more likely"
            elif (less := ALT_LESS.search(after)) is not None:
                state, why = "absent", f"alternative {less.group(0)!r}"
            elif (same := ALT_AS_LIKELY.search(after)) is not None:
                state, why = "present", f"alternative {same.group(0)!r}"
        elif EQUAL.search(sentence):
            if ALT_LESS.search(sentence):
                state, why = "absent", "a named cause not as likely"
            else:
                state, why = "present", "a named cause as likely as the clot"
        elif CLOT_LESS.search(sentence):
            state, why = "present", "the clot named less likely"
        elif CLOT_MORE.search(sentence) and re.search(r"\bthan\b", sentence, re.I):
            state, why = "absent", "the clot named more likely than another cause"
        if state is not None:
            start = m.start() + len(sentence) - len(sentence.lstrip())
            end = m.start() + len(sentence.rstrip())
            yield Extracted(FINDING, state, start, end, text[start:end], f"Wells: {why}")


def apply_alternative(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with the sentence reading of the item in place of what phrases inside those
    sentences gave for it."""
    lower = text.lower()
    if "likel" not in lower and "alternat" not in lower and "probab" not in lower:
        return items  # no sentence here can answer the item
    read = list(read_alternative(text))
    if not read:
        return items
    spans = [(i.start, i.end) for i in read]
    kept = [i for i in items if i.finding != FINDING or not any(a <= i.start < b for a, b in spans)]
    return kept + read
