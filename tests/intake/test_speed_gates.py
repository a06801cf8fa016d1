"""The cheap checks of round 15 that let Wells, list and course readers skip a costly pattern never
hide a match.

Each check exists only for speed (issue 12): a text it turns away must be one its pattern
cannot match, or an answer would go unread. Texts are built from the words and signs the
patterns are made of, so that matches are common and every check is put to the test; the
patterns given a look-ahead must find exactly what they found without it.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import (
    age_words,
    list_scope,
    surface,
    wells_keyed,
    wells_lists,
    wells_marklines,
    wells_marks,
)
from legwise.intake.fast_re import any_in
from legwise.intake.parsed import Cue, Parsed, Phrase
from legwise.intake.weakness_course import EARLIER, EARLIER_WORDS

SIGNS = ["", " ", "  ", "\t", ":", ": ", " :", "=", ",", ", ", ";", ".", "\n", "(", ")", "[", "]",
         "+", "-", " - ", "/", "//", "1", "3", " 2 ", "0", "(x)", "( )", "[x]", "[ ]", "\u25cf",
         "\u25cb", ":x:", "Q1", "q2 ", "Q3.", "1-Q9 (", "55 years ", "1 ("]  # fmt: skip
WORDS = ["yes", "no", "Y", "N", "cancer", "Active cancer", "calf swelling", "previous DVT",
         "bedridden", "collateral veins", "whole leg", "all absent", "none of these", "No to all",
         "all +ve", "criteria met", "Not met", "Pertinent negatives", "scoring", "Neg", "present",
         "yesterday", "last night", "overnight", "this morning", "earlier today", "over the past",
         "3 hours ago", "two days ago", "since 6 am", "Yday", "weak", "cannot lift", "male",
         "woman", "for", "since", "Legend", "answers", "\u00e9"]  # fmt: skip


MARKS = ["", "", "\u25cf", "\u25cb", ":x:", "(x)", "( )", "[x]", "[ ]", "+", "-", "Y", "N",
         "yes", "no", "+ 1 (", "0 (", "- 2 (", "Q1", "1-Q3 ("]  # fmt: skip
LABELS = ["Active cancer", "cancer)", "paralysis", "bedridden)", "calf swelling", "whole leg",
          "55 years male", "for 3 yrs, woman", "collateral veins", "alt dx as likely)",
          "DVT before (x) Yes ( ) No", "cast [ ] yes [x] no"]  # fmt: skip


def _texts() -> st.SearchStrategy[str]:
    """Free runs of words and signs, or checklist-like lines of a mark, a label and a mark."""
    words = st.lists(st.sampled_from(WORDS + SIGNS), min_size=1, max_size=24).map("".join)
    mark, label = st.sampled_from(MARKS), st.sampled_from(LABELS)
    gap = st.sampled_from(["", " ", "  ", "\t", " - ", ": ", ", "])
    line = st.tuples(mark, gap, label, gap, mark).map("".join)
    lines = st.lists(line, min_size=1, max_size=6).map("\n".join)
    return st.one_of(words, lines)


@settings(max_examples=1500, deadline=None)
@given(_texts())
def test_gates_never_hide_a_match(text: str) -> None:
    lower = text.lower()
    if text.isascii() and EARLIER.search(text):
        assert any_in(lower, EARLIER_WORDS)
    if wells_lists.LIST_HEAD.search(text):
        assert wells_lists._head_said(text)
    if lower.isascii() and wells_lists.COLLECTIVE.search(lower):
        assert any_in(lower, wells_lists.COLLECTIVE_WORDS)
    terms = [m for m in wells_lists.TERM.finditer(text) if m.group("sign") is not None]
    assert len(terms) <= len(wells_lists.TERM_POINTS.findall(text))
    for line in text.split("\n"):
        if line.isascii():
            marks = sum(map(line.lower().count, wells_marks.OPTION_STARTS))
            assert len(wells_marks.OPTION.findall(line)) <= marks
    for pattern in wells_marklines.LEAD, wells_marklines.TRAIL:
        if len(pattern.findall(text)) >= 4:
            assert pattern in wells_marklines._layouts(text)
    if len(wells_marklines.WORD_TRAIL.findall(text)) >= 4:
        assert wells_marklines.WORD_TRAIL in wells_marklines._layouts(text)


LOOK_AHEAD = re.compile(r"^\(\?=(?:\\d|q|\[q1\])\)")


@settings(max_examples=800, deadline=None)
@given(_texts())
def test_look_aheads_change_no_match(text: str) -> None:
    for pattern in (
        age_words.AGE_YEARS_SEX,
        wells_keyed.BRACKET_LEGEND,
        wells_keyed.INLINE_KEY,
        wells_keyed.KEYED_ANSWER,
    ):
        plain = re.compile(LOOK_AHEAD.sub("", pattern.pattern), pattern.flags)
        assert plain.pattern != pattern.pattern
        got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)]


PROSE = ["my", "husband", "husbnad", "Husbnad", "HUSBNAD", "Mother", "mohter", "Tuesday",
         "weks", "swolen", "Swolen", "puses", "Spain", "calf", "dont", "its gone", "twenty five",
         "a couple of", "days", "3", "67m", "no hx ca", "  ", "\t", "\n", ".", ",", " ", " ",
         " ", "\u00e9t\u00e9", "K\u212aelvin", "\u017fwolen", "I", "AND"]  # fmt: skip
FIXES = {"swolen": "swollen", "puses": "pulses", "mohter": "mother"}


def _reference(text: str, correct: surface.Correct) -> str:
    """`normalise`'s text with `_replacement` asked for every match (no word skipped)."""
    kinds = surface._kinds(text, correct)
    if not kinds:
        return text
    out, last = [], 0
    joined = re.compile("|".join(surface.PIECES[k] for k in kinds), re.I | re.M)
    for m in joined.finditer(text):
        new = surface._replacement(m, correct)
        if "blank" in kinds and m.lastgroup != "blank" and surface.INNER_BLANK.search(new):
            new = surface._squeezed(new, text)
        if new != m.group():
            out += [text[last : m.start()], new]
            last = m.end()
    return "".join([*out, text[last:]])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PROSE), min_size=1, max_size=30).map("".join))
