"""Findings composed from another finding's reading and a setting word in its sentence: "my
legs go fizzy when I'm watching telly" is restless legs that come at rest, "can't keep them
still at night" restless legs that come at night.

Lay writers rarely say "worse at rest" or "worse in the evening": they name the moment ("once
I'm sat down in front of the telly", "when I settle in my chair", "when I try to read in bed",
"at nite") next to the feeling. No phrase list can hold every moment with every feeling, so
here a carrier finding already read present (an urge to move the legs, a crawling feeling:
read by the phrase lists and composition, negation and people decided by ConText) and one of a
rule's setting words in the same sentence give the rule's finding (rules in
`knowledge/intake/compose_lay.yaml`, `combine`, with their review note). A setting word inside
the carrier's own words does not count ("can't sit still" is the urge, not a moment at rest),
nor one denied or said as a relief just before it ("never at night", "better once I sit"). A
finding the text already reads either way is left as read.

Cost: nothing unless a carrier finding is read present; then a scan of its sentence's words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from legwise.intake.clauses import clause_start, sentence_at, sentence_spans
from legwise.intake.compose_lexicon import _data
from legwise.intake.result import Extracted

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
REACH = 140  # the most characters between the carrier and the setting word
DENIALS = frozenset({"not", "never", "no", "n't", "isn't", "aren't", "don't", "doesn't",
                     "didn't", "wasn't", "nt", "without"})  # fmt: skip
# hL18: a moment set aside ("starts after lunch instead of in the evening", "rather than at night")
ASIDE = frozenset({"instead", "rather"})
ASIDE_BEFORE = 4
BEFORE = 3  # words before a setting word that may deny it or make it a relief
UNLESS_REACH = 4  # words before a reading that may say it is a change ("swelled up overnight")
# a contrast between the carrier and the setting word: "restless in the day but at night
# they're still" says the setting of something else
CONTRASTS = frozenset({"but", "whereas", "except", "although", "though", "however", "unlike"})


@dataclass(frozen=True)
class Combine:
    finding: str
    carriers: frozenset[str]
    settings: dict[str, tuple[tuple[str, ...], ...]]  # first word -> settings, longest first
    vetoes: frozenset[str]  # words just before a setting that make it another thing
    vetoes_after: frozenset[str] = frozenset()  # the word right after it that does
    contrast: bool = False  # a contrast between carrier and setting is the point of the rule


@dataclass(frozen=True)
class Unless:
    """A reading dropped when said of a change: `finding` read from one of `words` with one
    of `before` among the few words before it ("swelled up overnight" is no pain at night), or
    one of `after` among the few words after it ("no relief when I walk" is said of walking,
    not of home care; hL15). A rule may instead name the words just before or after the
    reading in its sentence as patterns (`before_re`, `after_re`): "the other leg is normal
    temperature" says how warm a leg is, not the body, and a set of nearby words cannot tell
    that from "leg swollen, temperature normal". With `any_word`, a reading counts when any of
    its words is one of `words` ("normal temperature", "temperature 39")."""

    finding: str
    words: frozenset[str]
    before: frozenset[str]
    reach: int = 4  # UNLESS_REACH; a rule may look further back (`reach:` in the data, hT14)
    after: frozenset[str] = frozenset()
    before_re: re.Pattern[str] | None = None  # searched in the sentence before the reading
    after_re: re.Pattern[str] | None = None  # searched in the sentence after it
    any_word: bool = False


@functools.cache
def unless_rules() -> tuple[Unless, ...]:
    return tuple(
        Unless(
            finding=str(item["finding"]),
            words=frozenset(str(w).lower() for w in item["words"]),
            before=frozenset(str(w).lower() for w in item.get("before") or []),
            reach=int(item.get("reach", UNLESS_REACH)),
            after=frozenset(str(w).lower() for w in item.get("after") or []),
            before_re=_pattern(item.get("before_re")),
            after_re=_pattern(item.get("after_re")),
            any_word=bool(item.get("any_word", False)),
        )
        for item in _data().get("unless") or []
    )


def _pattern(source: object) -> re.Pattern[str] | None:
    return re.compile(str(source), re.I) if source else None


def _names(rule: Unless, read: str) -> bool:
    """Whether a reading's words are the rule's words."""
    if rule.any_word:
        return not rule.words.isdisjoint(WORD.findall(read))
    return read in rule.words


def _said_of(rule: Unless, text: str, item: Extracted) -> bool:
    """Whether the rule's patterns find what the reading is said of in its sentence."""
    start = clause_start(text, item.start)
    if rule.before_re is not None and rule.before_re.search(text[start : item.start]):
        return True
    if rule.after_re is None:
        return False
    ends = [e for c in ".;!?\n" if (e := text.find(c, item.end)) >= 0]
    return bool(rule.after_re.search(text[item.end : min(ends, default=len(text))]))


