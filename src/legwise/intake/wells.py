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

from legwise.intake.fast_re import any_in, fast
from legwise.intake.result import Extracted
from legwise.intake.wells_asked import answered, label_answered
from legwise.intake.wells_backoff import band_only, read_backoff
from legwise.intake.wells_calf_sides import unwrapped
from legwise.intake.wells_checklist import FINDING, LABELS, apply_checklist, unabbreviated
from legwise.intake.wells_compact import read_compact
from legwise.intake.wells_compare import (
    ALTERNATIVE,
    NO_ALTERNATIVE,
    cause_part,
    denied_by_subject,
    leading_state,
    likely_before,
    may_weigh,
    weighed_against_clot,
    weighed_level,
)
from legwise.intake.wells_concepts import read_concepts, settle_cancer
from legwise.intake.wells_course import read_course
from legwise.intake.wells_degree import may_compare
from legwise.intake.wells_keyed import read_keyed
from legwise.intake.wells_labelled import apply_labelled
from legwise.intake.wells_lists import (
    read_collective,
    read_item_lists,
    read_points_sum,
    read_positional,
)
from legwise.intake.wells_marklines import read_mark_lines, read_tick_runs
from legwise.intake.wells_marks import read_marks
from legwise.intake.wells_measured import measured_calf, other_part
from legwise.intake.wells_others import others_dropped
from legwise.intake.wells_owner import owned_qualifiers
from legwise.intake.wells_pairs import read_pairs
from legwise.intake.wells_parts import read_thigh_and_calf
from legwise.intake.wells_past import apply_past, dated_clots
from legwise.intake.wells_reasons import read_reasons
from legwise.intake.wells_rest import apply_rest
from legwise.intake.wells_same import read_same
from legwise.intake.wells_scope import apply_denied, denied_items
from legwise.intake.wells_shapes import read_signs, settle
from legwise.intake.wells_surface import wells_surface
from legwise.intake.wells_table import apply_tables, read_tables
from legwise.intake.wells_tender import may_tender, read_vein_tenderness
from legwise.intake.wells_timing import (
    AGO_WORDS,
    RELATIVE_WORDS,
    TIMED_WORDS,
    read_dated_operation,
    read_operation_ago,
    read_timing,
)
from legwise.intake.wells_unknown import apply_unknown
from legwise.intake.wells_values import (
    SWELL_WORDS,
    WHOLE_WORDS,
    apply_calf,
    read_part_leg,
    read_stated_absent,
    read_whole_leg,
)
from legwise.intake.wells_windows import apply_windows

