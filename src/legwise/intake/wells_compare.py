"""The alternative-diagnosis item said as a comparison with the clot (hW11, issue 12 round 11).

Writers weigh the other cause against the clot without "likely": "looks much more like
cellulitis from the graze than a clot", "more in keeping with a Baker's cyst than DVT",
"favour muscle strain rather than DVT", "cellulitis is a better explanation than a clot". The
cause named first is the one favoured: when the clot is named after "than", another cause is
favoured (the item is present, Wells 2003: -2 when an alternative diagnosis is at least as
likely as DVT); when the clot is favoured ("more like a DVT than cellulitis"), or the comparison
is negated ("does not look more like cellulitis than a clot", "I cannot think of a better
explanation than a DVT"), the item is absent. A reading rule only: no clinical fact is new.
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import any_in, fast
from legwise.intake.folded_re import folded
from legwise.intake.result import Extracted
from legwise.intake.wells_degree import CLOT, explained_degree

FAVOURING = (
    r"more\s+(?:like|in\s+keeping\s+with|consistent\s+with|suggestive\s+of|typical\s+of"
    r"|in\s+favou?r\s+of|compatible\s+with|in\s+line\s+with)"
    r"|favou?r(?:s|ed|ing)?|prefer(?:s|red)?|rather"
    r"|(?:a\s+)?better\s+(?:explanation|fit|diagnosis|cause|match)"
    r"|(?:fits?|explains?\s+(?:it|this|things|the\s+\w+))\s+better"
    # (hW17) "it's more likely to be cellulitis than a DVT", "more probably a strain than a clot"
    r"|more\s+(?:likely|probable|plausible|probably)(?:\s+to\s+be)?"
)
COMPARED = re.compile(
    rf"\b(?P<how>{FAVOURING})\b(?P<what>[^.;]{{0,80}}?)\s(?:rather\s+)?than\s+"
    rf"(?:(?:that\s+of|for|with)\s+)?(?:an?\s+|the\s+)?(?P<other>[\w' -]{{0,30}})",
    re.I,
)
NAMES_CLOT = re.compile(rf"\b{CLOT}\b", re.I)
NEGATED = re.compile(r"(?:\b(?:not|no|never|cannot|nothing)\b|n't\b)(?:\s+[\w'-]+){0,6}?\s*$", re.I)


def weighed_against_clot(sentence: str) -> tuple[str, str] | None:
    """(state, why) of the alternative item from a comparison with the clot, or None."""
    if (degree := explained_degree(sentence)) is not None:
        return degree  # "fits this much less well than a DVT" (hW24: `wells_degree`)
    m = COMPARED.search(sentence)
    if m is None:
        return None
    what, other = m.group("what"), m.group("other")
    how = m.group("how").lower()
    before = sentence[: m.start()]
    if NAMES_CLOT.search(other) and not NAMES_CLOT.search(what):
        favoured = bool(what.strip()) or how.endswith(("explanation", "fit", "diagnosis", "cause"))
        if how.startswith("rather") or how.endswith("better"):
            favoured = bool(re.search(r"[a-z]{3}", before, re.I))  # "cellulitis rather than DVT"
        if not favoured:
            return None
        if NEGATED.search(before):
            return "absent", f"a comparison with the clot negated {m.group(0)!r}"
        return "present", f"another cause favoured over the clot {m.group(0)!r}"
    if NAMES_CLOT.search(what) and not NAMES_CLOT.search(other) and other.strip():
        return "absent", f"the clot favoured over another cause {m.group(0)!r}"
    return None


# Another cause weighed level with the clot without a "than" (hW12, round 12): "a medial
# gastrocnemius tear is at least as likely (-2)" (its points after it), "I'd say it's as likely her
# Baker's cyst", "it is just as likely to be cellulitis", "cellulitis is also possible, equal to
# DVT", "on a par with a clot". Present unless negated in its clause ("it's not as likely to be
# a tear"). A reading rule only (Wells 2003: -2 when an alternative is at least as likely).
_LIKELY = r"(?:likely|probable|plausible)"
LEVEL = re.compile(
    rf"(?<!\bdvt)(?<!\bclot)\s(?:at\s+least\s+|just\s+|equally\s+)?as\s+{_LIKELY}\s*"
    # its points after it: "(-2)", "cellulitis is at least as likely, so -2", "as likely = -2"
    rf"(?:[(\[]|,?\s*(?:so|hence|therefore|thus|i\.e\.?|=|->|\u2192|:)?)\s*[-\u2212]\s*2\b"
    rf"|\b(?:it'?s|it\s+is|it\s+was|could\s+be|might\s+be|may\s+be)\s+(?:just\s+|equally\s+|at\s+least\s+)?"
    rf"as\s+{_LIKELY}\s+(?:to\s+be\s+)?(?!as\b|than\b|an?\s+{CLOT}|{CLOT})(?:an?\s+|her\s+|his\s+|their\s+"
    rf"|the\s+)?[a-z]"
    rf"|\b(?:equal|similar|comparable|on\s+a\s+par)\s+(?:\w+\s+)?(?:to|with)\s+(?:an?\s+|the\s+)?{CLOT}\b"
    # the cause said to explain it as well as the clot (hW17, round 17): "the haematoma explains it
    # at least as well as a DVT", "which explains her symptoms at least as well", "accounts for
    # the swelling equally well" (not "also": "explains the redness as well" alone is not read)
    rf"|\b(?:explains?|explained|explaining|accounts?\s+for|accounted\s+for|fits?)\b(?:\s+[\w']+){{0,4}}?"
    rf"\s+(?:(?:at\s+least|just|every\s+bit|quite)\s+as\s+well|equally\s+well"
    rf"|as\s+well\s+as\s+(?:an?\s+|the\s+)?{CLOT}\b)"
    # another cause called as good an explanation (hW18, round 18): "an insect bite reaction is an
    # equally good explanation", "just as plausible a cause", "a strain is as good a fit"
    rf"|\b(?:equally|just\s+as|every\s+bit\s+as|as)\s+(?:good|valid|reasonable|convincing|strong"
    rf"|sound|plausible|likely)\s+(?:an?\s+)?(?:explanation|cause|diagnosis|fit|candidate)\b"
    rf"|\bequally\s+possible\b"  # "Cellulitis equally possible"
    # another cause named after "could equally be", "is more likely a", "could just as easily be"
    # (hW17): "Could equally be a calf strain", "I think this is more likely a Baker's cyst"
    rf"|\b(?:(?:could|might|may)\s+(?:equally|just\s+as\s+(?:easily|well|likely))\s+be"
    rf"|(?:is|'s)\s+more\s+{_LIKELY}(?:\s+to\s+be)?)\s+(?:an?\s+|the\s+|her\s+|his\s+)?"
    rf"(?!{CLOT}\b|than\b|as\b)[a-z]",
    re.I,
)
# a sentence whose subject denies what it says (hW17): "Nobody thinks cellulitis is as likely"
NOBODY = re.compile(r"\s*(?:nobody|no[\s-]one|neither\s+of\s+us|none\s+of\s+us)\b", re.I)


def denied_by_subject(sentence: str, state: str | None, why: str) -> tuple[str | None, str]:
    """(state, why) with a present reading made absent when the sentence's subject denies it."""
    if state == "present" and NOBODY.match(sentence):
        return "absent", f"the subject denies it ({why})"
    return state, why


