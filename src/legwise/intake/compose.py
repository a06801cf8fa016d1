"""Findings composed from a body-site word and a quality word in one clause, for lay text that
no literal phrase list foresaw.

Phrase lists generalise poorly: "my calf has swelled", "the skin over my shin is quite red" and
"foots are numbing" each need their own phrase. Here a finding is read when one of its site
words ("calf", "shin") and one of its quality words ("swelled", "red") stand in the same clause
within a few words (lexicons in `knowledge/intake/compose_lay.yaml`, with their review note);
quality verbs match in every inflection. The read span is only the quality word (with any
`needs` words), read with the phrases, so ConText decides negation,
hedging, history and other people exactly as it does for a phrase ("calf is not swollen" is
absent), and a longer phrase that holds the word wins (`keep_longest`). The reads join the
matched phrases in `legwise.intake.phrase_pipeline.PhraseReader.read`.

Typos and texting shorthand are read first (`legwise.intake.respell`); the lexicon is built by
`legwise.intake.compose_lexicon`. Everything is built once per pipeline; a text costs a pass
over its tokens.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from legwise.intake.compose_lexicon import (
    Lexicon,
    Read,
    Seq,
    _knowledge_words,
    build,
)
from legwise.intake.synonyms import IGNORE
from legwise.kb.loader import Knowledge

if TYPE_CHECKING:
    from spacy.language import Language

KEY = "compose:"  # match-key prefix of a composed span (its kb_id)
# A clause ends at these words; "and"/"," end it only before a new subject ("... and my shin").
CLAUSE_END = frozenset({".", ";", "!", "?", ":", "but", "however", "although",
                        "though", "whereas", "while", "because", "so", "--", "\n"})  # fmt: skip
HEDGES = frozenset({"maybe", "perhaps", "possibly", "probably", "might", "may", "could", "if",
                    "whether", "think", "sure", "should", "would"})  # fmt: skip
NEGATIONS = frozenset({"not", "n't", "nt", "never", "no", "nothing", "none", "without"})
LIST_SEPARATORS = frozenset({",", "and", "or", "&", "/", "n"})
# a need carries over "or" ("can't feel his foot or wiggle his toes": can't wiggle them too),
# not over an item joined by "and" or a comma (hA, issue 12 round 7)
NEED_SEPARATORS = LIST_SEPARATORS - {"or"}
JOINS = frozenset({"and", ",", "&", "then", "n"})
# "my back, it's killing me", "the staff say it's tender": a pronoun stands for a site said
# shortly before it (only when the text names one of the rule's sites within PRONOUN_REACH)
PRONOUNS = frozenset({"it", "its", "they", "them"})
PRONOUN_REACH = 20
PLURAL_PRONOUNS = frozenset({"they", "them"})
PLURAL_IRREGULAR = frozenset({"feet"})  # the one leg word whose plural ends in no "s"
BOTH = frozenset({"both", "either", "each", "all"})  # "either leg": the legs, plural
SUBJECTS = frozenset({"i", "i'm", "im", "he", "she", "it", "it's", "its", "they", "we", "you",
                      "my", "his", "her", "their", "our", "the", "this", "that", "there",
                      "now"})  # fmt: skip


def _agrees(pronoun: str, words: list[str], s: int, e: int) -> bool:
    """Whether a pronoun can stand for the site words[s:e] by number: "they"/"them" only for a
    plural site ("my calves ... they ache", "either leg ... they keep giving way"), so that "They
    have no swelling of the entire leg. They have calf swelling" (a patient called "they") does
    not make the leg the swollen thing (round 20)."""
    if pronoun not in PLURAL_PRONOUNS:
        return True
    last = words[e - 1]
    return (
        last in PLURAL_IRREGULAR
        or (last.endswith("s") and not last.endswith("ss"))
        or not {*words[max(s - 1, 0) : e]}.isdisjoint(BOTH)
    )


def _standing(
    words: list[str], pronouns: list[int], sites: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The pronouns that may stand for one of `sites`: within PRONOUN_REACH after it and of
    its number."""
    return [
        (i, i + 1)
        for i in pronouns
        if any(e <= i <= e + PRONOUN_REACH and _agrees(words[i], words, s, e) for s, e in sites)
    ]


