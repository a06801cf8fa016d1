"""Sections of a clinical note: what the assessment and plan say is not a finding.

A note's plan or impression names conditions to rule out or consider ("Plan: duplex to rule out
DVT", "Impression: cellulitis vs DVT"); their words are the clinician's questions, not what the
patient has. So phrase readings that lie in an assessment/plan section are dropped, while the
history and examination sections (and text with no headers at all) are read as before. The
Wells reading of the alternative-diagnosis item, checklist answers and numbers are kept: an
assessment is exactly where "an alternative diagnosis is less likely than DVT" is written.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import replace
from importlib import resources
from typing import Any

from legwise.intake.clauses import clause_start
from legwise.intake.context_lists import past_window
from legwise.intake.context_lists import recent_only as _recent_only
from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.plan_sentences import drop_planned_medicine
from legwise.intake.result import Extracted
from legwise.intake.wells_checklist import LABELS
from legwise.kb.loader import Knowledge

PLAN = (
    r"plan|a\s*/\s*p|a\s*&\s*p|assessment\s+(?:and|&)\s+plan|differentials?"
    r"|ddx|dx|diagnosis|working\s+diagnosis|recommendations?|management|next\s+steps"
    r"|p"  # a SOAP note's "P:"
)
# hW17b round 17: a SOAP / SBAR note's "A:" (assessment) states what was found as well as what is
# weighed ("A: tender along the femoral vein, calf 3 cm bigger; ?DVT"): the Wells items read
# there stay (each is a finding of the history or the examination), other phrases are dropped as
# in a plan (only the plan, "P:", is wholly future)
# (hW18, round 18: an "Impression:" is the assessment too, "Impression: probable DVT in a woman
# with active breast cancer, 2 weeks after a TKR": its Wells items are findings, kept)
ASSESS = r"assessment|a|impression|imp"
# hC round 6: one-sentence plan headers of letters and discharge summaries ("Differential on
# admission: cellulitis vs DVT.", "Provisional diagnosis:", "Safety net: return if ...",
# "Follow-up:"): what to look for or come back for is no finding. Each runs to the end of its
# sentence only ("Differential on admission: DVT, cellulitis. Type 2 diabetes." goes back to
# the record).
PLAN_ONE = (
    r"(?:provisional|working|differential|clinical|final|admission|discharge|likely)\s+"
    r"(?:diagnosis|diagnoses|impression)|(?:differentials?|diagnosis|impression)\s+"
    r"(?:on|at)\s+(?:admission|discharge|arrival|presentation)|impression\s+(?:and|&)\s+plan"
    r"|safety[\s-]*net(?:ting|ted)?(?:\s+advice)?|follow[\s-]*up|f\s*/\s*u|disposition"
)
OTHER = (
    r"history|hx|hpi|pmh|pmhx|psh|past\s+medical\s+history|exam|examination|o\s*/\s*e|oe"
    r"|on\s+examination|findings|ros|meds|medications|drugs|sh|social\s+history|fh|family\s+history"
    r"|investigations|ix|results|labs|bloods|vitals|obs|pc|c\s*/\s*o|presenting\s+complaint"
    r"|allergies|background|subjective|objective|s|o|triage|risk\s+factors|vitals?|obs"
)
HEADER = re.compile(
    rf"(?:^|(?<=[.;\n!?]))\s*(?:(?P<one>{PLAN_ONE})|(?P<plan>{PLAN})|(?P<assess>{ASSESS})|(?:{OTHER}))\s*:",
    re.I | re.M,
)
KEEP = frozenset({"alternative_diagnosis_likely"})  # the assessment is where it is written
# the other Wells items (knowledge/intake/wells.yaml), kept in an assessment ("A:")
STATED = frozenset(item for item, _ in LABELS) - KEEP
PHRASE_RULES = ("phrase ", "history phrase ", "absent phrase ", "family phrase ")


def plan_spans(text: str, group: str = "plan") -> list[tuple[int, int]]:
    """Character spans of the plan sections (`group` "assess": the SOAP assessment's): each runs
    to the next header, line break or story sentence, like a past section ("Diagnosis: CVI. This
    71-year-old woman was admitted with ..." goes back to the story)."""
    return _section_spans(text)[group]


def _section_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """The plan and the assessment spans of `text` from one pass over its headers (the plan
    reader wants both for every text with a colon)."""
    out: dict[str, list[tuple[int, int]]] = {"plan": [], "assess": []}
    if ":" not in text:
        return out
    heads = list(HEADER.finditer(text))
    for k, m in enumerate(heads):
        if m.group("assess") is not None:
            group = "assess"
        elif m.group("plan") is not None or m.group("one") is not None:
            group = "plan"
        else:
            continue
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        if m.group("one") is not None:
            stop = SENTENCE_END.search(text, m.end(), end)
            newline = text.find("\n", m.end(), end)
            ends = [x for x in (stop.end() if stop else -1, newline) if x >= 0]
            out[group].append((m.end(), min(ends, default=end)))
            continue
        out[group].append((m.end(), _section_end(text, m.end(), end)))
    return out


# hC round 7: a differential that lists DVT beside another cause ("DDx: DVT vs ruptured Baker's
# cyst", "Impression: cellulitis or DVT?") weighs neither: the Wells item asks whether the other
# cause is AT LEAST AS LIKELY, which only a judging word says ("likely", "favour", "more").
# A bare cause named there is not read as the item (unknown counts 0, the safe side).
DVT_NAMED = re.compile(r"\b(?:dvts?|deep\s+vein\s+thrombos[ie]s|vte|clot|thrombos[ie]s)\b", re.I)
JUDGED = re.compile(
    r"\b(?:likely|likelier|probable|probably|favou?r\w*|more|less|unlikely|alternative|another"
    r"|other|as\s+much|rather)\b",
    re.I,
)


# the same differential written without a header ("cellulitis vs ruptured bakers cyst vs dvt",
# a note typed without punctuation): the causes joined to DVT by "vs", "versus", "or" or "?"
JOINED = re.compile(r"\b(?:vs\.?|versus|or)\b|\?", re.I)
NEAR = 60  # characters either side of the cause


def _listed_beside_dvt(text: str, item: Extracted, spans: list[tuple[int, int]]) -> bool:
    """The alternative-diagnosis item read from a bare cause named in a differential that also
    names DVT (see DVT_NAMED): in a plan section, or joined to DVT in the words around it."""
    if item.finding not in KEEP or not item.rule.startswith(PHRASE_RULES):
        return False
    if JUDGED.search(item.text):
        return False
    for a, b in spans:
        if a <= item.start < b:
            return bool(DVT_NAMED.search(text, a, b)) and not JUDGED.search(text, a, b)
    a, b = max(0, item.start - NEAR), min(len(text), item.end + NEAR)
    stop = SENTENCE_END.search(text, item.end, b)
    b = stop.start() if stop else b
    a = max([m.end() for m in SENTENCE_END.finditer(text, a, item.start)], default=a)
    near = text[a:b]
    return bool(DVT_NAMED.search(near) and JOINED.search(near)) and not JUDGED.search(near)


def drop_listed_beside_dvt(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a bare cause, listed beside DVT outside any plan section, read as the
    alternative-diagnosis item (the plan sections are `drop_plan_phrases`' own)."""
    if not any(i.finding in KEEP for i in items):
        return items
    return [i for i in items if not _listed_beside_dvt(text, i, [])]


def drop_plan_phrases(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without the phrase readings inside an assessment/plan section (and a blood
    thinner in a sentence that plans it: `legwise.intake.plan_sentences`)."""
    items = drop_planned_medicine(text, items)
    found = _section_spans(text)
    spans, assessed = found["plan"], found["assess"]
    if not spans and not assessed:
        return drop_listed_beside_dvt(text, items)
    every = spans + assessed

    def dropped(i: Extracted) -> bool:
        if not i.rule.startswith(PHRASE_RULES):
            return False
        if any(a <= i.start < b for a, b in spans):
            return True
        return i.finding not in STATED and any(a <= i.start < b for a, b in assessed)

    return [
        i
        for i in items
        if (i.finding in KEEP and not _listed_beside_dvt(text, i, every)) or not dropped(i)
    ]


# "History:" / "HPI:" heads the story of this illness: the word is no ConText cue that what
# follows is past ("History: swollen red hot leg" is today's leg). Masked with spaces (offsets
# stay the same) before the phrases are read. "PMH:" and "Past history:" stay cues.
NOW_HEADER = re.compile(
    r"(?:^|(?<=[.;\n!?]))(\s*)(history\s+of\s+(?:the\s+)?presenting\s+(?:complaint|illness)|history"
    r"|hx|hpi|hpc|presenting\s+complaint|pc)(\s*:)",
    re.I | re.M,
)


# "a 5-day history of", "2/7 hx of", "3 weeks' history of": the presenting complaint's
# duration, not past history (the duration itself is read by numbers.py from the plain text).
# Months and years stay a history cue ("a 10-year history of DVT").
TIMED_HISTORY = re.compile(
    r"(\b\d+\s*/\s*(?:7|52)|\b(?:\d+|a|one|two|three|four|five|six|seven|ten|several|few)"
    r"[- ]?(?:hours?|days?|weeks?|hrs?|wks?)'?)(\s+|\s*-\s*)(history|hx|h/o)"
    r"(?=\s+of\b)",
    re.I,
)


def mask_headers(text: str) -> str:
    """`text` with the words of "History:"-type headers, and of a timed "2/7 hx of", turned
    into spaces."""
    lower = text.lower()  # the cheap check first: the pattern needs one of these words
    if any_in(lower, ("hist", "hx", "h/o")) and TIMED_HISTORY.search(text):
        text = TIMED_HISTORY.sub(lambda m: m.group(1) + m.group(2) + " " * len(m.group(3)), text)
    if ":" not in text:
        return text
    return NOW_HEADER.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3), text)


# Past-history and family-history sections ("PMH: HTN, cellulitis 2020.", "FH: mother -
# varicose veins"): what they list is not today's complaint. A current-symptom phrase read there
# is dropped (history findings such as diabetes, a previous DVT or a medicine stay), and so is a
# duration ("Past history: sciatica 5 years ago"); in a family section only a family phrase
# counts. A section runs to the next header or line break, or to the end of its list: the next
# sentence that tells the story again ("She presents with ...") is no longer in it.
PAST = (
    r"pmh|pmhx|psh|pshx|past\s+(?:medical\s+|surgical\s+)?(?:history|hx)|medical\s+history"
    r"|background|comorbidities|co-morbidities"
)
FAMILY = r"fh|fhx|family\s+(?:history|hx)"
SECTION = re.compile(
    rf"(?:^|(?<=[.;\n!?]))\s*(?:(?P<past>{PAST})|(?P<family>{FAMILY})|(?:{PLAN_ONE})|(?:{PLAN})|(?:{ASSESS})"
    rf"|(?:{OTHER}))\s*:",
    re.I | re.M,
)
STORY = re.compile(
    r"\b(?:he|she|they|i|patient|pt|presents?|presented|presenting|complains?|reports?|now|today"
    r"|currently|this|on\s+examination|o/e|exam|examination)\b",
    re.I,
)
LIST_WORDS = 8  # a sentence longer than this tells the story again
# hT14 round 14: any short header opens a new section, also one the lists above do not know
# ("PMHx: T2DM. Ex: hot red shin." -- "Ex:", "Q:", "Meds:", "Ix:"): a past section stops there.
HEAD = re.compile(r"\s*[A-Za-z][\w/&-]*(?:\s+[A-Za-z][\w/&-]*){0,2}\s*:(?!\d)")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _section_end(text: str, start: int, end: int) -> int:
    """Where a past/family section that starts at `start` ends (at most `end`)."""
    newline = text.find("\n", start, end)
    end = newline if newline >= 0 else end
    first = SENTENCE_END.search(text, start, end)
    pos = first.end() if first else end
    while pos < end:  # the list goes on in short verbless sentences ("T2DM. HTN.")
        nxt = SENTENCE_END.search(text, pos, end)
        stop = nxt.end() if nxt else end
        sentence = text[pos:stop]
        if len(sentence.split()) > LIST_WORDS or STORY.search(sentence) or HEAD.match(sentence):
            return pos
        pos = stop
    return end


def history_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, "past" or "family") of the past- and family-history sections."""
    if ":" not in text:
        return []
    heads = list(SECTION.finditer(text))
    spans: list[tuple[int, int, str]] = []
    for k, m in enumerate(heads):
        kind = "past" if m.group("past") else "family" if m.group("family") else None
        if kind is None:
            continue
        limit = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        spans.append((m.end(), _section_end(text, m.end(), limit), kind))
    return spans


# "PMH: DVT 2010, treated with warfarin for 6 months": a past course of a medicine, not today's
@functools.cache
def _course() -> frozenset[str]:
    """Medicines a past section may give as a finished course (context_rules.json: past_course)."""
    path = resources.files("legwise").joinpath("knowledge", "intake", "context_rules.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(str(f) for f in data.get("past_course", []))


TIMED_COURSE = re.compile(
    r"\bfor\s+(?:\d+|a|one|two|three|six|twelve|several)\s*(?:days?|weeks?|months?|years?)\b"
    r"|\bcourse\b",
    re.I,
)


def _past_course(text: str, item: Extracted) -> bool:
    """Whether a medicine read in a past section is given as a finished, timed course."""
    start = clause_start(text, item.start, ".;\n")
    stops = [k for k in (text.find(c, item.end) for c in ".;\n") if k >= 0]
    return TIMED_COURSE.search(text, start, min(stops, default=len(text))) is not None


def drop_history_sections(text: str, items: list[Extracted], kb: Knowledge) -> list[Extracted]:
    """`items` without today's-complaint readings that lie in a past or family section."""
    spans = history_spans(text)
    if not spans:
        return items
    out = []
    for i in items:
        kind = next((k for a, b, k in spans if a <= i.start < b), None)
        spec = kb.findings.get(i.finding)
        if kind is not None and (
            i.rule.startswith("duration ")
            or (kind == "family" and i.rule.startswith(PHRASE_RULES[:3]))
            or (i.rule.startswith("phrase ") and spec is not None and spec.group != "history")
            or (kind == "past" and i.finding in _course() and _past_course(text, i))
        ):
            continue
        out.append(i)
    return out


# "He was treated for cellulitis of the same leg 2 years ago": a sentence told in the past
# tense and dated back (years ago, last year, a year) is a past episode, not today's complaint:
# its current-symptom phrases and its duration are dropped. A sentence that also speaks of now
# ("since", "now", "presents", "has had", a stem's "who had an MI last year develops ...",
# "4 hours ago") is kept.
REMOTE = folded(
    r"\b(?:(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|many|several|a\s+few)\s+)?"
    r"(?:years?|yrs?|decades?)\s+(?:ago|back)|last\s+year|(?:a\s+)?long\s+(?:time\s+)?ago"
    r"|ages\s+ago|as\s+an?\s+(?:child|teenager|teen|kid|boy|girl|student|youngster)"
    r"|in\s+my\s+(?:teens|twenties|thirties|forties|20s|30s|40s)|in\s+(?:19|20)\d\d"
    r"|(?:a\s+while|some\s+time|some\s+years|a\s+few\s+years)\s+(?:ago|back)"
    r"|last\s+(?:winter|summer|spring|autumn|christmas)"
    r"|when\s+(?:i|he|she)\s+was\s+(?:pregnant|younger|young|little|small|at\s+school|a\s+\w+|\d+))\b",
    re.I,
)  # hA: bare "years ago", "years back", "as a kid", "in my twenties" too (issue 12 round 5)
PAST_TENSE = re.compile(
    r"\b(?:was|were|had|treated|diagnosed|underwent|suffered|resolved|admitted|broke|broken"
    r"|fractured|tore|torn|sprained|injured|fell|needed|took"
    # hL9: a past state said over by its end ("sciatica in 2019 which settled with physio")
    r"|settled|cleared|healed|recovered)\b",
    re.I,
)
NOW = re.compile(
    r"\b(?:now|today|currently|presents?|presenting|presented\s+with|since|has|have|is|are"
    r"|this\s+(?:morning|week)|for\s+the\s+(?:past|last)|develops|complains?|reports?|describes"
    r"|notices|attends?|comes|arrives?|arrival|yesterday|tonight"
    r"|(?:\d+|a|an|one|two|three|few|several)\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago)\b",
    re.I,
)
# a sentence's "..., now ..." / "and now ..." part speaks of today: its own clause
CLAUSE_SPLIT = re.compile(
    r"(?:(?![,\s]*(?:\b(?:but|and)\s+)?\b(?:now|this\s+time|these\s+days|today)\b)[^.;!?\n])+",
    re.I,
)
# hS14: years ago for certain (not "last year", which may be inside a window of months), in a
# sentence that says nothing of now ("treated 5 years ago, now on hormone therapy")
YEARS_AGO = re.compile(
    r"\b(?:years?|yrs?|decades?)\s+(?:ago|back)|\blong\s+(?:time\s+)?ago|\bages\s+ago"
    r"|\bas\s+an?\s+(?:child|teenager|teen|kid|boy|girl|student)\b",
    re.I,
)


def _long_ago(text: str, i: Extracted) -> bool:
    """Whether the sentence of item `i` dates it years ago and says nothing of now."""
    start = clause_start(text, i.start)
    ends = [e for e in (text.find(c, i.end) for c in ".;!?\n") if e >= 0]
    sentence = text[start : min(ends) if ends else len(text)]
    return bool(YEARS_AGO.search(sentence)) and not NOW.search(sentence)


REMOTE_HINTS = ("ago", "back", "last", "child", "teen", "kid", "19", "20", "as a", "in my", "when")


def remote_spans(text: str) -> list[tuple[int, int]]:
    """The clauses told in the past tense, dated back and saying nothing of now: past episodes
    (also the scope `legwise.intake.qualifiers` keeps a two-part finding's missing part out of)."""
    if not any_in(text.lower(), REMOTE_HINTS) or not REMOTE.search(text):
        return []  # the cheap check first: REMOTE needs one of these
    return [
        m.span()
        for m in CLAUSE_SPLIT.finditer(text)
        if REMOTE.search(m.group(0))
        and PAST_TENSE.search(m.group(0))
        and not NOW.search(m.group(0))
    ]


def drop_remote_past(text: str, items: list[Extracted], kb: Knowledge) -> list[Extracted]:
    """`items` without the current-symptom phrases and durations of past-dated sentences."""
    spans = remote_spans(text)
    if not spans:
        return items
    out = []
    for i in items:
        spec = kb.findings.get(i.finding)
        inside = any(a <= i.start < b for a, b in spans)
        current = i.rule.startswith("phrase ") and spec is not None and spec.group != "history"
        current = current or i.finding in _recent_only()  # "broke my ankle years ago"
        if inside and i.value == "absent" and "both sides" not in i.rule:
            pass  # "had sciatica years ago that settled", "surgery 8 years ago": not now
        elif inside and i.value == "present" and i.finding in past_window() and _long_ago(text, i):
            # "I had cancer years ago": outside the finding's window, so absent (hS14)
            i = replace(i, value="absent", rule=f"{i.rule} + dated years ago")
        elif inside and (current or i.rule.startswith("duration ")):
            continue
        elif inside and i.finding in _course() and _past_course(text, i):
            continue  # "years back I was on warfarin for 6 months": a finished course
        out.append(i)
    return out