# (hW20: the denial a few words further back, "I can't come up with an explanation that fits as
# well")
CLAUSE_NEGATED = re.compile(r"(?:\b(?:not|no|never|cannot|nothing)\b|n't\b)[^,;]{0,45}$", re.I)


# Another cause called less likely with no "than", in a note that weighs a clot (hW20, round 20):
# "DVT the front runner; cellulitis far less likely", "Baker's cyst less likely as the popliteal
# fossa is normal": the cause named is the subject, the clot the unsaid other side (the item
# absent). Not when the clot is in the clause ("DVT less likely": `wells.CLOT_LESS`) or the
# subject is a pronoun or a symptom's course ("it is less likely to settle").
LESS_ALONE = re.compile(
    rf"(?P<who>[A-Za-z][\w' -]{{2,40}}?),?\s+(?:(?:so|hence|therefore|thus)\s+)?"
    r"(?:is\s+|was\s+|seems?\s+|felt\s+|looks?\s+|thought\s+)?"
    rf"(?:(?:far|much|a\s+lot|rather|considerably|significantly)\s+)?(?:less\s+{_LIKELY}|unlikely)\b"
    r"(?!\s+to\b)",
    re.I,
)
# the mirror: another cause called "more likely" with no "than", the sentence ending there or
# giving its reason ("Alternative diagnosis? Cellulitis - probably more likely given the fever")
MORE_ALONE = re.compile(
    rf"(?P<who>[A-Za-z][\w' -]{{2,40}}?)\s+(?:is\s+|was\s+|seems?\s+|felt\s+|looks?\s+|thought\s+)?"
    rf"(?:(?:probably|possibly|far|much|rather|considerably)\s+)?(?:more\s+{_LIKELY}|likelier)\b"
    r"(?=\s*(?:$|[,;:.)(]|(?:given|because|as|since|in\s+view|here|overall)\b))",
    re.I,
)
# another cause favoured with no "than": "I'd favour a muscle tear", "we lean towards cellulitis"
FAVOUR_ALONE = re.compile(
    r"\b(?:i'?d|i\s+would|we'?d|we\s+would|i|we)\s+(?:\w+\s+)?(?:favou?r|lean\s+towards)\s+"
    r"(?:an?\s+|the\s+)?(?P<who>[a-z][\w' -]{2,40})",
    re.I,
)
# the clot itself favoured (hW20): "so DVT is favored", "DVT favoured over any other cause"
CLOT_FAVOURED = re.compile(
    rf"(?:^|[,;:]|\b(?:so|hence|thus|therefore|and|but)\b)\s*(?:a\s+|the\s+)?{CLOT}\s+(?:is\s+|was\s+"
    r"|remains\s+)?(?:still\s+|strongly\s+|clearly\s+)?(?:favou?red|preferred)\b",
    re.I,
)
FAVOURED_OVER = re.compile(
    rf"\b[a-z][\w'-]+\s+(?:is\s+|was\s+)?(?:favou?red|preferred)\s+over\s+(?:an?\s+|the\s+)?{CLOT}\b",
    re.I,
)
WHO_BREAK = re.compile(r"[,;:(]|\s-\s")
NOT_A_CAUSE = re.compile(
    r"^(?:it|this|that|he|she|they|which|what|symptoms?|pain|(?:any|some|no|every)(?:thing|one)(?:\s+else)?)$"
    r"|\d|\b(?:wells|score|pe|pulmonary\s+embol\w*|dvt|clot)\b",
    re.I,
)