# a decimal point ("T 38.4") and a query mark before a word ("?DVT") do not end a sentence
# and a pipe between export fields with no blank beside it ends one ("other_dx=none|calf=4"; a
# table's "| cell |" does not)
SENTENCE = re.compile(r"(?:[^.;!?\n|]|\.(?=\d)|\?(?=[A-Za-z])|(?<=\s)\||\|(?=\s))+")
# The alternative itself negated: "They do not have an alternative diagnosis to DVT as likely",
# "without an alternative diagnosis as likely"
ALT_NEGATED = re.compile(
    r"\b(?:not|no|without|never|denies|nil|n't|cannot)\b(?:\s+[\w-]+){0,3}\s*$", re.I
)
# The comparison itself negated: "I do not think it is as likely as a DVT", "cellulitis is not
# more likely than DVT", "a tear cannot be as likely as DVT" (the alternative is less likely)
# (hW21: the verbs of rating, "I would not rate it as likely as a DVT", "wouldn't call / put /
# rank / count it as likely")
OPINION = re.compile(
    r"\b(?:think|thought|believe|feel|felt|consider\w*|seem\w*|rat(?:e|ed|ing)|rank\w*|call\w*"
    r"|put|regard\w*|count\w*|judge\w*|score\w*|see|find|found|say|class\w*)\b",
    re.I,
)
COMPARISON_NEGATED = re.compile(r"(?:\b(?:not|never|cannot)\b|n't\b)(?:\s+[\w'-]+){0,5}?\s*$", re.I)
CLOT = r"(?:dvt|vte|clot|thrombosis|deep\s+vein\s+thrombosis)"
# the clot with a word or two before it (hW20, round 20): "as likely as a new DVT", "less likely
# than a recurrent clot", "more likely than an acute proximal DVT"
CLOT_NAMED = (
    r"(?:(?:new|acute|fresh|recurrent|further|repeat|proximal|distal|calf|deep|true)\s+){0,2}"
    + CLOT
)
LIKELY = r"(?:likely|probable|plausible)"
# The alternative less likely than a clot: "not as likely", "less likely", "don't think it's as"
ALT_LESS = re.compile(
    rf"(?:\b|(?=n't\b))(?:less\s+{LIKELY}|unlikely|improbable|(?:not|neither|none|n't)\b[^,;]{{0,20}}?\s(?:as\s+|more\s+|at\s+least\s+as\s+|"
    rf"equally\s+|very\s+|considered\s+)?{LIKELY}|no\s+(?:more\s+)?{LIKELY})\b|\bnot\s+(?:being\s+)?considered\b",
    re.I,
)
ALT_AS_LIKELY = re.compile(rf"\b(?:(?:as|more|equally|most)\s+{LIKELY}|likelier|{LIKELY})\b", re.I)
# the comparison may name what it weighs: "as likely an explanation as DVT", "a more likely cause
# than a clot"
NOUN = r"(?:(?:an?\s+)?(?:explanation|diagnosis|cause|dx|possibility|option)\s+)?"
# (hW20) a few words between the likelihood and its "than": "less likely to me than a DVT",
# "more likely on balance than a clot"
ASIDE = r"(?:(?:to\s+(?:me|us|my\s+mind)|here|overall|clinically|on\s+balance|now|today)\s+)?"
# A named cause compared with the clot: "cellulitis felt equally likely", "as likely as DVT"
EQUAL = re.compile(
    rf"\b(?:equally\s+{LIKELY}|as\s+{LIKELY}\s+{NOUN}as\s+(?:an?\s+)?{CLOT_NAMED})\b"
    rf"|(?<!\bdvt)(?<!\bclot)\s+as\s+{LIKELY}\s*$"  # "Baker's cyst as likely."
    # "Cellulitis is at least as likely, given the red hot shin" (the reason after it; hW9)
    rf"|(?<!\bdvt)(?<!\bclot)\s+as\s+{LIKELY}\s*,\s*(?:given|because|as|since|in\s+view)\b"
    rf"|(?<!\bdvt)(?<!\bclot)\s+as\s+{LIKELY}\s*[:(\u2013\u2014]",  # "..as likely: a cyst" (hW17)
    re.I,
)
# A named cause compared with the clot as the object: "cellulitis less likely than DVT" (the
# item absent), "muscle strain, more likely than DVT" (present)
NAMED_VS_CLOT = re.compile(
    rf"\b(?P<how>more|less|as|equally|at\s+least\s+as)\s+{LIKELY}\s+{NOUN}{ASIDE}(?:than|as)\s+(?:an?\s+)?"
    rf"{CLOT_NAMED}\b",
    re.I,
)
# The clot as the subject: "DVT is more likely than ...", "DVT less likely"
# the clot as the subject, not the object ("an alternative to DVT", "more likely than DVT")
SUBJECT = r"(?<!\bto\s)(?<!\bthan\s)(?<!\bvs\s)(?<!\bvs\.\s)(?<!\bversus\s)(?<!\bas\s)"
CLOT_MORE = fast(
    rf"{SUBJECT}\b{CLOT}\b[^,]{{0,25}}?\b(?:more\s+{LIKELY}|likelier|most\s+{LIKELY})\b", re.I
)
CLOT_LESS = fast(rf"{SUBJECT}\b{CLOT}\b[^,]{{0,25}}?\b(?:less\s+{LIKELY}|unlikely)\b", re.I)
CLOT_EQUAL = fast(
    rf"{SUBJECT}\b{CLOT}\b[^,]{{0,25}}?\b(?:as\s+{LIKELY}\s+as|equally\s+{LIKELY})\b", re.I
)
CLOT_MOST = fast(rf"{SUBJECT}\b{CLOT}\b\s*(?:is\s+|remains\s+)?(?:the\s+)?most\s+{LIKELY}\b", re.I)
# "Most likely diagnosis is a ruptured Baker's cyst", "cellulitis is the more likely diagnosis",
# "working diagnosis: DVT": the item is present unless the likeliest cause named is the clot
LEADING = re.compile(
    rf"\b(?:(?:most|more)\s+{LIKELY}|likeliest|likelier|working|leading|favou?red|provisional)\s+"
    r"(?:diagnos[ie]s|dx|cause|explanation)\b(?:\s+(?:is|was|remains|=|:)|\s*[:=])?"
    r"\s*(?P<what>[^,;.]{0,40})",
    re.I,
)