def test_typo_words_skipped_are_kept(text: str) -> None:
    """`normalise` hands `_replacement` only the "typo" matches it may change: the text it
    gives is the one every match asked gives, and each kept character maps to itself."""
    got, where = surface.normalise(text, FIXES.get)
    assert got == _reference(text, FIXES.get)
    assert (where is None) == (got == text)
    if where is not None:
        assert len(where) == len(got)


def _fresh_cut(p: Parsed, ent: Phrase) -> list[Cue]:
    """`list_scope.cut_by_term` as it was: the inner negation cues worked out for each phrase."""
    neg = "NEGATED_EXISTENCE"
    inner = {c.start for c in p.cues if c.category == neg
             and any(q.start <= c.start and c.end <= q.end for q in p.phrases)}  # fmt: skip
    return [c for c in p.cues if inner and c.category == neg and c.direction == "FORWARD"
            and c.end <= ent.start and c.scope_end <= ent.start and c.scope_end in inner
            and c.start not in inner and p.sent_end[c.start] >= ent.end]  # fmt: skip


SPAN = st.tuples(st.integers(0, 11), st.integers(1, 4))
CUE = st.tuples(SPAN, st.sampled_from(["NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE"]),
                st.sampled_from(["FORWARD", "BACKWARD"]), st.integers(0, 12))  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(SPAN, max_size=5), st.lists(CUE, max_size=6), st.integers(3, 12))
def test_negations_inside_terms_made_once_per_text(
    spans: list[tuple[int, int]], cues: list[Any], sentence: int
) -> None:
    """The negation cues inside a text's phrases, made at its first phrase and kept, give every
    phrase the cut scopes that working them out for each phrase gave."""
    n = 16
    phrases = [Phrase(a, min(n, a + w), "X", "x") for a, w in spans]
    made = [Cue(None, cat, way, a, min(n, a + w), 0, min(n, e)) for (a, w), cat, way, e in cues]
    ends = [sentence if i < sentence else n for i in range(n)]
    p = Parsed("", [""] * n, [""] * n, list(range(n)), [False] * n, [0] * n, ends, phrases, made)
    for ent in phrases:
        assert list_scope.cut_by_term(p, ent) == _fresh_cut(p, ent)