# a word every match of LEVEL, CLOT_FAVOURED, FAVOURED_OVER, LESS_ALONE, MORE_ALONE and
# FAVOUR_ALONE holds (lower-cased; "unlikely", "likelier" hold "likel", "comparable" and "on a
# par" hold "par", each "as well" / "equally well" of the explaining verbs holds "well"): a
# sentence in ASCII with none of them is weighed by none (hW23, speed: tests/intake/
# test_speed_gates23.py)
LEVEL_WORDS = ("likel", "probab", "plausib", "equal", "similar", "par", "well", "explanation",
               "cause", "diagnosis", "fit", "candidate", "just", "favo", "prefer",
               "lean")  # fmt: skip


def may_weigh(sentence: str) -> bool:
    """Whether `weighed_level` may read `sentence` (False only when it cannot: the cheap check
    a caller makes before it asks what else the reading needs)."""
    return not sentence.isascii() or any_in(sentence.lower(), LEVEL_WORDS)


def weighed_level(sentence: str, clot_said: bool = False) -> tuple[str, str] | None:
    """(state, why) of the alternative item from a cause weighed level with the clot, or None.
    With `clot_said` (the note weighs a clot, and this sentence is no question) another cause
    called less or more likely with no "than" is read too."""
    m = LEVEL.search(sentence)
    if m is None and (fav := CLOT_FAVOURED.search(sentence)) is not None:
        return "absent", f"the clot favoured {fav.group(0).strip()!r}"
    if m is None and (over := FAVOURED_OVER.search(sentence)) is not None:
        return "present", f"another cause favoured over the clot {over.group(0).strip()!r}"
    if m is None and clot_said and (less := LESS_ALONE.search(sentence)) is not None:
        # "Hematoma from the fall considered, less likely": the cause before the comma
        who = next(
            (w.strip() for w in reversed(WHO_BREAK.split(less.group("who"))) if w.strip()), ""
        )
        if (
            who
            and not NOT_A_CAUSE.search(who)
            and not NAMES_CLOT.search(less.group(0))
            and not CLAUSE_NEGATED.search(sentence[: less.start("who")] + who)
        ):
            return "absent", f"another cause called less likely {less.group(0).strip()!r}"
    if m is None and clot_said:
        for alone in (MORE_ALONE, FAVOUR_ALONE):
            more = alone.search(sentence)
            if more is None:
                continue
            who = re.split(r"[,;:(?]|\s-\s", more.group("who"))[-1].strip()
            if (
                who
                and not NOT_A_CAUSE.search(who)
                and not NAMES_CLOT.search(more.group(0))
                and not CLAUSE_NEGATED.search(sentence[: more.start("who")] + who)
            ):
                return "present", f"another cause favoured {more.group(0).strip()!r}"
    if m is None:
        return None
    if CLAUSE_NEGATED.search(sentence[: m.start()]):
        return "absent", f"a cause weighed level with the clot, negated {m.group(0).strip()!r}"
    return "present", f"a cause weighed level with the clot {m.group(0).strip()!r}"


