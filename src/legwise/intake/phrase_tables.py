"""The phrase tables and the phrase matcher built from them, once per knowledge base.

`phrase_tables(kb)`: lower-cased phrase -> the findings it can give, from the findings' own
lists and the generated synonyms, with their written variants (`phrase_variants`).
`phrase_matcher`: one spaCy PhraseMatcher over all of them (about 600,000 phrases), built from
each phrase's token hashes (`WordHashes`). Used by `legwise.intake.phrase_pipeline`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from legwise.intake.phrase_variants import add_variants
from legwise.intake.synonyms import IGNORE
from legwise.kb.loader import Knowledge

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Target:
    finding: str
    kind: str  # "phrase" | "history" | "family" | "absent" | "denied"


def phrase_tables(kb: Knowledge) -> tuple[dict[str, list[Target]], dict[str, list[Target]]]:
    """Lower-cased phrase -> the findings it can give (one phrase may serve several): first
    the findings' own phrase lists, then the phrases generated from
    `knowledge/intake/synonyms.yaml` that the own lists do not hold (an empty list: a phrase
    to ignore)."""
    from legwise.intake.synonyms import generated

    more = generated()  # also holds IGNORE, which is no finding id
    own: dict[str, list[Target]] = {}
    extra: dict[str, list[Target]] = {}
    for f in kb.findings.values():
        if f.type != "state":
            continue
        gen = more.get(f.id, {})
        for table, kind, phrases in (
            (own, "phrase", f.phrases),
            (own, "history", f.history_phrases),
            (own, "family", f.family_phrases),
            (extra, "phrase", gen.get("phrases", ())),
            (extra, "history", gen.get("history_phrases", ())),
            (extra, "absent", gen.get("absent_phrases", ())),
            (extra, "denied", gen.get("denied_phrases", ())),
        ):
            target = Target(f.id, kind)
            for phrase in phrases:
                key = " ".join(phrase.lower().split())
                if key and target not in (have := table.setdefault(key, [])):
                    have.append(target)
    for phrase in more.get(IGNORE, {}).get("phrases", ()):
        extra.setdefault(phrase, [])  # matched, so the words inside it are not read; gives nothing
        own.pop(phrase, None)  # a reviewed "not this finding" outweighs a bare own phrase
    for key, targets in list(extra.items()):
        if key in own:
            own[key] += [t for t in targets if t not in own[key]]
            del extra[key]
    add_variants(own, extra)  # without apostrophes or articles, with -s, other spelling
    return own, extra


_MIXED = re.compile(r"[a-z]\d|\d[a-z]")  # mixed letter-digit shorthand (T2DM)
_ODD_BLANKS = re.compile(r"^ | $|  |[^\S ]")  # blanks spaCy makes tokens of


class WordHashes:
    """A phrase as the PhraseMatcher stores it: its tokens' lower-case hashes (spaCy's LOWER).
    The tokenizer splits at spaces first and cuts each space-free chunk on its own, so a
    phrase's tokens are its chunks' tokens; the 600,000 phrases hold a few thousand distinct
    chunks, each tokenized once. Given to `PhraseMatcher.add` as arrays, not Docs (building a
    Doc for each phrase took most of the text reader's start-up time); the matcher keeps its
    patterns as such arrays and re-adds them so when it is unpickled.
    tests/intake/test_phrase_build.py checks the tokens against the tokenizer's own."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.chunks: dict[str, tuple[int, ...]] = {}

    def of(self, phrase: str) -> tuple[int, ...]:
        if not phrase.strip() or _ODD_BLANKS.search(phrase):  # a blank is then a token too
            return tuple(t.lower for t in self.tokenizer(phrase))
        out: tuple[int, ...] = ()
        for chunk in phrase.split(" "):
            hashes = self.chunks.get(chunk)
            if hashes is None:
                hashes = self.chunks[chunk] = tuple(t.lower for t in self.tokenizer(chunk))
            out += hashes
        return out


def phrase_matcher(
    nlp: Language, own: dict[str, list[Target]], extra: dict[str, list[Target]]
) -> tuple[Any, dict[int, tuple[str, str]], dict[str, list[Target]]]:
    """One spaCy PhraseMatcher for every phrase (tens of thousands: medspaCy's TargetMatcher,
    one match key per rule, takes seconds to add them; here one key per set of targets).
    The findings' own phrases are labelled by their first finding ("@kind" added when it is
    not a plain phrase), the generated ones by all their targets. Returns the matcher, match
    key -> (the label ConText rules see, the key's name), and key name -> the targets."""
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_key: dict[str, list[str]] = {}
    targets_of: dict[str, list[Target]] = {}
    labels: dict[str, str] = {}
    for table, is_own in ((own, True), (extra, False)):
        for phrase, targets in table.items():
            every = "+".join(f"{t.finding}@{t.kind}" for t in targets) or IGNORE
            first = targets[0] if targets else None
            label = (
                first.finding + ("" if first.kind == "phrase" else f"@{first.kind}")
                if is_own and first is not None
                else every
            )
            key = f"{label}|{every}"
            by_key.setdefault(key, []).append(phrase)
            labels[key] = label
            targets_of[key] = targets
    words = WordHashes(nlp.tokenizer)
    for key, phrases in by_key.items():
        seqs = [seq for phrase in phrases if (seq := words.of(phrase))]
        # "t2dm" is cut "t2 dm" but "T2DM" is one token: add a shorthand's capitals cut too
        seqs += [
            up
            for phrase in phrases
            if _MIXED.search(phrase)
            and len(up := words.of(phrase.upper())) != len(words.of(phrase))
        ]
        matcher.add(key, cast(Any, seqs))  # hash arrays, as spaCy's own unpickling adds them
    strings = nlp.vocab.strings
    return matcher, {strings[k]: (label, k) for k, label in labels.items()}, targets_of