def _clause(words: list[str], i: int, joins: bool = True) -> tuple[int, int]:
    """The clause around token i: [start, end). `joins`: "and" or "," before a new subject
    ends it too (else only the stops do: "I push my foot against the wall and it lets go")."""
    a = i
    while a > 0:
        w = words[a - 1]
        if w in CLAUSE_END or "\n" in w or (joins and w in JOINS and words[a] in SUBJECTS):
            break
        a -= 1
    b = i + 1
    while b < len(words):
        w = words[b]
        if (
            w in CLAUSE_END
            or "\n" in w
            or (joins and w in JOINS and b + 1 < len(words) and words[b + 1] in SUBJECTS)
        ):
            break
        b += 1
    return a, b


def _near(
    hits: list[tuple[int, int]],
    q: tuple[int, int],
    span: tuple[int, int],
    gap: int,
    words: list[str] | None = None,
    separators: frozenset[str] = LIST_SEPARATORS,
) -> tuple[int, int] | None:
    """The hit (start, end) within the clause `span` and `gap` words of the quality `q`; with
    `words`, none of them a list separator (a need is read together with the quality, so it
    must not take in a neighbouring item: "never smoked, drink only socially")."""
    best: tuple[int, int] | None = None
    for s, e in hits:
        if s < span[0] or e > span[1] or (s < q[1] and q[0] < e):
            continue
        between = words[min(e, q[1]) : max(s, q[0])] if words is not None else []
        if separators & set(between):
            continue
        dist = q[0] - e if e <= q[0] else s - q[1]
        # the nearest; of two as near, the longer ("in bed at night", not "in bed")
        if dist <= gap and (
            best is None
            or dist < _dist(best, q)
            or (dist == _dist(best, q) and e - s > best[1] - best[0])
        ):
            best = (s, e)
    return best


def _dist(hit: tuple[int, int], q: tuple[int, int]) -> int:
    return q[0] - hit[1] if hit[1] <= q[0] else hit[0] - q[1]


def _hits(
    found: dict[Seq, list[int]], rules_of: list[int], lex: Lexicon, chosen: int
) -> dict[tuple[int, str], list[tuple[int, int]]]:
    """(rule, role) -> the (start, end) of each of its sequences found, for the `chosen` rules
    (a mask: those with a quality word in the text); `rules_of`: the mask of each sequence's
    rules, in `found`'s order."""
    hits: dict[tuple[int, str], list[tuple[int, int]]] = {}
    rule_roles = lex.rule_roles
    for (seq, starts), rules in zip(found.items(), rules_of, strict=True):
        mine = rules & chosen
        if not mine:
            continue  # the common case: a sequence of none of these rules (one int operation)
        spans = [(i, i + len(seq)) for i in starts]
        by_rule = rule_roles[seq]
        while mine:  # the chosen rules only, lowest first: `roles`' order (rules ascending)
            low = mine & -mine
            r = low.bit_length() - 1
            mine ^= low
            for role in by_rule[r]:
                hits.setdefault((r, role), []).extend(spans)
    return hits


def _found(words: list[str], lex: Lexicon) -> tuple[dict[Seq, list[int]], list[int], int, int, int]:
    """Each lexicon sequence in the text -> where it starts (one pass over the tokens, each
    word walking the lexicon's word tree: by start, then by length), the mask of each one's
    rules (in the same order), and the masks of the rules they are qualities, sites and needs
    of."""
    found: dict[Seq, list[int]] = {}
    rules_of: list[int] = []
    qualities = sites = needs = 0
    trie, n = lex.trie, len(words)
    for i, w in enumerate(words):
        node = trie.get(w)  # most words: None, no sequence starts with them
        j = i + 1
        while node is not None:
            seq, q, s, nd, rules, after = node
            if seq is not None:
                at = found.get(seq)
                if at is None:
                    found[seq] = [i]
                    rules_of.append(rules)
                    qualities, sites, needs = qualities | q, sites | s, needs | nd
                else:
                    at.append(i)
            if not after or j >= n:
                break
            node = after.get(words[j])
            j += 1
    return found, rules_of, qualities, sites, needs