# the likelihood said before the alternative: "They have a more likely alternative diagnosis",
# "an equally likely other cause" (hW14, round 14; `wells.read_alternative` reads a denial first)
LIKELY_BEFORE = re.compile(
    r"\b(?:as|more|equally)\s+(?:likely|probable|plausible)\s+(?:an?\s+)?$", re.I
)


def likely_before(sentence: str, alt: re.Match[str]) -> re.Match[str] | None:
    """The words "more likely", "as likely" or "equally likely" just before the alternative."""
    return LIKELY_BEFORE.search(sentence, 0, alt.start())


# The two-level Wells result after its total is the score's band, not the alternative item:
# "Wells DVT score: 0 - DVT unlikely", "Total: 1 -> DVT unlikely -> D-dimer", "Wells 1 (DVT
# unlikely)" (hW15, round 15; Wells 2003 / NICE NG158 name the bands "DVT likely" / "DVT unlikely");
# the total's reasons in brackets between, "Wells 1 (pitting only): DVT unlikely" (hW22)
BAND = re.compile(
    rf"[-\u2212]?\b\d{{1,2}}(?:\s*(?:pts?|points?))?(?:[ \t]*\([^()\n]{{0,40}}\))?[ \t]*"
    rf"(?:[-:=(,/\u2013\u2014\u2192>]+[ \t]*)?"
    rf"(?:pe|{CLOT})\s+(?:un)?likely\b",
    re.I,
)


# the band as a sentence of its own after the total: "Wells 1 (pitting). DVT unlikely -> D-dimer",
# "Score 0\nDVT unlikely" (hW19): the clot's likelihood first, with no other cause weighed
BAND_ALONE = re.compile(
    rf"^\W*(?:pe|{CLOT})\s+(?:is\s+)?(?:un)?likely\b(?![^.;]*\b(?:than|as)\b)", re.I
)
TOTAL_BEFORE = re.compile(
    r"\b(?:wells|score|total|points?|pts)\b[^.;\n]{0,20}?[-\u2212]?\d{1,2}\b[^\d\n]{0,25}$"
    r"|[-\u2212]?\b\d{1,2}\s*(?:pts?|points?)\b[^\d\n]{0,25}$",
    re.I,
)


def band_only(sentence: str, before: str = "") -> bool:
    """Whether the clot's "unlikely" in `sentence` is the score band after a total (in it, or
    in the `before` text just ahead of it)."""
    if BAND.search(sentence) is not None:
        return True
    return (
        bool(before)
        and BAND_ALONE.search(sentence) is not None
        and (TOTAL_BEFORE.search(before) is not None)
    )


