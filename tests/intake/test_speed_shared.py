"""The speed work of round 17 (issue 12) never changes a reading.

Four mechanisms: `folded_re.gated` searches a pattern that lower case cannot read (a case-
sensitive camelCase boundary, a letter outside ASCII) only in a text that holds one of the
words every match holds; `clauses.sentence_spans` / `sentence_at` split a text into sentences
once for all the readers that walk them; the straight-leg raise is looked for in the whole text
before its sentences; and what a finding's help or id says is worked out once, not per reading.
Texts are built from the words and signs the patterns are made of, in every case, with letters
outside ASCII that fold to ASCII ones, so that matches are common and every check is tested.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

import legwise.intake
from legwise.intake import breath_scope, clauses, drug_reason, exam_states, wells_checklist
from legwise.intake.exam_states import SLR_TEST, slr_provokes
from legwise.intake.folded_re import Gated, gated
from legwise.intake.result import Extracted, extracted
from legwise.kb.loader import load_knowledge


def _gated_patterns() -> list[tuple[str, Gated]]:
    """Every gated pattern at the top of an intake module (alone, in a tuple or in a tuple of
    (name, pattern) pairs)."""
    out: list[tuple[str, Gated]] = []

    def walk(name: str, value: Any) -> None:
        if isinstance(value, Gated):
            out.append((name, value))
        elif isinstance(value, tuple):
            for v in value:
                walk(name, v)

    for info in pkgutil.iter_modules(legwise.intake.__path__):
        module = importlib.import_module(f"legwise.intake.{info.name}")
        for name, value in vars(module).items():
            walk(f"{info.name}.{name}", value)
    return out


GATED = _gated_patterns()
WORDS = ["ActiveCancer", "PreviousDVT", "priorDvt", "Alt", "alternative", "ddx", "Other",
         "pitting", "Pitting", "oedema", "EDEMA", "collateral", "Superficial", "veins",
         "tender", "TTP", "calf", "Calves", "whole", "ENTIRE", "leg", "swelling", "swollen",
         "paralysis", "paresis", "plaster", "cast", "Cast", "splint", "bed", "Bedridden",
         "surgery", "operation", "immobile", "cancer", "ca", "CA", "old", "earlier", "remote",
         "dvt", "VTE", "clot", "pmh", "past", "before", "previously", "ever", "something",
         "anything", "straight", "leg", "raise", "raising", "SLR", "slr", "Lasegue",
         "las\u00e8gue", "provokes", "reproduces", "sciatica", "pain", "not", "at 40",
         "positive", "no", "yes", "Y", "N", "+", "-", "1",
         "0", "3 cm", "\u017f", "\u212a", "\u0130", "\u2019"]  # fmt: skip
SEPARATORS = [" ", "", "  ", ", ", ".", ". ", ":", ": ", ";", "\n", "-", "/", "?", "!", "_"]
TEXTS = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=14
).map(lambda parts: "".join(w + s for w, s in parts))


def _found(p: Any, text: str, pos: int = 0) -> list[tuple[tuple[int, int], tuple[Any, ...]]]:
    return [(m.span(), m.groups()) for m in p.finditer(text, pos)]


def test_the_wells_labels_and_the_leg_raise_are_gated() -> None:
    names = {name for name, _ in GATED}
    assert {"wells_checklist.LABELS", "exam_states.SLR_TEST"} <= names
    assert len([p for _, p in wells_checklist.LABELS if isinstance(p, Gated)]) >= 8


@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example("ActiveCancer: yes, PreviousDVT: no, CalfSwelling 3 cm")
@example("Straight leg raise provokes pain. SLR + at 40")
@example("\u017fuperficial veins, ca\u017ft, LAS\u00c8GUE +")
def test_gated_patterns_find_what_the_patterns_as_written_find(text: str) -> None:
    for name, p in GATED:
        plain = re.compile(p.pattern, p.flags)
        for pos in (0, len(text) // 2):
            assert _found(p, text, pos) == _found(plain, text, pos), name
            got, want = p.search(text, pos), plain.search(text, pos)
            assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))
            got, want = p.match(text, pos), plain.match(text, pos)
            assert (got and got.span()) == (want and want.span()), name
        assert p.findall(text) == plain.findall(text), name
        assert p.sub("#", text) == plain.sub("#", text), name


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_wells_labels_read_as_their_data_writes_them(text: str) -> None:
    """The gated labels (compiled with a first-character look-ahead) against the labels'
    patterns compiled as the data gives them, as they were before."""
    data = wells_checklist._DATA["labels"]
    for (item, p), x in zip(wells_checklist.LABELS, data, strict=True):
        plain = re.compile(str(x["pattern"]).replace(r"\b", wells_checklist.CAMEL), re.I)
        assert item == x["item"]
        assert _found(p, text) == _found(plain, text), item
        for piece in text.split("/"):
            assert bool(p.search(piece)) == bool(plain.search(piece)), item


def test_gated_keeps_what_it_cannot_test_as_it_was() -> None:
    assert not isinstance(gated(r"\bswollen\b", re.I), Gated)  # lower case reads it: folded
    assert not isinstance(gated(r"(?-i:[A-Z])\w+", re.I), Gated)  # no word every match holds
    assert not isinstance(gated(r"(?-i:C)a\b|(?-i:X)y", re.I), Gated)  # too short to test
    p = gated(r"(?-i:[A-Z])?ancer\b|tumou?r", re.I)
    assert isinstance(p, Gated) and p.needs == ("ancer", "tumo")
    assert p.search("Tumour") is not None and p.search("a mass") is None
    # a text outside ASCII is read by the pattern as written (the long s folds to "s")
    assert gated(r"(?-i:[A-Z])?uperficial", re.I).search("\u017fuperficial") is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=3))
def test_shared_sentences_are_each_readers_own(texts: list[str]) -> None:
    for text in texts + texts[::-1]:  # a new text, then one seen before: never a stale split
        spans = [m.span() for m in re.finditer(r"[^.;!?\n]+", text)]
        assert list(clauses.sentence_spans(text)) == spans
        for at in range(len(text) + 2):
            want = next((k for k, (s, e) in enumerate(spans) if s <= at < e), -1)
            assert clauses.sentence_at(text, at) == want


def _slr_as_before(text: str, items: list[Extracted]) -> list[Extracted]:
    """`exam_states.slr_provokes` as it was: each sentence searched with the plain pattern."""
    plain = re.compile(SLR_TEST.pattern, SLR_TEST.flags)
    if any(i.finding == exam_states.SLR for i in items):
        return items
    for s in re.finditer(r"[^.;!?\n]+", text):
        test = plain.search(s.group(0))
        if test is None:
            continue
        m = exam_states.PROVOKES.search(s.group(0), test.end())
        if m is None or m.start() - test.end() > 60:
            continue
        if exam_states.NOT_BEFORE.search(s.group(0)[test.end() : m.start()]):
            continue
        a, b = s.start() + test.start(), s.start() + m.end()
        rule = f"straight-leg raise provokes {text[a:b]!r}"
        return [*items, extracted(exam_states.SLR, "present", a, b, text[a:b], rule)]
    return items


@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example("Straight leg raise provokes pain.\nSLR\nreproduces sciatica")
def test_the_leg_raise_is_named_in_a_sentence_only_when_the_text_names_it(text: str) -> None:
    if SLR_TEST.search(text) is None:
        for m in re.finditer(r"[^.;!?\n]+", text):
            assert SLR_TEST.search(m.group(0)) is None
    items = [Extracted("calf_pain", "present", 0, 1, text[:1], "test")]
    assert slr_provokes(text, items) == _slr_as_before(text, items)


def test_what_a_finding_says_is_worked_out_once_as_it_was_per_reading() -> None:
    kb = load_knowledge()
    for fid, spec in kb.findings.items():
        help_text = getattr(spec, "help", None)
        want = isinstance(help_text, str) and bool(drug_reason.MEDICINE_COUNTS.search(help_text))
        assert drug_reason._counts_medicine(kb, fid) is want, fid
        assert breath_scope._weak(fid) is bool(breath_scope.WEAKNESS.search(fid)), fid
    assert not drug_reason._counts_medicine(kb, "no_such_finding")
    assert any(breath_scope._weak(f) for f in kb.findings)