@functools.cache
def _unless_by_finding() -> dict[str, tuple[Unless, ...]]:
    """`unless_rules()` by the finding each is about, in their order (the first that names a
    reading is the one `drop_changes` applies, as a scan of all of them in order would find)."""
    out: dict[str, list[Unless]] = {}
    for r in unless_rules():
        out.setdefault(r.finding, []).append(r)
    return {f: tuple(rs) for f, rs in out.items()}


def drop_changes(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without the readings an `unless` rule says are said of a change."""
    by_finding = _unless_by_finding()
    if not any(i.finding in by_finding for i in items):
        return items  # no reading of a finding any rule is about (most texts): one pass
    out: list[Extracted] = []
    for i in items:
        rules_of = by_finding.get(i.finding, ())
        rule = next((r for r in rules_of if _names(r, i.text.lower())), None) if rules_of else None
        if rule is not None:
            if _said_of(rule, text, i):
                continue
            span = text[max(0, i.start - 15 * rule.reach) : i.start].lower()
            before = WORD.findall(span)[-rule.reach :]
            if rule.before & set(before):
                continue
            if rule.after:
                span = text[i.end : i.end + 15 * rule.reach].lower()
                if rule.after & set(WORD.findall(span)[: rule.reach]):
                    continue
        out.append(i)
    return out


@functools.cache
def rules() -> tuple[Combine, ...]:
    data = _data()
    out: list[Combine] = []
    for item in data.get("combine") or []:
        words = [str(w).lower() for w in item.get("settings", [])]
        out.append(
            Combine(
                finding=str(item["finding"]),
                carriers=frozenset(str(c) for c in item["carriers"]),
                settings=_by_first(words),
                vetoes=frozenset(str(w).lower() for w in item.get("veto_before", [])),
                vetoes_after=frozenset(str(w).lower() for w in item.get("veto_after", [])),
                contrast=bool(item.get("contrast", False)),
            )
        )
    return tuple(out)


def _by_first(settings: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each setting's words, grouped by its first word, the longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for setting in settings:
        seq = tuple(WORD.findall(setting))
        if seq:
            out.setdefault(seq[0], []).append(seq)
    return {w: tuple(sorted(seqs, key=len, reverse=True)) for w, seqs in out.items()}


def _setting(
    low: str, a: int, b: int, rule: Combine, inside: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The (start, end) of the first setting of `rule` in low[a:b] outside the carrier spans
    `inside`, not denied or made a relief by the words just before it."""
    words = list(WORD.finditer(low, a, b))
    said = [m.group() for m in words]
    for k, m in enumerate(words):
        seqs = rule.settings.get(said[k])
        if seqs is None:
            continue
        n = next((len(q) for q in seqs if tuple(said[k : k + len(q)]) == q), 0)
        if not n:
            continue
        end = words[k + n - 1].end()
        if any(s < end and m.start() < e for s, e in inside):
            continue
        if k + n < len(said) and said[k + n] in rule.vetoes_after:
            continue
        before = {x.group() for x in words[max(0, k - BEFORE) : k]}
        if before & (DENIALS | rule.vetoes) or any(x.endswith("n't") for x in before):
            continue
        if ASIDE & {x.group() for x in words[max(0, k - ASIDE_BEFORE) : k]}:
            continue
        return m.start(), end
    return None


def combined(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` and the findings their carriers and setting words give (see the module)."""
    table = rules()
    carried = {i.finding for i in items if i.value == "present"}
    todo = [r for r in table if r.carriers & carried]
    if not todo:
        return items
    said = {i.finding for i in items}
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: offsets must hold
        low = text
    out = list(items)
    for rule in todo:
        if rule.finding in said:
            continue
        carriers = [i for i in items if i.finding in rule.carriers and i.value == "present"]
        spans = [(i.start, i.end) for i in carriers]
        for c in carriers:
            k = sentence_at(text, c.start)
            if k < 0:
                continue
            sentence = sentence_spans(text)[k]
            a, b = max(sentence[0], c.start - REACH), min(sentence[1], c.end + REACH)
            hit = _setting(low, a, b, rule, spans)
            if hit is None:
                continue
            gap = low[min(c.end, hit[1]) : max(c.start, hit[0])]
            if not rule.contrast and CONTRASTS & set(WORD.findall(gap)):
                continue
            words = text[hit[0] : hit[1]]
            why = f"combined: {c.finding} {c.text!r} + setting {words!r}"
            out.append(Extracted(rule.finding, "present", hit[0], hit[1], words, why))
            said.add(rule.finding)
            break
    return out
