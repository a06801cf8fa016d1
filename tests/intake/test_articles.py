"""Texts without articles (`legwise.intake.bare_units`, and phrases matched without their
articles in `legwise.intake.phrase_pipeline`): non-native and telegraphic writers drop "the",
"a" and "an" ("pain in morning", "for week", "hour ago"), and the reading should not change.

The figure asserted is over the development sets' one-line lay texts, read as written and again
with every article taken out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legwise.intake.surface import normalise
from legwise.intake.text import extract
from legwise.kb.loader import Knowledge, load_knowledge

from .surface_forms import one_line_texts

DATA = Path(__file__).parent
ARTICLE = re.compile(r"\b(?:the|a|an) ", re.I)


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def _lay_texts(limit: int) -> list[str]:
    return one_line_texts("*lay*.yaml", ARTICLE.search)[:limit]


def test_lay_texts_without_articles_read_as_with_them(kb: Knowledge) -> None:
    texts = _lay_texts(400)
    assert len(texts) >= 300
    same = sum(
        dict(extract(t, kb).findings) == dict(extract(ARTICLE.sub("", t), kb).findings)
        for t in texts
    )
    # before articles were read as optional, 302/400 of these texts read the same (361 after)
    assert same / len(texts) >= 0.88, f"{same}/{len(texts)} read the same"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Achy knee for week, not swollen.", 7.0),
        ("toes gone blue and cold suddenly hour ago", 1 / 24),
        ("my daughter has had leg pain at night for month now", 30.0),
        ("it started about year ago", 365.0),
    ],
)
def test_a_time_unit_without_its_article_is_one_of_them(
    kb: Knowledge, text: str, days: float
) -> None:
    assert extract(text, kb).findings.get("symptom_duration_days") == pytest.approx(days, rel=0.01)


@pytest.mark.parametrize(
    "text",
    ["I walk for hours every day", "last week my calf swelled", "cramps once every week or so"],
)
def test_a_point_in_time_or_a_plural_gets_no_article(text: str) -> None:
    assert normalise(text)[0] == text
