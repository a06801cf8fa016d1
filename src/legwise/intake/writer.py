"""What a writer says about the message rather than about anyone's body: greetings, pleasantries,
thanks and asking words (issue 12, round 10).

A text that opens on a relative ("My dad's left leg has blown up since his hip op") describes
that relative (`legwise.intake.people`). Carers rarely open that way: they greet first ("Hi
doctor, hope you are well."), say why they write ("I'm writing about my mum"), and sign off
("Thanks, I'd appreciate any advice"). Read as the text's opening, a greeting hid the relative,
and an "I" in the thanks made the writer the patient, so the relative's swollen leg was read as
someone else's and dropped. Adding a greeting and a sign-off to the development texts changed the
reading of 23 of 500.

`lead_in_end` gives where the message proper starts, after such openers; `blank_asides` hides
the writer's asides (thanks, worry, asking what to do) from the first-person test, keeping the
text's length so every offset still holds.
"""

from __future__ import annotations

import re

from legwise.intake.folded_re import folded

_WHO = r"(?:doctor|doc|dr\.?\s+\w+|there|all|everyone|everybody|team|nurse|sir|madam|folks|guys)"
# one opener at the start of what is left: a greeting or a pleasantry, with its punctuation
OPENER = re.compile(
    r"\s*(?:"
    rf"(?:hi|hello|hey|hiya|dear|greetings|good\s+(?:morning|afternoon|evening|day))"
    rf"(?:\s+{_WHO})?(?:\s+\w+)?\s*[,.!:;\-]+"
    r"|(?:i\s+)?hope\s+(?:you\s+are|you're|youre|this\s+finds\s+you)[^.!?\n]*[.!?\n]+"
    r"|(?:so\s+)?sorry\s+to\s+(?:bother|trouble)\s+you[^.!?\n]*[.!?\n]+"
    r"|(?:a\s+)?quick\s+question\s*[.:,!?\-]+"
    r"|please\s+help\s*[.:,!?\-]+"
    # a message's header line ("Subject: leg problem", "Re: my dad", "Title: ...")
    r"|(?:subject|re|fw|fwd|title|topic)\s*:[^\n]*\n"
    r")",
    re.I,
)
# a whole sentence that says nothing about anyone's body or health ("Sorry.", "I need some
# advice.", "First time posting here."): skipped too, up to a few of them
SENTENCE = re.compile(r"\s*[^.!?\n]{1,60}[.!?\n]+")
SHORT = 8  # words: a longer sentence is a statement of its own
CLINICAL = folded(
    r"\b(?:my|our|legs?|calf|calves|foot|feet|knees?|ankles?|thighs?|shins?|toes?|hips?|heels?"
    r"|back|pain\w*|ache\w*|aching|hurt\w*|sore|swell\w*|swollen|numb\w*|tingl\w*|cramp\w*"
    r"|cold|red|hot|warm|burn\w*|clot|dvt|fever\w*|walk\w*|sleep\w*|night\w*|restless|diabet\w*"
    r"|cancer|pregnan\w*|age|aged|old|year\w*|male|female|man|woman|kidney\w*|dialysis|heart"
    r"|blood|sugar|medic\w*|tablets?|pills?|drugs?|hospital|operation|surgery|op|ill\w*|sick"
    r"|unwell|symptoms?|skin|itch\w*|bruis\w*|weak\w*|tired|breath\w*|chest|cough\w*|limp\w*"
    r"|fall|fell|injur\w*|broke\w*|stroke|condition|diagnos\w*|he|she|his|her|him)\b|\d",
    re.I,
)
# why the writer writes, leading into whom the message is about ("I'm writing about my mum")
REASON = re.compile(
    r"\s*(?:i\s+am|i'm|im|i)\s+(?:writing|messaging|asking|posting|emailing|texting|write|ask"
    r"|contacting\s+you|(?:really\s+|so\s+|very\s+)?(?:worried|concerned|scared|anxious))\s+"
    r"(?:to\s+you\s+)?(?:for|about|on\s+behalf\s+of|regarding|because\s+of)\s+(?=my\b|our\b)",
    re.I,
)
# the writer's asides after the opening: thanks, worry, asking what to do, their own home
ASIDES = folded(
    r"\b(?:thanks|thank\s+you|cheers|many\s+thanks)\b[^.!?\n]*"
    r"|\b(?:should|can|do|shall|must|could)\s+(?:i|we)\b"
    r"|\b(?:i|we)(?:'m|\s+am|\s+are|'re)?\s+(?:so\s+|really\s+|very\s+|getting\s+)?"
    r"(?:worried|scared|concerned|anxious|not\s+sure|unsure|desperate)\b"
    r"|\b(?:i|we)(?:'d|\s+would)\s+(?:appreciate|be\s+grateful|like)\b"
    r"|\b(?:i|we)\s+(?:think|thought|wonder|wondered|don't\s+know|dont\s+know|do\s+not\s+know"
    r"|guess|suppose|reckon|feel\s+like|took|take|called|rang|phoned|gave|give|noticed|saw"
    r"|checked|tried|want|need\s+to\s+know|looked|drove|brought)\b"
    r"|\b(?:let|tell|help|advise|message|call)\s+me\b"
    r"|\bmy\s+(?:question|concern|worry|worries|house|home|place|flat|car)\b",
    re.I,
)


def lead_in_end(text: str, kin: re.Pattern[str] | None = None) -> int:
    """Where the message proper starts, after greetings, sentences that say nothing about anyone's
    health, and the writer's reason for writing ("Hi doctor, hope you are well. Sorry. I'm
    writing about my mum..." -> at "my mum"); 0 if none. A sentence that names a relative
    (`kin`: "Dad's kidney function is poor.") is the message itself."""
    at = 0
    for _ in range(6):
        m = OPENER.match(text, at)
        if m is None:
            m = SENTENCE.match(text, at)
            if m is None or CLINICAL.search(m.group()) or (kin and kin.search(m.group())):
                break
            if len(m.group().split()) > SHORT:
                break
        at = m.end()
    reason = REASON.match(text, at)
    return reason.end() if reason else at


def blank_asides(text: str) -> str:
    """`text` with the writer's asides blanked (same length), for the first-person test: "Thanks,
    I'd appreciate any advice" does not make the writer the person described."""
    if not ASIDES.search(text):
        return text
    return ASIDES.sub(lambda m: " " * len(m.group()), text)