# "anything" after a denial names no cause: "the referrer cannot think of anything else as likely",
# "I can't see anything more likely than a clot", "I didn't think anything else was as likely as
# a DVT" (hW16, round 16: no alternative, whatever the words between)
# (hW17, round 17: the subject denies it, "Nobody can think of anything else as likely", "no one
# on the team could find another cause as likely", "neither of us sees anything more likely")
# any cause named with an article after the denial (hW20, round 20): "I can't come up with an
# explanation that fits as well as a clot", "we could not find a cause more likely", "unable to
# identify any other diagnosis as likely"
_ANY_CAUSE = (
    r"(?:an?|any|another)\s+(?:other\s+|single\s+|obvious\s+|better\s+|alternative\s+|good\s+)?"
    r"(?:cause|diagnosis|explanation|dx|alternative|reason)"
)
NOT_ANY = (
    r"(?:\b(?:cannot|can\s+not|could\s+not|unable\s+to|did\s+not|do\s+not|does\s+not)|n't"
    r"|\b(?:nobody|no[\s-]one|none\s+of\s+us|neither\s+of\s+us)(?:\s+[\w']+){0,4}?)"
    r"\s+(?:[\w']+\s+){0,4}?(?:anything|"
    + _ANY_CAUSE
    + r")(?:\s+(?:else|other))?(?:\s+[\w']+){0,2}?"
    r"\s+(?:as|more|equally|likelier|better)\b"
    # (hW18) "I can't think of anything else to explain it", "we did not find anything that fits"
    r"|(?:\b(?:cannot|can\s+not|could\s+not|unable\s+to|did\s+not|do\s+not)|n't)\s+(?:[\w']+\s+){0,4}?"
    r"(?:anything|"
    + _ANY_CAUSE
    + r")(?:\s+(?:else|other))?\s+(?:to\s+explain|that\s+(?:would\s+|could\s+|might\s+)?"
    r"(?:explains?|fits?|accounts?\s+for))\b"
    # (hW20) the thing it would explain named: "I couldn't think of another explanation for the
    # swelling", "we can't find any other cause for it"
    r"|(?:\b(?:cannot|can\s+not|could\s+not|unable\s+to|did\s+not|do\s+not)|n't)\s+(?:[\w']+\s+){0,4}?"
    + _ANY_CAUSE
    + r"\s+for\s+(?:it|this|that|(?:the|her|his|their)\s+\w+)\b"
    # (hW20) the search denied with nothing after it: "Nurse can't see any other cause and nor can
    # I", "I couldn't find another explanation."
    r"|(?:\b(?:cannot|can\s+not|could\s+not|unable\s+to)|n't)\s+(?:see|find|identify|think\s+of|come\s+up"
    r"\s+with)\s+" + _ANY_CAUSE + r"(?=\s*(?:$|[,;.)]|\band\b|\beither\b|\bnor\b))"
)


# No alternative said outright (moved from `legwise.intake.wells`, hW17: that module is at its
# size limit): "no alternative diagnosis", "Alt dx: none", "nothing else as likely"
NO_ALTERNATIVE = fast(
    r"\b(?:no|nil|without(?:\s+an?)?)\s+(?:obvious\s+|clear\s+|likely\s+)?"
    r"(?:alternative|alternate|alt\.?|other)\s+(?:diagnos[ie]s|dx|cause|explanation)"
    # (hW20) a word before the cause, or "better" for "other": "No other obvious cause", "No better
    # explanation found", "nothing better to explain it", "Nothing obvious as an alternative", "Not
    # thought to be anything else"
    r"|\b(?:no|nil|without(?:\s+an?)?)\s+(?:other|better|alternative)\s+(?:[a-z]+\s+)?"
    r"(?:diagnos[ie]s|dx|cause|explanation|reason)\b"
    r"|\bnothing\s+(?:better|obvious\s+as\s+an\s+alternative|more\s+convincing)\b"
    r"|\bnot\s+(?:thought|felt|considered|believed)\s+to\s+be\s+anything\s+else\b"
    r"|\b(?:alternative|alternate|alt\.?|other)\s+(?:diagnos[ie]s|dx|cause|explanation)\s*[:=-]?\s*"
    r"(?:none|nil|no\b)"
    # a label answered "nothing": "Alternative: nothing convincing", "Alt: nothing else" (hW19)
    r"|\b(?:alternative|alternate|alt\.?)\s*[:=]\s*(?:nothing|none|nil)\b"
    # "no alternative more likely", "no better alternative", "Alt dx: none more likely"
    # (hW20: any word or two between, "no convincing alternative", "no plausible other alternative")
    r"|\b(?:no|nil|none|without)\s+(?:[a-z]+\s+){0,2}?(?:alternative|alternate)\b"
    r"|\bnone\s+(?:more|as|equally)\s+likely\b"
    # a negative quantifier as the cause compared (hW20): "nil more likely than DVT", "none else
    # as probable", "neither is as likely as a clot"
    # (and with a verb of judging between, "neither felt more likely than DVT", "none of these
    # seemed as likely")
    r"|\b(?:nil|none|neither)(?:\s+(?:else|other|of\s+(?:these|them|those|the\s+\w+)))?"
    r"(?:\s+(?:is|was|are|were|seems?|seemed|felt|feels?|looks?|looked|appears?|appeared|thought"
    r"|considered|judged|really|clinically)){0,2}\s+(?:more|as|equally)\s+(?:likely|probable|plausible)\b"
    # "Nothing else seems as likely", "nothing else fits as well"; "Nothing more likely than a
    # clot" (hC round 8)
    r"|\bnothing\s+(?:else|other)\b|\bnothing\s+(?:is\s+|seems\s+)?(?:more|as|equally)\s+(?:likely|probable)"
    # "cannot think of anything else as likely", "I didn't think anything else was" (hW16)
    rf"|{NOT_ANY}",
    re.I,
)


