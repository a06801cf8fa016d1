"""Typos and texting shorthand read as the words meant.

Typos: a word that no phrase, lexicon or real-word list knows is corrected to the one lexicon
word one edit away (a letter dropped or added, or two swapped) that starts with the same letter
and is no other form of the same stem (`correction`; a tie goes to the far commoner word).
`legwise.intake.surface` applies it to the whole text through `corrector` before any reader
runs, so every reader sees "swollen" in "swolen". Shorthand ("n" for "and", "achin") is read
here, token for token, before any phrase is matched (`respell`); it comes from
`knowledge/intake/compose_lay.yaml`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from legwise.intake.compose_lexicon import _LEXICONS, MAX_CACHED, WORDS, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@functools.cache
def _deletion_index(vocab: frozenset[str]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for w in vocab:
        for d in _deletions(w):
            index.setdefault(d, set()).add(w)
    return {k: frozenset(v) for k, v in index.items()}


def correction(word: str, lex: Lexicon) -> str | None:
    """The lexicon word a typo stands for, or None: one edit away (a letter dropped or added, or
    two swapped; a changed letter too often makes another real word: "boxes" -> "bones"), the
    same first letter, no other form of the same stem, and the only such word."""
    if len(word) < lex.min_length or not word.isalpha() or word in lex.keep:
        return None
    index = _deletion_index(lex.vocab)
    found = set(index.get(word, ()))  # a letter dropped: "swolen"
    found |= _deletions(word) & lex.vocab  # a letter added: "moveing"
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    found |= swaps & lex.vocab  # two letters swapped: "tinlging"
    found = {w for w in found if w[0] == word[0] and not _siblings(word, w)}
    if len(found) == 1:
        return next(iter(found))
    return _commonest(found, lex.weights)


def corrector(lex: Lexicon) -> Callable[[str], str | None]:
    """A lower-case word -> the lexicon word its typo stands for, or None: `correction` with the
    lexicon's known words skipped and its answers remembered. `legwise.intake.surface` puts the
    typos right with it before any reader runs, so the number, Wells and exam readers read
    "pedal puses palpable" and "L calf 3 cm largr" as the phrase lists do."""
    keep, cache, shortest = lex.keep, lex.corrections, lex.min_length

    def correct(word: str) -> str | None:
        if word in keep or len(word) < shortest:
            return None
        if word in cache:
            return cache[word]
        new = correction(word, lex)
        if len(cache) < MAX_CACHED:
            cache[word] = new
        return new

    return correct


def _commonest(found: set[str], weights: dict[str, int]) -> str | None:
    """Of several words one edit from a typo, the one written at least twice as often as any
    other in the phrase lists ("stpped": stopped, not stepped), else None (a guess is worse than
    no correction)."""
    if not found:
        return None
    ranked = sorted(found, key=lambda w: weights.get(w, 0), reverse=True)
    first, second = weights.get(ranked[0], 0), weights.get(ranked[1], 0)
    return ranked[0] if first >= 2 * max(second, 1) else None


SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "y", "ly", "en", "n")


def _siblings(a: str, b: str) -> bool:
    """Whether two words are forms of one stem ("flushes", "flushed"): a real word, no typo.
    An ending that only lacks its "e" ("ankls", "swolln", "movd") is the commonest typo of all,
    not another form."""
    return any(
        a.endswith(x) and b.endswith(y) and a[: len(a) - len(x)] == b[: len(b) - len(y)]
        for x in SUFFIXES
        for y in SUFFIXES
        if x != y and "e" + x != y and "e" + y != x
    )


def respell(
    doc: Doc, lower: Sequence[str] | None = None, orth: Sequence[str] | None = None
) -> tuple[Doc, list[tuple[int, int]] | None]:
    """`doc` with texting shorthand read as the words meant (one token each; typos were put
    right in the whole text before, by `legwise.intake.surface` with `corrector`), and
    each token's (start, end) in the original text; the same doc and None when nothing
    changed (the common case). `lower`, `orth`: each token's lower_ and text when the caller
    has them already (a pass over a spaCy Doc costs more than the rest of this)."""
    lex = _LEXICONS.get(id(doc.vocab))
    if lex is None:
        return doc, None
    words = [t.lower_ for t in doc] if lower is None else list(lower)
    # unchanged words keep their case ("R calf")
    written = [t.text for t in doc] if orth is None else list(orth)
    texting, keep = lex.texting, lex.keep
    changed = False
    for i, w in enumerate(words):
        if w in keep and w not in texting:
            continue  # a known word (most of them): nothing below would change it
        new: str | None = None
        if w in texting:
            if len(w) > 2 or written[i] == w:  # "R calf": a side, not "are"
                new = texting[w]
            if w in lex.unless_site_next and i + 1 < len(words) and words[i + 1] in lex.site_words:
                new = None
        elif w.endswith("in") and w not in keep and w + "g" in keep:
            new = w + "g"  # a dropped g: "jumpin", "crawlin", "achin"
        if new is not None and new != w:
            words[i] = written[i] = new
            changed = True
    if not changed:
        doc.user_data[WORDS] = words
        return doc, None
    from spacy.tokens import Doc

    spaces = [bool(t.whitespace_) for t in doc]
    where = [(t.idx, t.idx + len(t.text)) for t in doc]
    fixed = Doc(doc.vocab, words=written, spaces=spaces)
    fixed.user_data[WORDS] = words
    return fixed, where