def composed(words: list[str], lex: Lexicon) -> list[Read]:
    """Every composed read in a text's lower-cased tokens."""
    found, rules_of, chosen, with_site, with_need = _found(words, lex)  # chosen: a quality
    if not chosen:
        return []
    # the `chosen` rules whose sites and needs, when they have any, are in the text too: the
    # only ones read below, so the only ones whose hits are gathered (rule sets are bit masks)
    complete = chosen & ~(lex.with_sites & ~with_site) & ~(lex.with_needs & ~with_need)
    if not complete:
        return []  # quality words, but no rule with its sites and needs in the text too
    hits = _hits(found, rules_of, lex, complete)
    out: list[Read] = []
    clauses: dict[tuple[int, bool], tuple[int, int]] = {}
    pronouns: list[int] | None = None
    for (r, role), qualities in hits.items():
        if role != "quality":
            continue
        rule = lex.rules[r]
        sites = hits.get((r, "site"), [])
        needs = hits.get((r, "need"), [])
        if (rule.sites and not sites) or (rule.needs and not needs):
            continue  # the common case: a quality word with no site or need in the text
        sites = [
            h for h in sites if not _vetoed(words, h, rule.site_veto_prev, rule.site_veto_next_sets)
        ]
        standing: list[tuple[int, int]] = []  # pronouns standing for a site, tried last
        if sites:
            if pronouns is None:
                pronouns = [i for i, w in enumerate(words) if w in PRONOUNS]
            standing = _standing(words, pronouns, sites)
        for q in qualities:
            if _vetoed(words, q, rule.veto_prev, rule.veto_next_sets):
                continue
            key = (q[0], rule.joins)
            clause = clauses.get(key) or clauses.setdefault(key, _clause(words, *key))
            vetoes = hits.get((r, "veto"), [])
            if any(_vetoes(words, q, (s, e), clause, rule.across_commas) for s, e in vetoes):
                continue
            site = _near(sites, q, clause, rule.gap) if rule.sites else None
            if site is None and standing:
                site = _near(standing, q, clause, rule.gap)
            if site is None and rule.sites and needs:  # "goes from my back right down into
                near = _near(needs, q, clause, rule.gap)  # my calf": the site by the need
                site = _near(sites, near, clause, rule.gap) if near is not None else None
            if (
                rule.span == "with_site"
                and site is not None
                and site[0] >= q[1]
                and LIST_SEPARATORS & set(words[q[1] : site[0]])
            ):
                continue  # "no pins and needles, feeling down below is normal": another item
            if rule.sites and site is None:
                continue
            start, end = q
            if rule.needs:
                need = _near(
                    needs, q, clause, rule.gap, None if rule.across_commas else words,
                    NEED_SEPARATORS,
                )  # fmt: skip
                if need is None:
                    continue
                gap = words[min(need[1], q[1]) : max(need[0], q[0])]
                if NEGATIONS & set(gap):
                    continue  # "stretching doesn't help": a denial inside the read words
                if rule.span != "quality":
                    start, end = min(start, need[0]), max(end, need[1])
            if rule.span == "site" and site is not None:
                between = words[min(site[1], q[1]) : max(site[0], q[0])]
                if (NEGATIONS | HEDGES) & set(between):
                    continue  # a cue there would not reach the site: "it's not swollen"
                start, end = site  # "numbness in both the legs": the quality is another's phrase
            elif rule.span == "with_site" and site is not None:
                between = words[min(site[1], q[1]) : max(site[0], q[0])]
                if not (NEGATIONS | HEDGES) & set(between):  # else a cue must reach the quality
                    start, end = min(start, site[0]), max(end, site[1])
            out.append(Read(start, end, rule.finding, rule.reads, rule.swallows, q))
    return out


