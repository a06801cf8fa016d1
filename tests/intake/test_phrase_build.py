"""The phrase matcher is built from each phrase's token hashes, put together chunk by chunk
(`phrase_tables.WordHashes`), not from a tokenized Doc per phrase: these must be the same
tokens spaCy's tokenizer gives the whole phrase, or a phrase would silently stop matching."""

from __future__ import annotations

import spacy

from legwise.intake.phrase_pipeline import reader
from legwise.intake.phrase_tables import WordHashes, phrase_tables
from legwise.kb import load_knowledge

TRICKY = [
    "can't walk on it", "i've noticed", "knee-high sock", "t2dm", "T2DM", "3cm bigger",
    "(swollen)", "leg's hot", "pins & needles", "a.m. stiffness", "e.g. cramps", "calf,",
    "won't", "o'clock", "10/10 pain", "feet/ankles", "it's", "...really", ":) fine",
    "two  spaces", " leading", "trailing ", "tab\there", "line\nbreak", "",
]  # fmt: skip


def whole(tokenizer: object, phrase: str) -> tuple[int, ...]:
    return tuple(t.lower for t in tokenizer(phrase))  # type: ignore[operator]


def test_tricky_phrases_give_the_tokenizers_own_tokens() -> None:
    tokenizer = reader(load_knowledge()).nlp.tokenizer
    words = WordHashes(tokenizer)
    for phrase in TRICKY:
        assert words.of(phrase) == whole(tokenizer, phrase), phrase


def test_the_shipped_phrases_give_the_tokenizers_own_tokens() -> None:
    """Every phrase with a character other than a letter or a space, and a sample of the rest."""
    kb = load_knowledge()
    tokenizer = reader(kb).nlp.tokenizer
    own, extra = phrase_tables(kb)
    phrases = [*own, *extra]
    odd = [p for p in phrases if not p.replace(" ", "").isalpha()]
    sample = odd + phrases[::97]
    assert len(odd) > 1000  # the check reaches the phrases at risk
    words = WordHashes(tokenizer)
    wrong = [p for p in sample if words.of(p) != whole(tokenizer, p)]
    assert wrong == []


def test_a_blank_english_tokenizer_agrees_too() -> None:
    """Without legwise's own tokenizer changes: the chunk rule is spaCy's, not ours."""
    tokenizer = spacy.blank("en").tokenizer
    words = WordHashes(tokenizer)
    for phrase in TRICKY:
        assert words.of(phrase) == whole(tokenizer, phrase), phrase
