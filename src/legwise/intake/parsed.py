"""A text read once into plain data: its tokens, sentences, matched phrases and ConText cues.

spaCy tokenizes and its PhraseMatchers find the phrases and the cue words
(`legwise.intake.phrase_pipeline`); everything after that is done here on token indices, with
no spaCy Span, Doc extension or pipeline component per text: those cost several times the
matching itself. What it computes is exactly what spaCy's rule `sentencizer` and medspaCy's
ConText (`ConText`: each cue's scope in its sentence, scopes limited by other cues,
then which phrases each cue modifies) give; tests/intake/test_parsed.py holds the two side by
side on every development text.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Match = tuple[int, int, int]  # (match key, start token, end token), as spaCy's matchers give
_BOUNDS = operator.itemgetter(1, 2)  # a match's (start, end)


@dataclass(slots=True, eq=False)
class Cue:
    """One ConText modifier: the rule's words at [start, end) and the tokens it reaches."""

    rule: Any  # medspacy ConTextRule
    category: str
    direction: str
    start: int
    end: int
    scope_start: int
    scope_end: int
    targets: list[Phrase] = field(default_factory=list)

    def allows(self, label: str) -> bool:
        """Whether the rule may modify a phrase of this (upper-cased) label (medspaCy's own)."""
        allowed, excluded = self.rule.allowed_types, self.rule.excluded_types
        if allowed is not None:
            return label in allowed
        if excluded is not None:
            return label not in excluded
        return True


@dataclass(slots=True, eq=False)
class Phrase:
    """One matched target phrase at tokens [start, end): `key` names its targets, `label` is
    what ConText rules see; `cues` are the modifiers ConText gave it (shared, as medspaCy's
    Span extension is, by every phrase with the same bounds)."""

    start: int
    end: int
    label: str
    key: str
    cues: tuple[Cue, ...] = ()


