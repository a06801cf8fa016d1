"""The cheap checks of round 15 that let Wells, list and course readers skip a costly pattern never
hide a match.

Each check exists only for speed (issue 12): a text it turns away must be one its pattern
cannot match, or an answer would go unread. Texts are built from the words and signs the
patterns are made of, so that matches are common and every check is put to the test; the
patterns given a look-ahead must find exactly what they found without it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import age_words, wells_keyed, wells_lists, wells_marklines, wells_marks
from legwise.intake.fast_re import any_in
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