def _vetoes(
    words: list[str], q: tuple[int, int], hit: tuple[int, int], clause: tuple[int, int], wide: bool
) -> bool:
    """Whether a veto word at `hit` reaches the quality `q`: in its clause, and not past a comma
    between them (hT12: "shooting pain from the right buttock down to the heel for 10 days,
    worse lying flat at night": "lying" is the next list item's), unless the rule reaches across
    commas."""
    if not (clause[0] <= hit[0] and hit[1] <= clause[1]):
        return False
    if wide:
        return True
    a, b = (q[1], hit[0]) if hit[0] >= q[1] else (hit[1], q[0])
    return "," not in words[a:b]


def _vetoed(
    words: list[str],
    q: tuple[int, int],
    prev: frozenset[str],
    after: tuple[tuple[int, frozenset[Seq]], ...],
) -> bool:
    """Whether the word before the hit `q` or the words after it give it another meaning
    (`after`: the veto sequences by length, `compose_lexicon.by_length`)."""
    if q[0] > 0 and words[q[0] - 1] in prev:
        return True
    if not after:
        return False  # the common case: no veto after the hit
    end = q[1]
    for n, seqs in after:  # noqa: SIM110 (a plain loop: no generator per hit)
        if tuple(words[end : end + n]) in seqs:
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _ids(key: str, label: str) -> frozenset[str]:
    """The finding ids (and "_ignore") a phrase span's match key and label name."""
    return frozenset(re.split(r"[|+@]", key)) | {label}


def composed_phrases(
    words: list[str], lex: Lexicon, found: list[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """The composed reads of a text's (respelled) lower-cased `words` as phrases (start, end,
    label, key), to join the matched phrases `found` before the longest are kept: a read is
    left out where a phrase says it already, or where it would hide a phrase (unless its rule
    swallows them); then its quality word alone is tried."""
    reads = composed(words, lex)
    if not reads:
        return []
    said = [(a, b, _ids(key, label)) for a, b, label, key in found]
    out: list[tuple[int, int, str, str]] = []
    for read in reads:
        for start, end in dict.fromkeys([(read.start, read.end), read.quality]):
            if not _hidden(start, end, read, said):
                out.append((start, end, read.finding, f"{KEY}{read.reads}:{read.finding}"))
                break
    return out


def _hidden(start: int, end: int, read: Read, said: list[tuple[int, int, frozenset[str]]]) -> bool:
    """Whether a phrase says the read at [start, end) already, or the read would hide a phrase
    its rule does not swallow (a loop, not any(): no generator per read)."""
    finding, swallows = read.finding, read.swallows
    for a, b, ids in said:
        if a <= start and end <= b and (finding in ids or IGNORE in ids):
            return True
        if start <= a and b <= end and not swallows:
            return True
    return False


def lexicon_for(
    nlp: Language,
    kb: Knowledge,
    phrases: Iterable[str],
    targets_of: dict[str, list[Any]],
    target: Callable[[str, str], Any],
) -> Lexicon:
    """Build the lexicon for `nlp` (respell finds it by the vocab) and give `targets_of` (the
    phrase reader's key name -> targets) the composed keys.

    `phrases`: the phrase lists' phrases, whose words are never read as typos;
    `target(finding, kind)`: the reader's target for a read (passed in, so that this module
    does not import the phrase pipeline that imports it). A lexicon finding that `kb` does not
    hold as a yes/no finding is left out (a test or reduced knowledge base);
    tests/intake/test_compose.py checks that the shipped one holds them all."""

    from legwise.intake.context_lists import cue_words

    weights = Counter(w for p in phrases for w in p.split())
    weights.update(cue_words())
    ids = {f.id for f in kb.findings.values() if f.type == "state"}
    lex = build(nlp, set(weights) | _knowledge_words(), ids, weights)
    for rule in lex.rules:
        kind = rule.reads if rule.reads in ("absent", "denied") else "phrase"
        targets_of[f"{KEY}{rule.reads}:{rule.finding}"] = [target(rule.finding, kind)]
    return lex