PRESENT_ANSWERS = ("yes", "y", "present", "positive", "true", "reported", "endorsed")
# (hW12: the answers of history-taking and triage records too, "Other cause as likely: Denied")
CHECKLIST = re.compile(
    r"[:=-]\s*(yes|y|present|positive|true|reported|endorsed|no|n|nil|none|absent|negative|false"
    r"|denied|denies|not\s+reported)\s*$",
    re.I,
)


# a word that every comparison of the clot with another cause holds (LIKELY, "unlikely",
# "likelier", "improbable", and the likeliest cause's "working", "leading", "favoured",
# "provisional"; in ASCII, where lower-casing folds as the patterns' IGNORECASE does)
WEIGHING = ("likel", "probab", "plausib", "favo", "working", "leading", "provisional")
MAY_ANSWER = fast(
    r"likel|probab|plausib|alt|other|differ|compet|favou?r|else|equal|similar|par\b|as\swell|easily"
    r"|leading|working|provisional|as\sgood|better|nothing",
    re.I,
)
MAY_LOW = re.compile(MAY_ANSWER.pattern)  # lower-case words in a note lowered once (hW23)


# "DVT vs muscle strain; strain felt more likely", "DVT or cellulitis, cellulitis favoured": the
# cause weighed after the comparison is the alternative
VERSUS = re.compile(
    rf"\b{CLOT}\s+(?:vs\.?|versus|or)\s+\??[a-z]|\b[a-z]+\s+(?:vs\.?|versus)\s+\??{CLOT}\b", re.I
)
CLOT_LIKELY = re.compile(
    rf"\b(?:likely|probable|suspected|probably)\s+(?:an?\s+)?(?:\w+\s+)?{CLOT}\b"
    rf"|\b{CLOT}\s+(?:is\s+)?(?:likely|probable|suspected)\b",
    re.I,
)
WEIGHS_CLOT = re.compile(rf"\b(?:{CLOT}|wells)\b", re.I)
FAVOURED = re.compile(rf"\b(?:(?:more|most|as|equally)\s+{LIKELY}|likelier|favou?red)\b", re.I)


def _compared(sentence: str) -> str | None:
    """The item's state from a sentence that weighs the cause compared with the clot."""
    v = VERSUS.search(sentence)
    part = sentence[v.end() :] if v else sentence
    if re.search(rf"\b{CLOT}\b", part, re.I):
        if CLOT_MORE.search(part) or CLOT_MOST.search(part):
            return "absent"
        return None
    if ALT_LESS.search(part):
        return "absent"
    if v and FAVOURED.search(part) and (which := ORDINAL.search(part)) is not None:
        first = re.match(rf"\W*{CLOT}", v.group(0), re.I) is not None  # "DVT vs strain"
        return "absent" if (which.group(0).lower().endswith("former")) == first else "present"
    return "present" if FAVOURED.search(part) else None


# "?DVT vs ?muscle tear - the latter more likely" (hW20): which side "former" / "latter" names
ORDINAL = re.compile(r"\bthe\s+(?:former|latter)\b", re.I)


