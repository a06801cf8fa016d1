"""Wells items asked as questions and answered after them (hW15, issue 12 round 15).

A chat with a calculator bot, a telephone script or a teaching Q&A asks each item as a question
and gets the answer after it, on the same line or the next one, often behind a speaker's tag
and a filler word: "Bot: Is the entire leg swollen?" / "Clinician: no, just the calf",
"Alternative as likely? Not really - wound fine". The question holds the item's own words, and
the phrase readers took them for the sign: every item asked was read present. A question is
never a finding:

- an answer whose first word (after a tag and fillers) says yes or no answers the item the
  question names ("nope", "yep", "never", "none", "not really", "honestly no");
- in a dialogue (two or more questions each naming one item, answered on the next line), a
  question whose answer says more than yes or no is only blanked: the answer's own words are
  read as any sentence is ("bedbound with flu since Thursday" is read; "2.8" is not a point).

- an answer that says it is not known ("He isn't sure.", "can't remember", "unsure") leaves the
  item unread: the question is only blanked (hW16, round 16).

A question must name exactly one item (`wells_checklist.LABELS`); two leave it unread. A reading
rule only: each answer is the clinician's own.
"""

from __future__ import annotations

import re

from legwise.intake.wells_checklist import FINDING
from legwise.intake.wells_labels import named_items
from legwise.intake.wells_table import Tables

# a question: the last sentence of a line, ending in "?" (behind a speaker's tag: "Bot: ...?")
QUESTION = re.compile(r"(?:^|(?<=[.!:;]))[ \t]*(?P<q>[^\n.!?:;]{3,200})\?", re.M)
TAG = r"(?:[A-Za-z][\w .'-]{0,20}:[ \t]*)?"
FILLER = (
    r"(?:(?:honestly|well|um+|er+m?|hmm+|ok(?:ay)?|so|actually|i\s+think|i'?d\s+say|definitely"
    r"|certainly|absolutely)[,\s]+){0,3}"
)
YES = r"yes|yeah|yep|yup|y|correct|affirmative|present|positive"
NO = r"no|nope|nah|n|none|never|negative|absent|not\s+really|not\s+at\s+all|nil"
# "no idea", "not sure", "no way to tell": the answer is not known
NOT_AN_ANSWER = r"(?:idea|clue|sure|way|one|longer|change|difference|doubt|comment|data|record)\b"
ANSWER = re.compile(
    rf"[ \t]*(?:\n[ \t]*)?{TAG}{FILLER}(?:(?P<yes>{YES})|(?P<no>{NO}))\b(?![ \t]*\?)"
    rf"(?![ \t]+{NOT_AN_ANSWER})",
    re.I,
)
# an answer that says the item is not known: "He isn't sure.", "she can't remember", "unsure"
# (the question is blanked and the item left unread; hW16)
PRONOUN = r"(?:(?:he|she|they|the\s+patient|patient|pt|i|we|family|wife|husband)[ \t]+)?"
UNSURE = re.compile(
    rf"[ \t]*(?:\n[ \t]*)?{TAG}{FILLER}{PRONOUN}"
    r"(?:(?:is|are|am|does|do|did|can|could)(?:n't|[ \t]+not|not)[ \t]+(?:really[ \t]+)?"
    r"(?:sure|know|remember|recall|certain|say)"
    r"|(?:not|un)[ \t]*(?:sure|certain|known|clear)|uncertain|unknown|unclear|no[ \t]+idea"
    r"|(?:don't|doesn't|can't)[ \t]+(?:know|remember|recall|say)|maybe|possibly|perhaps)\b",
    re.I,
)
CLAUSE_CUT = re.compile(r"-+>|\u2192|=>|[)\]]")
OTHER_CAUSE = re.compile(
    r"\b(?:another|other|different|alternative)\s+(?:diagnos[ie]s|dx|cause|explanation)\b", re.I
)
NEXT_LINE = re.compile(r"[ \t]*\n[ \t]*(?P<line>[^\n]*)")


def _item(question: str) -> str | None:
    """The one item `question` names, or None (none or two)."""
    named = set(named_items(question))
    if not named and OTHER_CAUSE.search(question):
        named.add(FINDING)  # "Is another diagnosis at least as likely?"
    return named.pop() if len(named) == 1 else None


def read_dialogue(text: str, out: Tables) -> None:
    """Add to `out` the answer of each question that names an item, and blank the questions of
    a dialogue whose answers say more than yes or no."""
    asked: list[tuple[str, int, int]] = []
    done = [(x, y) for *_, x, y in out.answers] + out.rows  # what the other readers answered
    answered = 0
    for m in QUESTION.finditer(text):
        q = m.group("q")
        # "(+1) -> whole leg swollen?" (not "Collateral veins (non-varicose)?")
        cuts = [c.end() for c in CLAUSE_CUT.finditer(q) if re.search(r"[^\W\d_]", q[c.end() :])]
        q = q[cuts[-1] :] if cuts else q
        a, b = m.end("q") - len(q.lstrip()), m.end()
        if len(q.split()) <= 24 and UNSURE.match(text, b) and not ANSWER.match(text, b):
            out.rows.append((a, b))  # "... before? She isn't certain.": the item stays unread
            continue
        if len(q.split()) > 24 or (item := _item(q)) is None:
            continue
        if any(x < b and a < y for x, y in done):
            continue  # a back-off only: what another reader answered keeps its answer
        answer = ANSWER.match(text, b)
        on_next = NEXT_LINE.match(text, b)
        if answer is None:
            if on_next is not None and not on_next.group("line").rstrip().endswith("?"):
                asked.append((item, a, b))
            continue
        said = "yes" if answer.group("yes") else "no"
        state = "present" if said == "yes" else "absent"
        start = answer.start(said)
        answered += "\n" in answer.group(0)
        out.rows.append((a, answer.end()))  # (rows: only the Wells items read inside give way)
        out.answers.append((item, state, start, answer.end()))
    if answered + len(asked) >= 2 and answered >= 1:
        for _, a, b in asked:
            out.rows.append((a, b))
