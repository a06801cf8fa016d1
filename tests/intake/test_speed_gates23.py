"""The speed changes of round 23 in the Wells chain (issue 12) read what they read before.

Each cheap check exists only for speed: a sentence it turns away must be one its patterns cannot
match, or an answer would go unread. Texts are built from the words and signs the patterns are
made of (with their case, spelling and spacing variants and near misses), so that matches are
common and every check is put to the test. The label lookups kept per string must give what
trying the label patterns in turn gives.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from legwise.intake import wells_compare
from legwise.intake.wells_labels import LABELS, named_item, named_items

LEVEL_SIGNS = ["", " ", "  ", "\t", "\n", ",", ", ", ";", ":", "(", ")", "[", "-", " -2", "(-2)",
               "= -2", "\u2212 2", "->", "\u2192", ".", "?", "'", "'s", "1", "2"]  # fmt: skip
LEVEL_PIECES = ["as", "As", "AS", "likely", "Likely", "LIKELY", "likelier", "unlikely", "probable",
                "plausible", "possible", "at least", "just", "Just", "equally", "Equally", "equal",
                "similar", "comparable", "on a par", "par", "to", "with", "it's", "its", "it is",
                "could", "might", "may", "be", "to be", "is", "was", "more", "less", "far",
                "much", "so", "hence", "i.e.", "dvt", "DVT", "clot", "VTE", "thrombus",
                "deep vein thrombosis", "a", "an", "the", "her", "his", "cellulitis", "tear",
                "Baker's cyst", "explains", "explained", "accounts for", "fits", "fit", "well",
                "as well", "equally well", "every bit", "quite", "good", "valid", "sound",
                "explanation", "cause", "diagnosis", "candidate", "easily", "favoured",
                "favored", "Favoured", "preferred", "PREFERRED", "over", "I'd", "I would", "we",
                "favour", "favor", "lean towards", "LEAN", "given", "because", "here", "it",
                "pain", "no", "not", "thinks", "li\u212aely", "\u017fo", "\u00e9"]  # fmt: skip
LEVEL_PATTERNS = (wells_compare.LEVEL, wells_compare.CLOT_FAVOURED, wells_compare.FAVOURED_OVER,
                  wells_compare.LESS_ALONE, wells_compare.MORE_ALONE,
                  wells_compare.FAVOUR_ALONE)  # fmt: skip


def _sentences(pieces: list[str], signs: list[str]) -> st.SearchStrategy[str]:
    """Runs of pattern words and signs, joined by blanks or by nothing."""
    part = st.sampled_from(pieces + signs)
    return st.lists(st.tuples(part, st.sampled_from([" ", " ", "", "  "])), max_size=16).map(
        lambda xs: "".join(a + b for a, b in xs)
    )


# matches that hold one gate word only (each word of the gate is needed by one of them)
ONE_WORD = ["it explains the pain quite as well", "on a par with DVT", "I'd lean towards a tear",
            "a tear is as good a candidate", "as sound an explanation", "as valid a cause",
            "as good a diagnosis", "as good a fit", "comparable to a clot", "similar to a DVT",
            "equal to a clot", "could just as easily be a tear", "Cellulitis unlikely",
            "it is as probable to be a tear", "a tear is as plausible (-2)", "DVT is preferred",
            "so DVT favoured", "I'd favor a strain"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(_sentences(LEVEL_PIECES, LEVEL_SIGNS))
@example("")
def test_level_gate_never_hides_a_match(sentence: str) -> None:
    """`may_weigh` turns away only sentences that none of `weighed_level`'s patterns match."""
    for one in ONE_WORD:  # each of these is matched, and its gate word is its only one
        assert any(p.search(one) for p in LEVEL_PATTERNS) and wells_compare.may_weigh(one)
    if not wells_compare.may_weigh(sentence):
        assert not any(p.search(sentence) for p in LEVEL_PATTERNS)
        assert wells_compare.weighed_level(sentence, True) is None
        assert wells_compare.weighed_level(sentence, False) is None


LABEL_PIECES = ["Active cancer", "ca", "CA", "Ca", "cancer", "malignancy", "tumour", "Tumor",
                "paralysis", "paresis", "plaster", "cast", "POP", "bedridden", "bed", "surgery",
                "major", "recent", "op", "immob", "Immob", "calf", "Calf", "calves", "3 cm",
                "swelling", "whole leg", "entire", "pitting", "edema", "oedema", "collateral",
                "superficial", "veins", "tender", "TTP", "deep", "pressure", "previous", "DVT",
                "vte", "clot", "PMH", "hx", "alt", "Alt.", "other dx", "ddx", "something else",
                "activeCancer", "prevDVT", "prior_dvt", "wells.cancer", "AltDx", "Tend", "y",
                "n", "yes", "no", ":", "=", " ", "-", "/", "(", ")", "?", "\u212a",
                "\u00e9"]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(_sentences(LABEL_PIECES, []))
def test_label_lookups_kept_per_string(words: str) -> None:
    """`named_item` / `named_items` (kept per string) give what the patterns tried in turn give,
    asked once or again."""
    first = next((i for i, p in LABELS if p.search(words)), None)
    every = frozenset(i for i, p in LABELS if p.search(words))
    for _ in range(2):
        assert named_item(words) == first
        assert named_items(words) == every


MAY_PIECES = ["likely", "LIKELY", "Probable", "plausible", "alt", "ALT", "other", "differ",
              "compet", "favour", "FAVOR", "else", "equal", "similar", "par", "PAR", "parity",
              "as well", "As\tWell", "as\nwell", "easily", "leading", "working", "provisional",
              "as good", "better", "nothing", "than", "THAN", "tha", "n", "DVT", "calf",
              "\u212a", "\u00e9", "\u0130"]  # fmt: skip
MAY_SIGNS = [".", ". ", "1.5", ";", "!", "?", "?a", "\n", "|", " | ", "x|y", ",", "_"]


@settings(max_examples=2000, deadline=None)
@given(_sentences(MAY_PIECES, MAY_SIGNS))
def test_sentence_checks_in_the_note_lowered_once(text: str) -> None:
    """`read_alternative`'s cheap checks read from the note lowered once (an ASCII note) say
    what they said read from each sentence."""
    from legwise.intake import wells

    if not text.isascii():
        return  # (such a note is read sentence by sentence, as before)
    low = text.lower()
    for m in wells.SENTENCE.finditer(text):
        sentence = m.group(0)
        assert bool(wells.MAY_LOW.search(low, *m.span())) == bool(wells.MAY_ANSWER.search(sentence))
        assert (low.find("than", *m.span()) >= 0) == ("than" in sentence.lower())