def _named_alternative(sentence: str, alt: re.Match[str]) -> tuple[str | None, str]:
    """(state, why) of a sentence that names "an alternative diagnosis" (split from
    `read_alternative`, hW20: that function grew past 80 lines)."""
    after = sentence[alt.end() :]
    check = CHECKLIST.search(sentence)
    if check is not None:
        yes = check.group(1).lower() in PRESENT_ANSWERS
        return ("present" if yes else "absent"), f"checklist {check.group(0)!r}"
    if (said := label_answered(sentence, alt.end())) is not None:
        label = sentence[: sentence.find(":", alt.end())]
        state, why = _named_alternative(label, alt)
        if state is not None:  # the label's question, answered after its colon (hW22)
            flip = {"present": "absent", "absent": "present"}
            return (state if said[0] == "yes" else flip[state]), f"{why}, answered {said[0]!r}"
    if ALT_NEGATED.search(sentence[: alt.start()]):
        return "absent", "the alternative negated"
    if CLOT_MORE.search(sentence[: alt.start()]) or CLOT_MORE.search(after):
        return "absent", "the clot named more likely"
    if (less := ALT_LESS.search(after)) is not None:
        return "absent", f"alternative {less.group(0)!r}"
    if (same := ALT_AS_LIKELY.search(after) or likely_before(sentence, alt)) is not None:
        return "present", f"alternative {same.group(0)!r}"
    return None, ""


def read_alternative(text: str) -> Iterator[Extracted]:
    """One item per sentence that answers the alternative-diagnosis item, spanning it."""
    plain = unwrapped(unabbreviated(text))  # a hard-wrapped line does not end a sentence (hW22)
    versus = False  # "DVT vs muscle strain" said earlier in this sentence or line
    clot: bool | None = None  # the note weighs a clot (asked only when a sentence needs it)
    low = plain.lower() if plain.isascii() else None  # (once per note, not per sentence)
    for m in SENTENCE.finditer(plain):
        sentence = m.group(0)
        compared = versus
        said = "vs" in sentence or "versus" in sentence or " or " in sentence
        versus = (said and VERSUS.search(sentence) is not None) or (
            versus and plain[m.end() : m.end() + 1] == ";"
        )
        # "Imp: DVT likely; cellulitis less likely": the cause after the clot's clause is weighed
        if not versus and plain[m.end() : m.end() + 1] == ";" and CLOT_LIKELY.search(sentence):
            versus = True
        # "looks more like cellulitis than a clot", "favour a strain rather than DVT" (hW11)
        than = may_compare(sentence, low, m.span())  # "than", "as well as", "level with" (hW25)
        weighed = weighed_against_clot(sentence) if than else None
        may = MAY_ANSWER.search(sentence) if low is None else MAY_LOW.search(low, *m.span())
        if not may and weighed is None:
            continue  # the cheap check first: every reading below needs one of these words
        alt = ALTERNATIVE.search(sentence)
        state: str | None = None
        why = ""
        if NO_ALTERNATIVE.search(sentence):
            state, why = "absent", "no alternative diagnosis"
        elif alt is not None:
            state, why = _named_alternative(sentence, alt)
        elif sentence.isascii() and not any_in(sentence.lower(), WEIGHING):
            pass  # the cheap check first: every comparison below needs one of these words
        elif (named := NAMED_VS_CLOT.search(sentence)) is not None and not CLOT_MORE.search(
            sentence[: named.start()]
        ):
            yes = named.group("how").lower() != "less"
            clause = re.split(r"[,;:]|\bbut\b", sentence[: named.start()])[-1]
            if yes and (
                re.search(r"(?:\bnot|n't)\s*$", clause)
                or (COMPARISON_NEGATED.search(clause) and OPINION.search(clause))
            ):
                yes = False  # "I do not think it is as likely as a DVT"
            state, why = ("present" if yes else "absent"), f"a named cause {named.group(0)!r}"
        elif (lead := LEADING.search(sentence)) is not None and (
            got := leading_state(sentence, lead, plain[m.end() : m.end() + 1] == "?")
        ) is not None:
            state, why = got, f"the likeliest diagnosis {lead.group(0)!r}"
        elif EQUAL.search(sentence):
            if ALT_LESS.search(sentence):
                state, why = "absent", "a named cause not as likely"
            else:
                state, why = "present", "a named cause as likely as the clot"
        elif CLOT_EQUAL.search(sentence):
            state, why = "present", "the clot named as likely as another cause"
        elif CLOT_LESS.search(sentence) and not band_only(sentence, plain[: m.start()][-40:]):
            state, why = "present", "the clot named less likely"
        elif CLOT_MORE.search(sentence) and re.search(
            r"\bthan\b|\bvs\b|\bversus\b", sentence, re.I
        ):
            state, why = "absent", "the clot named more likely than another cause"
        elif CLOT_MOST.search(sentence):
            state, why = "absent", "the clot named the most likely cause"
        if state is None and (compared or versus):
            state, why = _compared(sentence), "a cause compared with the clot just before"
        if state is None and weighed is not None:
            state, why = weighed
        if state is None and may_weigh(sentence):  # (the cheap check first, hW23)
            clot = WEIGHS_CLOT.search(plain) is not None if clot is None else clot
            level = weighed_level(sentence, clot and plain[m.end() : m.end() + 1] != "?")
            if level is not None:
                state, why = level  # "a tear is at least as likely (-2)", "equal to DVT" (hW12)
        state, why = denied_by_subject(sentence, state, why)  # "Nobody thinks ... as likely"
        end = m.start() + len(sentence.rstrip())
        if state is not None and plain[m.end() : m.end() + 1] == "?":
            state, why, end = answered(plain, m.end() + 1, state, why, end)  # "...? Not really."
        if state is not None:
            start = m.start() + len(sentence) - len(sentence.lstrip())
            yield Extracted(FINDING, state, start, end, text[start:end], f"Wells: {why}")