@dataclass(slots=True, eq=False)
class Parsed:
    """A text's tokens (lower-cased, as written, where each starts, whether it is white
    space), each token's sentence [sent_start, sent_end), the kept phrases and every cue."""

    text: str
    lower: list[str]
    orth: list[str]
    idx: list[int]
    space: list[bool]
    sent_start: list[int]
    sent_end: list[int]
    phrases: list[Phrase]
    cues: list[Cue]
    words: list[str] = field(default_factory=list)  # lower, a line break read as "."
    # each token's (start, end) in the text as given when `text` is its respelled form, else None
    where: list[tuple[int, int]] | None = None
    # where a negation cue inside a kept phrase starts (`list_scope.cut_by_term`), made once
    inner_negations: frozenset[int] | None = None
    # each denial heading's list (`denial_heads.headed_denial`), made once
    denial_heads: tuple[tuple[int, int, str], ...] | None = None

    def __post_init__(self) -> None:
        if "\n" not in self.text:  # no token holds a line break (the common case)
            self.words = list(self.lower)
            return
        self.words = ["." if "\n" in o else w for w, o in zip(self.lower, self.orth, strict=True)]

    def __len__(self) -> int:
        return len(self.lower)

    def start_char(self, start: int) -> int:
        return self.idx[start]

    def end_char(self, end: int) -> int:
        """The character offset where the token before `end` ends."""
        return self.idx[end - 1] + len(self.orth[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """The words of tokens [start, end) as written (spaCy's `Span.text`)."""
        if end <= start:
            return ""
        return self.text[self.idx[start] : self.end_char(end)]


def sentence_bounds(
    orth: Sequence[str], punct: Sequence[bool], ends: Collection[str]
) -> tuple[list[int], list[int]]:
    """Per token, its sentence's first token and the token after its last (spaCy's
    `Token.sent`), with the sentences of spaCy's `Sentencizer.predict` (`ends`: its punct_chars;
    `punct`: each token's is_punct): a sentence starts at the first token after an end mark
    that is neither punctuation nor an end mark. Only the end marks are visited, and each
    sentence's rows are made in one list operation (tests/intake/test_speed_phrases23.py holds
    it to the token-by-token walk)."""
    n = len(orth)
    starts = [0]
    j = 0
    for k in [i for i, t in enumerate(orth) if t in ends]:
        if k < j:
            continue  # among the marks and punctuation after an earlier mark
        j = k + 1
        while j < n and (punct[j] or orth[j] in ends):
            j += 1
        if j < n:
            starts.append(j)
    first: list[int] = []
    after: list[int] = []
    for a, b in zip(starts, [*starts[1:], n], strict=True):
        first += [a] * (b - a)
        after += [b] * (b - a)
    return first, after


def keep_longest(found: Iterable[tuple[int, int, str, str]]) -> list[Phrase]:
    """Phrases (start, end, label, key) but those lying inside a longer one ("swelling" in
    "calf swelling") and repeats of the same bounds and label; phrases that only partly
    overlap ("calf is swollen" and "swollen and red") are both kept, so neither is lost."""
    kept: list[Phrase] = []
    seen: set[tuple[int, int, str]] = set()
    # In (start, -end) order every kept phrase starts at or before this one, so it lies inside
    # one iff a kept phrase ends after it, or ends with it and starts earlier.
    furthest, earliest = -1, -1  # the furthest end kept, and the first start kept with it
    for start, end, label, key in sorted(found, key=lambda s: (s[0], -s[1])):
        if (start, end, label) in seen or furthest > end or (furthest == end and earliest < start):
            continue
        seen.add((start, end, label))
        kept.append(Phrase(start, end, label, key))
        if end > furthest:
            furthest, earliest = end, start
    return kept


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """medspaCy's `tuple_overlaps` (one span's start or end inside the other), kept as is."""
    return a0 <= b0 < a1 or a0 < b1 <= a1


def _cue(rule: Any, start: int, end: int, first: list[int], after: list[int]) -> Cue:
    """A modifier with medspaCy's scope: its sentence in its direction, cut to `max_scope`."""
    s0, s1 = first[start], after[start]
    direction, most = rule.direction, rule.max_scope
    if direction == "FORWARD":
        a, b = end, s1
        if most is not None and b - a > most:
            b = end + most
    elif direction == "BACKWARD":
        a, b = s0, start
        if most is not None and b - a > most:
            a = start - most
    else:  # BIDIRECTIONAL, TERMINATE, PSEUDO
        a, b = s0, s1
        if most is not None and start - a > most:
            a = start - most
        if most is not None and b - end > most:
            b = end + most
    return Cue(rule, rule.category, direction, start, end, a, b)


def _limit(cue: Cue, other: Cue) -> None:
    """medspaCy's `ConTextModifier.limit_scope`: a cue of the same category, or a terminating
    one, ends `cue`'s scope where it stands."""
    if not _overlaps(cue.scope_start, cue.scope_end, other.scope_start, other.scope_end):
        return
    if cue.direction == "TERMINATE":
        return
    rule, theirs = cue.rule, other.rule
    if (
        other.direction != "TERMINATE"
        and other.category.upper() not in rule.terminated_by
        and other.category.upper() != cue.category.upper()
    ):
        return
    if cue.category == other.category and (
        rule.allowed_types != theirs.allowed_types or rule.excluded_types != theirs.excluded_types
    ):
        return
    if cue.direction in ("FORWARD", "BIDIRECTIONAL") and other.start > cue.start:
        cue.scope_end = min(cue.scope_end, other.start)
    if cue.direction in ("BACKWARD", "BIDIRECTIONAL") and other.end < cue.end:
        cue.scope_start = max(cue.scope_start, other.end)


def apply_context(
    matches: list[Match],
    rules: dict[int, Any],
    phrases: list[Phrase],
    first: list[int],
    after: list[int],
) -> list[Cue]:
    """medspaCy's `ConText.__call__` on plain data: the cues of `matches` (already
    pruned), their scopes limited pairwise, the phrases each modifies (the closest
    `max_targets`), and each phrase's cues in cue order."""
    cues = [_cue(rules[key], start, end, first, after) for key, start, end in matches]
    for i in range(len(cues) - 1):
        one = cues[i]
        for j in range(i + 1, len(cues)):
            two = cues[j]  # `_limit`'s first test inline: most pairs lie in other sentences
            if _overlaps(one.scope_start, one.scope_end, two.scope_start, two.scope_end):
                _limit(one, two)
            if _overlaps(two.scope_start, two.scope_end, one.scope_start, one.scope_end):
                _limit(two, one)
    # medspaCy's `ConTextModifier.modifies` (data rules have no `on_modifies`): the phrase
    # meets the scope, not the cue words, and its label is allowed; cheap tests first
    acting = [c for c in cues if c.direction not in ("TERMINATE", "PSEUDO")]
    for phrase in phrases:
        start, end, label = phrase.start, phrase.end, ""
        for cue in acting:
            a, b = cue.scope_start, cue.scope_end
            if not (a <= start < b or a < end <= b):
                continue
            a, b = cue.start, cue.end
            if a <= start < b or a < end <= b:
                continue
            label = label or phrase.label.upper()
            if cue.allows(label):
                cue.targets.append(phrase)
    shared: dict[tuple[int, int], tuple[Cue, ...]] = {}
    for cue in cues:
        most = cue.rule.max_targets
        if most is not None and len(cue.targets) > most:
            here = cue
            near = sorted(
                cue.targets,
                key=lambda t: min(abs(here.start - t.end), abs(t.start - here.end)),
            )
            cue.targets = near[:most]
        for phrase in cue.targets:
            bounds = (phrase.start, phrase.end)
            shared[bounds] = (*shared.get(bounds, ()), cue)
    for phrase in phrases:
        phrase.cues = shared.get((phrase.start, phrase.end), ())
    return cues


# Two cues found on the same words: the category that counts, first to last. A word listed in
# two categories ("fine": relief and denial; "not anymore": resolved and denied; "used to have":
# past and resolved; "rather than": denied and supposed) was given to whichever spaCy listed
# first, in the order of its match keys' hashes; the keys hold each rule's place, so adding one
# rule anywhere re-dealt such words all over the list and changed readings it never matched
# (hT21, issue 12 round 21). This order keeps what those words were read as (0 of 18,659
# development readings changed).
SAME_WORDS_FIRST = ("HISTORICAL", "RESOLVED", "RELIEF", "NEGATED_EXISTENCE", "HYPOTHETICAL")


def _first(rules: dict[int, Any]) -> Callable[[Match], tuple[int, int, int]]:
    """The sort key that puts a text's cues in (start, end) order and, on the same words, the
    category first in SAME_WORDS_FIRST first (medspaCy's pruning keeps the first of equals)."""
    last = len(SAME_WORDS_FIRST)

    def key(m: Match) -> tuple[int, int, int]:
        c = rules[m[0]].category
        return m[1], m[2], SAME_WORDS_FIRST.index(c) if c in SAME_WORDS_FIRST else last

    return key


def _acts(rule: Any) -> tuple[str, ...]:
    """What a cue rule does, for telling two rules on the same words apart."""
    return tuple(
        str(getattr(rule, name, None))
        for name in ("category", "direction", "max_scope", "max_targets", "allowed_types",
                     "excluded_types", "terminated_by")
    )  # fmt: skip


def prune_longest(matches: list[Match]) -> list[Match]:
    """medspaCy's `prune_overlapping_matches` (strategy "longest"), answer for answer: in
    (start, end) order each match is paired with the next, the longer of two overlapping ones
    kept (the first of two as long), and the pass repeated until nothing changes; here with an
    index instead of its list pops, lambdas and recursion (tests/intake/test_speed_phrases23.py
    holds the two side by side)."""
    if not matches:
        return matches
    while True:
        unpruned = sorted(matches, key=_BOUNDS)
        n = len(unpruned)
        pruned: list[Match] = []
        curr, i = unpruned[0], 1
        while True:
            if i == n:
                pruned.append(curr)
                break
            nxt = unpruned[i]
            i += 1
            if curr[1] <= nxt[1] < curr[2] or curr[1] < nxt[2] <= curr[2]:
                pruned.append(nxt if nxt[2] - nxt[1] > curr[2] - curr[1] else curr)
                if i == n:
                    break
                curr = unpruned[i]
                i += 1
            else:
                pruned.append(curr)
                curr = nxt
        if len(pruned) == n:
            return pruned
        matches = pruned


def _pruned(
    matches: list[Match], prune: Callable[[list[Match]], list[Match]], rules: dict[int, Any]
) -> list[Match]:
    """medspaCy's `prune_overlapping_matches` (the longer of two overlapping cues): it walks
    the matches in (start, end) order comparing neighbours, so when no neighbours overlap (the
    common case) its answer is that order, without its list pops and recursion. Cues on the
    same words are ordered by SAME_WORDS_FIRST, not by the hash of their keys, and a kept cue
    brings the other rules of its category on its words that act otherwise (the other
    direction: "apixaban held" / "held apixaban")."""
    if len(matches) < 2:
        return list(matches)  # nothing to order or prune (most texts have one cue or none)
    ordered = sorted(matches, key=_first(rules))
    for one, two in itertools.pairwise(ordered):
        if _overlaps(one[1], one[2], two[1], two[2]):
            break
    else:
        return ordered
    kept = prune(ordered)
    spans: dict[tuple[int, int], list[Match]] = {}
    for m in ordered:
        spans.setdefault((m[1], m[2]), []).append(m)
    if len(spans) == len(ordered):
        return kept
    out: list[Match] = []
    for k in kept:
        out.append(k)
        same = spans[(k[1], k[2])]
        if len(same) < 2:
            continue
        category, acts = rules[k[0]].category, {_acts(rules[k[0]])}
        for m in same:
            if rules[m[0]].category == category and (a := _acts(rules[m[0]])) not in acts:
                acts.add(a)
                out.append(m)
    return out


def parse(
    text: str,
    tokens: tuple[list[str], list[str], list[int], list[bool], list[bool]],
    found: Iterable[tuple[int, int, str, str]],
    cue_matches: list[Match],
    rules: dict[int, Any],
    ends: Collection[str],
    prune: Callable[[list[Match]], list[Match]],
) -> Parsed:
    """Put a text together: `tokens` (each token's lower, text, idx, is_space and is_punct, as
    five lists), the target phrases `found` (start, end, label, key) and the cue matches,
    `prune`d as medspaCy does."""
    lower, orth, idx, space, punct = tokens
    first, after = sentence_bounds(orth, punct, ends)
    phrases = keep_longest(found)
    cues = apply_context(_pruned(cue_matches, prune, rules), rules, phrases, first, after)
    return Parsed(text, lower, orth, idx, space, first, after, phrases, cues)