# (moved from `legwise.intake.wells`, hW20: that module is at its size limit)
_CLOT = r"(?:dvt|vte|clot|thrombosis|deep\s+vein\s+thrombosis)"
LEAD_NEGATED = re.compile(
    r"(?:\b(?:not|no|never|cannot|unable|nothing|none|without|neither|nobody)\b|n't\b)(?:\s+[\w'-]+){0,4}?\s*$",
    re.I,
)


def leading_state(sentence: str, m: re.Match[str], asked: bool = False) -> str | None:
    """The item's state from the cause a "most likely diagnosis" sentence names, or None. A
    question ("What is the most likely diagnosis?", an exam stem's last line) names no cause."""
    what = m.group("what").strip()
    if asked and not re.search(rf"\b{_CLOT}\b", sentence, re.I):
        return None
    if what.lower().startswith("than"):  # "a more likely diagnosis than DVT"
        return "present" if re.search(rf"\b{_CLOT}\b", what, re.I) else None
    named = what or sentence[: m.start()]
    if not what and LEAD_NEGATED.search(named):
        return "absent"  # "I cannot find a more likely explanation", "no more likely cause" (hW12)
    if not re.search(r"[a-z]{3}", named, re.I):
        return None
    return "absent" if re.search(rf"\b{_CLOT}\b", named, re.I) else "present"


# The alternative named as a label, and where the cause weighed against the clot is named (moved
# from `legwise.intake.wells`, hW20: that module is at its size limit)
ALTERNATIVE = re.compile(
    r"\b(?:alternative|alternate|alt\.?|another|other|different|competing)\s+"
    r"(?:diagnos[ie]s|dx|ddx|causes?|explanations?|aetiology|etiology)\b"
    r"|\bddx\b|\bdifferential(?:\s+diagnos[ie]s|\s+dx)?\b"
    r"|\balternative(?=\s*[:=])",  # a note's label: "Alternative: hypoalbuminaemic oedema"
    re.I,
)

LIKELY_WORD = re.compile(rf"\b(?:{_LIKELY}|likelier|favou?red|unlikely)\b", re.I)
CAUSE_BREAK = folded(r"[,:=|]|\band\b|\bbut\b", re.I)
CAUSE_WORD = re.compile(r"\S+")
CAUSE_WORDS = 5  # "dependent oedema from immobility equally likely", "muscle injury from the fall"
CAUSE_STOPS = frozenset({"none", "nil", "no", "yes", "negative", "positive", "absent", "present",
                         "n", "y", "neg", "pos"})  # fmt: skip


def _digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def cause_part(text: str, item: Extracted) -> tuple[int, int] | None:
    """Where the cause weighed against the clot is named: "Dependent oedema from immobility
    equally likely", "Alt: post-op haematoma as likely". Its words name that cause, not Wells
    items ("immobility", "post-op" are not the bed-rest item here)."""
    if item.rule.startswith("Wells checklist"):
        return None
    said = text[item.start : item.end]
    word = LIKELY_WORD.search(said)
    if word is None:
        return None
    cut = [m.end() for m in CAUSE_BREAK.finditer(said, 0, word.start())]
    if not cut:  # run-on text with no comma or full stop: the cause is named in the few words
        # just before, after a label, an answer or a number ("hx dvt 2019 cellulitis less
        # likely", "cancer none alt dx less likely") (hG)
        words = list(CAUSE_WORD.finditer(said, 0, word.start()))[-CAUSE_WORDS:]
        ends = [w.end() for w in words if w.group().lower() in CAUSE_STOPS or _digit(w.group())]
        label = [m.end() for m in ALTERNATIVE.finditer(said, words[0].start() if words else 0)]
        cut = [max([*ends, *label, words[0].start()])] if words else []
    return item.start + (cut[-1] if cut else 0), item.start + word.start()