def apply_alternative(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with the sentence reading of the item in place of what phrases inside those
    sentences gave for it."""
    lower = text.lower()
    if not any_in(lower, ALT_WORDS) and not ("thing" in lower and NOTHING_EXPLAINS.search(text)):
        return items  # no sentence here can answer the item
    read = list(read_alternative(text))
    if not read:
        return items
    spans = [(i.start, i.end) for i in read]
    causes = [c for i in read if (c := cause_part(text, i)) is not None]
    kept = [
        i
        for i in items
        if not (i.finding == FINDING and any(a <= i.start < b for a, b in spans))
        and not (i.finding in WELLS_ITEMS and any(a <= i.start < b for a, b in causes))
    ]
    return kept + read


# "Nothing else fits better", "nothing else to explain it", "nothing else would explain this as
# well": no alternative, said with no likelihood word (hW10, round 10; not "nothing else helps")
NOTHING_EXPLAINS = re.compile(
    r"\b(?:no|any)thing\s+(?:else|other)[^.;\n]{0,30}?\b(?:explain\w*|fits?|accounts?\sfor)\b", re.I
)
WELLS_ITEMS = frozenset(i for i, _ in LABELS)
ALT_WORDS = ("likel", "alternat", "probab", "favo", " than ", "equal", "similar", "par ", "as well",
             "plausib", "leading", "easily", "working", "provisional", "as good", "another ",
             "anything", "other ", "better", " else", "convinc", "level with")  # fmt: skip
DIGIT = re.compile(r"\d")


def apply_wells(text: str, items: list[Extracted]) -> list[Extracted]:
    """The sentence readings of the Wells items: dated clots, bed-rest and surgery times, the
    alternative diagnosis, time windows, denying sentences, the calf difference from its
    numbers, the whole leg, then checklist answers (which win), and last the items a note
    answers as unknown ("Calf swelling >3 cm: not measured")."""
    if "_" in text:  # export keys ("calf_diff_cm=4", "prior_dvt=no") read as words; same offsets
        text = text.replace("_", " ")
    text = wells_surface(text)  # "no full stop", {YES/NO:1::"No"}, "Y*  N" (same offsets)
    lower = text.lower()
    if DIGIT.search(text):
        items = [*items, *dated_clots(text), *read_timing(text), *read_dated_operation(text)]
    elif any_in(lower, TIMED_WORDS):  # the time in words only: "admitted for three days" (hW17b)
        items = [*items, *read_timing(text)]
    if DIGIT.search(text) or any_in(lower, (*RELATIVE_WORDS, *AGO_WORDS)):
        items = [*items, *read_operation_ago(text)]
    items = settle_cancer(text, [*items, *read_concepts(text, lower)])  # "no CA", "no current tx"
    items = apply_denied(text, apply_windows(text, apply_alternative(text, items)))
    items = apply_past(text, other_part(text, apply_calf(text, items)))  # not a thigh's (hW25)
    items = read_signs(text, lower, items)  # "pits to the knee", "in bed since" (hW16)
    items = [*items, *read_course(text, lower)]  # "ventilated since admission", ICU day 5 (hW20)
    whole = any_in(lower, WHOLE_WORDS)
    if whole and any_in(lower, SWELL_WORDS):
        # not inside a denying sentence ("They do not have ..., entire leg swelling, ...")
        spans = [(a, b) for f, a, b in denied_items(text) if f == "whole_leg_swollen"]
        read = [*read_whole_leg(text), *read_thigh_and_calf(text, lower)]  # any order (hC26)
        items += [i for i in read if not any(a <= i.start < b for a, b in spans)]
    if ("knee" in lower or "thigh" in lower or "confined" in lower or "whole" in lower) and (
        "swell" in lower or "swol" in lower or "dema" in lower
    ):
        items = [*items, *read_part_leg(text, items)]
    if may_tender(lower):  # "tender along the femoral vein", "tender behind the knee"
        items = [*items, *read_vein_tenderness(text, items)]
    if "superficial" in lower or "no " in lower or "never" in lower or "nil" in lower:
        items = [*items, *read_stated_absent(text, items)]
    items = [*items, *read_same(text, items)]  # "calves equal", "not the whole leg" (hW20)
    tables = read_tables(text)  # header + value rows, Yes / No columns, mark columns (hW9)
    read_compact(text, tables)  # "CA=0 PARA=0 TEND=1", "Ca+ Immob+ Colat-", "ca y, para n"
    read_pairs(text, tables)  # "?cancer=1&bed_or_surgery=0", {"activeCancer": true} (hW10)
    read_marks(text, tables)  # "(•) yes ( ) no", a Yes / No column, "Tend Y" lines (hW11)
    read_mark_lines(text, tables)  # ":x: cancer", "○ Active cancer", "cancer 👎" (hT13)
    read_tick_runs(text, tables)  # "prev DVT ✗   recent op ✗   immob ✗" (hW18)
    read_backoff(text, tables)  # "Actieve maligniteit .... nee", a chat's Q&A (hW15)
    read_keyed(text, tables)  # "Q1. cancer" + "Q1 Y", "9 = unknown", "label -> yes" (hW14)
    lists = [*read_item_lists(text), *read_collective(text)]  # "Not met: a; b", "...: all absent"
    lists += [*read_points_sum(text), *read_positional(text)]  # "+ 0 (no cancer)", "no, no, no"
    lists += read_reasons(text)  # "Wells 3 (ca, post op, calf)": the reasons of a total (hW20)
    items = apply_tables(text, apply_checklist(text, items, lists), tables)
    items = measured_calf(text, items)  # "Calf >= 3 cm: yes (2.5 cm)": the number (hW22)
    items = apply_unknown(text, apply_labelled(text, items))  # "New surface veins? N" (hW17)
    items = apply_rest(text, items)  # "Criteria not met: all others" (hW17b)
    items = owned_qualifiers(text, items)  # "post-op swelling had settled", "pitting both legs"
    items = others_dropped(text, items)  # "her husband had a knee replacement 2 weeks ago"
    return settle(text, items)  # "no bed rest of 3 days or more": its definition; "no points"
