"""A sudden start read from how long ago the problem began: "about an hour ago my foot went
white", "since one hour my leg has no power", "was fine, 40 mins ago it went dead".

sudden_onset asks "Did this pain start suddenly, over minutes to a few hours?" and its help
says yes "if it got bad fast and you can say about when it began". A problem the text says
began at most a few hours ago (the duration the number reader gave the symptoms,
`symptom_duration_days`, at most `within_days` of knowledge/intake/numbers.yaml's
`recent_onset`) began over minutes to hours: it cannot have come
on slowly over days. People who write "about two hours ago my foot went cold" rarely add the
word "sudden". sudden_numbness_or_weakness asks "Did your leg suddenly lose feeling or
strength?" (help: "went numb or weak over minutes to hours, and this is new"): a numb or weak
leg (numbness_or_tingling or leg_weakness read present) said in the sentence of that recent
start or the two after it gives it too. A finding the text already reads either way ("it
came on gradually", "not sudden") is left as read; every duration read must be that short
("the pain is 3 weeks old, it got worse an hour ago" is no sudden start). A text that reads an
injury (recent_leg_injury) dates the injury, not a pain that came on by itself ("kicked in the
shin 3 hrs ago"): nothing is added there. A numbness in a leg read tight or tense and swollen
(numbers.yaml `not_with`) builds with the swelling over hours: the recency gives the sudden
start but no sudden numbness there (hT16b, round 16).

Source and review: hB (issue 12 round 8, 2026-12-05), from the two findings' question and help
text in knowledge/findings/red_flags.yaml; the question's own "minutes to a few hours" (six
hours at most) and the findings it reads are data (numbers.yaml `recent_onset`).
"""

from __future__ import annotations

import functools

from legwise.intake.clauses import sentence_at
from legwise.intake.number_rules import numbers_data
from legwise.intake.result import Extracted


@functools.cache
def _rule() -> tuple[float, frozenset[str], int, frozenset[str]]:
    """numbers.yaml `recent_onset`: the longest duration, the numb or weak findings, how many
    sentences after the onset's own may hold them, and the findings that give the numbness a
    gradual course (no sudden numbness read from the recency then)."""
    data = numbers_data()["recent_onset"]
    return (
        float(data["within_days"]),
        frozenset(data["numb_or_weak"]),
        int(data["sentences_after"]),
        frozenset(data.get("not_with", [])),
    )


def recent_onset(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` and the sudden start (and sudden numbness or weakness) a recent onset gives."""
    durations = [i for i in items if i.finding == "symptom_duration_days"]
    if not durations:
        return items
    within, carriers, after, gradual = _rule()
    if any(not isinstance(i.value, int | float) or float(i.value) > within for i in durations):
        return items
    said = {i.finding for i in items}
    if any(i.finding == "recent_leg_injury" and i.value == "present" for i in items):
        return items
    first = min(durations, key=lambda i: i.start)
    why = f"onset within hours: duration {first.text!r}"
    out = list(items)
    if "sudden_onset" not in said:
        out.append(Extracted("sudden_onset", "present", first.start, first.end, first.text, why))
    if "sudden_numbness_or_weakness" in said:
        return out
    if any(i.finding in gradual and i.value == "present" for i in items):
        return out  # a tense swollen leg's numbness builds with the swelling (hT16b)
    k = sentence_at(text, first.start)
    for c in items:
        if c.finding in carriers and c.value == "present":
            at = sentence_at(text, c.start)
            if k >= 0 and k <= at <= k + after:
                rule = f"{why} + {c.finding} {c.text!r}"
                out.append(
                    Extracted(
                        "sudden_numbness_or_weakness", "present", c.start, c.end, c.text, rule
                    )
                )
                break
    return out
